"""The local engine: ``score_chunk`` in worker processes on this machine.

Each worker receives the lexicon once, when it starts (it is pickled into the process
initialiser), then one chunk of records per task. At most ``2 × workers`` chunks are in flight,
and results come back in input order. With one worker, chunks are scored in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..errors import ParameterError
from ..score import score_chunk

_LEXICON = None


def _init(lexicon) -> None:
    global _LEXICON
    _LEXICON = lexicon


def _score(records):
    return score_chunk(records, _LEXICON)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class LocalEngine:
    name = "local"

    def __init__(self, *, workers: int | None = None):
        if workers is not None and workers < 1:
            raise ParameterError(f"--workers must be at least 1, not {workers}", field="workers")
        self.workers = workers or default_workers()

    def describe(self) -> dict:
        return {"engine": self.name, "workers": self.workers}

    def map(self, tasks: Iterable[tuple[int, list]], lexicon) -> Iterator[tuple[int, dict]]:
        if self.workers == 1:
            for index, records in tasks:
                yield index, score_chunk(records, lexicon)
            return
        # forkserver: workers start from a clean process (no threads inherited), with the kit imported once
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["analysis.score"])
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init, initargs=(lexicon,)) as pool:
            pending: deque = deque()
            for index, records in tasks:
                pending.append((index, pool.submit(_score, records)))
                if len(pending) >= 2 * self.workers:
                    done_index, future = pending.popleft()
                    yield done_index, future.result()
            while pending:
                done_index, future = pending.popleft()
                yield done_index, future.result()
