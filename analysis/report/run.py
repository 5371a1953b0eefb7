"""``run_report``: execute a report notebook with papermill and render it to static HTML.

The kernel is this interpreter (papermill's ``python3`` kernel resolves to ``sys.executable``;
``JUPYTER_PATH`` puts this environment's kernelspec first), and nothing is written to the
user's home directory: IPython, matplotlib and Jupyter runtime files go to a scratch folder.
The notebook runs and renders in a hidden staging folder; the ``.ipynb`` and ``.html`` are
moved into place only when both are complete.

A report's files are named by the caller (``mediakit report`` uses the input's stem and the
kind: ``x-article``). A name already taken in the folder by the report of another input (``x.md``
after ``x.txt``, or ``b/x.txt`` after ``a/x.txt``) is refused before the kernel starts; the report
of the same input is replaced. The executed notebook records which input it is of.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from analysis import errors
from analysis.errors import ReportError
from analysis.report.params import check_inputs, check_notebook_parameters, check_parameters, notebook_path, sources

#: Where reports go when no ``out_dir`` is given, under the current folder.
DEFAULT_OUT = "reports"
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
    check_inputs(kind, checked)
    check_notebook_parameters(kind)
    out = Path(out_dir if out_dir is not None else DEFAULT_OUT).resolve()
    _check_name_is_free(out, name, kind, checked)
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
                raise _kernel_error(error, notebook_path(kind)) from error
        html = staging / f"{name}.html"
        html.write_text(render_html(executed), encoding="utf-8")
        final_nb, final_html = out / executed.name, out / html.name
        os.replace(executed, final_nb)
        os.replace(html, final_html)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ReportFiles(html=final_html, notebook=final_nb)


def _check_name_is_free(out: Path, name: str, kind: str, checked: dict) -> None:
    """Refuse to replace ``out/name.*`` when it is the report of another input (or of another
    kind of report); the report of the same input is replaced."""
    import nbformat

    existing = out / f"{name}.ipynb"
    if not existing.is_file():
        return
    try:
        recorded = nbformat.read(str(existing), as_version=4).metadata.get("papermill", {})
    except (OSError, ValueError):  # not a notebook that can be read: not known to be this input's report
        recorded = {}
    ours = sources(kind, checked)
    theirs = {k: recorded.get("parameters", {}).get(k) for k in ours}
    if Path(recorded.get("input_path") or "").name == notebook_path(kind).name and theirs == ours:
        return
    def described(values: dict) -> str:
        return ", ".join(str(v) for v in values.values() if v is not None) or "an unknown input"

    raise ReportError(
        f"is the report of {described(theirs)}, not of {described(ours)}; "
        "delete it or write this one to another folder (--out)",
        file=out / f"{name}.html",
    )


def _kernel_error(error, notebook: Path) -> Exception:
    """A kit error raised inside the notebook (a corrupt Parquet part, a record that cannot be
    read) is reported as itself, naming the input; any other failure names the cell."""
    named = getattr(errors, error.ename, None)
    if isinstance(named, type) and issubclass(named, errors.MediakitError):
        return named(error.evalue)
    return ReportError(f"cell {error.cell_index} failed: {error.ename}: {error.evalue}", file=notebook)


def render_html(notebook_file) -> str:
    """Static, self-contained HTML of an executed notebook: outputs only, no scripts."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook_file), as_version=4)
    exporter = HTMLExporter(
        template_name="mediakit",
        extra_template_basedirs=[str(resources.files("analysis.report") / "templates")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body
