from analysis import highlights_vs_body, loaded_language, quotes, sentence_sentiment, sentences
from analysis.measures.highlights import content_words
from analysis.io.article_file import make_article


def run(text):
    article = make_article(text)
    sents = sentences(article)
    per_sentence, _ = sentence_sentiment(article, sents)
    spans = loaded_language(article, sents, quotes(article, sents))
    return highlights_vs_body(article, sents, per_sentence, spans)


def test_seed_highlights_are_supported(seed_scores):
    h = seed_scores.highlights
    assert len(h) == 3
    assert (h["support"] == "supported").all()
    assert h.loc[2, "best_sentence_text"].startswith("According to China’s Foreign Ministry")
    # the second highlight carries "dramatic demonstration": its loaded rate is above the body's
    assert h.loc[1, "loaded_per_1k"] > h.loc[1, "body_loaded_per_1k"] > 0


def test_unsupported_highlight():
    h = run("- Aliens landed in Paris.\nThe council approved the budget on Tuesday. The mayor said it was balanced.\n")
    assert h["support"].tolist() == ["unsupported"]
    assert h["support_score"].iloc[0] == 0.0


def test_partial_support_score_is_content_word_recall():
    # content words of the highlight: council, approved, budget, cut → 2 of 4 in the body
    h = run("- Council approved budget cut.\nThe council approved the plan on Tuesday.\n")
    assert content_words("Council approved budget cut.") == {"council", "approved", "budget", "cut"}
    assert h["support_score"].iloc[0] == 0.5
    assert h["support"].iloc[0] == "partial"


def test_no_highlights():
    assert run("Just a body. Nothing else.\n").empty


# --- exact figures of each highlight row (mutation testing, issue 19) ----------------------------

import math  # noqa: E402

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.scoring.score import score_article  # noqa: E402

#: two highlights, three body sentences; packaged lexicon hits: "reckless" and "disastrous" in
#: highlight 0, "reckless" in body sentences 2 and 4 (none in 3)
TEXT = ("- A reckless, disastrous plan is good.\n- It is what it is.\n"
        "The reckless plan is good. The weather was great today, said the council. The plan is reckless.\n")


def parts(text):
    article = make_article(text)
    sents = sentences(article)
    per_sentence, _ = sentence_sentiment(article, sents)
    return article, sents, per_sentence, loaded_language(article, sents, quotes(article, sents))


def test_content_words_fold_possessives_plurals_and_drop_stop_and_short_words():
    # "’s" and "'s" dropped; a final s dropped from words over 3 letters unless "ss" ("news" -> "new");
    # stop words ("the", "and", "of", "an") and one-letter words ("x") dropped, two-letter ones kept ("ox")
    assert content_words("The minister’s cats and the boss's bus: news of gas, an ox, x.") == {
        "minister", "cat", "boss", "bus", "new", "gas", "ox"}
    assert content_words("Classes yes dogs'") == {"classe", "yes", "dog"}


def test_highlight_rows_hand_worked():
    article, sents, per_sentence, spans = parts(TEXT)
    h = highlights_vs_body(article, sents, per_sentence, spans)
    assert h["article_id"].tolist() == [article.id, article.id]
    assert h["sentence_id"].tolist() == [0, 1]
    assert (h["start"].tolist(), h["end"].tolist()) == ([2, 41], [38, 58])
    # highlight 0: content words reckless, disastrous, plan, good; body sentence 2 has 3 of them, 4 has 2
    assert h["support_score"].tolist() == [0.75, 0.0]
    assert h["support"].tolist() == ["supported", "unsupported"]
    assert h["best_sentence_id"].iloc[0] == 2 and pd.isna(h["best_sentence_id"].iloc[1])  # no content word: no best
    assert h["best_sentence_text"].iloc[0] == "The reckless plan is good." and pd.isna(h["best_sentence_text"].iloc[1])
    # loaded hits per 1,000 words: 2 hits in 6 words; none in 5; body: 2 hits in 5 + 8 + 4 = 17 words
    assert h["loaded_per_1k"].tolist() == pytest.approx([1000 * 2 / 6, 0.0], abs=1e-9)
    assert h["body_loaded_per_1k"].tolist() == pytest.approx([1000 * 2 / 17] * 2, abs=1e-9)
    # TextBlob polarity: "good" 0.7, "great" 0.8; the highlight's own, and the body's mean (0.7 + 0.8 + 0) / 3
    assert h["polarity"].tolist() == [0.0, 0.0]
    assert h["body_polarity"].tolist() == pytest.approx([0.5, 0.5], abs=1e-12)
    body = per_sentence[per_sentence["sentence_id"].isin([2, 3, 4])]
    assert h["vader_compound"].tolist() == per_sentence["vader_compound"].iloc[:2].tolist()
    assert h["body_vader_compound"].tolist() == [body["vader_compound"].mean()] * 2
    assert h["body_vader_compound"].iloc[0] == pytest.approx((0.0516 + 0.6249 - 0.4019) / 3, abs=1e-12)
    # score_article builds the same rows from its own sentence rows
    pd.testing.assert_frame_equal(score_article(article).highlights, h, check_dtype=False)


def test_highlight_without_a_body_has_zero_body_figures():
    article, sents, per_sentence, spans = parts("- Bullet here.\n")
    h = highlights_vs_body(article, sents, per_sentence, spans)
    assert h[["support", "support_score", "body_polarity", "body_vader_compound", "body_loaded_per_1k"]].values.tolist() == [
        ["unsupported", 0.0, 0.0, 0.0, 0.0]]


def test_highlight_of_no_words_has_a_zero_rate():
    article, sents, per_sentence, spans = parts("- ...\nBody text here.\n")
    h = highlights_vs_body(article, sents, per_sentence, spans)
    assert sents["words"].tolist() == [0, 3]
    assert h[["loaded_per_1k", "support_score", "support"]].values.tolist() == [[0.0, 0.0, "unsupported"]]


def test_spans_given_as_an_empty_frame_without_columns():
    article, sents, per_sentence, _ = parts(TEXT)
    h = highlights_vs_body(article, sents, per_sentence, pd.DataFrame())
    assert h["loaded_per_1k"].tolist() == [0.0, 0.0] and h["body_loaded_per_1k"].tolist() == [0.0, 0.0]


def test_a_sentence_missing_from_the_sentiment_table_still_counts_for_support_and_rates():
    article, sents, per_sentence, spans = parts(TEXT)
    h = highlights_vs_body(article, sents, per_sentence[per_sentence["sentence_id"] != 3], spans)
    assert h["body_loaded_per_1k"].tolist() == pytest.approx([1000 * 2 / 17] * 2, abs=1e-9)  # still 17 body words
    assert math.isnan(h["body_polarity"].iloc[0])  # one body polarity is missing, so the mean is
