"""Rows are read by name and SQL takes named parameters ("one road to the data").

Every module of the data layer (``netnet/data``), the importers/exporters
(``netnet/io``), ``netnet/demo.py`` and ``netnet/cli_followups.py`` is parsed with
``ast``. The test fails on:

(a) a positional read of a row: an integer subscript (``r[0]``), tuple unpacking
    (``a, b = row``, ``for a, b in conn.execute(...)``) or star-unpacking
    (``Thing(*row)``) of a value that comes from ``.fetchone()``, an item of
    ``.fetchall()``/``.fetchmany()``, a ``for`` over ``.execute(...)`` or a cursor,
    or a name assigned from one of those;
(b) a ``?`` placeholder in SQL: in a string passed to ``.execute(``/``.executemany(``
    (directly, through a name bound to a string, an f-string or a ``+``), or in
    any string constant that is plainly SQL (it has an SQL keyword).

The analysis is per function and by name, so it is deliberately simple. Every
module of the data layer, io and the demo is covered: none is exempt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "netnet"

FETCH_ROW = {"fetchone"}
FETCH_ROWS = {"fetchall", "fetchmany"}
EXECUTE = {"execute", "executemany"}
ROW_PARAMETERS = {"r", "row"}

# A '?' used as a DB-API placeholder: after an operator, a comma or an opening
# parenthesis, or after IN/LIKE/VALUES/LIMIT/OFFSET/THEN/ELSE.
_PLACEHOLDER = re.compile(
    r"(?:[=(,<>+\-*/|]|\b(?:IN|LIKE|GLOB|VALUES|LIMIT|OFFSET|THEN|ELSE|AND|OR|IS|NOT))\s*\?"
    r"(?![\w'\"?])",
    re.IGNORECASE,
)
_SQL_WORDS = re.compile(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|VALUES)\b")
# A fragment built up for a query: "notes = ?", "paused_seconds + ?".
_FRAGMENT = re.compile(r"\b\w+\s*(?:=|!=|<>|<=|>=|<|>|\s\+\s)\s*\?(?![\w'\"?:=!<P#])")


def modules() -> list[Path]:
    found = sorted((PACKAGE / "data").rglob("*.py")) + sorted((PACKAGE / "io").rglob("*.py"))
    found += [PACKAGE / "demo.py", PACKAGE / "cli_followups.py"]
    return [path for path in found if path.exists()]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _attr_call(node: ast.AST, names: set[str]) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in names)


class _Scope:
    def __init__(self) -> None:
        self.rows: set[str] = set()     # names bound to one row
        self.many: set[str] = set()     # names bound to an iterable of rows (cursor, fetchall())


class RowChecker(ast.NodeVisitor):
    """Finds positional reads of rows (a)."""

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []
        self.scopes = [_Scope()]

    # -- what a value is ---------------------------------------------------

    def kind(self, node: ast.AST) -> str | None:
        """'row' for one row, 'many' for rows to iterate, else None."""
        if _attr_call(node, FETCH_ROW):
            return "row"
        if _attr_call(node, FETCH_ROWS) or _attr_call(node, EXECUTE):
            return "many"
        if isinstance(node, ast.Name):
            for scope in reversed(self.scopes):
                if node.id in scope.rows:
                    return "row"
                if node.id in scope.many:
                    return "many"
            return None
        if isinstance(node, ast.Subscript) and self.kind(node.value) == "many":
            return "row"  # rows[0] is a row, not a column
        if isinstance(node, ast.IfExp):  # row if row else (None, None)
            return self.kind(node.body) or self.kind(node.orelse)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "next" \
                and node.args and self.kind(node.args[0]) == "many":
            return "row"
        return None

    def bind(self, target: ast.AST, kind: str | None, lineno: int) -> None:
        scope = self.scopes[-1]
        if isinstance(target, ast.Name):
            scope.rows.discard(target.id)
            scope.many.discard(target.id)
            if kind == "row":
                scope.rows.add(target.id)
            elif kind == "many":
                scope.many.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if kind == "row":
                self.problems.append((lineno, "a row unpacked into names (read it by name)"))
            for element in target.elts:
                self.bind(element.value if isinstance(element, ast.Starred) else element, None, lineno)

    # -- scopes ------------------------------------------------------------

    def _function(self, node) -> None:
        self.scopes.append(_Scope())
        # A helper that builds an object from a row takes it as ``r``/``row`` (unannotated or a
        # Row; a ``row: list[str]`` is a line of a CSV file, not a database row).
        for arg in node.args.posonlyargs + node.args.args:
            if arg.arg in ROW_PARAMETERS and (arg.annotation is None or "Row" in ast.unparse(arg.annotation)):
                self.scopes[-1].rows.add(arg.arg)
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function
    visit_Lambda = _function

    def _comprehension(self, node) -> None:
        self.scopes.append(_Scope())
        for generator in node.generators:
            self.visit(generator.iter)
            self._iterates_row(generator.iter, generator.iter.lineno)
            kind = self.kind(generator.iter)
            self.bind(generator.target, "row" if kind == "many" else None, generator.target.lineno)
            for condition in generator.ifs:
                self.visit(condition)
        for name in ("elt", "key", "value"):
            if hasattr(node, name):
                self.visit(getattr(node, name))
        self.scopes.pop()

    visit_ListComp = _comprehension
    visit_SetComp = _comprehension
    visit_GeneratorExp = _comprehension
    visit_DictComp = _comprehension

    # -- bindings ----------------------------------------------------------

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self.kind(node.value)
        for target in node.targets:
            self.bind(target, kind, node.lineno)
            if not isinstance(target, ast.Name):
                self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
            self.bind(node.target, self.kind(node.value), node.lineno)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind(node.target, self.kind(node.value), node.lineno)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self._iterates_row(node.iter, node.lineno)
        kind = self.kind(node.iter)
        self.bind(node.target, "row" if kind == "many" else None, node.lineno)
        for child in node.body + node.orelse:
            self.visit(child)

    visit_AsyncFor = visit_For

    # -- reads -------------------------------------------------------------

    def visit_Subscript(self, node: ast.Subscript) -> None:
        index = node.slice
        if isinstance(index, ast.Constant) and isinstance(index.value, int) \
                and not isinstance(index.value, bool) and self.kind(node.value) == "row":
            self.problems.append((node.lineno, f"a row read by position [{index.value}]"))
        if isinstance(index, ast.Slice) and self.kind(node.value) == "row":
            self.problems.append((node.lineno, "a row sliced by position"))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func, args = node.func, node.args
        if args and isinstance(func, ast.Name):
            kind = self.kind(args[0])
            if func.id in ("list", "tuple", "dict") and kind == "row":
                self.problems.append((node.lineno, f"a row turned into a {func.id} by position"))
            elif func.id == "dict" and kind == "many":
                self.problems.append((node.lineno, "rows turned into a dict by position (first column as key)"))
            elif func.id == "map" and len(args) > 1 and isinstance(args[0], ast.Attribute) \
                    and args[0].attr == "_make" and self.kind(args[1]) == "many":
                self.problems.append((node.lineno, "rows made into named tuples by position (_make)"))
        if args and isinstance(func, ast.Attribute) and func.attr == "_make" and self.kind(args[0]) == "row":
            self.problems.append((node.lineno, "a row made into a named tuple by position (_make)"))
        self.generic_visit(node)

    def _iterates_row(self, iterable: ast.AST, lineno: int) -> None:
        if self.kind(iterable) == "row":
            self.problems.append((lineno, "a row's values walked by position"))

    def visit_Starred(self, node: ast.Starred) -> None:
        if self.kind(node.value) == "row":
            self.problems.append((node.lineno, "a row spread by position (*row)"))
        self.generic_visit(node)


def _strings(node: ast.AST, bound: dict[str, list[ast.AST]]) -> list[str]:
    """The string constants that make up an SQL argument."""
    out: list[str] = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            out.append(child.value)
        elif isinstance(child, ast.Name) and child.id in bound:
            for value in bound[child.id]:
                out += [c.value for c in ast.walk(value)
                        if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return out


def placeholder_problems(tree: ast.Module) -> list[tuple[int, str]]:
    """(b): '?' placeholders in SQL."""
    bound: dict[str, list[ast.AST]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name):
            bound.setdefault(node.target.id, []).append(node.value)
    problems: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if _attr_call(node, EXECUTE) and node.args:
            if any("?" in text for text in _strings(node.args[0], bound)):
                problems.append((node.lineno, "a '?' placeholder passed to execute (use :name)"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if "?" in text and ((_SQL_WORDS.search(text) and _PLACEHOLDER.search(text))
                                or _FRAGMENT.search(text)):
                problems.append((node.lineno, "a '?' placeholder in SQL text (use :name)"))
    return sorted(set(problems))


def problems_in(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    checker = RowChecker()
    checker.visit(tree)
    return sorted(set(checker.problems)) + placeholder_problems(tree)


@pytest.mark.parametrize("path", modules(), ids=_rel)
def test_rows_read_by_name_and_named_parameters(path: Path) -> None:
    found = problems_in(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{_rel(path)}:{line}: {what}" for line, what in found)


def test_every_module_of_the_data_layer_is_checked() -> None:
    names = {_rel(path) for path in modules()}
    assert {"netnet/data/store.py", "netnet/data/schema.py", "netnet/data/backup.py",
            "netnet/data/contacts.py", "netnet/demo.py"} <= names


# -- the checker itself catches what it should, and no more -----------------

CAUGHT = {
    "index on fetchone": "def f(c):\n    return c.execute('SELECT 1 AS n').fetchone()[0]\n",
    "index on a name": "def f(c):\n    r = c.execute('SELECT a FROM t').fetchone()\n    return r[0]\n",
    "for over execute": "def f(c):\n    for r in c.execute('SELECT a FROM t'):\n        print(r[1])\n",
    "cursor variable": "def f(c):\n    cur = c.execute('SELECT a FROM t')\n    return [r[0] for r in cur]\n",
    "fetchall item": "def f(c):\n    rows = c.execute('SELECT a FROM t').fetchall()\n    return rows[0][0]\n",
    "unpack a row": "def f(c):\n    a, b = c.execute('SELECT a, b FROM t').fetchone()\n",
    "unpack in for": "def f(c):\n    for a, b in c.execute('SELECT a, b FROM t'):\n        pass\n",
    "row helper": "def _item(r):\n    return Item(id=r[0])\n",
    "unpack row or default": "def f(c):\n    r = c.execute('SELECT a, b FROM t').fetchone()\n"
                             "    a, b = r if r else (None, None)\n",
    "list of a row": "def f(c):\n    return [list(r) for r in c.execute('SELECT a, b FROM t')]\n",
    "dict of rows": "def f(c):\n    return dict(c.execute('SELECT a, b FROM t').fetchall())\n",
    "walk a row": "def f(c):\n    r = c.execute('SELECT a, b FROM t').fetchone()\n    return [v for v in r]\n",
    "make from a row": "def f(c):\n    return [T._make(r) for r in c.execute('SELECT a FROM t')]\n",
    "map make": "def f(c):\n    return list(map(T._make, c.execute('SELECT a FROM t').fetchall()))\n",
    "spread a row": "def f(c):\n    r = c.execute('SELECT a FROM t').fetchone()\n    return T(*r)\n",
    "qmark": "def f(c, x):\n    c.execute('SELECT a FROM t WHERE id = ?', (x,))\n",
    "qmark in a fragment": "def f(sets):\n    sets.append('notes = ?')\n",
    "qmark in constant": "SQL = 'INSERT INTO t (a, b) VALUES (?, ?)'\n",
    "qmark via name": "def f(c, x):\n    sql = 'DELETE FROM t WHERE a IN (' + ','.join('?' * 3) + ')'\n"
                      "    c.execute(sql, x)\n",
}

PASSES = {
    "by name": "def f(c):\n    r = c.execute('SELECT a FROM t WHERE id = :id', {'id': 1}).fetchone()\n"
               "    return r.a, r['a']\n",
    "first row of fetchall": "def f(c):\n    rows = c.execute('SELECT a FROM t').fetchall()\n"
                             "    return rows[0].a\n",
    "not a row": "def f(xs):\n    a, b = xs\n    return xs[0]\n",
    "a csv line": "def f(row: list[str]):\n    return [c for c in row if c] + [row[0]]\n",
    "a list of rows": "def f(c):\n    rows = list(c.execute('SELECT a FROM t'))\n    return [r.a for r in rows]\n",
    "a question": "MESSAGE = 'Delete this contact?'\nPATTERN = r'^(?:\\d+)?$'\nLAZY = r'\\w+?(?=x)'\n",
}


@pytest.mark.parametrize("name", sorted(CAUGHT))
def test_checker_catches(name: str) -> None:
    assert problems_in(CAUGHT[name]), name


@pytest.mark.parametrize("name", sorted(PASSES))
def test_checker_lets_through(name: str) -> None:
    assert not problems_in(PASSES[name]), name
