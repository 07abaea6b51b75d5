"""The data layer and the domain never import Textual (proved in a fresh interpreter)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import netnet.core
import netnet.data
import netnet.io


def _modules(package) -> list[str]:
    return [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


def test_core_data_and_io_never_import_textual() -> None:
    modules = _modules(netnet.core) + _modules(netnet.data) + _modules(netnet.io)
    assert "netnet.data.store" in modules and "netnet.core.cadence" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"textual imported by the data layer: {result.stdout}"


def test_the_command_line_lookup_path_stays_light() -> None:
    """`netnet contacts` must answer fast: no Textual and no SQLModel on that path."""
    code = (
        "import sys\n"
        "from netnet.cli import build_parser, cmd_contacts\n"
        "import netnet.data.contacts, netnet.data.export_rows\n"
        "print(','.join(m for m in ('textual', 'sqlmodel') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_screens_and_widgets_never_hold_a_connection_or_session() -> None:
    """Screens ask services; they never open a connection, transaction or session themselves."""
    import re
    from pathlib import Path

    root = Path(netnet.core.__file__).resolve().parent.parent
    files = [root / "app.py", *sorted((root / "screens").glob("*.py")), *sorted((root / "widgets").glob("*.py"))]
    forbidden = re.compile(r"\.conn\(\)|store\.(read|write|session)\(|^\s*(import sqlite3|from (sqlmodel|sqlalchemy)\b)", re.M)
    offenders = [f"{f.name}: {m.group(0).strip()}" for f in files for m in forbidden.finditer(f.read_text())]
    assert len(files) > 10
    assert offenders == []




def _cycles(graph) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(module: str) -> None:
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return sorted(found)


def test_no_import_cycles() -> None:
    """No two modules import each other, directly or through others: each layer reads downwards."""
    import grimp

    # A screen may name the app's type for the type checker (screens/base.py); that import
    # never runs, so it is not a dependency of the running program.
    assert _cycles(grimp.build_graph("netnet", exclude_type_checking_imports=True)) == []
