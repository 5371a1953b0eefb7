"""``run_report``: execute a report notebook with papermill and render it to static HTML.

The kernel is this interpreter (papermill's ``python3`` kernel resolves to ``sys.executable``;
``JUPYTER_PATH`` puts this environment's kernelspec first), and nothing is written to the
user's home directory: matplotlib's font cache and IPython's profile persist in a cache folder
the kit owns inside the environment (``share/mediakit/cache`` under ``sys.prefix``; a scratch
folder when that cannot be written), Jupyter's runtime files go to a scratch folder.

Speed (issue #16, ``bench/report_speed.py``): in this process, the notebook runs without
papermill's package being imported (:func:`analysis.report.engine.execute_notebook`), and the
page is rendered without nbconvert once its unchanging parts are cached
(:mod:`analysis.report.export`). With a kernel, the kernel is started first, and told to import
the kit while this process goes on, so the two start-ups overlap; the import is silent and
leaves no trace in the notebook (the import cell then finds the modules loaded and prints what
it always printed: nothing).
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
    figures: Path | None = None  # the figures_dir folder, when the report wrote one


#: How the inline backend saves each figure as the PNG of its cell, in a kernel and in this
#: process (``engine``). Not ``bbox_inches="tight"`` (its default): the kit's figures are laid
#: out by ``tight_layout`` already, and a tight box lays each one out a second time to measure
#: it (issue #16: fast reports).
INLINE_FIGURE = {"bbox_inches": None}

#: What the kernel is told to import, silently, while this process imports papermill: the
#: modules every report's import cell loads (the kit, its figures and their matplotlib); and
#: its figures saved as :data:`INLINE_FIGURE` says.
WARM_UP = ("import IPython.display, analysis, analysis.plot, analysis.provenance, analysis.report.render\n"
           f"get_ipython().run_line_magic('config', {'InlineBackend.print_figure_kwargs = ' + repr(INLINE_FIGURE)!r})")


def cache_dir() -> Path | None:
    """The kit's persistent cache folder inside this environment (``sys.prefix``), created if
    needed; None when the environment cannot be written (a system-wide install)."""
    path = Path(sys.prefix) / "share" / "mediakit" / "cache"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


@contextmanager
def _hermetic_jupyter_env():
    """Environment for the kernel: our kernelspec first, the kit's cache folder (or scratch
    dirs) instead of ``$HOME``."""
    scratch = tempfile.mkdtemp(prefix="mediakit-kernel-")
    keys = ("JUPYTER_PATH", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_PLATFORM_DIRS", "MPLBACKEND", "PYTHONHASHSEED")
    saved = {k: os.environ.get(k) for k in keys}
    own = str(Path(sys.prefix) / "share" / "jupyter")
    # matplotlib's font list takes a while to build: built once per environment, not per report
    # (it is rebuilt by matplotlib itself when the fonts or matplotlib change)
    cache = cache_dir() or Path(scratch)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (own, saved["JUPYTER_PATH"]) if p)
    os.environ["IPYTHONDIR"] = str(cache / "ipython")
    os.environ["MPLCONFIGDIR"] = str(cache / "matplotlib")
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


def run_report(kind: str, parameters: dict, *, out_dir=None, name: str, kernel: bool = False) -> ReportFiles:
    """Run the ``kind`` report with ``parameters``; write ``{name}.ipynb`` and ``{name}.html``.
    The notebook runs in this process (:mod:`analysis.report.engine`), or with ``kernel=True``
    (or inside another IPython, a Jupyter kernel calling this) in a Jupyter kernel."""
    checked = check_parameters(kind, parameters)
    check_inputs(kind, checked)
    check_notebook_parameters(kind)
    out = Path(out_dir if out_dir is not None else DEFAULT_OUT).resolve()
    _check_name_is_free(out, name, kind, checked)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=out))
    try:
        with _hermetic_jupyter_env():
            if not kernel and in_process_available():
                return execute_into(None, None, kind, checked, out=out, name=name, staging=staging)
            papermill = _import_papermill()
            with _warm_kernel(staging) as (km, _):
                return execute_into(papermill, km, kind, checked, out=out, name=name, staging=staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def in_process_available() -> bool:
    """Whether reports can run in this process (:func:`analysis.report.engine.available`)."""
    from analysis.report import engine

    return engine.available()


def execute_into(papermill, km, kind: str, checked: dict, *, out: Path, name: str, staging: Path,
                 exporter=None) -> ReportFiles:
    """Run the ``kind`` notebook with the ``checked`` parameters in ``staging`` (on the started
    kernel ``km``, with ``papermill``; None and None: in this process,
    :func:`analysis.report.engine.execute_notebook`), render it (with
    ``exporter``, default a new :func:`html_exporter`), then move the ``.ipynb`` and ``.html``
    into ``out`` (the HTML last: a report whose HTML exists is complete). A failing cell raises
    as :func:`_kernel_error` says."""
    executed = staging / f"{name}.ipynb"
    try:
        if km is None:  # in this process, without importing papermill's package (see engine)
            from analysis.report import engine

            _, exceptions = engine._papermill_parts()
            failure = exceptions.PapermillExecutionError
            nb = engine.execute_notebook(notebook_path(kind), executed, checked, kernel_name=KERNEL, cwd=staging)
        else:
            failure = papermill.PapermillExecutionError
            nb = papermill.execute_notebook(
                str(notebook_path(kind)),
                str(executed),
                parameters=checked,
                kernel_name=KERNEL,
                cwd=str(staging),
                progress_bar=False,
                report_mode=False,
                log_output=False,
                # the notebook is written once, when it has run (not after every cell): it is in the
                # staging folder, of no use half-run
                request_save_on_cell_execute=False,
                km=km,
            )
    except Exception as error:
        if isinstance(error, failure):
            raise _kernel_error(error, notebook_path(kind)) from error
        raise
    for cell in nb.cells:  # papermill gives this cell a random id: the same report, the same bytes
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    html = staging / f"{name}.html"
    html.write_text(render_html(nb, exporter), encoding="utf-8")
    final_nb, final_html = out / executed.name, out / html.name
    figures = _place_figures(staging, out, checked.get("figures_dir"))
    os.replace(executed, final_nb)
    os.replace(html, final_html)
    return ReportFiles(html=final_html, notebook=final_nb, figures=figures)


def _place_figures(staging: Path, out: Path, figures_dir) -> Path | None:
    """A relative ``figures_dir`` was written in the staging folder (the notebook's working
    folder): moved beside the report with it, replacing the same report's earlier one. An
    absolute one was written in place."""
    if figures_dir is None:
        return None
    if Path(figures_dir).is_absolute():
        return Path(figures_dir) if Path(figures_dir).is_dir() else None
    written, final = staging / figures_dir, out / figures_dir
    if not written.is_dir():
        return None
    if final.is_dir():
        shutil.rmtree(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(written, final)
    return final


@contextmanager
def _warm_kernel(cwd: Path):
    """A started kernel (for papermill's ``km``), already importing :data:`WARM_UP`, and a
    client connected to it; shut down on leaving. It is started as papermill would start it: the same kernelspec, folder and
    arguments (history in memory, as nbclient asks)."""
    from jupyter_client import BlockingKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name=KERNEL)
    # the kernel's own start-up chatter (e.g. its TCP notice) is not the user's business
    arguments = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.hist_file=:memory:"]
    run_sync(km.start_kernel)(extra_arguments=arguments, cwd=str(cwd))
    warm = BlockingKernelClient()
    try:
        warm.load_connection_info(km.get_connection_info())
        warm.start_channels()
        # silent: no execution count, no output in the notebook; papermill's requests queue behind it
        warm.execute(WARM_UP, silent=True, store_history=False)
        yield km, warm
    finally:
        warm.stop_channels()
        try:
            run_sync(km.shutdown_kernel)(now=True)
        finally:
            run_sync(km.cleanup_resources)()


def _import_papermill():
    """``papermill`` (and so nbformat), imported without jsonschema's IRI grammar: see
    :func:`_import_fast`."""
    return _import_fast("papermill")


def _import_fast(module: str):
    """Import ``module`` without building jsonschema's IRI grammar. jsonschema (which nbformat
    imports to validate notebooks) compiles a Lark grammar for its ``iri`` format checkers when
    ``rfc3987_syntax`` is installed (jupyterlab installs it): about 2 s at import, for formats
    nbformat's schema never uses. The optional import is made to fail while jsonschema is first
    imported, and only then; already imported, jsonschema is left as it is."""
    import importlib

    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return importlib.import_module(module)
    sys.modules["rfc3987_syntax"] = None  # "import rfc3987_syntax" raises ImportError, as when absent
    try:
        importlib.import_module("jsonschema")
    finally:
        del sys.modules["rfc3987_syntax"]
    return importlib.import_module(module)


def _check_name_is_free(out: Path, name: str, kind: str, checked: dict) -> None:
    """Refuse to replace ``out/name.*`` when it is the report of another input (or of another
    kind of report); the report of the same input is replaced."""
    nbformat = _import_fast("nbformat")

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


def html_exporter():
    """The exporter :func:`render_html` uses: outputs only, the kit's template, images inline.
    The notebook is checked against its schema once, not after each of the twelve
    preprocessors (``optimistic_validation``). nbconvert's final BeautifulSoup pass over the
    page (default ``alt`` text, focusable outputs) is kept: it is most of the export's time
    (about 0.07 of 0.12 CPU s on the seed report) but it also rewrites the tables' whitespace,
    which tests and readers of the HTML rely on (issue #16: left as it is)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="mediakit",
        extra_template_basedirs=[str(resources.files("analysis.report") / "templates")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # figures are outputs, already inline; no markdown cell of ours links an image file, and
        # embedding parses every cell's HTML with BeautifulSoup (a third of the export's time)
        embed_images=False,
        optimistic_validation=True,
    )


def render_html(notebook, exporter=None) -> str:
    """Static, self-contained HTML of an executed notebook (a file, or the notebook node
    papermill returned): outputs only, no scripts. The page nbconvert makes with
    :func:`html_exporter`, its unchanging parts cached and the outputs filled in
    (:mod:`analysis.report.export`). ``exporter``: one :func:`html_exporter` made earlier
    (reused when nbconvert renders, its templates stay compiled)."""
    from analysis.report import export

    nbformat = _import_fast("nbformat")

    nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(str(notebook), as_version=4)
    return export.render(nb, shared_exporter, exporter)


_EXPORTER: list = []


def shared_exporter():
    """This process's :func:`html_exporter`, made when first needed (nbconvert is imported
    only then) and reused."""
    if not _EXPORTER:
        _EXPORTER.append(html_exporter())
    return _EXPORTER[0]
