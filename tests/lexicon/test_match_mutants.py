"""The phrase matcher at what it promises and no other test pins: written to kill mutants of
``analysis/lexicon/match.py`` (``bench/mutation.py``)."""

from __future__ import annotations

from analysis.lexicon.match import Match, PhraseMatcher


def test_the_longest_of_nested_phrases_wins_whatever_the_order_given():
    # three entries share the first two pieces; the text holds the longest, so it must be the
    # one matched however the lexicon lists them (shortest first here, and longest first)
    text = "a rubber stamp vote today"
    for phrases in ({("rubber", "stamp"): 0, ("rubber", "stamp", "vote"): 1, ("rubber", "stamp", "vote", "today"): 2},
                    {("rubber", "stamp", "vote", "today"): 2, ("rubber", "stamp", "vote"): 1, ("rubber", "stamp"): 0}):
        assert PhraseMatcher(phrases).find(text) == [Match(2, 25, 2)]
    # without the four-piece entry the three-piece one is the longest present
    assert PhraseMatcher({("rubber", "stamp"): 0, ("rubber", "stamp", "vote"): 1}).find(text) == [Match(2, 19, 1)]


def test_entries_sharing_a_first_piece_are_all_kept():
    # "rubber" alone and two longer entries starting with it: each is found where it occurs
    matcher = PhraseMatcher({("rubber",): 0, ("rubber", "stamp"): 1, ("rubber", "band"): 2})
    assert matcher.find("rubber stamp, rubber band, rubber tree") == [Match(0, 12, 1), Match(14, 25, 2), Match(27, 33, 0)]
    # the one-piece entry given after the longer ones, and before them
    matcher = PhraseMatcher({("rubber", "band"): 2, ("rubber",): 0})
    assert matcher.find("rubber band rubber") == [Match(0, 11, 2), Match(12, 18, 0)]
