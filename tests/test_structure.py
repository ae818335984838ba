"""The code stays findable: no module over 400 lines, the main window a frame under 300, ui/ in
sub-packages, and no two modules that import each other when they are loaded (a ring)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "bcpviewer"
MAX_LINES = 400
MAX_WINDOW_LINES = 300


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def load_time_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports at load time: module-level imports, not those inside
    functions or under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if "TYPE_CHECKING" not in test:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)

    visit(tree.body)
    return {m for m in found if m in known and m != name}


def test_no_module_is_over_400_lines() -> None:
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_main_window_is_a_frame() -> None:
    window = PACKAGE / "ui" / "shell" / "main_window.py"
    assert len(window.read_text(encoding="utf-8").splitlines()) < MAX_WINDOW_LINES


def test_ui_is_organised_in_sub_packages() -> None:
    ui = PACKAGE / "ui"
    flat = sorted(p.name for p in ui.glob("*.py") if p.name not in {"__init__.py", "session.py", "jobs.py"})
    assert flat == []
    assert {p.name for p in ui.iterdir() if (p / "__init__.py").is_file()} >= {
        "shell", "loading", "project", "timeline", "items", "charts", "annotations", "analyses", "export"}


def test_every_module_says_what_it_is_for() -> None:
    missing = [name for name, path in modules().items()
               if path.stat().st_size and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None]
    assert missing == []


def test_no_two_modules_import_each_other_at_load_time() -> None:
    mods = modules()
    known = set(mods)
    graph = {name: load_time_imports(name, path, known) for name, path in mods.items()}
    # a package's __init__ importing its own modules is not a ring with them
    rings = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def connect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                rings.append(sorted(component))

    for v in graph:
        if v not in index:
            connect(v)
    assert rings == []
