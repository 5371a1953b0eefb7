"""``report_each``: the article report for every article of a corpus, and an index page linking
them (``mediakit report article CORPUS --each``).

Each article is written as a JSON article file, ``articles/<name>-<hash>.json`` in the output
folder (``<hash>``: the first 12 hex digits of the file's SHA-256), and its report is the article
report of that file, ``<name>-article.ipynb`` and ``.html``, exactly what ``mediakit report
article`` writes for it. ``<name>`` is the article id with every character other than letters,
digits, ``.``, ``_`` and ``-`` replaced by ``_`` (cut to 60), then the first 8 hex digits of the
id's SHA-1, so two ids never share a file.

Speed: ``workers`` processes (default: every core), each running the notebooks in itself
(``analysis.report.engine``: a fresh namespace per report, the kit and matplotlib stay
imported) or, with ``kernel=True``, in one kernel started once and reused (its namespace reset
between articles); each renders the pages with the parts of the page that do not change cached
(``analysis.report.export``), and with one HTML exporter when nbconvert must render; after
its first report, a worker freezes what it keeps out of the garbage collector's scans
(``gc.freeze``), so collecting each report's garbage is cheap.

Resumable like ``mediakit score``: a report is skipped when its HTML and notebook are there and
the notebook records the same article file (so the same content, by the hash in its name) and
the same lexicon. Each report is written in a hidden staging folder and moved into place whole,
HTML last; the index is written to a temporary file and renamed, so an interrupted run leaves
no half-written file, and the rerun does only what is missing.

Every input record is accounted for: a record the corpus reader rejects, an article that does
not survive being written as an article file, and an article whose report fails are rows of
the returned table (and of the index page) with the reason; nothing is dropped silently.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from analysis.errors import InputError, MediakitError
from analysis.schema import Table

EACH = Table("report_each", "one row per input record of `mediakit report article CORPUS --each`, in input order.",
             row="EachRow", columns="""
    record_id  str    the article's id (the record's, when it was rejected and had one)
    title      str    its title
    outlet     str    its outlet
    status     str    written (now) | skipped (already written for the same inputs) | rejected (not read) | failed (the report did not run)
    html       str    the report's HTML file, for written and skipped
    source     str    where the record was read from (rejected and failed: the file)
    line       Int64  its line, when the reader gives one
    field      str    the field that was wrong, for rejected
    reason     str    what was wrong, for rejected and failed
""")

INDEX = "index.html"
ARTICLES = "articles"


def report_each(corpus_path, *, out_dir=None, format: str | None = None, lexicon_path: str | None = None,
                lexicon_mode: str = "add", workers: int | None = None, kernel: bool = False) -> pd.DataFrame:
    """Write the article report of every article in ``corpus_path`` (any format
    ``iter_corpus`` reads) and ``index.html`` into ``out_dir`` (default ``reports/``); return
    the ``EACH`` table, one row per input record. ``kernel``: each worker runs the notebooks
    in one Jupyter kernel instead of in itself (see ``run_report``)."""
    from analysis.io.corpus import iter_corpus
    from analysis.report.params import check_inputs, check_notebook_parameters, check_parameters
    from analysis.report.run import DEFAULT_OUT

    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InputError(f"must be a whole number, 1 or more, got {workers!r}", field="workers")
    lexicon = {"lexicon_path": None if lexicon_path is None else str(Path(lexicon_path).resolve()), "lexicon_mode": lexicon_mode}
    check_parameters("article", {"article_path": "-", **lexicon})
    if lexicon["lexicon_path"] is not None:
        from analysis.lexicon import load_lexicon

        load_lexicon(lexicon["lexicon_path"], mode=lexicon_mode)  # a bad lexicon fails once, before any kernel
    check_notebook_parameters("article")
    out = Path(out_dir if out_dir is not None else DEFAULT_OUT).resolve()
    (out / ARTICLES).mkdir(parents=True, exist_ok=True)

    rows: list[dict] = []
    todo: list[tuple[int, str, dict]] = []  # (row, name, parameters)
    for item in iter_corpus(corpus_path, format):
        if isinstance(item, dict):
            rows.append(_row(item.get("record_id"), None, None, "rejected", source=item.get("source"),
                             line=item.get("line"), field=item.get("field"), reason=item.get("reason")))
            continue
        name = file_name(item.id)
        try:
            article_file = _article_file(item, out / ARTICLES, name)
            parameters = check_parameters("article", {"article_path": str(article_file), **lexicon})
            check_inputs("article", parameters)
        except MediakitError as error:
            rows.append(_row(item.id, item.title, item.outlet, "failed", source=item.source, reason=str(error)))
            continue
        html = out / f"{name}-article.html"
        done = _already_written(out, name, parameters)
        rows.append(_row(item.id, item.title, item.outlet, "skipped" if done else "written", html=str(html)))
        if not done:
            todo.append((len(rows) - 1, name, parameters))

    for index, error in _run_all(todo, out, workers, kernel):
        rows[index].update(status="failed", html=None, source=rows[index]["source"] or todo_source(todo, index), reason=error)
    table = pd.DataFrame(rows, columns=EACH.names).astype(EACH.frame_dtypes)
    _write_atomically(out / INDEX, index_page(table, out, corpus_path))
    return table


def todo_source(todo, index: int) -> str | None:
    """The article file a failed report was of."""
    return next((p["article_path"] for i, _, p in todo if i == index), None)


def file_name(article_id: str) -> str:
    """The file name stem for an article id (see the module): readable, and one per id."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", article_id)[:60].strip("._") or "article"
    return f"{readable}-{hashlib.sha1(article_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def _row(record_id, title, outlet, status, *, html=None, source=None, line=None, field=None, reason=None) -> dict:
    return {"record_id": record_id, "title": title, "outlet": outlet, "status": status, "html": html,
            "source": source, "line": line, "field": field, "reason": reason}


def _article_file(article, folder: Path, name: str) -> Path:
    """The article as a JSON article file that reads back as the same article (text, parts,
    removals, title and metadata), named by its content; written once."""
    from analysis.io.article_file import load_article

    data = json.dumps(article_record(article), ensure_ascii=False, sort_keys=True).encode("utf-8")
    path = folder / f"{name}-{hashlib.sha256(data).hexdigest()[:12]}.json"
    if not path.is_file():
        _write_atomically(path, data)
    back = load_article(path)
    same = ("text", "title", "outlet", "published", "url", "event", "parts", "removed")
    if any(getattr(back, k) != getattr(article, k) for k in same) or back.variables != article.variables:
        raise InputError("does not read back as the same article from a JSON article file "
                         f"(read as {article.format}); report it on its own with mediakit report article", file=article.source)
    return path


def article_record(article) -> dict:
    """The article as a JSON article record (``load_article``'s JSON format, a JSONL line)."""
    record = {"id": article.id, "text": article.text, "title": article.title, "outlet": article.outlet,
              "published": article.published, "url": article.url, "event": article.event,
              "highlights": article.meta.get("highlights"), **article.variables}
    return {k: v for k, v in record.items() if v is not None}


def _already_written(out: Path, name: str, parameters: dict) -> bool:
    notebook, html = out / f"{name}-article.ipynb", out / f"{name}-article.html"
    if not (html.is_file() and notebook.is_file()):
        return False
    try:
        recorded = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["papermill"]["parameters"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return all(recorded.get(k) == v for k, v in parameters.items())


# ------------------------------------------------------------------------------ the workers

def _run_all(todo: list, out: Path, workers: int | None, kernel: bool) -> list[tuple[int, str]]:
    """Run the reports in ``todo``; (row, reason) for each that failed."""
    if not todo:
        return []
    n = min(workers or os.cpu_count() or 1, len(todo))
    jobs = [(index, name, parameters, str(out)) for index, name, parameters in todo]
    if n == 1:
        _start_worker(kernel)
        try:
            results = [_one(job) for job in jobs]
        finally:
            _stop_worker()
    else:
        if not kernel:
            _preload()  # once here rather than once in each worker
        context = multiprocessing.get_context("fork")  # the workers are children: their CPU is counted
        # chunks of a few reports: fewer round trips to the pool, and still spread over the workers
        chunk = max(1, min(8, len(jobs) // (4 * n)))
        with context.Pool(n, initializer=_start_worker, initargs=(kernel,)) as pool:
            results = list(pool.imap_unordered(_one, jobs, chunksize=chunk))
            pool.close()
            pool.join()
    return [(index, error) for index, error in results if error is not None]


_WORKER: dict = {}


def _preload() -> None:
    """Import, before the workers are forked, what every in-process report imports (IPython,
    matplotlib and pyplot, the kit's plotting and rendering) and read the packaged lexicon: the
    workers inherit them instead of each importing them (about 1 CPU s a worker)."""
    import importlib

    for module in ("IPython.core.interactiveshell", "matplotlib.pyplot", "matplotlib_inline.backend_inline",
                   "analysis.plot", "analysis.provenance", "analysis.report.engine", "analysis.report.export",
                   "analysis.report.render"):
        importlib.import_module(module)
    from analysis.lexicon import load_lexicon

    load_lexicon()


def _start_worker(kernel: bool = False) -> None:
    """This process's papermill (for a kernel), and, with ``kernel`` (or inside another
    IPython, see ``run_report``), its kernel, started once and kept for every report it runs;
    stopped by :func:`_stop_worker`, or at the process's exit. Without a kernel the reports
    run in this process (``analysis.report.engine``: a fresh namespace per report)."""
    from multiprocessing import util

    from analysis.report.run import _hermetic_jupyter_env, _import_papermill, _warm_kernel, in_process_available

    stack = ExitStack()
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mediakit-each-")))
    stack.enter_context(_hermetic_jupyter_env())
    km = client = None
    if kernel or not in_process_available():
        km, client = stack.enter_context(_warm_kernel(scratch))
    # papermill's package only for a kernel: in this process the notebooks run without it (engine)
    _WORKER.update(stack=stack, km=km, client=client, papermill=None if km is None else _import_papermill())
    util.Finalize(None, _stop_worker, exitpriority=10)  # a pool's worker exits without atexit


def _stop_worker() -> None:
    stack = _WORKER.pop("stack", None)
    if _WORKER.get("frozen"):
        gc.unfreeze()  # the process (the caller's, with one worker) collects all of its garbage again
    _WORKER.clear()
    if stack is not None:
        stack.close()


def _one(job) -> tuple[int, str | None]:
    """One report, on this worker's kernel or in this process: (row, None), or (row, why it failed)."""
    from jupyter_core.utils import run_sync

    from analysis.report.run import execute_into

    index, name, parameters, out = job
    km, client = _WORKER["km"], _WORKER["client"]
    if client is not None:
        # the previous article's variables go; imported modules stay (the import cell is then cheap)
        client.execute("%reset -f", silent=True, store_history=False)
    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=out))
    try:
        execute_into(_WORKER["papermill"], km, "article", parameters, out=Path(out), name=f"{name}-article",
                     staging=staging)
        if not _WORKER.get("frozen"):
            # after the first report, what the worker keeps (modules, lexicons, the shell) is
            # left out of the garbage collector's scans: each report's gc.collect (engine) then
            # looks at that report's objects only (0.09 CPU s a report less, measured)
            gc.collect()
            gc.freeze()
            _WORKER["frozen"] = True
        return index, None
    except Exception as error:  # noqa: BLE001  (any failure is this article's row, the run goes on)
        if km is not None and not run_sync(km.is_alive)():
            run_sync(km.restart_kernel)(now=True)
        return index, f"{type(error).__name__}: {error}"
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ------------------------------------------------------------------------------ the index

def index_page(table: pd.DataFrame, out: Path, corpus_path) -> str:
    """The index: counts, then one row per record in input order, each report linked (a
    relative link), every text from the corpus escaped; rejected and failed rows give the reason."""
    from analysis.report.render import esc as _esc

    def esc(value) -> str:  # a missing value (None, NaN, NA) is an empty cell, not "nan"
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else _esc(value)

    counts = table["status"].value_counts()
    summary = ", ".join(f"{int(counts.get(s, 0)):,} {s}" for s in ("written", "skipped", "rejected", "failed"))
    rows = []
    for r in table.itertuples(index=False):
        if r.status in ("written", "skipped") and isinstance(r.html, str):
            link = quote(os.path.relpath(r.html, out))
            title = f'<a href="{esc(link)}">{esc(r.title if isinstance(r.title, str) and r.title else r.record_id)}</a>'
        else:
            title = esc(r.title)
        where = esc(r.source) + (f":{int(r.line)}" if pd.notna(r.line) else "")
        problem = f"{esc(r.field) + ': ' if isinstance(r.field, str) else ''}{esc(r.reason)}" if r.status in ("rejected", "failed") else ""
        rows.append(f"<tr><td>{esc(r.record_id)}</td><td>{title}</td><td>{esc(r.outlet)}</td><td>{esc(r.status)}</td>"
                    f"<td>{where if problem else ''}</td><td>{problem}</td></tr>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Article reports: {esc(Path(corpus_path).name)}</title>"
            "<style>body{font-family:sans-serif;margin:2em} td,th{padding:2px 8px;text-align:left;vertical-align:top}</style>"
            f"</head><body><h1>Article reports: {esc(Path(corpus_path).name)}</h1>"
            f"<p>{len(table):,} records: {summary}.</p>"
            "<table><thead><tr><th>id</th><th>title</th><th>outlet</th><th>status</th><th>where</th><th>why</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></body></html>\n")


def _write_atomically(path: Path, data) -> None:
    """``data`` (str or bytes) into ``path``, complete or not at all (``analysis.io.parquet.write_atomically``)."""
    from analysis.io.parquet import write_atomically

    raw = data.encode("utf-8") if isinstance(data, str) else data
    write_atomically(path, lambda tmp: tmp.write_bytes(raw))
