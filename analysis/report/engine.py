"""An in-process papermill engine: a report notebook's cells run in THIS process, in an IPython
shell, instead of a Jupyter kernel (issue #16: fast reports).

A kernel costs a second Python start-up, the kit's imports a second time, and ZeroMQ round
trips for every output; for a report the kit runs itself, on its own notebook, none of that
buys anything. The engine executes each cell with IPython's ``InteractiveShell`` (the shell
``ipykernel`` itself wraps), so cell magics, the display hook (the value of a cell's last line),
``display()``, rich reprs and matplotlib's inline backend (``matplotlib_inline``, each figure a
``image/png`` output when the cell ends) behave as in a kernel, and it records what a kernel
would send as nbformat outputs: ``stream``, ``display_data``, ``execute_result`` and ``error``
(the exception's name, value and IPython's traceback). Papermill's execution manager is told
of each cell (``cell_start``, ``cell_exception``, ``cell_complete``), so the executed notebook
has papermill's metadata, per-cell durations and its injected-parameters cell as before, and a
failing cell raises ``PapermillExecutionError`` naming the cell, as with a kernel.

Each report gets a fresh user namespace (``shell.reset``: execution counts from 1, nothing of
the previous report's variables), ``plt.close("all")`` and matplotlib's settings as they were
before the first report (the kit's plot style sets some); the shell, its imported modules and
their caches are kept, which is where the speed comes from. The report's garbage is collected
once when it ends (``gc.collect``; IPython's reset would collect at each of the two resets).
After each report matplotlib's
backend and settings are put back as they were, so a process that runs a report and then does
other plotting (a test session, a user's script) is not left on the inline backend.

``run_report`` and ``report_each`` run it through :func:`execute_notebook`, which does what
``papermill.execute_notebook`` does for this engine (papermill's parameters cell, metadata and
bookkeeping, its ``PapermillExecutionError``) without importing papermill's package: its
engines module imports nbclient, jupyter_client and ZeroMQ, its I/O module requests, none of
which a report run in this process uses (about 0.3 s of a report's start-up; issue #16). Only
papermill's translators and exceptions are imported (:func:`_papermill_parts`). The engine is
also a papermill engine (:func:`register`), run by ``papermill.execute_notebook`` the same way.

Used by ``run_report`` and ``report_each`` unless told ``kernel=True`` (``mediakit report
--kernel``), and never inside another IPython (a JupyterLab kernel calling ``run_report``): the
shell is a process-wide singleton there, and the kernel path is taken instead.
"""

from __future__ import annotations

import base64
import gc
import importlib
import importlib.util
import platform
import sys
from contextlib import contextmanager
from datetime import datetime, timezone

NAME = "mediakit-inprocess"

#: What ipykernel reports as the notebook's ``language_info`` (papermill's nbclient path stores
#: the kernel's answer), for this interpreter.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": platform.python_version(),
}

#: Output types whose payload is binary: base64 text in a notebook, as ipykernel encodes them.
_BINARY = ("image/png", "image/jpeg", "image/gif", "application/pdf")


def available() -> bool:
    """True when this process can run a report in-process: no IPython shell other than ours
    is running in it (inside a Jupyter kernel the shell is the user's)."""
    from IPython.core.interactiveshell import InteractiveShell

    return not InteractiveShell.initialized() or isinstance(InteractiveShell.instance(), _shell_class())


def _execute_managed(nb_man):
    """Run ``nb_man``'s notebook in this process's shell, telling ``nb_man`` of each cell (see
    the module); the notebook."""
    main = sys.modules.get("__main__")  # IPython's shell puts its namespace there: see finally
    try:
        shell = _shell()
        with _report_session(shell):
            for index, cell in enumerate(nb_man.nb.cells):
                try:
                    nb_man.cell_start(cell, index)
                    if cell.cell_type == "code" and cell.source.strip():  # nbclient skips empty cells too
                        if not _run_cell(shell, cell):
                            nb_man.cell_exception(cell, cell_index=index)
                            break
                finally:
                    nb_man.cell_complete(cell, cell_index=index)
        nb_man.nb.metadata["language_info"] = dict(LANGUAGE_INFO)
        return nb_man.nb
    finally:
        # the process's own __main__ back: multiprocessing's spawn (the scoring pool, Dask's
        # nanny) reads __main__.__spec__, which the shell's namespace module lacks
        if main is not None:
            sys.modules["__main__"] = main


_ENGINE: list = []


def register() -> str:
    """Register the engine in papermill's registry (idempotent; imports papermill); its name."""
    from papermill.engines import Engine, papermill_engines

    if not _ENGINE:
        class InProcessEngine(Engine):
            """Papermill engine running the cells in this process (see the module)."""

            @classmethod
            def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
                return _execute_managed(nb_man)

        _ENGINE.append(InProcessEngine)
    papermill_engines.register(NAME, _ENGINE[0])
    return NAME


# ------------------------------------------------------------------------------ papermill's steps

def _papermill_parts():
    """papermill's ``translators`` and ``exceptions`` modules. When papermill is not imported
    yet they are imported without its package's ``__init__`` (which imports all of papermill,
    see the module): its package is put in ``sys.modules`` without being run while they load,
    then taken out, so a later ``import papermill`` runs papermill's own ``__init__`` as usual
    (which finds these two modules loaded: one ``PapermillExecutionError`` class)."""
    if "papermill" in sys.modules or "papermill.translators" in sys.modules:
        return importlib.import_module("papermill.translators"), importlib.import_module("papermill.exceptions")
    spec = importlib.util.find_spec("papermill")
    package = importlib.util.module_from_spec(spec)
    sys.modules["papermill"] = package
    try:
        translators = importlib.import_module("papermill.translators")
        exceptions = importlib.import_module("papermill.exceptions")
    finally:
        del sys.modules["papermill"]
    return translators, exceptions


def _nbformat():
    """nbformat, imported as ``run._import_fast`` imports it (without jsonschema's IRI grammar)."""
    from analysis.report.run import _import_fast

    return _import_fast("nbformat")


def papermill_version() -> str:
    """papermill's version (what it records in a notebook it runs), without importing it."""
    from importlib import metadata

    return metadata.version("papermill")


def notebook_parameters(path) -> list[str]:
    """The names the ``parameters`` cell of the notebook at ``path`` assigns, as
    ``papermill.inspect_notebook`` reads them (papermill's translator for its kernel)."""
    nbformat = _nbformat()

    translators, _ = _papermill_parts()
    nb = nbformat.read(str(path), as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return []
    translator = translators.papermill_translators.find_translator(_kernel_name(nb), _language(nb))
    return [p.name for p in translator.inspect(cell)]


def _kernel_name(nb, name=None) -> str:
    name = name or nb.metadata.get("kernelspec", {}).get("name")
    if not name:
        raise ValueError("No kernel name found in notebook and no override provided.")
    return name


def _language(nb) -> str:
    language = nb.metadata.get("language_info", {}).get("name") or nb.metadata.get("kernelspec", {}).get("language")
    if not language:
        raise ValueError("No language found in notebook and no override provided.")
    return language


class _Manager:
    """papermill's ``NotebookExecutionManager`` (its metadata: start and end times, durations,
    statuses, the exception flag), without saving the notebook while it runs and without a
    progress bar (``request_save_on_cell_execute=False, progress_bar=False``)."""

    def __init__(self, nb):
        self.nb = nb
        self.start_time = None

    @staticmethod
    def now():
        return datetime.now(timezone.utc)

    def notebook_start(self):
        self.start_time = self.now()
        self.nb.metadata.papermill.update(start_time=self.start_time.isoformat(), end_time=None, duration=None, exception=None)
        for cell in self.nb.cells:
            if cell.get("cell_type") == "code":
                cell.execution_count = None
            cell.metadata.papermill = dict(exception=None, start_time=None, end_time=None, duration=None, status="pending")
            if cell.get("cell_type") == "code":
                cell.outputs = []

    def cell_start(self, cell, cell_index=None, **kwargs):
        cell.metadata.papermill["start_time"] = self.now().isoformat()
        cell.metadata.papermill["status"] = "running"
        cell.metadata.papermill["exception"] = False

    def cell_exception(self, cell, cell_index=None, **kwargs):
        cell.metadata.papermill["exception"] = True
        cell.metadata.papermill["status"] = "failed"
        self.nb.metadata.papermill["exception"] = True

    def cell_complete(self, cell, cell_index=None, **kwargs):
        end_time = self.now()
        cell.metadata.papermill["end_time"] = end_time.isoformat()
        if cell.metadata.papermill.get("start_time"):
            start_time = datetime.fromisoformat(cell.metadata.papermill["start_time"])
            cell.metadata.papermill["duration"] = (end_time - start_time).total_seconds()
        if cell.metadata.papermill["status"] != "failed":
            cell.metadata.papermill["status"] = "completed"

    def notebook_complete(self):
        end_time = self.now()
        self.nb.metadata.papermill["end_time"] = end_time.isoformat()
        if self.nb.metadata.papermill.get("start_time"):
            self.nb.metadata.papermill["duration"] = (end_time - self.start_time).total_seconds()
        for cell in self.nb.cells:
            if cell.metadata.papermill["status"] == "failed":
                break
            if cell.metadata.papermill["status"] == "pending":
                cell.metadata.papermill["status"] = "completed"


def execute_notebook(input_path, output_path, parameters: dict, *, kernel_name: str, cwd=None):
    """Run the notebook at ``input_path`` in this process with ``parameters`` and write it to
    ``output_path``, as ``papermill.execute_notebook(input_path, output_path, parameters,
    engine_name=NAME, kernel_name=kernel_name, cwd=cwd, progress_bar=False, report_mode=False,
    log_output=False, request_save_on_cell_execute=False)`` does (the same notebook, the same
    metadata), importing only papermill's translators and exceptions; the executed notebook.
    A failing cell raises papermill's ``PapermillExecutionError`` after the notebook, with
    papermill's error cells, is written."""
    import os

    nbformat = _nbformat()

    translators, exceptions = _papermill_parts()
    input_path, output_path = str(input_path), str(output_path)
    # papermill's load_notebook_node
    nb = nbformat.read(input_path, as_version=4)
    nb = nbformat.v4.upgrade(nb) or nb
    if not hasattr(nb.metadata, "papermill"):
        nb.metadata["papermill"] = {"default_parameters": {}, "parameters": {}, "environment_variables": {},
                                    "version": papermill_version()}
    for cell in nb.cells:
        if not hasattr(cell.metadata, "tags"):
            cell.metadata["tags"] = []
        if not hasattr(cell.metadata, "papermill"):
            cell.metadata["papermill"] = {}
    # papermill's parameterize_notebook
    if parameters:
        source = translators.translate_parameters(_kernel_name(nb, kernel_name), _language(nb), parameters, "Parameters")
        injected = nbformat.v4.new_code_cell(source=source)
        injected.metadata["tags"] = ["injected-parameters"]
        tagged = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
        marked = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
        if tagged:
            nb.cells = nb.cells[:tagged[0]] + [injected] + nb.cells[tagged[0] + 1:]
        elif marked:
            nb.cells = nb.cells[:marked[0] + 1] + [injected] + nb.cells[marked[0] + 1:]
        else:
            nb.cells = [injected] + nb.cells
        nb.metadata.papermill["parameters"] = parameters
    # papermill's prepare_notebook_metadata and remove_error_markers
    nb.metadata.papermill["input_path"] = input_path
    nb.metadata.papermill["output_path"] = output_path
    nb.cells = [c for c in nb.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    manager = _Manager(nb)
    manager.notebook_start()
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            _execute_managed(manager)
        finally:
            manager.notebook_complete()
    finally:
        os.chdir(here)
    error = _first_error(nb, exceptions)
    if error is not None:
        _write(_with_error_cells(nb, error), output_path)
        raise error
    _write(nb, output_path)
    return nb


def _first_error(nb, exceptions):
    """papermill's ``raise_for_execution_errors``: the error of the first failed cell."""
    for index, cell in enumerate(nb.cells):
        exited = False
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                if output.ename == "SystemExit" and output.evalue in ("", "0"):
                    exited = True
                    continue
                return exceptions.PapermillExecutionError(cell_index=index, exec_count=cell.execution_count, source=cell.source,
                                                          ename=output.ename, evalue=output.evalue, traceback=output.traceback)
        if not exited and cell.get("metadata", {}).get("papermill", {}).get("exception") is True:
            return exceptions.PapermillExecutionError(cell_index=index, exec_count=cell.execution_count, source=cell.source,
                                                      ename="CellExecutionError", evalue="", traceback=[])
    return None


def _with_error_cells(nb, error):
    """The notebook with papermill's two error cells: a note at the top, an anchor before the cell."""
    nbformat = _nbformat()

    style = 'style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;"'
    top = nbformat.v4.new_markdown_cell(f"<span {style}>An Exception was encountered at "
                                        f"'<a href=\"#papermill-error-cell\">In [{error.exec_count}]</a>'.</span>")
    anchor = nbformat.v4.new_markdown_cell(f'<span id="papermill-error-cell" {style}>'
                                           "Execution using papermill encountered an exception here and stopped:</span>")
    for cell in (top, anchor):
        cell.metadata["tags"] = ["papermill-error-cell-tag"]
    nb = nbformat.v4.upgrade(nb) or nb
    nb.cells.insert(error.cell_index, anchor)
    nb.cells.insert(0, top)
    return nb


def _write(nb, path: str) -> None:
    nbformat = _nbformat()

    with open(path, "w", encoding="utf-8") as f:
        f.write(nbformat.writes(nb))


# ------------------------------------------------------------------------------ the shell

_SHELL_CLASS = None


def _shell_class():
    """The shell class, built on first use (IPython is imported only then)."""
    global _SHELL_CLASS
    if _SHELL_CLASS is not None:
        return _SHELL_CLASS
    import builtins

    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class _Publisher(DisplayPublisher):
        """``display()`` and friends: a ``display_data`` output of the running cell."""

        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            self.shell.capture.display(data, metadata or {}, transient or {}, update)

        def clear_output(self, wait=False):
            self.shell.capture.clear(wait)

    class _Hook(DisplayHook):
        """The value of a cell's last expression: an ``execute_result`` output."""

        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            self.shell.capture.result(format_dict, md_dict or {}, self.prompt_count)

        def finish_displayhook(self):
            pass

        def flush(self):
            """``DisplayHook.flush`` (``shell.reset`` calls it) without its ``gc.collect()``: a
            full collection costs about 0.09 CPU s with the kit's modules loaded, and a report
            reset the shell twice; :func:`_report_session` collects once per report instead."""
            for n in range(1, self.prompt_count + 1):
                for namespace in (self.shell.user_ns_hidden, self.shell.user_ns):
                    namespace.pop(f"_{n!r}", None)
            oh = self.shell.user_ns.get("_oh", None)
            if oh is not None:
                oh.clear()
            self._, self.__, self.___ = "", "", ""
            if "_" not in builtins.__dict__:
                self.shell.user_ns.update({"_": self._, "__": self.__, "___": self.___})

    class MediakitShell(InteractiveShell):
        """An ``InteractiveShell`` whose outputs go to :class:`_Capture` (see the module)."""

        display_pub_class = _Publisher
        displayhook_class = _Hook

        def enable_gui(self, gui=None):
            pass  # no event loop: figures are inline, as in a kernel

        def _showtraceback(self, etype, evalue, stb):
            self.capture.error(etype.__name__, str(evalue), list(stb))

    _SHELL_CLASS = MediakitShell
    return _SHELL_CLASS


def _shell():
    """This process's shell, created once (history in memory, as papermill asks a kernel)."""
    from traitlets.config import Config

    from analysis.report.run import INLINE_FIGURE

    cls = _shell_class()
    if cls.initialized():
        return cls.instance()
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    config.InteractiveShell.colors = "nocolor"  # the traceback is text in the notebook and the error message
    config.InlineBackend.print_figure_kwargs = dict(INLINE_FIGURE)  # as the kernel's (run.WARM_UP)
    shell = cls.instance(config=config)
    shell.capture = _Capture()
    return shell


class _Capture:
    """The outputs of the cell running now, as nbformat output nodes."""

    def __init__(self):
        self.outputs: list | None = None
        self._clear_on_next = False
        self._displays: dict[str, list] = {}  # display_id: its outputs (update_display)

    def start(self, outputs: list) -> None:
        self.outputs, self._clear_on_next = outputs, False

    def _append(self, output) -> None:
        if self.outputs is None:  # output outside a cell (a callback after the report): dropped as a kernel would
            return
        if self._clear_on_next:
            self.outputs.clear()
            self._clear_on_next = False
        self.outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        from nbformat.v4 import new_output

        if not text:
            return
        if self.outputs and not self._clear_on_next and self.outputs[-1].output_type == "stream" and self.outputs[-1].name == name:
            self.outputs[-1].text += text
            return
        self._append(new_output("stream", name=name, text=text))

    def display(self, data: dict, metadata: dict, transient: dict, update: bool) -> None:
        from nbformat.v4 import new_output

        data = _encoded(data)
        display_id = transient.get("display_id")
        if update:
            for output in self._displays.get(display_id, []):
                output.data, output.metadata = data, metadata
            return
        output = new_output("display_data", data=data, metadata=metadata)
        if display_id is not None:
            self._displays.setdefault(display_id, []).append(output)
        self._append(output)

    def result(self, data: dict, metadata: dict, count: int) -> None:
        from nbformat.v4 import new_output

        self._append(new_output("execute_result", data=_encoded(data), metadata=metadata, execution_count=count))

    def error(self, ename: str, evalue: str, traceback: list) -> None:
        from nbformat.v4 import new_output

        self._append(new_output("error", ename=ename, evalue=evalue, traceback=traceback))

    def clear(self, wait: bool) -> None:
        if wait:
            self._clear_on_next = True
        elif self.outputs is not None:
            self.outputs.clear()


def _encoded(data: dict) -> dict:
    """Binary payloads as base64 text (a formatter may return bytes), as ipykernel sends them."""
    return {k: base64.b64encode(v).decode("ascii") if k in _BINARY and isinstance(v, bytes) else v for k, v in data.items()}


class _Stream:
    """``sys.stdout`` / ``sys.stderr`` while a cell runs: text becomes the cell's stream output."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, capture: _Capture, name: str):
        self._capture, self.name = capture, name

    def write(self, text) -> int:
        self._capture.stream(self.name, str(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


def _run_cell(shell, cell) -> bool:
    """Run one code cell; its outputs and execution count set as a kernel's would be. False
    when it raised."""
    capture = shell.capture
    cell.outputs = []
    capture.start(cell.outputs)
    count = shell.execution_count
    started = _now()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(capture, "stdout"), _Stream(capture, "stderr")
    try:
        result = shell.run_cell(cell.source, store_history=True, silent=False)
    finally:
        sys.stdout, sys.stderr = saved
        capture.start(None)
    cell.execution_count = count
    finished = _now()
    cell.metadata["execution"] = {"iopub.execute_input": started, "iopub.status.busy": started,
                                  "iopub.status.idle": finished, "shell.execute_reply": finished}
    failed = result.error_before_exec is not None or result.error_in_exec is not None
    return not failed and not any(o.output_type == "error" for o in cell.outputs)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


@contextmanager
def _report_session(shell):
    """One report: a fresh namespace, no figure of another report, matplotlib on the inline
    backend with the settings it had before any report; afterwards the backend and settings
    as the process had them."""
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib_inline import backend_inline

    previous_backend = matplotlib.rcParams._get_backend_or_none()  # None: not chosen yet
    previous_rc = matplotlib.rcParams.copy()
    interactive = matplotlib.is_interactive()
    plt.close("all")
    shell.reset(new_session=True)
    shell.capture = _Capture()
    if not getattr(shell, "_mediakit_inline", False):
        shell.enable_matplotlib("inline")
        shell._mediakit_inline = True
        shell._mediakit_rc = matplotlib.rcParams.copy()  # the inline backend's, before any report
    else:
        _use_inline(shell)
    _restore_rc(shell._mediakit_rc)
    _no_redraw(shell, plt)
    matplotlib.interactive(True)  # figures are queued for the end of their cell (matplotlib_inline)
    backend_inline.show._to_draw, backend_inline.show._draw_called = [], False
    try:
        yield
    finally:
        plt.close("all")
        backend_inline.show._to_draw, backend_inline.show._draw_called = [], False
        shell.reset(new_session=True)  # the report's objects go now, not with the next report
        gc.collect()  # their cycles too (figures): once per report, see _Hook.flush (and each._one's gc.freeze)
        if previous_backend is not None and previous_backend != matplotlib.get_backend():
            plt.switch_backend(previous_backend)
        _restore_rc(previous_rc)
        matplotlib.interactive(interactive)


def _no_redraw(shell, plt) -> None:
    """pyplot, in interactive mode, draws every figure after each cell (its REPL hook), and the
    inline backend draws it again to make the PNG: the first drawing is never shown, and was a
    tenth of a report's time. Unhooked here (pyplot hooks it again when the backend changes)."""
    hook = getattr(plt, "_draw_all_if_interactive", None)
    if hook is not None and hook in shell.events.callbacks["post_execute"]:
        shell.events.unregister("post_execute", hook)


def _use_inline(shell) -> None:
    """Back on the inline backend (a report earlier in this process left it, see _report_session)."""
    import matplotlib
    from IPython.core import pylabtools

    if matplotlib.get_backend() != "module://matplotlib_inline.backend_inline":
        pylabtools.activate_matplotlib("module://matplotlib_inline.backend_inline")


def _restore_rc(rc) -> None:
    """matplotlib's settings as in ``rc`` (a copy taken earlier), the backend apart (switched
    by :func:`_report_session`); set without re-validation: they were valid when copied."""
    import matplotlib

    for key, value in rc.items():
        if key != "backend":
            matplotlib.rcParams._set(key, value)
