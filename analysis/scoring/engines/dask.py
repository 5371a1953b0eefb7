"""The Dask engine: the same ``score_chunk`` over partitions on a Dask cluster.

The cluster is the one at ``scheduler`` (or ``$DASK_SCHEDULER_ADDRESS``), else a
``LocalCluster`` started for the run (``workers`` processes, one thread each) and closed after
it. The run's ``ScoringOptions`` (lexicon, actors, actor map) are sent once to every worker (``Client.scatter(..., broadcast=True)``) and each
task refers to it; records travel with their task. Results come back to this process, which
writes them, so workers need no access to the output folder — only the same ``mediakit``
version and its dependencies installed (``pip install 'mediakit[dask]'``).
"""

from __future__ import annotations

import logging
import os
import signal
from collections import deque
from typing import Iterable, Iterator

from analysis.errors import ParameterError
from analysis.scoring.results import Scores
from analysis.scoring.score import score_chunk

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


def _distributed():
    try:
        import distributed
    except ImportError as error:
        raise ParameterError(
            "--engine dask needs Dask: pip install 'mediakit[dask]' (dask[distributed])", field="engine"
        ) from error
    return distributed


def _check_versions(client) -> None:
    """Every worker must run this kit's version, or the tables would mix two scorings."""
    from analysis.provenance import kit_version

    mine = kit_version()
    theirs = client.run(kit_version)
    wrong = {worker: version for worker, version in theirs.items() if version != mine}
    if wrong:
        worker, version = next(iter(wrong.items()))
        raise ParameterError(f"Dask worker {worker} runs mediakit {version}, this client {mine}; "
                             f"install the same version on every worker", field="scheduler")


class DaskEngine:
    name = "dask"

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None):
        if workers is not None and workers < 1:
            raise ParameterError(f"--workers must be at least 1, not {workers}", field="workers")
        self.scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
        self.workers = workers
        _distributed()  # fail early, named, when the extra is not installed

    def describe(self) -> dict:
        return {"engine": self.name, "scheduler": self.scheduler or "LocalCluster", "workers": self.workers}

    def _client(self):
        distributed = _distributed()
        if self.scheduler:
            try:
                return distributed.Client(self.scheduler, timeout="30s"), None
            except OSError as error:
                raise ParameterError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}",
                                     field="scheduler") from error
        from analysis.scoring.engines.local import default_workers

        # the cluster's processes start with Ctrl-C ignored (they inherit it), as the local
        # engine's workers do: Ctrl-C is this process's to handle, which then closes the cluster
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            cluster = distributed.LocalCluster(
                n_workers=self.workers or default_workers(), threads_per_worker=1, processes=True,
                # no dashboard, and the HTTP server the scheduler starts anyway (health routes) on
                # a free port of this host: dashboard_address=None still binds the fixed 8787,
                # and when that is taken (another cluster, another run) distributed warns "Port
                # 8787 is already in use" on the user's stderr
                dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
                # the cluster is the run's own: what its processes log while it closes (the
                # nanny's "worker still alive after 4 s, killing", a worker's "failed to communicate
                # with scheduler during heartbeat" traceback, both on a loaded machine after Ctrl-C)
                # is not the user's. Nothing the user needs is lost: a task's error or a lost
                # worker reaches this process as the exception of its future
                silence_logs=logging.CRITICAL,
            )
        finally:
            signal.signal(signal.SIGINT, previous)
        return distributed.Client(cluster), cluster

    def map(self, tasks: Iterable[tuple[int, list]], options) -> Iterator[tuple[int, Scores]]:
        client, cluster = self._client()
        try:
            window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or (self.workers or 1))
            _check_versions(client)
            shared = client.scatter(options, broadcast=True, hash=False)
            pending: deque = deque()
            for index, records in tasks:
                pending.append((index, client.submit(score_chunk, records, shared, pure=False)))
                if len(pending) >= window:
                    done_index, future = pending.popleft()
                    yield done_index, future.result()
                    future.release()
            while pending:
                done_index, future = pending.popleft()
                yield done_index, future.result()
                future.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
