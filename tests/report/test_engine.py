"""The in-process papermill engine (issue #16, ``analysis/report/engine.py``): the outputs a
kernel would give, papermill's bookkeeping, errors naming the cell, and nothing carried from
one report to the next in one process."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.report import engine, run_report
from analysis.report.run import _hermetic_jupyter_env, _import_papermill

pytestmark = pytest.mark.slow


def _run(tmp_path, cells, parameters=None):
    """Execute a notebook of ``cells`` with the engine, as ``run_report`` does; the executed
    notebook (also when a cell failed: papermill writes it before raising)."""
    papermill = _import_papermill()
    source, executed = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, str(source))
    with _hermetic_jupyter_env():
        try:
            papermill.execute_notebook(str(source), str(executed), parameters=parameters, engine_name=engine.register(),
                                       kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
                                       request_save_on_cell_execute=False)
        finally:
            done = nbformat.read(str(executed), as_version=4) if executed.exists() else None
    return done


def test_outputs_are_recorded_as_a_kernel_records_them(tmp_path):
    cells = [
        new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        new_code_cell("print('a'); print('b')\nimport sys; sys.stderr.write('warned\\n');"),
        new_code_cell("from IPython.display import HTML, display\ndisplay(HTML('<b>bold</b>'))\nx + 41"),
        new_code_cell("x + 1;"),  # a trailing semicolon hides the value, as in a kernel
        new_markdown_cell("# title"),
        new_code_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2]);"),
    ]
    nb = _run(tmp_path, cells, parameters={"x": 2})
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "injected-parameters" in code[1].metadata.tags and "x = 2" in code[1].source
    printed, shown, hidden, figure = code[2:]
    assert [(o.output_type, o.name, o.text) for o in printed.outputs] == [("stream", "stdout", "a\nb\n"), ("stream", "stderr", "warned\n")]
    assert [o.output_type for o in shown.outputs] == ["display_data", "execute_result"]
    assert shown.outputs[0].data["text/html"] == "<b>bold</b>"
    assert shown.outputs[1].data["text/plain"] == "43" and shown.outputs[1].execution_count == shown.execution_count
    assert hidden.outputs == []
    assert [o.output_type for o in figure.outputs] == ["display_data"] and figure.outputs[0].data["image/png"].startswith("iVBOR")
    assert [c.execution_count for c in code] == [1, 2, 3, 4, 5, 6]
    assert all(c.metadata.papermill.status == "completed" and c.metadata.papermill.duration is not None for c in nb.cells)
    assert nb.metadata.papermill.parameters == {"x": 2} and nb.metadata.language_info.name == "python"


def test_a_failing_cell_is_named_and_stops_the_notebook(tmp_path):
    papermill = _import_papermill()
    cells = [new_code_cell("print('before')"), new_code_cell("1 / 0"), new_code_cell("print('never')")]
    with pytest.raises(papermill.PapermillExecutionError) as raised:
        _run(tmp_path, cells)
    error = raised.value
    assert (error.cell_index, error.ename, error.evalue) == (1, "ZeroDivisionError", "division by zero")
    assert any("1 / 0" in line for line in error.traceback)
    nb = nbformat.read(str(tmp_path / "out.ipynb"), as_version=4)  # papermill adds a cell at the top naming the error
    failed, after = (next(c for c in nb.cells if c.source == s) for s in ("1 / 0", "print('never')"))
    assert failed.metadata.papermill.status == "failed" and nb.metadata.papermill.exception is True
    assert [o.output_type for o in failed.outputs] == ["error"]
    assert after.outputs == [] and after.execution_count is None


def test_a_failing_report_cell_names_the_notebook_and_cell(tmp_path, monkeypatch, seed_path):
    from analysis.errors import ReportError
    from analysis.report import params

    broken = tmp_path / "01-article-report.ipynb"
    nb = nbformat.read(str(params.notebook_path("article")), as_version=4)
    nb.cells.append(new_code_cell("raise KeyError('no such column')"))
    nbformat.write(nb, str(broken))
    monkeypatch.setattr("analysis.report.run.notebook_path", lambda kind: broken)
    with pytest.raises(ReportError) as failed:
        run_report("article", {"article_path": str(seed_path)}, out_dir=tmp_path / "out", name="x")
    # the cell's index in the executed notebook, whose parameters cell papermill injected
    assert f"cell {len(nb.cells)} failed: KeyError: 'no such column'" in str(failed.value) and str(broken) in str(failed.value)
    assert not (tmp_path / "out" / "x.html").exists() and not list((tmp_path / "out").glob(".partial-*"))


def _article(folder, name: str, title: str, sentence: str):
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"id": name, "title": title, "outlet": "Wire", "text": f"{title}. {sentence} " * 3}), encoding="utf-8")
    return path


def test_two_reports_in_one_process_share_nothing(tmp_path):
    import matplotlib

    matplotlib.use("agg")
    linewidth = matplotlib.rcParams["lines.linewidth"]
    main_module = sys.modules["__main__"]
    title_a = "<img src=x onerror=alert(1)> Alpha senator slams the reckless plan"
    title_b = "<script>document.title='b'</script> Beta markets cheer strong data"
    a = _article(tmp_path, "a", title_a, "The senator slammed the reckless plan on Tuesday, critics said.")
    b = _article(tmp_path, "b", title_b, "Investors cheered the strong economic data as stocks climbed.")
    first = run_report("article", {"article_path": str(a)}, out_dir=tmp_path / "out", name="a")
    second = run_report("article", {"article_path": str(b)}, out_dir=tmp_path / "out", name="b")
    html_a, html_b = first.html.read_text(encoding="utf-8"), second.html.read_text(encoding="utf-8")
    nb_b = second.notebook.read_text(encoding="utf-8")
    for word in ("Alpha", "reckless", "onerror"):
        assert word in html_a and word not in html_b and word not in nb_b
    assert "Beta" in html_b and "Beta" not in html_a
    assert "<script>" not in html_b and "<img src=x" not in html_a  # hostile titles stay text
    # each report shows its own figures only: the same figure cells, the same number of images
    for files in (first, second):
        nb = nbformat.read(str(files.notebook), as_version=4)
        images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert images == 5 and [c.execution_count for c in nb.cells if c.cell_type == "code"][0] == 1
    # and the process is left as it was found
    assert matplotlib.get_backend().lower() == "agg" and matplotlib.rcParams["lines.linewidth"] == linewidth
    # and the process's __main__ (the shell's namespace module has no __spec__, which
    # multiprocessing's spawn reads: every later pool of the process failed)
    assert sys.modules["__main__"] is main_module


def test_in_process_report_has_the_kernels_outputs(tmp_path, seed_path):
    def outputs(files):
        nb = nbformat.read(str(files.notebook), as_version=4)
        return nb, [[{k: v for k, v in o.items() if k != "execution_count"} for o in c.outputs]
                    for c in nb.cells if c.cell_type == "code"]

    own, own_outputs = outputs(run_report("article", {"article_path": str(seed_path)}, out_dir=tmp_path / "own", name="seed"))
    kernel, kernel_outputs = outputs(run_report("article", {"article_path": str(seed_path)}, out_dir=tmp_path / "kernel",
                                                name="seed", kernel=True))
    assert own_outputs == kernel_outputs
    assert sum("image/png" in o.get("data", {}) for cell in own_outputs for o in cell) == 5  # (not empty)
    assert own.metadata.language_info == kernel.metadata.language_info
    assert own.metadata.papermill.parameters == kernel.metadata.papermill.parameters
    assert [c.metadata.get("tags") for c in own.cells] == [c.metadata.get("tags") for c in kernel.cells]


def test_inside_another_ipython_the_kernel_is_used():
    code = ("from IPython.core.interactiveshell import InteractiveShell; from analysis.report import engine; "
            "assert engine.available(); InteractiveShell.instance(); assert not engine.available()")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_figure_is_laid_out_once_its_png_is_the_whole_canvas(tmp_path):
    """The inline PNG is the figure's canvas as ``tight_layout`` left it, not re-measured for a
    tight box (a second layout of every figure, issue #16): 4 x 2 inches at 100 dpi."""
    import base64
    import io

    from PIL import Image

    cells = [new_code_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(4, 2), dpi=100)\n"
                           "ax.plot([1, 2]); ax.set_title('t'); fig.tight_layout()")]
    nb = _run(tmp_path, cells)
    (output,) = nb.cells[0].outputs
    assert Image.open(io.BytesIO(base64.b64decode(output.data["image/png"]))).size == (400, 200)


def _without_times(nb) -> dict:
    """A notebook as JSON without what differs from run to run (times, the injected cell's
    random id, the output path)."""
    data = json.loads(nbformat.writes(nb))
    data["metadata"]["papermill"] = {k: v for k, v in data["metadata"]["papermill"].items()
                                     if k not in ("start_time", "end_time", "duration", "output_path")}
    for cell in data["cells"]:
        cell["metadata"].pop("execution", None)
        cell["metadata"].get("papermill", {}).update(start_time=None, end_time=None, duration=None)
        if "injected-parameters" in cell["metadata"].get("tags", []) or "papermill-error-cell-tag" in cell["metadata"].get("tags", []):
            cell["id"] = "random"
    return data


@pytest.mark.parametrize("failing", [False, True])
def test_the_engine_without_papermill_writes_papermill_s_notebook(tmp_path, failing):
    papermill = _import_papermill()
    cells = [new_code_cell("x = 1\nname = 'a'", metadata={"tags": ["parameters"]}),
             new_markdown_cell("# title"),
             new_code_cell("print(x, name)\nx * 2"),
             new_code_cell("1 / 0" if failing else "x + 1"),
             new_code_cell("print('after')")]
    source = tmp_path / "in.ipynb"
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                      "language": "python"}}), str(source))
    parameters = {"x": 2, "name": "<b>it's</b>", "items": ["a", None], "flag": True}
    done = {}
    for how in ("papermill", "engine"):
        executed = tmp_path / f"{how}.ipynb"
        with _hermetic_jupyter_env():
            try:
                if how == "papermill":
                    papermill.execute_notebook(str(source), str(executed), parameters=parameters, engine_name=engine.register(),
                                               kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
                                               request_save_on_cell_execute=False)
                else:
                    engine.execute_notebook(source, executed, parameters, kernel_name="python3", cwd=tmp_path)
                done[how] = None
            except papermill.PapermillExecutionError as error:  # one class, whichever way it was imported
                done[how] = (error.cell_index, error.ename, error.evalue)
        done[how, "nb"] = _without_times(nbformat.read(str(executed), as_version=4))
    assert done["engine"] == done["papermill"] == ((4, "ZeroDivisionError", "division by zero") if failing else None)
    assert done["engine", "nb"] == done["papermill", "nb"]
    printed = [c for c in done["engine", "nb"]["cells"] if "".join(c["source"]).startswith("print(x")][0]
    assert "".join(printed["outputs"][0]["text"]) == "2 <b>it's</b>\n"
