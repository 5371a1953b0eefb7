"""Files → the kit's tables, every record accounted for.

One article, or a corpus in any registered format (``analysis.io.adapters``).

``score_corpus`` streams: it reads the input (``iter_corpus``, or one article file), cuts the
records into chunks of ``chunk_size``, has an engine run ``score_chunk`` on each, and writes
each chunk's tables as ``DIR/<table>/part-NNNNN.parquet`` as soon as it is scored, so memory
does not grow with the corpus. Each finished chunk is journalled; a run killed part-way and
started again with the same input, lexicon, kit version and chunk size scores only the chunks
that were not finished. ``manifest.json`` is written last. ``mediakit score`` comes through here.

``score_path`` is the in-memory form for notebooks: the same scoring, the tables returned.
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from analysis.article import Article
from analysis.errors import InputError, ParameterError
from analysis.io.article_file import load_article
from analysis.io import adapters
from analysis.io.corpus import corpus_format, iter_corpus
from analysis.io.journal import RunJournal
from analysis.io.outdir import claim_output
from analysis.io.parquet import TABLES, part_path, write_manifest, write_table, write_tables
from analysis.lexicon import Lexicon, load_lexicon
from analysis.scoring.progress import progress as progress_bar
from analysis.provenance import input_sha256, kit_version, provenance
from analysis.scoring.score import Scores, score_chunk

DEFAULT_CHUNK_SIZE = 1000
#: Test hook: seconds to sleep after each finished chunk, so a test can kill a run mid-way.
CHUNK_DELAY_ENV = "MEDIAKIT_TEST_CHUNK_DELAY"


@dataclass
class RunSummary:
    """What a streamed run did: counts, chunks, how many were reused from an earlier run."""

    out: Path
    read: int
    scored: int
    rejected: int
    chunks: int
    reused: int
    manifest: dict

    def summary(self) -> str:
        return f"{self.read} read, {self.scored} scored, {self.rejected} rejected"


ARTICLE = "article"


def input_format(path, format: str | None = None) -> str:
    """The corpus format ``path`` is read as, or ``article`` for a single article file."""
    path = Path(path)
    if format == ARTICLE:
        return ARTICLE
    if format is not None or adapters.is_corpus(path):
        return corpus_format(path, format)
    return ARTICLE


def iter_records(path, format: str | None = None) -> Iterator[Article | dict]:
    """The input's records in order: a corpus through ``iter_corpus``, or one article file."""
    path = Path(path)
    fmt = input_format(path, format)
    if fmt == ARTICLE:
        yield load_article(path)
    else:
        yield from progress_bar(iter_corpus(path, fmt), desc=f"scoring {path.name}", unit=" records")


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter); at least one, maybe empty."""
    iterator = iter(items)
    first = True
    while True:
        chunk = list(itertools.islice(iterator, size))
        if chunk or first:
            yield chunk
        if len(chunk) < size:
            return
        first = False


def score_corpus(
    path,
    out_dir,
    *,
    format: str | None = None,
    lexicon: Lexicon | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, bool], None] | None = None,
) -> RunSummary:
    """Score a corpus (or one article file) into ``out_dir``, chunk by chunk, resumably.

    ``engine``: ``local`` (``workers`` processes, default all cores) or ``dask`` (``scheduler``
    address, ``$DASK_SCHEDULER_ADDRESS``, or a LocalCluster). ``progress(index, reused)`` is
    called once per chunk. A record that cannot be read is a row of ``rejected``; a single
    article file that cannot be read, or an input that cannot be opened, raises ``InputError``
    before anything is written.
    """
    from analysis.scoring.engines import get_engine

    if chunk_size < 1:
        raise ParameterError(f"--chunk-size must be at least 1, not {chunk_size}", field="chunk_size")
    path, out = Path(path), Path(out_dir)
    lexicon = lexicon or load_lexicon()
    runner = get_engine(engine, workers=workers, scheduler=scheduler)
    format = input_format(path, format)  # resolved once: the run key, the reader and the manifest agree
    records = iter_records(path, format)
    head = list(itertools.islice(records, 1))  # an unreadable input fails here, before any write
    claim = claim_output(out, TABLES)  # out is this run's until it returns: empty or the kit's, not busy
    sha256 = input_sha256(path)
    key = {
        "input_sha256": sha256, "format": format, "lexicon_sha256": lexicon.sha256,
        "kit_version": kit_version(), "chunk_size": chunk_size,
    }
    journal = RunJournal(out, key, TABLES)
    finished = journal.open()
    reused = 0
    sizes: dict[int, int] = {}
    seen = 0

    def tasks() -> Iterator[tuple[int, list]]:
        nonlocal reused, seen
        for index, chunk in enumerate(chunks(itertools.chain(head, records), chunk_size)):
            seen = index + 1
            if index in finished and finished[index]["counts"]["read"] == len(chunk):
                reused += 1
                if progress:
                    progress(index, True)
                continue
            sizes[index] = len(chunk)
            yield index, chunk

    delay = float(os.environ.get(CHUNK_DELAY_ENV) or 0)
    for index, tables in runner.map(tasks(), lexicon):
        files = {name: write_table(name, tables[name], part_path(out, name, index)) for name in TABLES}
        counts = {"read": sizes.pop(index), "scored": len(tables["articles"]), "rejected": len(tables["rejected"])}
        journal.record(index, counts, files)
        if progress:
            progress(index, False)
        if delay:
            time.sleep(delay)

    n_chunks = seen
    missing = [i for i in range(n_chunks) if i not in journal.finished]
    if missing:
        raise InputError(f"chunks {missing[:5]} were not written", file=path)
    totals = {k: sum(journal.finished[i]["counts"][k] for i in range(n_chunks)) for k in ("read", "scored", "rejected")}
    if totals["read"] != totals["scored"] + totals["rejected"]:  # the invariant every run must keep
        raise InputError(f"{totals['read']} records read but {totals['scored']} scored and {totals['rejected']} rejected", file=path)
    journal.remove_parts_from(n_chunks)

    manifest = provenance(lexicon=lexicon)
    manifest["inputs"] = {"input": {"path": str(path), "sha256": sha256}}
    manifest["format"] = format
    manifest["counts"] = totals
    manifest["run"] = {"id": journal.id, "key": key, "chunks": n_chunks, "reused_chunks": reused, **runner.describe()}
    manifest["tables"] = sorted(TABLES)
    manifest["parts"] = {name: [part_path(out, name, i).relative_to(out).as_posix() for i in range(n_chunks)] for name in TABLES}
    write_manifest(out, manifest)
    claim.release()
    return RunSummary(out=out, chunks=n_chunks, reused=reused, manifest=manifest, **totals)


@dataclass
class ScoreRun:
    """An in-memory run: the tables of every record of one input."""

    scores: Scores
    rejected: pd.DataFrame
    read: int
    manifest: dict

    @property
    def scored(self) -> int:
        return len(self.scores.articles)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {**self.scores.tables(), "rejected": self.rejected}

    def summary(self) -> str:
        return f"{self.read} read, {self.scored} scored, {len(self.rejected)} rejected"

    def write(self, out_dir) -> Path:
        return write_tables(self.tables(), out_dir, self.manifest)


def score_path(path, *, format: str | None = None, lexicon: Lexicon | None = None) -> ScoreRun:
    """Score one article file, or a corpus, in memory (``score_corpus`` streams to disk instead).

    A single article that cannot be read raises ``InputError``; in a corpus, a record that
    cannot be read becomes a row of ``rejected`` and the others are still scored.
    """
    path = Path(path)
    lexicon = lexicon or load_lexicon()
    format = input_format(path, format)
    records = list(iter_records(path, format))
    tables = score_chunk(records, lexicon)
    rejected = tables.pop("rejected")
    scores = Scores(**tables)
    if len(records) != len(scores.articles) + len(rejected):  # the invariant every run must keep
        raise InputError(f"{len(records)} records read but {len(scores.articles)} scored and {len(rejected)} rejected", file=path)
    manifest = provenance(inputs={"input": path}, lexicon=lexicon)
    manifest["format"] = format
    manifest["counts"] = {"read": len(records), "scored": len(scores.articles), "rejected": len(rejected)}
    return ScoreRun(scores=scores, rejected=rejected, read=len(records), manifest=manifest)
