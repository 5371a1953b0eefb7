"""Every fitted or chosen number, tested on both sides of its boundary, and the offsets of the
measures that no other test pins to the exact characters (descriptor speakers, highlights).

- ``NEGATION_WINDOW`` (2 word pieces): a negator 2 pieces back negates, 3 pieces back does not.
- ``BIAS_THRESHOLD`` (0.55): a sentence weighing 0.55 (one entry, or 0.3 + 0.25) is biased,
  0.54 is not.
- ``SUPPORTED_AT`` (0.6) and ``PARTIAL_AT`` (0.3): content-word recall exactly at each is the
  higher label, just below is the lower one.
- A multi-word lexicon phrase never matches across punctuation.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_lexicon, loaded_language, quotes, sentences
from analysis.io.article_file import make_article
from analysis.measures.highlights import PARTIAL_AT, SUPPORTED_AT
from analysis.measures.loaded_language import BIAS_THRESHOLD, NEGATION_WINDOW
from analysis.scoring.score import score_article


def spans_of(text: str, lexicon=None):
    article = make_article(text)
    sents = sentences(article)
    return loaded_language(article, sents, quotes(article, sents), lexicon)


# --- negation window -------------------------------------------------------------------------

def test_the_fitted_window_is_two_pieces():
    assert NEGATION_WINDOW == 2  # the tests below sit on either side of this boundary


@pytest.mark.parametrize("text, negated", [
    ("This is not reckless.", True),                   # negator 1 piece back
    ("This is not a reckless plan.", True),            # 2 pieces back: the edge of the window
    ("This is not a very reckless plan.", False),      # 3 pieces back: just outside
    ("This is not so-called reckless.", False),        # "so-called" is two pieces: 3 back
    ("This isn't a reckless plan.", True),             # n't, 2 pieces back
    ("This isn’t a reckless plan.", True),             # n’t with a curly apostrophe, 2 pieces back
    ("There is no reckless plan.", True),
    ("Not a reckless plan.", True),                    # the sentence's first piece, 2 back
    ("Never was it so reckless.", False),               # 4 pieces back
])
def test_negation_window_boundary(text, negated):
    spans = spans_of(text)
    hit = spans[spans["text"] == "reckless"]
    assert len(hit) == 1, spans[["text", "term"]]
    assert bool(hit["negated"].iloc[0]) is negated


def test_negation_does_not_reach_across_a_sentence():
    spans = spans_of("It was not. Reckless plans were made.")
    hit = spans[spans["term"] == "reckless"]
    assert hit["text"].tolist() == ["Reckless"]
    assert not hit["negated"].iloc[0]


# --- the sentence flag -----------------------------------------------------------------------

def weighted(write, rows: str):
    return load_lexicon(write("weights.csv", "term,category,weight\n" + rows), mode="replace")


def test_bias_threshold_boundary(write):
    assert BIAS_THRESHOLD == 0.55
    lexicon = weighted(write, "zorble,test,0.55\nquint,test,0.54\nfrab,test,0.3\nglim,test,0.25\nmip,test,0.24\n")
    text = ("The zorble spoke. The quint spoke. The frab and the glim spoke. The frab and the mip spoke. "
            "The zorble did not quint.\n")
    scores = score_article(make_article(text), lexicon)
    s = scores.sentences
    assert s["loaded_weight"].tolist() == pytest.approx([0.55, 0.54, 0.55, 0.54, 0.55])
    # at 0.55 (one entry, or 0.3 + 0.25 with float error) biased; at 0.54 not
    assert s["biased"].tolist() == [True, False, True, False, True]


def test_a_negated_hit_does_not_count_towards_the_threshold(write):
    lexicon = weighted(write, "zorble,test,0.55\nquint,test,0.3\n")
    s = score_article(make_article("It is not zorble. It is not a zorble quint.\n"), lexicon).sentences
    assert s["loaded_weight"].tolist() == pytest.approx([0.0, 0.3])
    assert s["biased"].tolist() == [False, False]


# --- highlight support -----------------------------------------------------------------------

def highlight(bullet: str, body: str):
    article = make_article(f"- {bullet}\n{body}\n")
    return score_article(article).highlights.iloc[0]


@pytest.mark.parametrize("bullet, body, score, label", [
    # 3 of 5 content words = 0.6, exactly SUPPORTED_AT
    ("Alpha bravo charlie delta echo.", "Alpha bravo charlie went home.", 3 / 5, "supported"),
    # 4 of 7 = 0.571, just below
    ("Alpha bravo charlie delta echo foxtrot golf.", "Alpha bravo charlie delta went home.", 4 / 7, "partial"),
    # 3 of 10 = 0.3, exactly PARTIAL_AT
    ("Alpha bravo charlie delta echo foxtrot golf hotel india juliet.", "Alpha bravo charlie went home.", 3 / 10, "partial"),
    # 2 of 7 = 0.286, just below
    ("Alpha bravo charlie delta echo foxtrot golf.", "Alpha bravo went home.", 2 / 7, "unsupported"),
])
def test_highlight_support_thresholds(bullet, body, score, label):
    assert (SUPPORTED_AT, PARTIAL_AT) == (0.6, 0.3)
    row = highlight(bullet, body)
    assert row["support_score"] == pytest.approx(score, abs=1e-12)
    assert row["support"] == label


# --- multi-word phrases and punctuation --------------------------------------------------------

@pytest.mark.parametrize("separator", [", ", "; ", ": ", ". ", " — ", "! ", "? ", " (", "/"])
def test_a_three_word_phrase_is_not_matched_across_punctuation(write, separator):
    lexicon = load_lexicon(write("l.csv", "term,category\nrubber-stamp legislature,test\n"), mode="replace")
    spans = spans_of(f"Critics saw a rubber-stamp{separator}legislature met.", lexicon)
    assert spans.empty, spans[["text", "term"]]


@pytest.mark.parametrize("separator", [" ", "-", "  ", "\n", "\u00a0", " - "])
def test_a_three_word_phrase_is_matched_across_spaces_and_hyphens(write, separator):
    lexicon = load_lexicon(write("l.csv", "term,category\nrubber-stamp legislature,test\n"), mode="replace")
    text = f"Critics saw a rubber{separator}stamp legislature met."
    spans = spans_of(text, lexicon)
    phrase = f"rubber{separator}stamp legislature"
    assert spans["text"].tolist() == [phrase]
    assert text[spans["start"].iloc[0]:spans["end"].iloc[0]] == phrase


def test_the_packaged_phrase_is_not_matched_across_a_comma():
    spans = spans_of("It was a rubber-stamp, legislature said.")
    assert not spans["text"].str.contains(",").any()
    assert "rubber-stamp legislature" not in spans["term"].tolist()
    whole = spans_of("It was a rubber-stamp legislature, critics said.")
    assert "rubber-stamp legislature" in whole["text"].tolist()


# --- offsets pinned to exact characters --------------------------------------------------------

def body(text: str):
    return make_article("A headline for the test\n\n" + text)


def quote_row(table, start_text):
    hits = table[table["text"].str.startswith(start_text)]
    assert len(hits) == 1
    return hits.iloc[0]


@pytest.mark.parametrize("text, quote, speaker", [
    ('"We will see," a senior official said.', '"We will see,"', "a senior official"),
    ('"It is a provocation," the ministry added.', '"It is a provocation,"', "the ministry"),
    ('"We are watching closely," state media reported.', '"We are watching closely,"', "state media"),
    ('"No comment," Kremlin spokesperson Dmitry Peskov said. "We are not aware of it," the spokesperson added.',
     '"We are not aware', "the spokesperson"),
    ('The senior officials said the plan would pass.', "the plan would pass", "The senior officials"),
])
def test_descriptor_speaker_offsets_are_the_exact_characters(text, quote, speaker):
    article = body(text)
    r = quote_row(quotes(article), quote)
    assert article.text[r.speaker_start:r.speaker_end] == speaker


@pytest.mark.parametrize("text, quote, speaker", [
    ('"We oppose this," Chinese Foreign Ministry spokesman Wang Wenbin said.', '"We oppose this,"', "Wang Wenbin"),
    ('Chinese Foreign Ministry spokesman Wang Wenbin said: "We oppose this."', '"We oppose this."', "Wang Wenbin"),
    ('"We oppose this," the Chinese Foreign Ministry said.', '"We oppose this,"', "the Chinese Foreign Ministry"),
])
def test_named_speaker_behind_a_descriptor_offsets(text, quote, speaker):
    article = body(text)
    r = quote_row(quotes(article), quote)
    assert article.text[r.speaker_start:r.speaker_end] == speaker
    assert article.text[r.verb_start:r.verb_end] == "said"


def test_every_seed_speaker_offset_spells_the_speaker_or_its_mention(seed_article, seed_scores):
    """On the seed, every quote with a speaker offset points at the mention as written: the
    name (or the organisation), a pronoun, or — for a descriptor — the descriptor itself."""
    text = seed_article.text
    checked = 0
    for r in seed_scores.quotes.itertuples():
        if pd.isna(r.speaker_start):
            continue
        written = text[r.speaker_start:r.speaker_end]
        assert written == written.strip() and written[:1].isalpha() and written[-1:].isalpha(), written
        canonical = (r.speaker or "").lower()
        assert (written.lower() in canonical or canonical.endswith(written.lower().split()[-1])
                or written.lower() in {"he", "she", "they", "it"}
                or written.lower() == str(r.speaker_role).lower()), (written, r.speaker, r.speaker_role)
        checked += 1
    assert checked >= 8


def test_seed_highlight_offsets_index_exactly_the_bullet_text(seed_article, seed_scores):
    text = seed_article.text
    bullets = [line[2:] for line in text.splitlines() if line.startswith("- ")]
    h = seed_scores.highlights
    assert h["text"].tolist() == bullets
    for row in h.itertuples():
        assert text[row.start:row.end] == row.text
        assert text[row.start - 2:row.start] == "- " and text[row.end:row.end + 1] == "\n"


def test_highlight_offsets_with_markup_inside_the_bullets():
    text = ('Headline here\n- <b>Leaders</b> meet in “Moscow”.\n- The talks [embedpost slug="x"] were  cordial.\n'
            'Leaders meet in Moscow for talks. The talks were cordial.\n')
    article = make_article(text)
    h = score_article(article).highlights
    # the opening tag is set aside by cleaning, so the highlight starts at the word after it
    assert h["text"].tolist() == ["Leaders</b> meet in “Moscow”.", 'The talks [embedpost slug="x"] were  cordial.']
    for row in h.itertuples():
        assert text[row.start:row.end] == row.text
    assert h["support"].tolist() == ["supported", "supported"]
