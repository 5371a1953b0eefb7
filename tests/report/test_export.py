"""The report page without nbconvert on every report (issue #16, ``analysis/report/export.py``):
the same document as nbconvert's export (elements, attributes, text; compared with lxml), the
unchanging parts cached and rebuilt when they change, nbconvert's own page whenever the
notebook holds what the fast path does not render; and a report run in this process imports
neither papermill's engines nor nbconvert."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest
from lxml import html as lxml_html
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.report import export, run
from analysis.report.run import html_exporter, render_html

pytestmark = pytest.mark.slow

HOSTILE = "<script>document.title='x'</script> & \"quotes\" <img src=x onerror=alert(1)>"


def document(page: str):
    """The page as a tree of (tag, attributes, text, children, tail): whitespace between
    elements and the order of classes and attributes aside, exact (inside ``<pre>``, text too)."""
    def walk(element, pre=False):
        pre = pre or element.tag == "pre"
        text = (lambda t: t or "") if pre else (lambda t: " ".join((t or "").split()))
        attrs = tuple(sorted((k, " ".join(sorted(v.split())) if k == "class" else v) for k, v in element.attrib.items()))
        children = tuple(walk(c, pre) for c in element if isinstance(c.tag, str))
        return element.tag, attrs, text(element.text), children, text(element.tail)

    return walk(lxml_html.document_fromstring(page))


def nbconvert_page(nb) -> str:
    return html_exporter().from_notebook_node(nb)[0]


def assert_same_document(nb) -> str:
    fast = render_html(nb)
    assert document(fast) == document(nbconvert_page(nb))
    return fast


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch, tmp_path):
    """Each test with its own cache folder and nothing remembered in this process."""
    monkeypatch.setattr(export, "_MEMO", {})
    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(run, "cache_dir", lambda: tmp_path / "cache")


def every_kind_of_output() -> nbformat.NotebookNode:
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    cells = [
        new_markdown_cell("# A title\n\nSome *text* with `code` and a [link](#A-title).", id="md-1"),
        new_code_cell("x = 1", id="params", metadata={"tags": ["parameters"]}),
        new_code_cell("", id="empty"),
        new_code_cell("print()", id="streams", outputs=[
            new_output("stream", name="stdout", text="a <b>\n"), new_output("stream", name="stdout", text="50%\r100%\n"),
            new_output("stream", name="stderr", text=HOSTILE + "\n")]),
        new_code_cell("display()", id="displays", outputs=[
            new_output("display_data", data={"text/html": f"<p>{HOSTILE.replace('<', '&lt;')}</p>", "text/plain": "p"}),
            new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"},
                       metadata={"image/png": {"width": 40, "height": 30}, "needs_background": "light"}),
            new_output("execute_result", data={"text/plain": HOSTILE}, execution_count=3),
            new_output("execute_result", data={"text/html": "<b>bold</b>", "text/plain": "b"}, execution_count=3)]),
        new_markdown_cell("## Second <em>part</em>\n\n| a | b |\n|---|---|\n| 1 | 2 |", id="md-2", metadata={"tags": ["note"]}),
        new_code_cell("1/0", id="error", outputs=[
            new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                       traceback=["Traceback <most recent>", "ZeroDivisionError: division by zero"])]),
    ]
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def test_every_kind_of_output_is_the_document_nbconvert_makes(tmp_path):
    nb = every_kind_of_output()
    fast = assert_same_document(nb)
    assert (tmp_path / "cache" / "report-html").is_dir() and len(list((tmp_path / "cache" / "report-html").iterdir())) == 1
    # the cached parts serve the next page: the same page again, with nbconvert not asked
    export._MEMO.clear()
    assert export.render(nb, lambda: pytest.fail("nbconvert was asked")) == fast
    # untrusted text stays text
    root = lxml_html.document_fromstring(fast)
    assert not root.xpath("//script") and not root.xpath("//*[@onerror]")
    assert HOSTILE in root.text_content()


def test_the_seed_report_is_the_document_nbconvert_makes(shared_report, seed_path):
    folder = shared_report("article", seed_path)
    nb = nbformat.read(str(folder / "xi-moscow-visit-article.ipynb"), as_version=4)
    for cell in nb.cells:  # as run.execute_into renders it
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    page = assert_same_document(nb)
    assert document(page) == document((folder / "xi-moscow-visit-article.html").read_text(encoding="utf-8"))
    assert page.count("<img") == 5


def test_a_hostile_article_is_the_document_nbconvert_makes(tmp_path):
    from analysis.cli import main

    hostile = tmp_path / "hostile.txt"
    hostile.write_text(f"Critics slammed the {HOSTILE} remark, the minister said.\n[caption id=\"1\"]<iframe src=javascript:alert(3)>[/caption]\n",
                       encoding="utf-8")
    assert main(["report", "article", str(hostile), "--out", str(tmp_path / "r")]) == 0
    page = (tmp_path / "r" / "hostile-article.html").read_text(encoding="utf-8")
    nb = nbformat.read(str(tmp_path / "r" / "hostile-article.ipynb"), as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    assert document(page) == document(nbconvert_page(nb))
    root = lxml_html.document_fromstring(page)
    assert not root.xpath("//script | //iframe | //svg") and not root.xpath("//*[@onerror or @onload]")


@pytest.mark.parametrize("odd", ["markdown output", "svg", "ansi", "raw cell"])
def test_what_the_fast_path_does_not_render_is_nbconvert_s_page(odd):
    nb = every_kind_of_output()
    if odd == "raw cell":
        nb.cells.append(nbformat.v4.new_raw_cell("raw"))
    else:
        data = {"markdown output": {"text/markdown": "*hi*"}, "svg": {"image/svg+xml": "<svg></svg>"},
                "ansi": {"text/plain": "\x1b[31mred\x1b[0m"}}[odd]
        nb.cells[3].outputs.append(new_output("display_data", data=data))
    with pytest.raises(export.Unrendered):
        export._checked_cells(nb)
    assert render_html(nb) == nbconvert_page(nb)


def test_a_changed_markdown_cell_is_rendered_anew(tmp_path):
    nb = every_kind_of_output()
    render_html(nb)
    nb.cells[0].source = "# Another title\n\nNew words."
    page = assert_same_document(nb)
    assert "New words." in page and "Some <em>text</em>" not in page
    assert len(list((tmp_path / "cache" / "report-html").iterdir())) == 2


def test_without_a_cache_folder_nbconvert_renders(monkeypatch):
    monkeypatch.setattr(run, "cache_dir", lambda: None)
    nb = every_kind_of_output()
    assert render_html(nb) == nbconvert_page(nb)


def test_a_report_in_this_process_imports_no_kernel_machinery_nor_nbconvert(tmp_path, seed_path, monkeypatch):
    monkeypatch.undo()  # the environment's own cache folder: the subprocess uses it
    from analysis.report import run_report

    run_report("article", {"article_path": str(seed_path)}, out_dir=tmp_path / "warm", name="seed")  # fills the cache
    code = ("import sys, json; from analysis.report import run_report; "
            f"run_report('article', {{'article_path': {str(seed_path)!r}}}, out_dir={str(tmp_path / 'r')!r}, name='seed'); "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('papermill', 'nbclient', 'jupyter_client', 'zmq', 'requests', 'nbconvert', 'bs4'))))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = json.loads(done.stdout.splitlines()[-1])
    # papermill's parameter translators and exceptions only (engine._papermill_parts)
    assert set(loaded) <= {"papermill.exceptions", "papermill.models", "papermill.translators"}, loaded
    assert (tmp_path / "r" / "seed.html").read_bytes() == (tmp_path / "warm" / "seed.html").read_bytes()
