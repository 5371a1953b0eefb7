"""Frames (analysis.measures.frames): the arithmetic of strength, score and present, the
evidence's offsets and voice, and the packaged schemes' integrity. Hand-built cue lexicons keep
the expected values independent of the packaged cue lists."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.io.article_file import make_article
from analysis.lexicon.load import read_lexicon_file
from analysis.lexicon.match import split_term
from analysis.measures.frames import MIN_WORDS, SCHEMES, SENTENCE_POWER, FrameScheme, frame_evidence, frame_rows, frames, load_scheme
from analysis.measures.quotes import quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.schema import FRAME_EVIDENCE, FRAMES


@pytest.fixture
def scheme(tmp_path) -> FrameScheme:
    path = tmp_path / "cues.csv"
    path.write_text("term,category,weight\nwar,conflict,0.8\nclash,conflict,0.5\ntrade war,economic,1.0\n"
                    "costs,economic,0.4\n", encoding="utf-8")
    return FrameScheme("test", ("conflict", "economic"), read_lexicon_file(path), {"conflict": 2.0, "economic": 5.0})


def scored(text: str, scheme: FrameScheme):
    article = make_article(text, id="a")
    split = sentence_rows(article)
    rows, evidence = frame_rows(article, split, quote_rows(article, split), [scheme])
    return article, split, {r.frame: r for r in rows}, evidence


def test_strength_counts_each_sentence_as_its_summed_weight_to_a_power(scheme):
    # conflict: war 0.8 + clash 0.5 (sentence 0) + clash 0.5 (sentence 1); economic: trade war 1.0 + costs 0.4
    text = "The war and the clash went on. Another clash followed. A trade war costs jobs."
    article, split, rows, evidence = scored(text, scheme)
    words = sum(s.words for s in split)
    assert words < MIN_WORDS  # so the floor applies
    assert 0 < SENTENCE_POWER < 1  # stacked cues in one sentence count less than their sum
    assert rows["conflict"].strength == pytest.approx(1000 * ((0.8 + 0.5) ** SENTENCE_POWER + 0.5 ** SENTENCE_POWER) / MIN_WORDS)
    assert rows["economic"].strength == pytest.approx(1000 * (1.0 + 0.4) ** SENTENCE_POWER / MIN_WORDS)
    assert (rows["conflict"].sentences, rows["conflict"].hits) == (2, 3)
    assert (rows["economic"].sentences, rows["economic"].hits) == (1, 2)
    assert [e.cue for e in evidence] == ["war", "clash", "clash", "trade war", "costs"]  # "war" in "trade war" is not conflict
    for e in evidence:
        assert text[e.start:e.end] == e.text
        assert split[e.sentence_id].start <= e.start < e.end <= split[e.sentence_id].end


def test_strength_is_per_1000_words_above_the_floor(scheme):
    filler = " ".join(["Officials met again on Tuesday."] * (MIN_WORDS // 5 + 20))  # more words than the floor, no cue
    article, split, rows, _ = scored(filler + " The war went on.", scheme)
    words = sum(s.words for s in split)
    assert words > MIN_WORDS
    assert rows["conflict"].strength == pytest.approx(1000 * 0.8 ** SENTENCE_POWER / words)


def padded(first: str) -> str:
    """``first`` then filler, MIN_WORDS words in all (``first`` has 4 words)."""
    return first + " " + " ".join(["Officials met."] * ((MIN_WORDS - 4) // 2))


def test_score_is_half_at_the_threshold_and_present_from_it(scheme):
    _, split, _, _ = scored(padded("The war went on."), scheme)
    assert sum(s.words for s in split) == MIN_WORDS
    war = 1000 * 0.8 ** SENTENCE_POWER / MIN_WORDS  # the strength of one "war" over MIN_WORDS words
    for threshold, present in ((war * 0.9, True), (war, True), (war + 1e-9, False), (war * 1.5, False)):
        rule = FrameScheme("t", ("conflict", "economic"), scheme.cues, {"conflict": threshold, "economic": 5.0})
        _, _, rows, _ = scored(padded("The war went on."), rule)
        r = rows["conflict"]
        assert r.strength == pytest.approx(war) and r.present is present
        assert r.score == pytest.approx(war / (war + threshold))
    rule = FrameScheme("t", ("conflict", "economic"), scheme.cues, {"conflict": war, "economic": 5.0})
    assert scored(padded("The war went on."), rule)[2]["conflict"].score == pytest.approx(0.5)


def test_every_frame_is_listed_absent_ones_with_score_zero(scheme):
    _, _, rows, evidence = scored("Nothing happened today.", scheme)
    assert set(rows) == {"conflict", "economic"} and not evidence
    assert all(r.score == 0.0 and not r.present and r.hits == 0 for r in rows.values())


def test_evidence_inside_a_direct_quote_is_the_speakers_and_outside_the_journalists(scheme):
    text = 'Wang Wenbin said: "This war must end." The clash continued.'
    _, _, rows, evidence = scored(text, scheme)
    war, clash = evidence
    assert (war.voice, war.speaker, war.quote_id) == ("quoted", "Wang Wenbin", 0)
    assert (clash.voice, clash.speaker, clash.quote_id) == ("journalist", None, None)
    assert (rows["conflict"].journalist_hits, rows["conflict"].quoted_hits) == (1, 1)


def test_a_negated_cue_still_evokes_its_frame_and_no_cue_crosses_punctuation(scheme):
    _, _, rows, evidence = scored("It is not a war. Trade, war and peace.", scheme)
    assert [e.cue for e in evidence] == ["war", "war"]  # "Trade, war" is no "trade war"
    assert rows["economic"].hits == 0


def test_the_public_functions_return_the_declared_tables():
    article = make_article("The economy shrank as the war went on. Costs rose.", id="x")
    table, hits = frames(article), frame_evidence(article)
    assert list(table.columns) == FRAMES.names and list(hits.columns) == FRAME_EVIDENCE.names
    assert list(zip(table["scheme"], table["frame"])) == [(s, f) for s, fs in SCHEMES.items() for f in fs]
    only = frames(article, scheme="policy")
    assert set(only["scheme"]) == {"policy"} and len(only) == len(SCHEMES["policy"])
    assert (hits["text"] == [article.text[s:e] for s, e in zip(hits["start"], hits["end"])]).all()


def test_an_unknown_scheme_is_a_parameter_error():
    with pytest.raises(ParameterError, match="unknown frame scheme 'issue'"):
        load_scheme("issue")


@pytest.mark.parametrize("name", SCHEMES)
def test_packaged_schemes_are_complete_and_carry_provenance(name):
    scheme = load_scheme(name)  # checks: every cue's category a frame, every frame a cue and a threshold
    assert scheme.frames == SCHEMES[name]
    assert all(scheme.thresholds[f] > 0 for f in scheme.frames)
    meta = scheme.cues.meta
    assert meta["licence"] == "MIT" and meta["version"] and meta.get("scheme") == name
    normalised = pd.Series([split_term(t) for t in scheme.cues.entries["term"]])
    assert not normalised.duplicated().any(), list(scheme.cues.entries["term"][normalised.duplicated()])


def test_the_seed_article_is_framed_as_conflict_security_and_external_relations(seed_article):
    table = frames(seed_article).set_index(["scheme", "frame"])
    present = set(table.index[table["present"]])
    assert {("generic", "conflict"), ("policy", "security_and_defense"),
            ("policy", "external_regulation_and_reputation")} <= present
    hits = frame_evidence(seed_article)
    text = seed_article.text

    def where(scheme, frame):
        rows = hits[(hits["scheme"] == scheme) & (hits["frame"] == frame)]
        return [(text[s:e], int(sid)) for s, e, sid in zip(rows["start"], rows["end"], rows["sentence_id"])]

    conflict = where("generic", "conflict")
    assert ("invasion", 3) in conflict and ("at war", 4) in conflict  # "his deadly invasion", "Europe is at war"
    assert ("invasion", 3) in where("policy", "security_and_defense")
    external = where("policy", "external_regulation_and_reputation")
    assert ("Foreign Ministry", 7) in external and ("bilateral", 11) in external
    start = text.index("deadly invasion") + len("deadly ")
    assert any(s == start and e == start + len("invasion") for s, e in zip(hits["start"], hits["end"]))
    quoted = hits[hits["voice"] == "quoted"]
    assert set(quoted["speaker"]) <= {"Wang Wenbin", "the Kremlin"} and len(quoted) >= 2


def test_every_column_of_evidence_and_frames_rows_by_hand(scheme):
    # two journalist hits and one quoted: the counts are not symmetric, so a swap would show
    text = 'The war went on. Wang Wenbin said: "The clash must end." Another clash.'
    _, split, rows, evidence = scored(text, scheme)
    conflict = rows["conflict"]
    assert (conflict.article_id, conflict.scheme, conflict.threshold) == ("a", "test", 2.0)
    assert (conflict.hits, conflict.journalist_hits, conflict.quoted_hits, conflict.sentences) == (3, 2, 1, 3)
    assert [(e.article_id, e.part, e.weight, e.voice, e.speaker, e.evidence_id) for e in evidence] == [
        ("a", "body", 0.8, "journalist", None, 0), ("a", "body", 0.5, "quoted", "Wang Wenbin", 1),
        ("a", "body", 0.5, "journalist", None, 2)]


def test_the_tables_given_are_the_ones_used():
    """``frames``/``frame_evidence`` use the sentences and quotes they are given (a table), not
    ones they would compute: fewer sentences give less evidence, no quotes make every cue the
    journalist's."""
    from analysis.measures.quotes import quotes as quote_table
    from analysis.measures.sentences import sentences as sentence_table

    article = make_article('The war went on. Wang Wenbin said: "This war must end."', id="q")
    split, quoted = sentence_table(article), quote_table(article)
    everything = frame_evidence(article, split, quoted, scheme="generic")
    assert list(everything["voice"]) == ["journalist", "quoted"] and set(everything["scheme"]) == {"generic"}
    first_only = frame_evidence(article, split[split["sentence_id"] == 0], quoted, scheme="generic")
    assert list(first_only["sentence_id"]) == [0]
    no_quotes = frame_evidence(article, split, quoted.iloc[0:0], scheme="generic")
    assert list(no_quotes["voice"]) == ["journalist", "journalist"]
    table = frames(article, split[split["sentence_id"] == 1], quoted, scheme="generic").set_index("frame")
    assert table.loc["conflict", "quoted_hits"] == 1 and table.loc["conflict", "journalist_hits"] == 0
    unquoted = frames(article, split, quoted.iloc[0:0], scheme="generic").set_index("frame")
    assert unquoted.loc["conflict", "quoted_hits"] == 0 and unquoted.loc["conflict", "journalist_hits"] == 2


def test_direct_quotes_lookup_by_hand():
    from analysis.measures.voice import DirectQuotes

    quotes = pd.DataFrame({"kind": ["direct", "reported", "direct"], "start": [10, 30, 50], "end": [20, 40, 60],
                           "quote_id": [0, 1, 2], "speaker": [float("nan"), "X", "Y"]})
    direct = DirectQuotes(quotes)
    assert direct.containing(10, 12) == 0 and direct.containing(18, 20) == 0  # from its first character to its last
    assert direct.containing(9, 12) is None and direct.containing(19, 21) is None
    assert direct.containing(32, 35) is None  # reported speech is the journalist's voice
    assert direct.containing(55, 56) == 2 and direct.speaker(2) == "Y" and direct.speaker(0) is None
    assert not DirectQuotes(None) and not DirectQuotes(quotes.iloc[0:0]) and direct
