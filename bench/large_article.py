"""Time and peak memory of the article report on one huge article with no sentence punctuation.

    .venv/bin/python bench/large_article.py [--mb 5] [--keep]

Writes a ``--mb`` MB article to a temporary folder: the words of the seed article and of the
wire texts in ``news.py`` (BASIL texts too when present), with every character that is not a
letter, a digit or a space removed, so no sentence ends, repeated to size on a single line.
Then runs, each as a child process under ``/usr/bin/time -v``:

* ``score_article`` on it (``analysis.score_article``, what every report and corpus run calls);
* ``mediakit report article`` on it (papermill, the notebook and the HTML).

and reports each one's wall time and peak resident memory, plus the HTML's size. Targets: the
report's peak under 1 GB (about 7 minutes and 8.6 GB before sentences were capped and the
marked-up text summarised).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TARGET_RSS_MB = 1024

SCORE = """
import sys
from analysis import load_article, score_article
scores = score_article(load_article(sys.argv[1]))
print(len(scores.sentences), int(scores.sentences["end"].sub(scores.sentences["start"]).max()), len(scores.spans))
"""


def unpunctuated(size: int) -> str:
    """About ``size`` characters of news words with no punctuation, on one line."""
    words = re.sub(r"[^\w ]+", " ", " ".join(news.news_texts())).split()
    one = " ".join(words)
    text = " ".join([one] * (size // (len(one) + 1) + 1))
    return text[: text.rfind(" ", 0, size)] + "\n"


def timed(command: list[str]) -> dict:
    """Run ``command`` under ``/usr/bin/time -v``: its wall seconds, peak RSS (MB) and stdout."""
    result = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    fields = dict(line.strip().rsplit(": ", 1) for line in result.stderr.splitlines() if ": " in line)
    h, m, s = (["0"] + fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"))[-3:]
    return {"seconds": int(h) * 3600 + int(m) * 60 + float(s),
            "rss_mb": int(fields["Maximum resident set size (kbytes)"]) / 1024, "stdout": result.stdout.strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="article size in MB (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the article and the report")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mediakit-large-"))
    article = work / "big.txt"
    article.write_text(unpunctuated(int(args.mb * 1_000_000)), encoding="utf-8")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; "
          f"article: {article.stat().st_size / 1e6:.1f} MB, no sentence punctuation")
    try:
        score = timed([sys.executable, "-c", SCORE, str(article)])
        sentences, longest, spans = score["stdout"].split()
        print(f"score_article:           {score['seconds']:7.1f} s, peak {score['rss_mb']:6.0f} MB; "
              f"{sentences} sentences, the longest {longest} characters, {spans} spans")
        report = timed([sys.executable, "-m", "analysis.cli", "report", "article", str(article), "--out", str(work)])
        html = next(work.glob("*.html"))  # big-article.html
        print(f"mediakit report article: {report['seconds']:7.1f} s, peak {report['rss_mb']:6.0f} MB; "
              f"HTML {html.stat().st_size / 1e6:.1f} MB")
        ok = report["rss_mb"] < TARGET_RSS_MB
        print(f"target: report peak under {TARGET_RSS_MB} MB: {'met' if ok else 'NOT met'}")
    finally:
        if args.keep:
            print(f"kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
