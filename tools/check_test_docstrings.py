"""Check that every test says in a docstring what it proves.

Run: ``python tools/check_test_docstrings.py``; exits 1 and lists the tests
(``test_*`` functions in ``tests/``) without a docstring.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def undocumented() -> list[str]:
    """``path:line name`` of each test function without a docstring."""
    missing = []
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            is_test = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
            if is_test and not ast.get_docstring(node):
                missing.append(f"{path.relative_to(TESTS.parent)}:{node.lineno} {node.name}")
    return missing


def main() -> int:
    missing = undocumented()
    for line in missing:
        print(f"no docstring: {line}")
    if not missing:
        print("tests: every test has a docstring")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
