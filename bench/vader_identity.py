"""Check that ``analysis.measures.vader.Vader`` gives vaderSentiment's exact scores, and time both.

    .venv/bin/python bench/vader_identity.py

Sentences: every sentence the kit segments from the benchmark news (seed, wire fixtures, BASIL
articles when ``../shared/data`` is present), BASIL's and BABE's annotated sentences and every
NewsMTSC sentence (train and dev) when present, each also upper-cased and with an emoji
appended. The four scores (neg, neu, pos, compound) must be equal for every one; the script
exits 1 on the first difference.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news  # noqa: E402

SHARED = news.ROOT.parent / "shared" / "data"


def sentences() -> list[str]:
    from analysis.io.article_file import article_from_record
    from analysis.measures.sentences import sentence_rows

    texts = news.news_texts()
    articles = [article_from_record(r, source="bench") for r in news.records(len(texts), texts)]
    out = [a.masked[row[2]:row[3]] for a in articles for row in sentence_rows(a)]
    if SHARED.is_dir():
        from analysis.validate.readers import read_dataset

        out += list(read_dataset(SHARED / "basil-dev", "basil")["text"])
        out += list(read_dataset(SHARED / "babe", "babe")["text"])
        for name in sorted((SHARED / "newsmtsc").glob("*.jsonl")):
            out += [json.loads(line)["sentence_normalized"] for line in name.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def main() -> int:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.measures.vader import Vader

    base = sentences()
    texts = base + [s.upper() for s in base] + [s + " \U0001F600" for s in base[:2000]]
    original, fast = SentimentIntensityAnalyzer(), Vader()
    timings = {}
    results = {}
    for name, analyser in (("vaderSentiment", original), ("analysis.measures.vader", fast)):
        start = time.process_time()
        results[name] = [analyser.polarity_scores(t) for t in texts]
        timings[name] = time.process_time() - start
    for text, a, b in zip(texts, results["vaderSentiment"], results["analysis.measures.vader"]):
        if a != b:
            print(f"DIFFERENT on {text!r}: {a} != {b}")
            return 1
    print(f"{len(texts)} sentences ({len(base)} distinct sources, plus upper-cased and emoji variants): all scores identical")
    for name, seconds in timings.items():
        print(f"  {name:16} {seconds:6.2f} s CPU  {len(texts) / seconds:8.0f} sentences/s")
    print(f"speed-up: {timings['vaderSentiment'] / timings['analysis.measures.vader']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
