"""Engines: where ``score_chunk`` runs. One scoring code path; an engine only distributes it.

    local   processes on this machine (``workers``, default: all cores; 1 = in this process)
    dask    partitions on a Dask cluster (``scheduler`` address, ``DASK_SCHEDULER_ADDRESS``, or a
            ``LocalCluster`` when neither is given); needs the ``dask`` extra

An engine is an object with ``map(tasks, options)``: ``tasks`` yields ``(index, records)``
lazily, and ``map`` yields ``(index, scores)`` in the same order, each ``scores`` (a ``Scores``) the
return value of ``analysis.scoring.score.score_chunk(records, options)`` (``options``: the run's
``analysis.scoring.options.ScoringOptions``, sent to each worker once). It keeps only a few chunks in flight,
so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

from analysis.errors import ParameterError

ENGINES = ("local", "dask")


def get_engine(name: str, *, workers: int | None = None, scheduler: str | None = None):
    """The engine called ``name``; a name not in ``ENGINES`` is a ``ParameterError``."""
    if name == "local":
        from analysis.scoring.engines.local import LocalEngine

        if scheduler:
            raise ParameterError("--scheduler applies to --engine dask only", field="scheduler")
        return LocalEngine(workers=workers)
    if name == "dask":
        from analysis.scoring.engines.dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise ParameterError(f"unknown engine {name!r}; engines are {', '.join(ENGINES)}", field="engine")


__all__ = ["ENGINES", "get_engine"]
