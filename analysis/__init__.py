"""mediakit: how does this article, or this outlet, frame the story?

The public surface, one function per concept, each returning a tidy DataFrame (or the
object that holds them):

Reading
    load_article(path)          one article file (text, Markdown, HTML, JSON) → Article
    load_corpus(path, format=None)  many articles, every record read or rejected → Corpus
    iter_corpus(path, format=None)  the same, streamed: one Article or rejection dict per record
                                (formats: jsonl, csv, parquet, folder, basil; more via
                                analysis.io.adapters.register)
    load_lexicon(path=None)     the packaged loaded-language lexicon, or it plus yours → Lexicon

Measuring one article
    sentences(article)                          sentences with offsets
    sentence_sentiment(article, sentences)      TextBlob and VADER, per sentence and per article
    quotes(article, sentences)                  direct and reported quotes, speaker, verb, share
    loaded_language(article, sentences, quotes) lexicon hits with offsets, in or out of quotes
    sentence_bias(sentences, spans)             per sentence: summed loaded weight, biased yes/no
    highlights_vs_body(...)                     are the highlights backed by the body?
    frames(article), frame_evidence(article)    generic and policy frames: score, present, and
                                                every cue with offsets, voice and speaker
    score_article(article)                      all of the above → Scores (every table)
    actor_sentiment(article, actor)             every mention of an actor's names: negative,
                                                neutral or positive towards it, with offsets
    target_sentiment(texts, starts, ends)       the same model on marked targets in bare sentences
                                                (trained on NewsMTSC; not part of score_article)

Running
    score_corpus(path, out)     a corpus (or one article) → Parquet tables in ``out``, streamed in
                                chunks, resumable, on the local or the Dask engine (``mediakit score``)
    score_path(path, format=None) the same scoring in memory (for notebooks)
    load_scores(path, format=None) a `mediakit score` folder read back, or any input scored now
                                All three return a Scores: every table, the run's manifest, the
                                rejected records, and counts (read == scored + rejected)

Comparing outlets (any grouping column of ``articles``; see analysis.compare)
    compare_outlets(scores, by="outlet")      means with bootstrap CIs, pairwise differences
                                              (Hedges' g, permutation p, Holm) and the paired
                                              comparison within events → Comparison
    distinctive_terms(scores, by="outlet")    weighted log-odds with an informative Dirichlet
                                              prior (Monroe et al. 2008), words or loaded terms
    over_time(scores, by="outlet", freq="M")  the same measures per calendar period, with t intervals
    frame_voice(scores, by="outlet")          per frame, the share of its evidence in the
                                              journalist's voice against quotes, with a CI
    highlight_trust(scores, by="outlet")      loaded hits per category (or term) with the
                                              lexicon's measured precision: how far to trust them

Exploring (in JupyterLab, an Article, a Scores and a Comparison display themselves)
    show(article, scores=None, mark=...)        the article's text marked up as the report marks it
    kwic(scores_or_corpus, pattern, window=6)   keyword in context: every match of a word, phrase,
                                                wildcard or lexicon term/category, with offsets,
                                                voice and speaker (``mediakit kwic``)

Figures (analysis.plot: every figure the reports draw, as functions of these tables)
    analysis.plot.ci_plot(comparison.summary), .time_series(over_time(...)), …  → matplotlib Figure;
    analysis.plot.Saver(folder)                 each figure as SVG and PDF, each table as CSV

Validating
    analysis.validate.validate(path, format)    the kit and baselines against BASIL, BABE, NewsMTSC,
                                                and frames against NFC and SemEval-2023
"""

from __future__ import annotations

# The names below are imported on first use (PEP 562), not when ``analysis`` is: a command or a
# kernel that needs one function does not pay for every measure's libraries (TextBlob's NLTK,
# SciPy, DuckDB...). ``from analysis import x`` and ``analysis.x`` work as before.
_WHERE = {
    "Article": "analysis.article",
    "Comparison": "analysis.compare",
    "compare_outlets": "analysis.compare",
    "distinctive_terms": "analysis.compare",
    "frame_voice": "analysis.compare",
    "highlight_trust": "analysis.compare",
    "over_time": "analysis.compare",
    "kwic": "analysis.explore",
    "show": "analysis.explore",
    "InputError": "analysis.errors",
    "InvariantError": "analysis.errors",
    "LexiconError": "analysis.errors",
    "MediakitError": "analysis.errors",
    "OutputError": "analysis.errors",
    "ParameterError": "analysis.errors",
    "ReportError": "analysis.errors",
    "UnknownFormatError": "analysis.errors",
    "BIAS_THRESHOLD": "analysis.measures.loaded_language",
    "loaded_language": "analysis.measures.loaded_language",
    "sentence_bias": "analysis.measures.loaded_language",
    "frame_evidence": "analysis.measures.frames",
    "frames": "analysis.measures.frames",
    "highlights_vs_body": "analysis.measures.highlights",
    "load_article": "analysis.io.article_file",
    "iter_corpus": "analysis.io.corpus",
    "load_corpus": "analysis.io.corpus",
    "load_lexicon": "analysis.lexicon",
    "read_dictionary": "analysis.lexicon.dictionary",
    "score_corpus": "analysis.scoring.run",
    "score_path": "analysis.scoring.run",
    "load_scores": "analysis.scoring.load",
    "quotes": "analysis.measures.quotes",
    "Scores": "analysis.scoring.results",
    "score_article": "analysis.scoring.score",
    "sentences": "analysis.measures.sentences",
    "sentence_sentiment": "analysis.measures.sentiment",
    "actor_sentiment": "analysis.measures.targets",
    "target_sentiment": "analysis.measures.targets",
}

__all__ = [
    "Article", "Scores",
    "load_article", "load_corpus", "iter_corpus", "load_lexicon", "read_dictionary",
    "sentences", "sentence_sentiment", "actor_sentiment", "target_sentiment", "quotes", "loaded_language", "sentence_bias", "BIAS_THRESHOLD", "highlights_vs_body",
    "frames", "frame_evidence",
    "score_article", "score_corpus", "score_path", "load_scores",
    "show", "kwic",
    "Comparison", "compare_outlets", "distinctive_terms", "frame_voice", "highlight_trust", "over_time",
    "MediakitError", "InputError", "InvariantError", "LexiconError", "OutputError", "ParameterError", "ReportError", "UnknownFormatError",
]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # imported once: later look-ups are plain attribute reads
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
