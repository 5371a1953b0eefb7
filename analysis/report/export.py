"""Static HTML of an executed report notebook without running nbconvert each time (issue #16:
fast reports).

nbconvert's export of a report (its kit template, ``analysis/report/templates/mediakit``, on
JupyterLab's ``lab`` template) costs an import of nbconvert (about 0.3 s), a dozen preprocessors
and a BeautifulSoup pass over the page (adding ``alt`` text to images and ``tabindex`` to
outputs) on every report. Most of the page does not change from one report to the next: the
head (JupyterLab's CSS) and the markdown cells are the notebook's own. Those parts are
rendered by nbconvert once, cached in the kit's cache folder (``run.cache_dir()``) under a key
made of the versions of the packages that render them, the kit's template and the markdown
cells themselves; the code cells' outputs are then filled in here, in the markup the ``lab``
template gives them (with the ``alt`` and ``tabindex`` the BeautifulSoup pass adds), the HTML
the notebook's cells displayed inserted as it is (as nbconvert inserts it: the kit's renderers
escape every text from the input), text outputs escaped.

The page is the same document as nbconvert's (the same elements, attributes and text; tested
with lxml on the seed and on hostile articles, ``tests/report/test_export.py``), not the same
bytes: BeautifulSoup re-serialises the page (``'`` for ``&#x27;``, ``<meta .../>``).

Whenever the notebook holds something this module does not render (an output type other than
HTML, PNG, JPEG, plain text, streams and errors; ANSI colours; a raw cell; a hidden source),
or the cache folder cannot be written, nbconvert renders the whole page as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata, resources
from pathlib import Path

#: nbconvert's HTML exporter's ``display_data_priority``: the first type an output has is shown.
PRIORITY = ("application/vnd.jupyter.widget-view+json", "application/javascript", "text/html", "text/markdown",
            "image/svg+xml", "text/vnd.mermaid", "text/latex", "image/png", "image/jpeg", "text/plain")
#: Of those, the types rendered here.
RENDERED = ("text/html", "image/png", "image/jpeg", "text/plain")
#: What nbconvert's final pass gives an image without ``alt`` text.
NO_ALT = "No description has been provided for this image"
#: The packages whose versions change the cached parts (head, CSS, markdown).
RENDERERS = ("nbconvert", "mistune", "pygments", "jupyterlab_pygments", "beautifulsoup4", "nbformat")

_CELL_START = '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id='
_MEMO: dict[str, dict] = {}  # cache key: the static parts, in this process
_VERSIONS: dict[str, list] = {}


class Unrendered(Exception):
    """The notebook holds something :func:`render_fast` leaves to nbconvert."""


def render(nb, exporter_factory, exporter=None) -> str:
    """The page of the executed notebook ``nb``: fast when the cached parts are there (or can
    be made), else nbconvert's (``exporter``, or a new one from ``exporter_factory``)."""
    try:
        cells = _checked_cells(nb)
        static = _static_parts(nb, cells, exporter_factory, exporter)
    except Unrendered:
        static = None
    if static is None:
        return _nbconvert(nb, exporter or exporter_factory())
    return _assemble(nb, cells, static)


def _nbconvert(nb, exporter) -> str:
    body, _ = exporter.from_notebook_node(nb)
    return body


# ------------------------------------------------------------------------------ code cells

def _checked_cells(nb) -> list:
    """The cells, or :class:`Unrendered` when one holds what this module does not render."""
    for cell in nb.cells:
        if cell.cell_type not in ("code", "markdown"):
            raise Unrendered(cell.cell_type)
        if cell.get("metadata", {}).get("transient", {}).get("remove_source"):
            raise Unrendered("transient")
        if cell.cell_type == "markdown" and cell.get("attachments"):
            raise Unrendered("attachments")
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            kind = output.get("output_type")
            if kind == "stream":
                if output.get("name") not in ("stdout", "stderr") or "\x1b" in _text(output.get("text", "")):
                    raise Unrendered("stream")
            elif kind == "error":
                if any("\x1b" in line for line in output.get("traceback", [])):
                    raise Unrendered("coloured traceback")
            elif kind in ("display_data", "execute_result"):
                if _shown_type(output) not in RENDERED:
                    raise Unrendered(str(_shown_type(output)))
                if _shown_type(output) == "text/plain" and "\x1b" in _text(output["data"]["text/plain"]):
                    raise Unrendered("ANSI")
                if output.get("metadata", {}).get("filenames"):
                    raise Unrendered("filenames")
            else:
                raise Unrendered(str(kind))
    return list(nb.cells)


def _shown_type(output) -> str | None:
    data = output.get("data", {})
    return next((t for t in PRIORITY if t in data), None if not data else "other")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _escape(text: str) -> str:
    """As nbconvert's ``ansi2html`` escapes text without colours (markupsafe)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def _attr(value) -> str:
    return _escape(str(value))


def _metadata(output, key: str, mimetype: str):
    """nbconvert's ``get_metadata`` filter."""
    md = output.get("metadata") or {}
    if mimetype in md and md[mimetype].get(key) is not None:
        return md[mimetype].get(key)
    return md.get(key)


def _output_html(output) -> str:
    kind = output["output_type"]
    if kind == "stream":
        mime = "text/plain" if output["name"] == "stdout" else "application/vnd.jupyter.stderr"
        return (f'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="{mime}" tabindex="0">\n'
                f'<pre>{_escape(_text(output["text"]))}</pre>\n</div>')
    if kind == "error":
        lines = "".join("\n" + _escape(line) for line in output.get("traceback", []))
        return (f'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr" tabindex="0">\n'
                f"<pre>{lines}</pre>\n</div>")
    extra = " jp-OutputArea-executeResult" if kind == "execute_result" else ""
    mime = _shown_type(output)
    value = output["data"][mime]
    if mime == "text/html":
        return (f'<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output{extra}" data-mime-type="text/html" tabindex="0">\n'
                f"{_text(value)}\n</div>")
    if mime == "text/plain":
        return (f'<div class="jp-RenderedText jp-OutputArea-output{extra}" data-mime-type="text/plain" tabindex="0">\n'
                f"<pre>{_escape(_text(value))}</pre>\n</div>")
    # image/png, image/jpeg
    size = "".join(f' {key}="{_attr(v)}"' for key in ("width", "height")
                   if (v := _metadata(output, key, mime)) is not None)
    classes = []
    if _metadata(output, "unconfined", mime):
        classes.append("unconfined")
    background = _metadata(output, "needs_background", mime)
    if background in ("light", "dark"):
        classes.append(f"jp-needs-{background}-background")
    return (f'<div class="jp-RenderedImage jp-OutputArea-output{extra}" tabindex="0">\n'
            f'<img alt="{NO_ALT}" class="{" ".join(classes)}" src="data:{mime};base64,{_attr(_text(value).strip())}"{size}/>\n</div>')


def _code_cell_html(cell) -> str:
    outputs = cell.get("outputs", [])
    tags = "".join(f" celltag_{tag}" for tag in cell.get("metadata", {}).get("tags", []))
    classes = f"jp-Cell jp-CodeCell jp-Notebook-cell{'' if outputs else ' jp-mod-noOutputs'} jp-mod-noInput{tags}"
    anchor = f' id="{_attr("cell-id=" + cell.id)}"' if cell.get("id") else ""
    if not outputs:
        return f'<div class="{_attr(classes)}"{anchor}>\n</div>\n'
    children = []
    for output in outputs:
        child = "jp-OutputArea-child jp-OutputArea-executeResult" if output["output_type"] == "execute_result" else "jp-OutputArea-child"
        children.append(f'<div class="{child}">\n{_output_html(output)}\n</div>\n')
    return (f'<div class="{_attr(classes)}"{anchor}>\n<div class="jp-Cell-outputWrapper">\n'
            '<div class="jp-Collapser jp-OutputCollapser jp-Cell-outputCollapser">\n</div>\n'
            f'<div class="jp-OutputArea jp-Cell-outputArea">\n{"".join(children)}</div>\n</div>\n</div>\n')


# ------------------------------------------------------------------------------ the page

def _assemble(nb, cells: list, static: dict) -> str:
    parts = [static["head"]]
    for cell in cells:
        parts.append(static["markdown"][_markdown_key(cell)] if cell.cell_type == "markdown" else _code_cell_html(cell))
    parts.append(static["foot"])
    return "".join(parts)


def _markdown_key(cell) -> str:
    return hashlib.sha256(json.dumps([cell.get("id"), cell.get("metadata", {}).get("tags", []), cell.source],
                                     ensure_ascii=False).encode("utf-8")).hexdigest()


def _static_key(nb, markdown: list) -> str:
    """What the cached parts depend on: the renderers' versions, the kit's template, the
    notebook's title and language, its markdown cells."""
    versions = _versions()
    template = resources.files("analysis.report") / "templates" / "mediakit"
    own = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(template.iterdir(), key=lambda p: p.name) if p.is_file()]
    described = [versions, own, nb.metadata.get("title"), nb.metadata.get("language_info", {}).get("name"),
                 sorted(_markdown_key(c) for c in markdown)]
    return hashlib.sha256(json.dumps(described, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def _versions() -> list:
    """The versions of :data:`RENDERERS` (read once per process)."""
    if "versions" not in _VERSIONS:
        found = []
        for package in RENDERERS:
            try:
                found.append(metadata.version(package))
            except metadata.PackageNotFoundError:
                found.append(None)
        _VERSIONS["versions"] = found
    return _VERSIONS["versions"]


def _static_parts(nb, cells: list, exporter_factory, exporter) -> dict | None:
    """The head, foot and markdown cells of the page (a dict), from this process's memory, the
    cache folder, or nbconvert (then cached); None when nothing can be cached."""
    from analysis.report.run import cache_dir

    markdown = [c for c in cells if c.cell_type == "markdown"]
    key = _static_key(nb, markdown)
    if key in _MEMO:
        return _MEMO[key]
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / "report-html" / f"{key}.json"
    try:
        static = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        static = _render_static(nb, markdown, exporter or exporter_factory())
        if static is None:
            return None
        _write(path, json.dumps(static, ensure_ascii=False))
    if not isinstance(static, dict) or not all(_markdown_key(c) in static.get("markdown", {}) for c in markdown):
        return None
    _MEMO[key] = static
    return static


def _render_static(nb, markdown: list, exporter) -> dict | None:
    """nbconvert's page of a notebook of ``nb``'s markdown cells alone, cut into its head,
    its cells and its foot; None when it cannot be cut as expected."""
    import copy

    only = copy.deepcopy(nb)
    only.cells = [copy.deepcopy(c) for c in markdown]
    page = _nbconvert(only, exporter)
    start, end = page.find("<main>"), page.rfind("</main>")
    if start < 0 or end < 0:
        return None
    start += len("<main>")
    head, body, foot = page[:start], page[start:end], page[end:]
    pieces = body.split("\n" + _CELL_START)
    if not markdown:
        return {"head": head, "foot": body + foot, "markdown": {}} if _CELL_START not in body else None
    if len(pieces) != len(markdown) + 1 or pieces[0].strip():
        return None
    fragments = {}
    for cell, piece in zip(markdown, pieces[1:]):
        fragment = _CELL_START + piece
        if not fragment.startswith(f'{_CELL_START}{_attr(cell.id)}"') and not fragment.startswith(f"{_CELL_START}{cell.id}\""):
            return None
        fragments[_markdown_key(cell)] = fragment + "\n"
    return {"head": head + "\n", "foot": foot, "markdown": fragments}


def _write(path: Path, text: str) -> None:
    """Written whole or not at all; a cache folder that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
