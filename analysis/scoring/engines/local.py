"""The local engine: ``score_chunk`` in worker processes on this machine.

Each worker receives the run's ``ScoringOptions`` (lexicon, actors, actor map) once, when it starts (it is pickled into the process
initialiser), then one chunk of records per task. At most ``2 × workers`` chunks are in flight,
and results come back in input order. With one worker, chunks are scored in this process.
Workers end with the process that started them, even when it is killed with ``kill -9``.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from analysis.errors import ParameterError
from analysis.scoring.results import Scores
from analysis.scoring.score import score_chunk

_OPTIONS = None


def _init(options, parent: int) -> None:
    global _OPTIONS
    _OPTIONS = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle, once
    _end_with(parent)


def _end_with(parent: int) -> None:
    """Exit as soon as the run's main process is gone (a killed run must not leave workers)."""
    try:  # Linux: the kernel kills this process when its parent dies
        ctypes.CDLL(None, use_errno=True).prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _score(records):
    return score_chunk(records, _OPTIONS)


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

    def map(self, tasks: Iterable[tuple[int, list]], options) -> Iterator[tuple[int, Scores]]:
        if self.workers == 1:
            for index, records in tasks:
                yield index, score_chunk(records, options)
            return
        # fork shares the loaded kit; with other threads running (a notebook, a Dask client) forking
        # is unsafe, so workers then come from a clean forkserver process instead
        if threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
        else:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["analysis.scoring.score"])
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init,
                                 initargs=(options, os.getpid())) as pool:
            pending: deque = deque()
            try:
                for index, records in tasks:
                    pending.append((index, pool.submit(_score, records)))
                    if len(pending) >= 2 * self.workers:
                        done_index, future = pending.popleft()
                        yield done_index, future.result()
                while pending:
                    done_index, future = pending.popleft()
                    yield done_index, future.result()
            except BaseException:  # Ctrl-C, an error, or the run stopped: end the workers now, not
                for process in list((pool._processes or {}).values()):  # after their chunks
                    process.terminate()
                raise
