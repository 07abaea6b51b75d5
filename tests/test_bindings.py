"""Every key of every screen, dialog and widget has an id, a description and a tooltip; every
id is unique (a keymap can name each one); every screen with keys explains them in HELP."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

import netnet.app
import netnet.screens
import netnet.widgets


def _classes() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = [netnet.app.NetnetApp]
    for package in (netnet.screens, netnet.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and issubclass(cls, DOMNode):
                    found.append(cls)
    return found


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    classes = _classes()
    names = {cls.__name__ for cls in classes}
    # the walk reaches every section, every dialog family member and every widget
    assert {"ContactsScreen", "GoalsScreen", "InterviewsScreen", "FollowupsScreen", "CallScreen", "PrepScreen",
            "ConfirmDialog", "SaveFileDialog", "ContactTable", "FollowupList", "CursorList",
            "NoteEditor"} <= names
    problems = []
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding):
                problems.append(f"{cls.__name__}: {binding!r} is not a Binding")
            elif not (binding.id and binding.description and binding.tooltip):
                problems.append(f"{cls.__name__}: {binding.key}")
    assert problems == []


def test_binding_ids_are_unique() -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for cls in _classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                owners[binding.id].append(cls.__name__)
    assert {bid: who for bid, who in owners.items() if len(who) > 1} == {}


def test_every_screen_with_keys_explains_them() -> None:
    missing = [cls.__name__ for cls in _classes()
               if issubclass(cls, Screen) and cls.__dict__.get("BINDINGS") and not (cls.HELP or "").strip()]
    assert missing == []
