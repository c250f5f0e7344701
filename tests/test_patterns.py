"""Cheap first-character tests kept in step with the patterns they guard.

Some hot paths skip a regex when a line's first character cannot start a
match.  Each such set lives next to its pattern in patterns.py; these tests
generate strings from the pattern itself and check that the set admits them,
so adding an alternative to a pattern without its first character fails here.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.patterns import PAYWALL_PROSE, PAYWALL_PROSE_FIRST


@settings(max_examples=300, deadline=None)
@given(st.from_regex(PAYWALL_PROSE.pattern, fullmatch=True))
def test_paywall_prose_first_characters(line: str) -> None:
    """Whatever PAYWALL_PROSE matches starts with a character of PAYWALL_PROSE_FIRST."""
    assert line[0] in PAYWALL_PROSE_FIRST
