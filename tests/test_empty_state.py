"""An empty section's words fit 80 columns as written, so no bullet wraps back to the left
edge (issue 14, item 24): a long bullet is broken by hand, its next line under its text."""

from __future__ import annotations

import pytest
from rich.text import Text

from netnet.screens import contacts, followups, goals, interviews, opportunities

CONTENT_WIDTH_AT_80 = 76  # each empty state is padded 2 columns on either side


@pytest.mark.parametrize("screen", [contacts, followups, goals, interviews, opportunities], ids=lambda m: m.__name__)
def test_every_line_of_an_empty_state_fits_80_columns(screen) -> None:
    lines = [Text.from_markup(line).plain for line in screen.EMPTY_TEXT.splitlines()]
    too_long = [line for line in lines if len(line) > CONTENT_WIDTH_AT_80]
    assert too_long == []


@pytest.mark.parametrize("screen", [contacts, followups, goals, interviews, opportunities], ids=lambda m: m.__name__)
def test_a_bullet_continued_on_the_next_line_hangs_under_its_text(screen) -> None:
    lines = [Text.from_markup(line).plain for line in screen.EMPTY_TEXT.splitlines()]
    for above, line in zip(lines, lines[1:], strict=False):
        if above.lstrip().startswith("•") and line.strip() and not line.lstrip().startswith("•"):
            assert len(line) - len(line.lstrip()) == above.index("•") + 2, line
