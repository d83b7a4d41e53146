"""The house's own checks (tools/): they find what they are for, and the code passes them."""

from __future__ import annotations

import ast
from pathlib import Path

from tools import check_imports, check_test_docstrings

REPO = Path(__file__).resolve().parents[2]
#: The calls that take a query's name: queries.run/execute/sql and the rollups' Database.
RUNNERS = {"run", "execute", "sql", "read", "read_arrow"}


def test_an_import_cycle_is_found_even_through_a_function_level_import():
    """Two modules that import each other form a cycle, whichever import sits inside a
    function; a chain that runs one way does not."""
    graph = {
        "dashboard.store.bulk": {"dashboard.store.bulk_sqlite"},
        "dashboard.store.bulk_sqlite": {"dashboard.store.bulk"},
        "dashboard.store.queries": {"dashboard.paths"},
        "dashboard.paths": set(),
    }
    assert check_imports.cycles(graph) == [["dashboard.store.bulk", "dashboard.store.bulk_sqlite"]]
    assert (
        check_imports.cycles(
            {k: v for k, v in graph.items() if k != "dashboard.store.bulk_sqlite"}
            | {"dashboard.store.bulk_sqlite": set()}
        )
        == []
    )


def test_an_import_from_a_package_above_is_an_arrow_the_wrong_way():
    """The store may not import from the reports (above it); the reports may import the store."""
    graph = {
        "dashboard.store.rollups": {"dashboard.reports.rules"},
        "dashboard.reports.rules": {"dashboard.store.queries"},
    }
    assert check_imports.wrong_way(graph) == ["dashboard.store.rollups imports dashboard.reports.rules"]


def test_the_dashboard_has_no_cycle_and_every_arrow_runs_downwards(capsys):
    """The whole package passes the import check, function-level imports included."""
    assert check_imports.main() == 0
    assert "no cycle, every arrow downwards" in capsys.readouterr().out


def test_every_test_says_what_it_proves(tmp_path, monkeypatch):
    """A test without a docstring is listed; the suite itself has none."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text('def test_a():\n    """Proves a."""\n\n\ndef test_b():\n    pass\n')
    monkeypatch.setattr(check_test_docstrings, "TESTS", tmp_path / "tests")
    assert check_test_docstrings.undocumented() == ["tests/test_x.py:5 test_b"]
    monkeypatch.undo()
    assert check_test_docstrings.undocumented() == []


def test_every_query_file_is_used_and_every_query_named_exists():
    """Each file in queries/ is named somewhere in the code (no dead SQL), and every
    name the code passes to a query runner has its file (a page would fail on it)."""
    queries = {path.stem for path in (REPO / "queries").glob("*.sql")}
    named, asked = set(), set()
    for path in (REPO / "dashboard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named.add(node.value)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNNERS:
                asked |= {a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    assert queries - named == set()
    assert {name for name in asked if name.isidentifier()} - queries == set()
    assert len(asked & queries) > 30
