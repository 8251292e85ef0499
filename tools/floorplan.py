"""Measure the floor plan: largest modules, longest functions, import cycles, imports across lines.

    python tools/floorplan.py            # a report
    python tools/floorplan.py --check    # exit 1 when a rule is broken

Rules checked (issue 11): no Python module outside migrations over 600 lines; no function over
80 lines unless its first line says `# declarative table`; no import cycle between modules; the
ground floor (`core/`) imports nothing above it; no import crosses a process line (the Rasa
server and action server code in `bot/` and `channels/` never imports the backend, the backend never
imports the assistant; only `ops/`, tests, benches and tools import across).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "bot", "channels", "backend", "ops", "asb", "tests", "bench", "tools")
# What each top-level package may import (besides itself); others are unrestricted.
ALLOWED_IMPORTS = {
    "core": {"core"},
    "bot": {"core", "bot"},
    "channels": {"core", "channels"},
    "backend": {"core", "backend"},
}
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
DECLARATIVE_MARK = "# declarative table"


def python_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        base = ROOT / package
        if base.is_dir():
            files += [
                path for path in base.rglob("*.py")
                if "migrations" not in path.parts and ".venv" not in path.parts
            ]
    return sorted(files)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, tree: ast.AST, known: set[str]) -> set[str]:
    """Project modules imported by this file (anywhere in it, deferred imports included)."""
    this = module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = this.split(".")
                drop = node.level - 1 if is_package else node.level
                parent = parent[: len(parent) - drop] if drop else parent
                base = ".".join(parent + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != this:
                found.add(name)
    return found


def function_lengths(tree: ast.AST, lines: list[str]) -> list[tuple[str, int, bool]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            body_first = lines[node.body[0].lineno - 1] if node.body else ""
            header = "\n".join(lines[node.lineno - 1 : node.body[0].lineno])
            declared = DECLARATIVE_MARK in header or DECLARATIVE_MARK in body_first
            out.append((node.name, length, declared))
    return out


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def without_package_inits(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's __init__ re-exporting its modules is not a cycle between modules."""
    packages = {name for name in graph if any(other.startswith(name + ".") for other in graph)}
    return {
        name: {dep for dep in deps if dep not in packages}
        for name, deps in graph.items() if name not in packages
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a rule is broken")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)

    files = python_files()
    known = {module_name(path) for path in files}
    graph: dict[str, set[str]] = {}
    sizes: list[tuple[int, str]] = []
    functions: list[tuple[int, str, bool]] = []
    for path in files:
        text = path.read_text()
        lines = text.splitlines()
        tree = ast.parse(text)
        name = module_name(path)
        graph[name] = imports_of(path, tree, known)
        sizes.append((len(lines), str(path.relative_to(ROOT))))
        for function, length, declared in function_lengths(tree, lines):
            functions.append((length, f"{path.relative_to(ROOT)}:{function}", declared))

    sizes.sort(reverse=True)
    functions.sort(reverse=True)
    cycles = strongly_connected(without_package_inits(graph))
    across_lines = sorted(
        f"{name} -> {dep}"
        for name, deps in graph.items() if name.split(".")[0] in ALLOWED_IMPORTS
        for dep in deps if dep.split(".")[0] not in ALLOWED_IMPORTS[name.split(".")[0]]
    )
    big_modules = [(n, p) for n, p in sizes if n > MAX_MODULE_LINES]
    long_functions = [
        (n, f) for n, f, declared in functions if n > MAX_FUNCTION_LINES and not declared
    ]

    print(f"{len(files)} Python modules (migrations excluded)")
    print(f"\nLargest modules (limit {MAX_MODULE_LINES} lines):")
    for lines, path in sizes[: args.top]:
        print(f"  {lines:5d}  {path}")
    print(f"\nLongest functions (limit {MAX_FUNCTION_LINES} lines unless '{DECLARATIVE_MARK}'):")
    for lines, function, declared in functions[: args.top]:
        print(f"  {lines:5d}  {function}{'  (declarative table)' if declared else ''}")
    print(f"\nImport cycles between modules: {len(cycles)}")
    for cycle in cycles:
        print("  " + " <-> ".join(cycle))
    print(f"\nImports across a floor or process line (ALLOWED_IMPORTS): {len(across_lines)}")
    for line in across_lines:
        print("  " + line)
    broken = bool(big_modules or long_functions or cycles or across_lines)
    for lines, path in big_modules:
        print(f"TOO LONG: {path} has {lines} lines (limit {MAX_MODULE_LINES})")
    for lines, function in long_functions:
        print(f"TOO LONG: {function} has {lines} lines (limit {MAX_FUNCTION_LINES})")
    print(
        f"\nmodules over {MAX_MODULE_LINES}: {len(big_modules)}; functions over "
        f"{MAX_FUNCTION_LINES}: {len(long_functions)}; cycles: {len(cycles)}; "
        f"across lines: {len(across_lines)}"
    )
    return 1 if (args.check and broken) else 0


if __name__ == "__main__":
    sys.exit(main())
