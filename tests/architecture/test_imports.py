"""The import graph of the project's own modules: no circle, and no model module importing a view.

Read from the source (module-level imports only, as Python runs them at import time), so a circle
hidden by lazy imports inside functions cannot come back: ruff's PLC0415 keeps those out."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_PARTS = {"migrations", "tests", "bench", ".venv", "node_modules"}


def project_packages():
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in SKIPPED_PARTS and not path.parent.name.startswith(".")
    )


def module_files():
    for package in project_packages():
        for path in (ROOT / package).rglob("*.py"):
            if SKIPPED_PARTS.isdisjoint(path.relative_to(ROOT).parts):
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, name, known):
    """Project modules `path` imports when it is imported: `from a import b` names module a.b when
    b is a module, else a itself."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        else:
            continue
        yield from (target for target in targets if target in known and target != name)


def import_graph():
    files = {module_name(path): path for path in module_files()}
    return {name: set(imported_modules(path, name, files)) for name, path in files.items()}


def circles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
            elif child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def is_model_module(name):
    return ".models" in f".{name}" and name.split(".")[-1] != "views"


def is_view_module(name):
    return name.split(".")[-1].endswith("views")


def test_the_graph_is_read():
    graph = import_graph()
    assert "tooling.models" in graph
    assert "core.access" in graph["search.documents"]  # positive control: a known import is seen


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_between_modules():
    assert circles(import_graph()) == []


def test_no_model_module_imports_a_view_module():
    graph = import_graph()
    offending = {
        name: sorted(target for target in targets if is_view_module(target))
        for name, targets in graph.items()
        if is_model_module(name)
    }
    assert {name: views for name, views in offending.items() if views} == {}


FEATURE_APPS = {"practices", "tooling", "search", "following", "client_requests", "runs"}


def packages_imported_by(package, graph):
    return {
        target.split(".")[0]
        for name, targets in graph.items()
        if name.split(".")[0] == package
        for target in targets
    } - {package}


def test_the_layers_import_downwards_only():
    """core (the shared base) and kb (the network) import no feature app; nothing but the project's
    URLconf and settings imports the project package."""
    graph = import_graph()
    assert packages_imported_by("core", graph) <= {"kb"}
    assert packages_imported_by("kb", graph) <= {"core"}
    assert "core" in packages_imported_by("practices", graph)  # positive control: features build on core
    importers_of_project = {
        name for name, targets in graph.items() if any(t.split(".")[0] == "coopkb" for t in targets)
    }
    assert {name.split(".")[0] for name in importers_of_project} <= {"coopkb"}
