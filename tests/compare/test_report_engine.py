"""``mediakit report corpus|compare --engine dask --scheduler ADDR``: the report's comparison
runs on the cluster, with the same figures as the local run; the engine is checked before a
kernel starts."""

from __future__ import annotations

import nbformat
import pytest

from analysis.cli import main
from analysis.errors import ParameterError
from analysis.report.params import check_inputs, check_notebook_parameters, check_parameters


def _outputs_but_provenance(notebook_path) -> list:
    """Every code cell's outputs, but the provenance table's (it names the engine)."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    return [[{k: v for k, v in o.items() if k != "execution_count"} for o in c.get("outputs", [])]
            for c in nb.cells if c.cell_type == "code" and "provenance(" not in c.source]


def test_the_notebooks_declare_the_engine_parameters():
    for kind in ("corpus", "compare"):
        check_notebook_parameters(kind)
        assert check_parameters(kind, {"corpus_path": "x"})["engine"] == "local"


def test_engine_dask_needs_a_scored_folder_and_a_scheduler_needs_engine_dask(event_corpus, event_run, tmp_path):
    with pytest.raises(ParameterError) as error:
        check_inputs("compare", check_parameters("compare", {"corpus_path": str(event_corpus), "engine": "dask"}))
    assert error.value.field == "engine" and "mediakit score" in str(error.value)
    folder = event_run.write(tmp_path / "scored")
    check_inputs("compare", check_parameters("compare", {"corpus_path": str(folder), "engine": "dask"}))
    with pytest.raises(ParameterError) as error:
        check_inputs("corpus", check_parameters("corpus", {"corpus_path": str(folder), "scheduler": "tcp://h:8786"}))
    assert error.value.field == "scheduler"
    with pytest.raises(ParameterError) as error:
        check_parameters("compare", {"corpus_path": str(folder), "engine": "spark"})
    assert error.value.field == "engine"


@pytest.mark.slow
def test_the_compare_report_on_a_dask_cluster_shows_the_local_figures(event_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = event_run.write(tmp_path / "scored")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["report", "compare", str(folder), "--out", str(local), "--min-articles", "3"]) == 0
    # the kernel is another process: the scheduler listens on TCP, its worker runs in this one
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address="127.0.0.1:0") as cluster:
        assert main(["report", "compare", str(folder), "--out", str(remote), "--min-articles", "3",
                     "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
        ran = {str(entry[0]).split("-")[0] for entry in cluster.scheduler.transition_log if entry[2] == "memory"}
    assert {"_read_part", "_compare"} <= ran  # the cluster read the parts and compared them
    shown = _outputs_but_provenance(local / "scored-compare.ipynb")
    assert _outputs_but_provenance(remote / "scored-compare.ipynb") == shown
    assert any("Hedges" in str(o) or "hedges" in str(o) for o in shown)  # the comparison's tables are among them
    notebook = nbformat.read(str(remote / "scored-compare.ipynb"), as_version=4)
    assert 'engine = "dask"' in notebook.cells[[c.metadata.get("tags") for c in notebook.cells].index(["injected-parameters"])].source
