"""The package's shape, as docs/architecture.md describes it (issue 14).

Read from the source with `ast`, so a function-level import counts as much as
a top-level one: a cycle hidden inside a function is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 300

# Folders in the order data flows: each may import only from those before it
# (and from the shared modules at the package's top level).
LAYERS = ["data", "checks", "content", "charts", "maps", "publish"]


def modules() -> dict[str, Path]:
    """Dotted name (generator.x.y) -> file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports, anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_cycle_finder_finds_a_cycle_hidden_in_a_function(tmp_path) -> None:
    # The checker itself: a lazy import inside a function still closes a loop.
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from .b import g\n")
    b.write_text("def g():\n    from .a import x\n")
    known = {"pkg.a", "pkg.b"}
    edges = {"pkg.a": imports_of("pkg.a", a, known), "pkg.b": imports_of("pkg.b", b, known)}
    assert find_cycle(edges) == ["pkg.a", "pkg.b", "pkg.a"]
    assert find_cycle({"pkg.a": {"pkg.b"}, "pkg.b": set()}) is None


def test_no_import_cycle_between_modules() -> None:
    cycle = find_cycle({m: deps for m, deps in graph().items() if m != "generator"})
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_folders_depend_one_way() -> None:
    """data <- checks <- content <- charts/maps <- publish; never back up the flow."""
    wrong = []
    for mod, deps in graph().items():
        parts = mod.split(".")
        if len(parts) < 3 or parts[1] not in LAYERS:
            continue
        rank = LAYERS.index(parts[1])
        for dep in deps:
            dparts = dep.split(".")
            if len(dparts) >= 3 and dparts[1] in LAYERS and LAYERS.index(dparts[1]) > rank:
                wrong.append(f"{mod} imports {dep}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_is_short(name: str) -> None:
    lines = len(modules()[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES}): split it by job"


def _module_state(path: Path) -> list[str]:
    """Module-level state a build could change: `global` rebinding, and objects of the
    package's own classes made at import time (`_sitemap = Sitemap()`)."""
    tree = ast.parse(path.read_text())
    classes = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    found = [f"line {n.lineno}: global {', '.join(n.names)}" for n in ast.walk(tree) if isinstance(n, ast.Global)]
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Name) and func.id in classes:
                found.append(f"line {node.lineno}: an instance of {func.id} made at import")
    return found


def test_state_checker_sees_globals(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("class S:\n    pass\n_s = S()\ndef f():\n    global X\n    X = 1\n")
    assert len(_module_state(bad)) == 2


def test_no_module_level_state() -> None:
    found = [f"{name}: {s}" for name, path in modules().items() for s in _module_state(path)]
    assert not found, "state lives on the Pelican instance or a generator, not in a module:\n" + "\n".join(found)
