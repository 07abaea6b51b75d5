"""`netnet due`: today's and overdue follow-ups, one a line; exit 1 when something is due."""

from __future__ import annotations

import json
import re
from datetime import date

from netnet.cli import run
from netnet.data import followups as fu

KEY = re.compile(r"^([fci][0-9]+) +")


def _unkeyed(lines: list[str]) -> list[str]:
    """The lines without the key each begins with (checked: every line has one)."""
    assert all(KEY.match(line) for line in lines), lines
    return [KEY.sub("", line) for line in lines]


def test_demo_due_prints_most_urgent_first_and_exits_1(capsys) -> None:
    code = run(["--demo", "due"])
    out = capsys.readouterr().out
    keyed = out.splitlines()
    lines = _unkeyed(keyed)
    assert code == 1
    assert lines, "the demo network has follow-ups due"
    assert len({KEY.match(line).group(1) for line in keyed}) == len(keyed)  # a key names one item
    assert len({line.index("‼") if "‼" in line else line.index("•") for line in keyed}) == 1  # aligned
    # Real time here: the demo is dated relative to now, so its first item is always the overdue thank-you.
    assert lines[0].startswith("‼ OVERDUE  1 day late")
    assert "Thank Maria for introducing Carlos — Maria Lindqvist" in lines[0]
    assert any(line.startswith("• today") and "Send Carlos my one-page summary" in line for line in lines)
    overdue = [n for n, line in enumerate(lines) if line.startswith("‼ OVERDUE")]
    today = [n for n, line in enumerate(lines) if line.startswith("• today")]
    assert overdue and today and max(overdue) < min(today)
    assert not any("Update LinkedIn headline" in line for line in lines)  # later this week: not due


def test_demo_due_json(capsys) -> None:
    code = run(["--demo", "due", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert all(KEY.match(item["key"] + " ") for item in data)
    assert data[0]["kind"] == "thank_you" and data[0]["group"] == "overdue"
    assert data[0]["contact"] == "Maria Lindqvist"
    assert {item["group"] for item in data} == {"overdue", "today"}
    assert [item["score"] for item in data if item["group"] == "overdue"] == sorted(
        [item["score"] for item in data if item["group"] == "overdue"], reverse=True)


def test_nothing_due_exits_0(tmp_path, capsys) -> None:
    db = tmp_path / "empty.db"
    assert run(["--db", str(db), "due"]) == 0
    assert capsys.readouterr().out == ""
    assert run(["--db", str(db), "due", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_something_due_today_exits_1(tmp_path, capsys) -> None:
    from netnet.core.clock import Clock
    from netnet.data.store import Store

    db = tmp_path / "one.db"
    store = Store(db)
    fu.add_followup(store, fu.FollowupInput("manual", "Renew the Rotary membership", Clock().today()), Clock())
    fu.add_followup(store, fu.FollowupInput("manual", "Far away", date(2999, 1, 1)), Clock())
    store.close()
    assert run(["--db", str(db), "due"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith("f1  • today") and out[0].endswith("Renew the Rotary membership")


def test_installed_netnet_demo_due_in_a_shell(tmp_path) -> None:
    """End to end: the installed command, as a shell start-up file would run it."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("netnet", path=str(Path(sys.executable).parent)) or shutil.which("netnet")
    assert exe, "netnet is installed with the package"
    env = dict(os.environ, TZ="UTC", HOME=str(tmp_path))
    done = subprocess.run([exe, "--demo", "due"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1, done.stderr
    lines = _unkeyed(done.stdout.splitlines())
    assert lines[0].startswith("‼ OVERDUE") and "Thank Maria for introducing Carlos" in lines[0]
    assert done.stderr == ""
