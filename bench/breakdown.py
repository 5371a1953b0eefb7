"""Where one process's scoring time goes, measure by measure, against TextBlob alone.

    .venv/bin/python bench/breakdown.py [--articles N] [--repeat R]

CPU time per article (``time.process_time``, so a busy shared machine disturbs it less than
wall-clock time) of: (a) ``TextBlob(text).sentiment``; the whole of ``score_articles``; and,
inside it, each measure (the functions ``analysis.scoring.score`` calls are wrapped with timers for
this run only); plus the lexicon matcher alone over every sentence, to show how much of
``loaded_language`` is matching and how much is building its table, and TextBlob's pattern
analyzer and VADER alone over every sentence, the floor under the sentiment measure.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from textblob import TextBlob

    import analysis.scoring.score as score
    from analysis import load_lexicon
    from analysis.io.article_file import article_from_record
    from analysis.measures.sentences import sentence_rows

    texts = news.news_texts()
    articles = [article_from_record(r, source="bench") for r in news.records(args.articles, texts)]
    lexicon = load_lexicon()
    score.score_articles(articles[:2], lexicon)
    totals: collections.Counter = collections.Counter()

    def timer(name, function):
        def timed(*a, **k):
            start = time.process_time()
            try:
                return function(*a, **k)
            finally:
                totals[name] += time.process_time() - start
        return timed

    # the row-level functions score.py calls (older versions called the frame-building ones)
    measures = {"sentence_rows": "sentences (segmentation)", "sentiment_rows": "sentiment: TextBlob + VADER per sentence",
                "find_quotes": "quotes", "quote_rows": "quotes",
                "loaded_language": "loaded_language (analysis/measures/loaded_language.py)", "span_rows": "loaded_language (analysis/measures/loaded_language.py)",
                "highlight_rows": "highlights"}
    measures = {attribute: label for attribute, label in measures.items() if hasattr(score, attribute)}
    for attribute, label in measures.items():
        setattr(score, attribute, timer(label, getattr(score, attribute)))
    matcher = lexicon.matcher
    from textblob.en import sentiment as pattern_sentiment

    from analysis.measures.vader import vader as _vader
    vader = _vader()
    sentence_texts = [a.masked[row[2]:row[3]] for a in articles for row in sentence_rows(a)]
    for _ in range(args.repeat):
        start = time.process_time()
        for a in articles:
            TextBlob(a.text).sentiment
        totals["(a) TextBlob(text).sentiment alone"] += time.process_time() - start
        start = time.process_time()
        score.score_articles(articles, lexicon)
        totals["(b) score_articles, all measures and tables"] += time.process_time() - start
        start = time.process_time()
        for a in articles:
            for row in sentence_rows(a):
                matcher.find(a.masked, row[2], row[3])
        totals["lexicon matcher alone (part of loaded_language)"] += time.process_time() - start
        start = time.process_time()
        for text in sentence_texts:
            pattern_sentiment(text)
            vader.polarity_scores(text)
        totals["sentiment floor: pattern + VADER alone per sentence"] += time.process_time() - start
    per_article = {k: v / args.repeat / len(articles) * 1000 for k, v in totals.items()}
    floor = per_article["(a) TextBlob(text).sentiment alone"]
    inside = sum(per_article[label] for label in set(measures.values()))
    per_article["rest of (b): article rows, tables, glue"] = per_article["(b) score_articles, all measures and tables"] - inside
    print(f"{len(articles)} articles × {args.repeat} repeats; CPU ms per article, and as a multiple of (a)")
    for name, ms in sorted(per_article.items(), key=lambda kv: -kv[1]):
        print(f"  {name:52} {ms:7.2f} ms  {ms / floor:5.2f}x")
    print(f"(b)/(a) throughput ratio: {floor / per_article['(b) score_articles, all measures and tables']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
