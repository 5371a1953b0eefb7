"""``compare_outlets`` on a Dask cluster (``engine="dask"``): the scored folder's parts are read
on the workers, only the columns the measures use (``article_measures``' ``MEASURE_NEEDS``), one
task per part, and the comparison runs on a worker over them; this process receives the
``Comparison`` alone (a few thousand rows), never the corpus.

The cluster is the one ``mediakit score --engine dask`` uses (``analysis.scoring.engines.dask``):
the ``scheduler`` address, ``$DASK_SCHEDULER_ADDRESS``, or a ``LocalCluster`` of ``workers``
processes started for the call and closed after it; every worker must run this kit's version
and reach the folder at the same path (a shared file system). A table held in memory (the
articles after an outlet map, say) is sent to the cluster as it is.

The worker builds the same tables ``read_scored`` builds here and calls the same
``compare_measures``, and every resample's generator comes from the seed and the names of what
it resamples (``analysis.stats.rng_for``), so the figures equal the local run's for a seed.
"""

from __future__ import annotations

from analysis.errors import ParameterError


def compare_on_cluster(scores, by: str, *, scheduler: str | None = None, workers: int | None = None, **options):
    """``compare_outlets(scores, by, **options)`` computed on the cluster (see the module
    docstring). ``scores``: a scored folder or a ``Scores`` read from one."""
    from pathlib import Path

    from analysis.io.scored import scored_parts
    from analysis.compare.measures import measure_needs
    from analysis.io.parquet import read_manifest
    from analysis.scoring.engines import get_engine
    from analysis.scoring.engines.dask import _check_versions
    from analysis.scoring.results import Scores

    if isinstance(scores, (str, Path)):
        from analysis.scoring.load import load_scores
        from analysis.io.inputs import SCORED

        scores = load_scores(scores, format=SCORED)
    if not isinstance(scores, Scores) or scores.folder is None:
        raise ParameterError("engine dask compares a `mediakit score` folder (or a Scores read from one)", field="engine")
    folder = Path(scores.folder).resolve()
    written = read_manifest(folder).get("tables", ())
    needs = measure_needs(by)
    engine = get_engine("dask", scheduler=scheduler, workers=workers)
    client, cluster = engine._client()
    try:
        _check_versions(client)
        tables = {}
        for name, columns in needs.items():
            held = scores._tables.get(name)
            if held is not None:
                tables[name] = client.scatter(held[[c for c in columns if c in held.columns]], hash=False)
            elif name in written:
                tables[name] = [client.submit(_read_part, str(path), name, columns, pure=False)
                                for path in scored_parts(folder, name)]
        return client.submit(_compare, tables, by, options, pure=False).result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _read_part(path: str, name: str, columns):
    from analysis.io.scored import read_part

    return read_part(path, name, columns)


def _compare(tables: dict, by: str, options: dict):
    """On a worker: the parts as DataFrames, then ``compare_outlets`` as here."""
    from analysis.io.scored import frame_of_parts
    from analysis.compare.outlets import compare_outlets

    frames = {name: frame_of_parts(value) if isinstance(value, list) else value for name, value in tables.items()}
    return compare_outlets(frames, by, **options)
