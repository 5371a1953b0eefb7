"""``analysis.measures.pattern.sentiment`` must give ``textblob.en.sentiment``'s exact result: each
sentence below exercises one of pattern's rules, or one of the cases the fast path hands to the
original code (bench/pattern_identity.py runs the same check over the development corpora)."""

import pytest
from textblob.en import sentiment as original

from analysis.measures import pattern
from analysis.measures.sentiment import score_sentence

RULES = {
    "plain": "The plan is good.",
    "negation": "The plan is not good.",
    "negation across a small word": "It was not a good plan.",
    "negation dropped by a longer word": "Not that the plan was good.",
    "never": "It was never good, no good at all.",
    "intensifier": "The plan is very good.",
    "negated intensifier": "The plan is not very good.",
    "modifier before a negation": "The plan is really not good.",
    "modifier kept across a small word": "It was very a good plan.",
    "modifier dropped by a longer word": "It was very much a good plan.",
    "modifier dropped by a three-letter word": "It really was a good plan.",
    "exclamation": "The plan is good!",
    "exclamation run": "What a terrible plan!!!",
    "exclamation with no assessment before it": "Wow! The plan is good.",
    "emoticons the tokenizer keeps whole": "Great news <3 and ♥, 8-D x-D",
    "emoticon before a word it modifies": "so <3 good",
    "emoticon that is all letters": "XD good",
    "capitals": "THE PLAN IS NOT VERY GOOD!",
    "mixed case": "The Plan Is Terribly Good.",
    "hyphens": "A well-known, run-of-the-mill, so-called plan.",
    "hyphen before punctuation": "The plan was -top-notch!",
    "apostrophes": "The plan wasn't good, it's the party's worst; they'd've known.",
    "curly quotes": "“It’s awful,” she said, ‘truly’.",
    "empty": "",
    "only spaces": "   \t ",
    "numbers": "Prices rose 4.1 percent, $5.5bn in 2023, 40% of 1,000 homes, 3:2.",
    "punctuation runs": "Really?!?! The plan... was good -- or bad;; [sic] {maybe} ~ok~ @#$^&*+|=_",
    "brackets": "The plan was (apparently) good ((very)) [sic].",
    "abbreviations": "Mr. Smith of the U.S. said e.g. the plan was good vs. bad at 5 p.m.",
    "trailing ellipsis": "The plan was good...",
    "non-ASCII": "Der Plan war gut, très bon, İstanbul ΣΟΦΟΣ, naïve café — good…",
    "non-ASCII whitespace": "good\u00a0plan\u2009not\u2028bad\x1cnice\x85great",
    "line breaks": "good\r\nplan\nnot bad",
    "paragraph break (handed over)": "Good plan.\n\nNot bad!",
    "irony mark (handed over)": "What a good plan (!)",
    "spaced emoticon (handed over)": "as follows: (1) good",
    "spaced emoticon at the end (handed over)": "see item 8)",
    "quoted sentence end": 'He said "good." Then "bad!" Really.',
    "emoticons split by the tokenizer (handed over)": "Great news :) but sad :-( and :D",
}


@pytest.mark.parametrize("text", RULES.values(), ids=RULES.keys())
def test_same_result_as_textblob(text):
    fast, slow = pattern.sentiment(text), original(text)
    assert fast == slow  # (polarity, subjectivity), compared exactly
    assert fast.assessments == slow.assessments  # words, polarity, subjectivity, label, in order


def test_the_sentences_exercise_the_rules():
    # the identity above would prove little if pattern scored every sentence 0 or ignored the rules
    scores = {name: original(text) for name, text in RULES.items()}
    assert scores["negation"][0] < 0 < scores["plain"][0]
    assert scores["intensifier"][0] > scores["plain"][0]
    assert scores["exclamation"][0] > scores["plain"][0]
    assert [a[3] for a in scores["emoticons the tokenizer keeps whole"].assessments].count("mood") == 4
    assert [a[3] for a in scores["emoticons split by the tokenizer (handed over)"].assessments].count("mood") == 3
    assert sum(s[0] != 0 for s in scores.values()) >= 20


def test_the_fast_path_is_taken_except_where_documented():
    handed_over = {name for name, text in RULES.items() if pattern._tokens(text) is None}
    assert handed_over == {name for name in RULES if name.endswith("(handed over)")}


def test_other_inputs_go_to_textblob():
    words = ["not", "good"]
    assert pattern.sentiment(words) == original(words)
    assert pattern.sentiment(words).assessments == original(words).assessments


def test_score_sentence_uses_the_same_ratings():
    polarity, subjectivity, _compound, ratings = score_sentence(RULES["negated intensifier"])
    slow = original(RULES["negated intensifier"])
    assert (polarity, subjectivity) == tuple(slow)
    assert ratings == [(a[1], a[2]) for a in slow.assessments]


def test_the_fast_path_runs_only_on_the_textblob_release_it_was_checked_against(monkeypatch):
    from importlib import metadata

    from analysis.measures import pattern

    # an upgrade of textblob fails here: rerun bench/pattern_identity.py, then move CHECKED_VERSION
    assert metadata.version("textblob") == pattern.CHECKED_VERSION and pattern.FAST
    calls = []
    monkeypatch.setattr(pattern, "FAST", False)
    monkeypatch.setattr(pattern, "_original", lambda text: calls.append(text) or "original")
    assert pattern.sentiment("A good plan.") == "original" and calls == ["A good plan."]
