"""The package in layers: each module sits in one layer and imports only from its own layer or
the layers below, with no import cycle (function-level imports included)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "negotiation"
LAYERS = ("data", "analysis", "charts", "documents", "ui")
"""From the bottom up; the command line (cli) stands beside ui, at the top."""
RANK = {name: rank for rank, name in enumerate(LAYERS)} | {"cli": len(LAYERS)}
MODULES = {
    ".".join(("negotiation", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
        ".__init__"
    ): p
    for p in sorted(PACKAGE.rglob("*.py"))
}


def layer(module: str) -> str | None:
    """The layer of a module of the package (None for the package's own __init__)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def imports(module: str) -> set[str]:
    """The package's modules that `module` imports, anywhere in its body."""
    path, found = MODULES[module], set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in MODULES and name != module}
    return found


def test_every_module_sits_in_a_layer():
    assert {layer(m) for m in MODULES} - {None} == set(RANK)


def test_few_modules_beside_the_layers():
    beside = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert beside == ["__init__.py", "cli.py"]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m)))
def test_imports_point_down(module):
    own = RANK[layer(module)]
    upward = {m for m in imports(module) if layer(m) and RANK[layer(m)] > own}
    assert not upward, f"{module} ({layer(module)}) imports from a layer above: {upward}"


def test_no_import_cycle():
    graph = {m: {d for d in imports(m) if d != "negotiation"} for m in MODULES}
    # a package imports its own submodules to re-export them; that is not a cycle
    graph = {m: {d for d in ds if not d.startswith(m + ".")} for m, ds in graph.items()}
    done, path = set(), []

    def visit(module: str) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        path.append(module)
        for dep in sorted(graph[module]):
            visit(dep)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


def test_the_walker_sees_a_lazy_import():
    assert "negotiation.documents.briefing_pdf" in imports("negotiation.documents.report")
