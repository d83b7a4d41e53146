"""The rows the import stores for the fixture corpus, compared with a snapshot."""

from __future__ import annotations

import pandas as pd

from tests.support.stored_rows import import_corpus, read_snapshot, stored_rows


def test_corpus_stores_the_recorded_rows(ready_engine, tmp_path):
    """Importing the roster and every file of tests/fixtures stores, column for
    column, the rows recorded in tests/fixtures/stored_rows.csv (recorded before
    the import was rewritten in columns): a faster import stores the same tests,
    placed, keyed, timed and linked alike, on SQLite and on PostgreSQL."""
    import_corpus(ready_engine, tmp_path / "rejects")
    rows = stored_rows(ready_engine)
    expected = read_snapshot()
    assert len(expected) > 50, "the snapshot holds the corpus"
    pd.testing.assert_frame_equal(rows, expected, check_dtype=False)
