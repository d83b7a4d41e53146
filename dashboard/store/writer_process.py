"""The importing process's end of :mod:`dashboard.store.sqlite_process`: starts the
SQLite writer's own process, sends it requests and raises its errors here.

Requests and answers are pickles on the child's standard input and output (see
that module); the child's standard error is this process's, so its rare
messages reach the same log.
"""

from __future__ import annotations

import contextlib
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from dashboard.store import sqlite_process

PROGRAM = Path(sqlite_process.__file__)


#: How long closing waits for the process to end before killing it.
EXIT_WAIT_SECONDS = 30.0
_spare: WriterProcess | None = None
_spare_lock = threading.Lock()


def warm_up() -> None:
    """Start a writer process for the next import, so that its start (a quarter of
    a second, mostly importing pyarrow) overlaps the import's reading of its file.
    One is kept at most; an idle one holds no connection."""
    global _spare
    with _spare_lock:
        if _spare is None or not _spare.alive():
            _spare = WriterProcess()


def take() -> WriterProcess:
    """The process :func:`warm_up` started, or a new one."""
    global _spare
    with _spare_lock:
        process, _spare = _spare, None
    return process if process is not None and process.alive() else WriterProcess()


class WriterError(RuntimeError):
    """The writer's database refused a request; ``kind`` is 'constraint', 'busy' or 'other'."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class WriterGone(RuntimeError):
    """The writer's process ended before answering (killed, or out of memory);
    ``exit_code`` is its exit code (negative: the signal that ended it)."""

    def __init__(self, message: str, exit_code: int | None):
        super().__init__(message)
        self.exit_code = exit_code


class WriterProcess:
    """A running writer process and the pipes to it. Requests are answered one at
    a time, in order; use it from one thread at a time."""

    def __init__(self) -> None:
        # Its own interpreter, started from the program's file (not ``-m``): nothing
        # of the dashboard package, and so no other SQLite library, is loaded there.
        self._process = subprocess.Popen(
            [sys.executable, str(PROGRAM)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._requests: IO[bytes] = self._process.stdin
        self._answers: IO[bytes] = self._process.stdout

    def call(self, operation: str, *arguments: Any) -> Any:
        """Send one request and wait for its answer; raise the writer's error."""
        body = pickle.dumps((operation, arguments), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._requests.write(sqlite_process.HEADER.pack(len(body)))
            self._requests.write(body)
            self._requests.flush()
        except (BrokenPipeError, OSError):
            raise self._gone() from None
        header = self._answers.read(sqlite_process.HEADER.size)
        if len(header) < sqlite_process.HEADER.size:
            raise self._gone()
        (size,) = sqlite_process.HEADER.unpack(header)
        answer = self._answers.read(size)
        if len(answer) < size:
            raise self._gone()
        status, *rest = pickle.loads(answer)
        if status == "error":
            raise WriterError(*rest)
        return rest[0]

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self._process.poll() is None

    def close(self) -> None:
        """End the process: ask it to close its connection (an open transaction rolls
        back), then wait until it has ended, so that the database file is the
        program's alone again."""
        try:
            if self._process.poll() is None:
                with contextlib.suppress(WriterGone, WriterError):
                    self.call("close")
        finally:
            for pipe in (self._requests, self._answers):
                with contextlib.suppress(OSError):
                    pipe.close()
            try:
                self._process.wait(EXIT_WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _gone(self) -> WriterGone:
        code = self._process.poll()
        return WriterGone(f"the database writer stopped (exit code {code}); nothing was imported", code)
