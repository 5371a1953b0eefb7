"""``run_report``: execute a report notebook with papermill and render it to static HTML.

The kernel is this interpreter (papermill's ``python3`` kernel resolves to ``sys.executable``;
``JUPYTER_PATH`` puts this environment's kernelspec first), and nothing is written to the
user's home directory: IPython, matplotlib and Jupyter runtime files go to a scratch folder.
The notebook runs and renders in a hidden staging folder; the ``.ipynb`` and ``.html`` are
moved into place only when both are complete.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import ReportError
from analysis.report.params import check_notebook_parameters, check_parameters, notebook_path

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Where reports go when no ``--out`` is given: the project's ``reports/`` folder.
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "reports"
KERNEL = "python3"


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    notebook: Path


@contextmanager
def _hermetic_jupyter_env():
    """Environment for the kernel: our kernelspec first, scratch dirs instead of ``$HOME``."""
    scratch = tempfile.mkdtemp(prefix="mediakit-kernel-")
    keys = ("JUPYTER_PATH", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_PLATFORM_DIRS", "MPLBACKEND", "PYTHONHASHSEED")
    saved = {k: os.environ.get(k) for k in keys}
    own = str(Path(sys.prefix) / "share" / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (own, saved["JUPYTER_PATH"]) if p)
    os.environ["IPYTHONDIR"] = os.path.join(scratch, "ipython")
    os.environ["MPLCONFIGDIR"] = os.path.join(scratch, "matplotlib")
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(scratch, "runtime")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ["PYTHONHASHSEED"] = "0"
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(scratch, ignore_errors=True)


def run_report(kind: str, parameters: dict, *, out_dir=None, name: str) -> ReportFiles:
    """Run the ``kind`` report with ``parameters``; write ``{name}.ipynb`` and ``{name}.html``."""
    import papermill

    checked = check_parameters(kind, parameters)
    check_notebook_parameters(kind)
    out = Path(out_dir) if out_dir is not None else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=out))
    try:
        executed = staging / f"{name}.ipynb"
        with _hermetic_jupyter_env():
            try:
                papermill.execute_notebook(
                    str(notebook_path(kind)),
                    str(executed),
                    parameters=checked,
                    kernel_name=KERNEL,
                    cwd=str(staging),
                    progress_bar=False,
                    report_mode=False,
                    log_output=False,
                    # the kernel's own start-up chatter (e.g. its TCP notice) is not the user's business
                    extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                )
            except papermill.PapermillExecutionError as error:
                raise ReportError(
                    f"cell {error.cell_index} failed: {error.ename}: {error.evalue}", file=notebook_path(kind)
                ) from error
        html = staging / f"{name}.html"
        html.write_text(render_html(executed), encoding="utf-8")
        final_nb, final_html = out / executed.name, out / html.name
        os.replace(executed, final_nb)
        os.replace(html, final_html)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ReportFiles(html=final_html, notebook=final_nb)


def render_html(notebook_file) -> str:
    """Static, self-contained HTML of an executed notebook: outputs only, no scripts."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook_file), as_version=4)
    exporter = HTMLExporter(
        template_name="mediakit",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body
