"""No module of the project imports, at module level, a module that imports it back (#18).

Page models reach their selectors inside methods only; selectors and services import the
models. A cycle at module level makes import order matter and hides who depends on whom.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {"tests", "bench", "scripts", ".venv", "locale", "static", "templates", "docs"}


def _modules() -> dict[str, Path]:
    modules = {}
    for init in ROOT.glob("*/__init__.py"):
        package = init.parent
        if package.name in SKIP:
            continue
        for path in package.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def _module_level_imports(path: Path) -> set[str]:
    """Targets of ``import`` statements run when the module is imported."""
    targets: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets.add(node.module)
            targets.update(f"{node.module}.{alias.name}" for alias in node.names)
    return targets


def _graph() -> dict[str, set[str]]:
    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = {resolve(target) for target in _module_level_imports(path)}
        graph[name] = {edge for edge in edges if edge and edge != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


class ImportCycleTests:
    def test_no_module_level_import_cycle(self):
        assert _cycles(_graph()) == []

    def test_the_checker_sees_a_cycle(self):
        assert _cycles({"a.models": {"a.selectors"}, "a.selectors": {"a.models"}}) == [
            ["a.models", "a.selectors"]
        ]

    def test_page_models_do_not_import_their_selectors_at_module_level(self):
        graph = _graph()
        for name, targets in graph.items():
            if name.endswith(".models") or ".models." in name:
                app = name.split(".")[0]
                assert f"{app}.selectors" not in targets, name


def _imports_anywhere(path: Path) -> set[str]:
    """Every module an ``import`` statement names, at module level or inside a function."""
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets.add(node.module)
            targets.update(f"{node.module}.{alias.name}" for alias in node.names)
    return targets


def _models_importing_own_selectors() -> list[str]:
    found = []
    for name, path in _modules().items():
        if not (name.endswith(".models") or ".models." in name):
            continue
        app = name.split(".")[0]
        own = f"{app}.selectors"
        if any(t == own or t.startswith(f"{own}.") for t in _imports_anywhere(path)):
            found.append(name)
    return sorted(found)


class ModelsSelectorsTests:
    """A models module never imports its app's selectors, not even inside a method: the
    app's ``contexts`` module registers the pages' template context (``core.page_context``)."""

    def test_no_models_module_imports_its_own_selectors(self):
        assert _models_importing_own_selectors() == []

    def test_the_checker_sees_an_import_inside_a_method(self, tmp_path):
        path = tmp_path / "models.py"
        path.write_text(
            "class P:\n    def get_context(self):\n        from news.selectors import x\n",
            encoding="utf-8",
        )
        assert "news.selectors" in _imports_anywhere(path)
