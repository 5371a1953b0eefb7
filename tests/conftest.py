"""Shared fixtures. Tests build their own inputs; ../shared/data is used only by tests marked
``shared_data``, which skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

# One BLAS thread per process: pytest-xdist already runs a worker per core, and OpenBLAS's own
# threads busy-wait for work while the other worker holds the core (the BABE codebook test took
# 19 CPU s with the default pool against 8 with one, for the same model). Set before numpy is
# imported here, and inherited by the runs, kernels and workers the tests start.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import pytest  # noqa: E402

from analysis.report.run import _import_fast  # noqa: E402

# jsonschema (nbformat's validator, which several test modules import) without its IRI grammar,
# as the kit's reports and docs build import it: about 2.5 s of each pytest-xdist worker's
# collection otherwise
_import_fast("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "xi-moscow-visit.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article():
    from analysis import load_article

    return load_article(SEED)


@pytest.fixture(scope="session")
def seed_scores(seed_article):
    from analysis import score_article

    return score_article(seed_article)


@pytest.fixture
def write(tmp_path):
    """write(name, content) → path; str content is written as UTF-8, bytes as they are."""

    def _write(name: str, content) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


SVG = "{http://www.w3.org/2000/svg}"


def svg_text(svg: str) -> str:
    """The text an SVG (matplotlib's, with ``svg.fonttype`` "none") draws, one line per
    ``<text>`` element; fails on any mathtext (a ``<text>`` of ``<tspan>`` glyphs)."""
    import xml.etree.ElementTree as ET

    texts = list(ET.fromstring(svg).iter(f"{SVG}text"))
    assert texts, "the figure draws no text"
    math = [[t.text for t in text.iter(f"{SVG}tspan")] for text in texts if text.find(f"{SVG}tspan") is not None]
    assert not math, f"drawn as mathtext: {math}"
    return "\n".join(text.text or "" for text in texts)


def drawn(fig) -> str:
    """What a matplotlib figure draws as text (``svg_text`` of it saved as SVG)."""
    from io import StringIO

    import matplotlib

    out = StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(out, format="svg")
    return svg_text(out.getvalue())


def notebook_outputs(notebook_path) -> str:
    """An executed notebook's outputs (HTML and text), joined; fails on an error or anything
    written to stderr (a warning included)."""
    import nbformat

    nb = nbformat.read(str(notebook_path), as_version=4)
    shown = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            assert output.get("name") != "stderr", output.get("text")
            shown.append(str(output.get("data", {}).get("text/html", "")) + str(output.get("text", "")))
    return "\n".join(shown)


@pytest.fixture
def no_kernel(monkeypatch):
    """A report that would start a kernel fails the test instead: what is checked before the
    kernel starts is tested without one."""
    import papermill

    from analysis.report import run

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    # a notebook runs through run.execute_into, in this process or in a kernel (papermill)
    monkeypatch.setattr(run, "execute_into", refuse)
    monkeypatch.setattr(papermill, "execute_notebook", refuse)


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when it is not there."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (development data lives beside the checkout)")
    return path


def _shared_root(tmp_path_factory) -> Path:
    """The session's temporary folder that every pytest-xdist worker of this run shares."""
    import os

    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def shared_report(tmp_path_factory):
    """``shared_report(kind, input, *options)``: the folder into which ``mediakit report KIND
    INPUT OPTIONS --out FOLDER`` wrote its report, run once per test session for all the tests
    (in any module, on any pytest-xdist worker) that read that same report. The first process
    to ask runs it through ``analysis.cli.main`` under a lock and marks the folder finished;
    the others wait for the lock and read the same folder. Read-only: a test that writes into
    a report's folder copies it first (``shutil.copytree``). Nothing here depends on how the
    report engine runs the notebook."""
    import fcntl
    import hashlib

    from analysis.cli import main

    root = _shared_root(tmp_path_factory)

    def run(kind: str, input, *options: str) -> Path:
        argv = ["report", kind, *([] if input is None else [str(input)]), *map(str, options)]
        name = "report-" + hashlib.sha256("\0".join(argv).encode("utf-8")).hexdigest()[:16]
        out, done = root / name, root / f"{name}.done"
        with open(root / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.exists():
                assert not out.exists(), f"{out}: a report run that failed earlier in this session"
                assert main([*argv, "--out", str(out)]) == 0, argv
                done.write_text(" ".join(argv), encoding="utf-8")
        return out

    return run


@pytest.fixture(scope="session")
def validated(tmp_path_factory):
    """``validated(path, format)``: ``analysis.validate.validate(path, format)``, run once per
    test session however many tests ask for it (the docs' figure check, the floors of the real
    data figures, the target-sentiment and roles checks all read the same validations of
    ../shared/data). The first process to ask runs it, under a lock, and leaves a pickle in
    the session's temporary folder, which every pytest-xdist worker shares; the others read
    that. Treat the result as read-only: it is shared."""
    import fcntl
    import hashlib
    import pickle

    from analysis.validate import validate

    root = _shared_root(tmp_path_factory)
    done: dict = {}

    def run(path, format: str):
        key = (str(Path(path).resolve()), format)
        if key not in done:
            name = f"validation-{format}-{hashlib.sha256(key[0].encode()).hexdigest()[:12]}"
            cache = root / f"{name}.pickle"
            with open(root / f"{name}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if cache.exists():
                    done[key] = pickle.loads(cache.read_bytes())
                else:
                    done[key] = validate(path, format)
                    partial = cache.with_suffix(".partial")
                    partial.write_bytes(pickle.dumps(done[key]))
                    partial.replace(cache)
        return done[key]

    return run


#: Sentences the event corpus is built from: {event} is the story, {w} a word that varies.
NEUTRAL = [
    "Officials met on {day} to discuss the {event}.",
    "The talks on the {event} lasted several hours, spokesman Tom Reyes said.",
    "Delegates reviewed the budget and the schedule for the {event}.",
    "“We will publish the figures next week,” the minister said.",
]
LOADED = [
    "Critics called the {event} a sham and a brutal betrayal.",
    "The outrageous plan for the {event} is a catastrophic failure, opponents said.",
    "Thugs and extremists hijacked the {event}, the paper wrote.",
]
MILD = ["Some observers called the {event} a huge change."]
OUTLETS = {"Daily Fury": 3, "Middle Post": 1, "Calm Ledger": 0}  # loaded sentences per article
EVENTS = ["budget vote", "border summit", "climate accord", "rail strike"]


def event_corpus_records() -> list[dict]:
    """About 30 short articles: 3 outlets × 4 events, dated over three months. Daily Fury
    writes loaded sentences, Calm Ledger none, Middle Post one milder one, so the outlets'
    loaded-language rates differ by construction; the most loaded article's title carries
    markup to be escaped."""
    records = []
    for e, event in enumerate(EVENTS):
        for o, (outlet, n_loaded) in enumerate(OUTLETS.items()):
            for k in range(2 + (e + o) % 2):
                day = f"2024-{1 + (e + k) % 3:02d}-{10 + o + k:02d}"
                body = [s.format(event=event, day=day) for s in NEUTRAL[: 3 + k % 2]]
                body += [LOADED[(e + k + i) % len(LOADED)].format(event=event) for i in range(n_loaded)]
                if outlet == "Middle Post":
                    body += [MILD[0].format(event=event)]
                title = f"{outlet} on the {event}, part {k + 1}"
                if (outlet, e, k) == ("Daily Fury", 0, 0):  # the most loaded article, shown by title
                    title = "<script>alert('x')</script> Sham vote"
                    body += [LOADED[0].format(event=event)]
                records.append({"id": f"{o}-{e}-{k}", "outlet": outlet, "title": title, "published": day,
                                "event": event, "text": " ".join(body)})
    return records


@pytest.fixture(scope="session")
def event_corpus(tmp_path_factory) -> Path:
    """The event corpus as JSONL, plus one line that is not JSON (a rejected record)."""
    import json
    import os

    # one file for every pytest-xdist worker, so that ``shared_report`` runs a report of it once
    path = _shared_root(tmp_path_factory) / "event-corpus" / "events.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in event_corpus_records()]
    lines.insert(5, "{not json")
    text = "\n".join(lines) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(exist_ok=True)
        partial = path.with_name(f".events-{os.getpid()}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)  # the same bytes whichever worker writes it: never half a file
    return path


@pytest.fixture(scope="session")
def event_run(event_corpus):
    from analysis import score_path

    return score_path(event_corpus)


def term_tables(texts: dict) -> dict:
    """The two tables ``distinctive_terms`` reads, for hand examples: one article per group
    (the group is the article's id), each a single body sentence."""
    import pandas as pd

    ids = list(texts)
    return {
        "articles": pd.DataFrame({"article_id": ids, "outlet": ids, "words": 4}),
        "sentences": pd.DataFrame({"article_id": ids, "part": "body", "text": list(texts.values()),
                                   "start": 0, "end": [len(t) for t in texts.values()]}),
    }


def without_frame_marks(html: str) -> str:
    """A report's HTML with the frame-cue underlines taken out (their text kept), so the
    loaded-language marks around them read as one string again."""
    import re

    return re.sub(r'<span class="mk-frame"[^>]*>(.*?)<sup>[^<]*</sup></span>', r"\1", html)


def _long(item) -> bool:
    """A test of a minute or more on this machine: a notebook or a whole run (``slow``), or a
    validation of a development corpus (``shared_data``)."""
    return item.get_closest_marker("slow") is not None or item.get_closest_marker("shared_data") is not None


def pytest_collection_modifyitems(config, items):
    """The scopes with the most long tests first, the rest after by size, each keeping its
    tests' order, so that pytest-xdist (``--dist loadscope --no-loadscope-reorder``: a scope
    per worker, in this order) starts the long ones at once on every worker instead of leaving
    them to the end of one worker's queue. A scope is what loadscope gives one worker: a
    module's tests outside classes, or one class (``file::Class``), so a module's long tests
    put in a class of their own start first while the module's quick ones wait. Only in a
    pytest-xdist worker: elsewhere nothing is scheduled and the order stays as collected.

    Splitting one module's long tests over workers (``--dist loadgroup`` with an
    ``xdist_group`` per test) does not work here: pytest-xdist 3.8 renames ``item._nodeid``
    to carry the group, and pytest 9 keeps the id elsewhere, so every test became a group of
    its own and each module-scoped fixture was made once per worker."""
    if not hasattr(config, "workerinput"):
        return
    scopes: dict[str, list] = {}
    for item in items:  # the scope as loadscope splits it: the node id up to its last "::"
        scopes.setdefault(item.nodeid.rsplit("::", 1)[0], []).append(item)
    long = {name: sum(_long(i) for i in tests) for name, tests in scopes.items()}
    ordered = sorted(scopes, key=lambda name: (-long[name], -len(scopes[name])))
    items[:] = [item for name in ordered for item in scopes[name]]
