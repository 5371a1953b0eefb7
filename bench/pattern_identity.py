"""Check that ``analysis.measures.pattern.sentiment`` gives ``textblob.en.sentiment``'s exact
result, and time both.

    .venv/bin/python bench/pattern_identity.py

Sentences: every sentence of the kit's segmentation (``sentence_rows``) of the seed article, the
benchmark wire articles and, when ``../shared/data`` is present, the BASIL articles, BASIL's,
BABE's and NewsMTSC's annotated sentences (each also kept whole, as validation scores them),
the NFC articles (``nfc-dev/articles.jsonl``) and the SemEval-2023 frames articles
(``semeval23-frames/train.jsonl``); corpora that are absent are skipped. Each sentence is also
checked upper-cased, with emoticons appended (``:) :-(``, which the tokenizer splits and the
fast path hands to textblob; ``<3 ♥``, which it keeps whole) and with its full stops turned into
exclamation marks. Polarity, subjectivity and every assessment (words, polarity,
subjectivity, label) must be equal for every one, floats compared with ``==``; the script prints
every mismatch and exits 1 if there is one.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news  # noqa: E402

SHARED = news.ROOT.parent / "shared" / "data"


def _jsonl_texts(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [text for line in lines if line.strip() and (text := json.loads(line).get("text"))]


def corpora() -> dict[str, list[str]]:
    """Texts per corpus, as articles to segment."""
    from analysis.validate.readers import read_dataset

    out = {"seed and wire articles, BASIL articles": news.news_texts()}
    for name, paths in (("basil", [SHARED / "basil-dev"]), ("babe", [SHARED / "babe"]),
                        ("newsmtsc", sorted((SHARED / "newsmtsc").glob("*.jsonl")))):  # train and dev
        texts = [t for path in paths if path.exists() for t in read_dataset(path, name)["text"]]
        out[f"{name} annotated sentences"] = list(dict.fromkeys(t for t in texts if t.strip()))
    out["nfc-dev articles"] = _jsonl_texts(SHARED / "nfc-dev" / "articles.jsonl")
    out["semeval23-frames train"] = _jsonl_texts(SHARED / "semeval23-frames" / "train.jsonl")
    return {name: texts for name, texts in out.items() if texts}


def sentences() -> tuple[list[str], dict[str, int]]:
    from analysis.io.article_file import article_from_record
    from analysis.measures.sentences import sentence_rows

    out, counts = [], {}
    for name, texts in corpora().items():
        found = [t for t in texts if "sentences" in name]  # an annotated sentence as validation scores it
        for i, text in enumerate(texts):
            article = article_from_record({"text": text}, source="bench", id=f"{name}-{i}")
            found += [article.masked[row[2]:row[3]] for row in sentence_rows(article)]
        counts[name] = len(found)
        out += found
    return out, counts


def variants(base: list[str]) -> dict[str, list[str]]:
    return {"as segmented": base, "upper-cased": [s.upper() for s in base],
            "+ ':) :-(' (handed over)": [s + " :) :-(" for s in base], "+ '<3 ♥'": [s + " <3 ♥" for s in base],
            "'.' -> '!'": [s.replace(".", "!") for s in base]}


def main() -> int:
    from textblob.en import sentiment as original

    from analysis.measures.pattern import _tokens
    from analysis.measures.pattern import sentiment as fast

    base, counts = sentences()
    for name, count in counts.items():
        print(f"  {name:40} {count:7d} sentences")
    base = list(dict.fromkeys(base))  # each distinct sentence once
    original("warm up the lexicon"), fast("warm up the lexicon")
    mismatches = total = 0
    print(f"{'':28} {'sentences':>9} {'handed over':>11} {'textblob s':>10} {'fast s':>7} {'speed-up':>8}")
    for group, texts in variants(base).items():
        timings, results = [], []
        for function in (original, fast):
            start = time.process_time()
            results.append([function(t) for t in texts])
            timings.append(time.process_time() - start)
        for text, a, b in zip(texts, *results):
            if a != b or a.assessments != b.assessments:
                mismatches += 1
                print(f"DIFFERENT on {text!r}: {a} {a.assessments} != {b} {b.assessments}")
        total += len(texts)
        handed = sum(_tokens(t) is None for t in texts)
        print(f"  {group:26} {len(texts):9d} {handed:11d} {timings[0]:10.2f} {timings[1]:7.2f} {timings[0] / timings[1]:7.2f}x")
    print(f"{total} sentences ({len(base)} distinct, each also in 4 variants): {mismatches} mismatches (CPU seconds)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
