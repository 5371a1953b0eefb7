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
