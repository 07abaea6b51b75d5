"""Numbers on the command line out of range are refused, never replaced by a default."""

from __future__ import annotations

import pytest

from netnet.cli import run


@pytest.mark.parametrize("minutes", ["0", "-5", "241"])
def test_call_minutes_out_of_range_is_refused_before_anything_is_written(minutes, db_path, capsys) -> None:
    code = run(["--db", str(db_path), "call", "Ada Lovelace", "--minutes", minutes])
    err = capsys.readouterr().err
    assert code == 2
    assert "--minutes must be between 1 and 240" in err
    assert err.count("\n") == 1
    assert not db_path.exists()  # nothing was created, let alone a call started
