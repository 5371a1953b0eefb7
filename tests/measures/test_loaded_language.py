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
