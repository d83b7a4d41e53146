"""Check that the ``dashboard`` package has no import cycles and that its packages
depend on each other in one direction only (pages -> domain -> store).

Every import counts, at the top of a module or inside a function, so a cycle
cannot hide in a function-level import. Run: ``python tools/check_imports.py``;
exits 1 and names the cycles or the wrong-way arrows found.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "dashboard"

#: The packages from the bottom up: a module may import from its own package and
#: from those listed before it, never from those after it.
LAYERS = [
    ("paths", "text", "i18n"),
    ("refusals",),
    ("dates",),
    ("sheets",),
    ("store",),
    ("geo", "access"),
    ("ingest",),
    ("reports",),
    ("documents",),
    ("mail",),
    ("demo",),
    ("cli", "views"),
    ("app", "__main__"),
]


def module_name(path: Path) -> str:
    """``dashboard/store/bulk.py`` -> ``dashboard.store.bulk`` (a package's __init__ -> the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(p): p for p in sorted((ROOT / PACKAGE).rglob("*.py"))}


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its code."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from its own package (or a parent)
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in known and m != name and not _is_parent(m, name)}


def _is_parent(package: str, module: str) -> bool:
    # importing dashboard.store.bulk runs dashboard/store/__init__.py: not an arrow of its own
    return module.startswith(package + ".") and (ROOT / Path(*package.split(".")) / "__init__.py").exists()


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer_of(module: str) -> int:
    """The position of a module's package in :data:`LAYERS`."""
    top = module.split(".")[1] if "." in module else ""
    for level, names in enumerate(LAYERS):
        if top in names:
            return level
    raise SystemExit(f"{module}: its package is in no layer of tools/check_imports.py")


def wrong_way(graph: dict[str, set[str]]) -> list[str]:
    """Imports from a package above the importer's own."""
    return [
        f"{source} imports {target}"
        for source, targets in sorted(graph.items())
        if source != PACKAGE
        for target in sorted(targets)
        if target != PACKAGE and layer_of(target) > layer_of(source)
    ]


def main() -> int:
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    problems = [f"import cycle: {' <-> '.join(group)}" for group in cycles(graph)] + wrong_way(graph)
    for problem in problems:
        print(problem)
    if not problems:
        arrows = sum(len(targets) for targets in graph.values())
        print(f"imports: {len(known)} modules, {arrows} arrows, no cycle, every arrow downwards")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
