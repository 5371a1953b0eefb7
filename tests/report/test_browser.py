"""The reports in a real browser (issue #16): headless Chromium opens the article, corpus,
comparison and validation reports; the marked-up text, the figures and the tables render;
nothing is fetched from the network; no script runs, not even with the page's
Content-Security-Policy taken out (the article's hostile text is escaped, not merely blocked).

Chromium's own background traffic (its clock, account checks) is told apart from the page's in
the net log by the page's network isolation key (``file://``). Two control pages show that the
checks can fail: a page with a remote image is seen fetching it, a page with a script is seen
running it. Skips, saying why, where Chromium is not installed or cannot start (``.ci/run``
installs Debian's ``chromium`` where apt is available). Writes ``reports/seed-article.png``, a
screenshot of the seed report (``reports/`` is generated and not committed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from analysis.cli import main

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=10000"]  # the DOM is dumped once the page has loaded and settled
HOSTILE = ("<script>document.title='pwned';document.body.appendChild(document.createElement('mk-pwned'))</script>"
           "<img src=x onerror=\"document.body.appendChild(document.createElement('mk-pwned'))\">"
           "<img src=\"http://example.invalid/tracker.png\">")
#: What the probe, appended to a copy of a page, writes into the DOM once the page has loaded.
PROBE = ("<script>window.addEventListener('load', function () { var p = document.createElement('pre');"
         " p.id = 'mk-probe'; p.textContent = JSON.stringify({title: document.title,"
         " images: Array.from(document.images).map(function (i) { return i.naturalWidth; }),"
         " tables: document.querySelectorAll('table').length, marks: document.querySelectorAll('mark').length,"
         " pwned: document.querySelectorAll('mk-pwned').length, scripts: document.scripts.length});"
         " document.body.appendChild(p); });</script>")
CSP = re.compile(r"<meta[^>]*Content-Security-Policy[^>]*>")


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium; .ci/run does it where apt is available)")
    try:
        done = subprocess.run([path, *FLAGS, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"chromium cannot run here: {error}")
    if done.returncode != 0:
        pytest.skip(f"chromium cannot run here: {done.stderr.strip()[:200]}")
    return path


def _open(page: Path, *extra: str) -> tuple[str, list[str]]:
    """(the DOM after load, the http(s) URLs the page itself requested)."""
    chromium = _chromium()
    with tempfile.TemporaryDirectory(prefix="mk-chromium-") as profile:
        netlog = Path(profile) / "net.json"
        done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--log-net-log={netlog}", *extra,
                               "--dump-dom", page.resolve().as_uri()], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    fetched = [e["params"]["url"] for e in log["events"]
               if e["type"] == start and "file://" in str(e["params"].get("network_isolation_key", ""))
               and not e["params"]["url"].startswith(("file:", "data:"))]
    return done.stdout, fetched


def _probe(page: Path, tmp_path: Path) -> dict:
    """Open a copy of ``page`` without its CSP and with the probe; what the probe saw."""
    html = page.read_text(encoding="utf-8")
    copy = tmp_path / f"probe-{page.name}"
    copy.write_text(CSP.sub("", html).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom, _ = _open(copy)
    found = re.search(r'<pre id="mk-probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))


def _check(page: Path, tmp_path: Path, *, marks: bool) -> dict:
    assert CSP.search(page.read_text(encoding="utf-8")), f"{page.name} has no Content-Security-Policy"
    dom, fetched = _open(page)
    assert fetched == [], f"{page.name} fetched {fetched}"
    assert "<mk-pwned" not in dom and "<script" not in dom
    seen = _probe(page, tmp_path)
    assert seen["pwned"] == 0 and "pwned" not in seen["title"]
    assert seen["scripts"] == 1  # the probe alone
    assert seen["images"] and all(width > 0 for width in seen["images"])  # every figure decoded
    assert seen["tables"] >= 1
    if marks:
        assert seen["marks"] >= 1
    return seen


def test_the_checks_can_fail(tmp_path):
    remote = tmp_path / "remote.html"
    remote.write_text('<html><body><img src="http://example.invalid/x.png"></body></html>', encoding="utf-8")
    assert _open(remote)[1] == ["http://example.invalid/x.png"]
    script = tmp_path / "script.html"
    script.write_text("<html><head><title>t</title></head><body>" + HOSTILE.split("<img")[0] + "</body></html>", encoding="utf-8")
    assert "<mk-pwned" in _open(script)[0]
    assert _probe(script, tmp_path)["pwned"] == 1


def test_article_report_in_chromium(tmp_path):
    _chromium()
    article = tmp_path / "hostile.txt"
    seed = (ROOT / "seeds" / "xi-moscow-visit.txt").read_text(encoding="utf-8")
    title, _, rest = seed.partition("\n")
    article.write_text(f"{title} {HOSTILE}\n{rest}\n\nA critic said the {HOSTILE} plan was a disgrace.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", "article", str(article), "--out", str(out)]) == 0
    seen = _check(out / "hostile-article.html", tmp_path, marks=True)
    assert len(seen["images"]) >= 4  # the article report's figures


def test_seed_report_screenshot(tmp_path, shared_report, seed_path):
    chromium = _chromium()
    page = shared_report("article", seed_path) / "xi-moscow-visit-article.html"  # the one test_report.py reads
    _check(page, tmp_path, marks=True)
    shot = ROOT / "reports" / "seed-article.png"
    shot.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mk-chromium-") as profile:
        subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1200,3000",
                        "--hide-scrollbars", page.resolve().as_uri()], check=True, capture_output=True, timeout=180)
    from matplotlib import image

    pixels = image.imread(shot)
    assert pixels.shape[:2] == (3000, 1200) and pixels.std() > 0.05  # not a blank page


def test_corpus_and_comparison_reports_in_chromium(event_corpus, tmp_path, shared_report):
    _chromium()
    for kind in ("corpus", "compare"):  # the reports test_compare_reports.py reads
        _check(shared_report(kind, event_corpus, "--min-articles", "3") / f"events-{kind}.html", tmp_path, marks=False)


def test_validation_report_in_chromium(write, tmp_path):
    _chromium()
    babe = ("text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
            f'"The {HOSTILE.replace(chr(34), chr(39))} plan is outrageous.";l;o;t;left;Biased;x;[\'outrageous\']\n'
            '"The council met on Tuesday.";l;o;t;left;Non-biased;x;[]\n'
            '"A shameful, outrageous betrayal.";l;o;t;left;Biased;x;[\'shameful\']\n'
            '"The report was published.";l;o;t;left;Non-biased;x;[]\n')
    out = tmp_path / "out"
    assert main(["report", "validate", "--babe", str(write("final_labels_SG2.csv", babe)), "--out", str(out)]) == 0
    _check(out / "validation.html", tmp_path, marks=False)
