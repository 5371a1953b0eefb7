"""Check that ``analysis.measures.pattern.sentiment`` gives ``textblob.en.sentiment``'s exact
result, and time both.

    .venv/bin/python bench/pattern_identity.py

Sentences: every sentence of the kit's segmentation (``sentence_rows``) of the seed article, the
benchmark wire articles and, when ``../shared/data`` is present, the BASIL articles, BASIL's,
BABE's and NewsMTSC's annotated sentences (each also kept whole, as validation scores them),
the NFC articles (``nfc-dev/articles.jsonl``) and the SemEval-2023 frames articles
(``semeval23-frames/train.jsonl``); corpora that are absent are skipped. Each sentence is also
checked upper-cased, with emoticons appended (``:)``, ``:-(``, ``: (``) and with its full stops
turned into exclamation marks. Polarity, subjectivity and every assessment (words, polarity,
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
    for name, folder in (("basil", "basil-dev"), ("babe", "babe"), ("newsmtsc", "newsmtsc")):
        if (SHARED / folder).is_dir():
            out[f"{name} annotated sentences"] = [t for t in read_dataset(SHARED / folder, name)["text"] if t.strip()]
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


def variants(base: list[str]) -> list[str]:
    return [*base, *(s.upper() for s in base), *(s + " :) :-( : (" for s in base), *(s.replace(".", "!") for s in base)]


def main() -> int:
    from textblob.en import sentiment as original

    from analysis.measures.pattern import _tokens
    from analysis.measures.pattern import sentiment as fast

    base, counts = sentences()
    texts = variants(base)
    timings, results = {}, {}
    for name, function in (("textblob.en.sentiment", original), ("analysis.measures.pattern", fast)):
        function("warm up the lexicon")
        start = time.process_time()
        results[name] = [function(t) for t in texts]
        timings[name] = time.process_time() - start
    mismatches = 0
    for text, a, b in zip(texts, results["textblob.en.sentiment"], results["analysis.measures.pattern"]):
        if a != b or a.assessments != b.assessments:
            mismatches += 1
            print(f"DIFFERENT on {text!r}: {a} {a.assessments} != {b} {b.assessments}")
    for name, count in counts.items():
        print(f"  {name:40} {count:7d} sentences")
    print(f"{len(texts)} sentences ({len(base)} segmented, plus upper-cased, emoticon and exclamation variants): "
          f"{mismatches} mismatches; {sum(_tokens(t) is None for t in texts)} handed to the original code")
    for name, seconds in timings.items():
        print(f"  {name:26} {seconds:6.2f} s CPU  {len(texts) / seconds:8.0f} sentences/s")
    print(f"speed-up: {timings['textblob.en.sentiment'] / timings['analysis.measures.pattern']:.2f}x")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
