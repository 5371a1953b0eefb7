import pandas as pd
import pytest

from analysis import load_lexicon, loaded_language, quotes, sentences
from analysis.io.article_file import make_article


def spans_of(text: str, lexicon=None):
    article = make_article(text)
    sents = sentences(article)
    return article, loaded_language(article, sents, quotes(article, sents), lexicon)


def test_seed_loaded_phrases_are_highlighted_exactly(seed_article, seed_scores):
    spans = seed_scores.spans
    by_text = {row.text: row for row in spans.itertuples()}
    for phrase, category in [("deadly invasion", "violence_conflict"),
                             ("rubber-stamp legislature", "delegitimising"),
                             ("dramatic demonstration", "booster")]:
        row = by_text[phrase]
        assert row.loaded and row.category == category
        assert seed_article.text[row.start:row.end] == phrase
        assert row.voice == "journalist" and not row.in_quote
    # nothing is found inside the removed CMS shortcode ("historic" is in its slug)
    (removed,) = seed_article.removed
    assert not ((spans["start"] >= removed.start) & (spans["end"] <= removed.end)).any()


def test_every_span_points_at_its_text(seed_article, seed_scores):
    for row in seed_scores.spans.itertuples():
        assert seed_article.text[row.start:row.end] == row.text


def test_hits_inside_quotes_are_the_sources_voice():
    text = 'Officials slammed the plan. "It is a disastrous, reckless gamble," the senator said.\n'
    article, spans = spans_of(text)
    voices = dict(zip(spans["text"], spans["voice"]))
    assert voices["slammed"] == "journalist"
    assert voices["disastrous"] == "quoted" and voices["reckless"] == "quoted"
    assert spans.loc[spans["text"] == "reckless", "quote_id"].notna().all()
    assert spans.loc[spans["text"] == "slammed", "quote_id"].isna().all()


def test_user_lexicon_changes_what_is_found(write):
    lex = load_lexicon(write("l.csv", "term,category\nbilateral documents,diplomatic_jargon\n"))
    _, spans = spans_of("A number of important bilateral documents will be signed.", lex)
    assert spans["category"].tolist() == ["diplomatic_jargon"]
    assert spans["text"].tolist() == ["bilateral documents"]


def test_no_hits_gives_typed_empty_table():
    _, spans = spans_of("The committee met on Tuesday.")
    assert spans.empty
    assert list(spans.columns)[:6] == ["article_id", "span_id", "sentence_id", "part", "start", "end"]


def test_negated_hits_stay_highlighted_but_do_not_make_a_sentence_biased():
    from analysis.scoring.score import score_article

    text = "The plan is not reckless. The plan isn't reckless, he said. The plan is reckless. Never was it so reckless.\n"
    scores = score_article(make_article(text))
    spans = scores.spans
    assert spans["text"].tolist() == ["reckless"] * 4  # all still highlighted
    assert spans["negated"].tolist() == [True, True, False, False]  # "Never was it so": 4 pieces back
    assert scores.sentences["biased"].tolist() == [False, False, True, True]
    assert scores.sentences["loaded_weight"].tolist() == pytest.approx([0.0, 0.0, 0.75, 0.75])


# --- exact values of the sentence decision and of the span columns (mutation testing, issue 19) --

from analysis import sentence_bias  # noqa: E402
from analysis.lexicon.load import Lexicon  # noqa: E402
from analysis.lexicon.match import Match  # noqa: E402
from analysis.measures.loaded_language import (  # noqa: E402
    BIAS_THRESHOLD, is_biased, loaded_weights, negated, span_row_weights, span_rows, text_bias,
)
from analysis.scoring.score import score_article  # noqa: E402

WEIGHTS = "term,category,weight,loaded\nzorble,test,0.55,yes\nquint,test,0.3,yes\nfrab,test,0.25,no\n"
#: sentence 0: zorble 0.55 + frab (not loaded); sentence 1: zorble negated ("not" 2 pieces back) + quint 0.3
DECISION_TEXT = "The zorble and the frab. It is not zorble, a quint. The committee met.\n"


def test_sentence_bias_sums_loaded_non_negated_weights(write):
    lex = load_lexicon(write("w.csv", WEIGHTS), mode="replace")
    article, spans = spans_of(DECISION_TEXT, lex)
    assert spans["text"].tolist() == ["zorble", "frab", "zorble", "quint"]
    assert spans["negated"].tolist() == [False, False, True, False]
    sents = sentences(article)
    bias = sentence_bias(sents, spans)
    assert list(bias.columns) == ["article_id", "sentence_id", "loaded_weight", "biased"]
    assert bias["sentence_id"].tolist() == [0, 1, 2]
    assert bias["loaded_weight"].tolist() == pytest.approx([0.55, 0.3, 0.0], abs=1e-12)
    assert bias["biased"].tolist() == [True, False, False]
    # a spans table without the negated column counts every loaded hit: 0.55 + 0.3 in sentence 1
    plain = sentence_bias(sents, spans.drop(columns="negated"))
    assert plain["loaded_weight"].tolist() == pytest.approx([0.55, 0.85, 0.0], abs=1e-12)
    assert plain["biased"].tolist() == [True, True, False]
    key = article.id
    assert loaded_weights(spans) == pytest.approx({(key, 0): 0.55, (key, 1): 0.3})
    assert loaded_weights(spans.iloc[0:0]) == {}
    rows = span_rows(article, sents, quotes(article, sents), lex)
    assert span_row_weights(rows) == pytest.approx({(key, 0): 0.55, (key, 1): 0.3})


def test_text_bias_keeps_loaded_hits_and_leaves_negated_ones_out(write):
    lex = load_lexicon(write("w.csv", WEIGHTS), mode="replace")
    decision = text_bias("It is not a zorble, quint and frab.", lex)
    assert decision.hits == [(12, 18, 0), (20, 25, 1)]  # frab is not loaded: not a hit
    assert decision.negated == [True, False]
    assert decision.loaded_weight == pytest.approx(0.3, abs=1e-12)
    assert decision.biased is False
    both = text_bias("A zorble, quint and frab.", lex)
    assert (both.negated, both.biased) == ([False, False], True)
    assert both.loaded_weight == pytest.approx(0.85, abs=1e-12)
    assert text_bias("Not zorble.", lex) == ([(4, 10, 0)], [True], 0.0, False)  # a negator as the first piece


def test_text_bias_of_a_two_word_phrase(write):
    lex = load_lexicon(write("p.csv", "term,category,weight\nrubber stamp,test,0.6\n"), mode="replace")
    assert text_bias("A rubber stamp.", lex) == ([(2, 14, 0)], [False], 0.6, True)
    assert text_bias("A rubber, stamp.", lex) == ([], [], 0.0, False)  # not joined across the comma


def test_is_biased_tolerance_is_inclusive_at_one_billionth():
    assert BIAS_THRESHOLD == 0.55
    assert is_biased(BIAS_THRESHOLD - 1e-9) is True   # the tolerance's own edge counts
    assert is_biased(0.5499) is False


def test_negated_of_part_of_a_text_and_of_a_match_off_the_pieces():
    lex = load_lexicon()
    text = "Intro. This is not reckless."
    found = lex.matcher.find(text, 7)
    assert [(m.start, m.end) for m in found] == [(19, 27)]
    assert negated(text, found, 7) == [True]
    # a match that starts at no piece is read as the sentence's first piece: nothing before it, not negated
    assert negated("not reckless", [Match(5, 8, 0)]) == [False]
    assert negated("not reckless", [Match(13, 14, 0)]) == [False]  # after the last piece
    assert negated("not reckless", [Match(4, 12, 0)]) == [True]
    # pieces past ``end`` are not cut: a match beyond it is read as at the first piece, so not negated
    assert negated("Fine. Not reckless.", [Match(10, 18, 0)], 0, 5) == [False]
    assert negated("Fine. Not reckless.", [Match(10, 18, 0)], 0) == [True]


def test_parts_and_in_quote_of_each_span():
    text = '- Reckless plan.\nThe plan is reckless. "It is reckless," he said. It was reckless.\n'
    article, spans = spans_of(text)
    assert spans["start"].tolist() == [2, 29, 46, 73]
    assert spans["part"].tolist() == ["highlight", "body", "body", "body"]
    assert spans["in_quote"].tolist() == [False, False, True, False]  # a hit after the quote is the journalist's
    assert spans["voice"].tolist() == ["journalist", "journalist", "quoted", "journalist"]
    # the same through score_article, which hands quote rows (not a table) to the spans
    scored = score_article(make_article(text)).spans
    assert scored["in_quote"].tolist() == [False, False, True, False]
    assert scored["quote_id"].isna().tolist() == [True, True, False, True]
    assert scored["quote_id"].iloc[2] == 0
    # span_rows from a quotes table: the row's quote_id is the quote's integer id, as the rows from quote rows
    sents = sentences(article)
    ids = [r.quote_id for r in span_rows(article, sents, quotes(article, sents))]
    assert ids == [None, None, 0, None] and type(ids[2]) is int


def test_a_hit_ending_where_an_unclosed_quote_ends_is_inside_it():
    _, spans = spans_of('He said: "This is reckless\n')
    assert spans[["start", "end", "in_quote", "quote_id"]].values.tolist() == [[18, 26, True, 0]]


def test_without_a_quotes_table_every_hit_is_the_journalists():
    article = make_article('"It is reckless," he said.\n')
    spans = loaded_language(article, sentences(article))
    assert spans[["text", "in_quote", "voice"]].values.tolist() == [["reckless", False, "journalist"]]


def test_precision_is_the_entrys_measured_share_else_its_categorys():
    # from loaded_language.precision.csv, version 1.2.0: slam 15 true of 22 hits (BABE only);
    # reckless has no entry row, so its category emotive_evaluation: (664 + 74) / (1342 + 644)
    _, spans = spans_of("Officials slammed the reckless plan.\n")
    assert spans["term"].tolist() == ["slam", "reckless"]
    assert spans["precision"].tolist() == pytest.approx([15 / 22, 738 / 1986], abs=1e-12)


def test_precision_of_a_lexicon_built_without_measured_columns(write):
    entries = load_lexicon(write("w.csv", WEIGHTS), mode="replace").entries
    bare = Lexicon(entries=entries.drop(columns=["precision", "category_precision"]), meta={"name": "bare"})
    _, spans = spans_of("The zorble and the quint.", bare)
    assert spans["precision"].isna().tolist() == [True, True]
    measured = entries.drop(columns=["category_precision"]).assign(precision=[0.25, float("nan"), 0.5])
    _, spans = spans_of("The zorble and the quint.", Lexicon(entries=measured, meta={"name": "measured"}))
    assert spans["precision"].tolist()[0] == 0.25 and pd.isna(spans["precision"].tolist()[1])
