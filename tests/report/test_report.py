"""End to end: the article report through papermill, as the CLI runs it."""

import json
import shutil
import sys
from html import escape
from html.parser import HTMLParser

import nbformat
import pytest

from analysis.cli import main
from conftest import without_frame_marks
from analysis.report.params import REPORTS, check_notebook_parameters, check_parameters
from analysis.errors import ParameterError

pytestmark = pytest.mark.slow


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list:
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


def outputs(notebook_path) -> list:
    """Every output of every code cell, without execution timings."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    return [[{k: v for k, v in o.items() if k != "execution_count"} for o in c.get("outputs", [])]
            for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def seed_report(shared_report, seed_path):
    """The seed's article report, run once per session for every test that reads it
    (``shared_report``; the browser test reads it too). Read-only."""
    return shared_report("article", seed_path)


def test_seed_report_shows_what_the_issue_asks(seed_report):
    html = (seed_report / "xi-moscow-visit-article.html").read_text(encoding="utf-8")
    tags = parse(html)
    marks = [a.get("title", "") for t, a in tags if t == "mark"]
    assert any(m.startswith("violence_conflict: deadly invasion") for m in marks)
    assert any(m.startswith("delegitimising: rubber-stamp legislature") for m in marks)
    plain = without_frame_marks(html)  # "invasion" also carries a frame cue's underline
    assert ">deadly invasion<sub>violence_conflict</sub></mark>" in plain
    assert ">rubber-stamp legislature<sub>delegitimising</sub></mark>" in plain
    speakers = {a.get("title") for t, a in tags if t == "q"}
    assert {"Wang Wenbin", "Yuri Ushakov"} <= speakers
    assert any("Kremlin" in (s or "") for s in speakers)
    # the shortcode is listed as removed, never shown as article text
    assert "removed: cms_shortcode" in html
    text_part = html.split('<div class="mk-text">', 1)[1].split("</div>", 1)[0]
    assert "embedpost" not in text_part
    assert "cms_shortcode" in html and "[embedpost slug=" in html  # in the removed table
    # provenance, figures, no scripts
    assert "lexicon_version" in html and "1.2.0" in html
    assert "on annotated news" in html  # highlight titles carry the measured precision
    assert html.count("<img") >= 5 and "data:image/png;base64" in html
    assert "<script" not in html.lower()


def test_seed_report_has_a_frames_section_with_marked_evidence(seed_report, seed_scores):
    html = (seed_report / "xi-moscow-visit-article.html").read_text(encoding="utf-8")
    assert 'id="Frames"' in html and "<th>journalist_hits</th>" in html and "<th>threshold</th>" in html
    text_part = html.split('<div class="mk-text">', 1)[1].split("</div>", 1)[0]
    for e in seed_scores.frame_evidence.itertuples():  # every cue is marked in the text, with its frame on hover
        assert f'{e.scheme} frame {e.frame}: {e.cue} ({e.voice}' in text_part  # one span may carry several frames
    assert text_part.count('class="mk-frame"') >= len(seed_scores.frame_evidence.drop_duplicates(["start", "end"]))
    assert len(seed_scores.frame_evidence) >= 1
    evidence = html.split('id="The-evidence"', 1)[1]
    assert "<th>sentence</th>" in evidence and "<th>speaker</th>" in evidence
    first = seed_scores.frame_evidence.iloc[0]
    sentence = seed_scores.sentences.set_index("sentence_id").loc[first["sentence_id"], "text"]
    assert f"<td>{escape(sentence, quote=False)}</td>" in evidence


def test_kernel_is_this_interpreter(seed_report):
    nb = nbformat.read(str(seed_report / "xi-moscow-visit-article.ipynb"), as_version=4)
    text = json.dumps([c.get("outputs") for c in nb.cells if c.cell_type == "code"])
    assert sys.executable in text  # provenance prints the kernel's sys.executable


def test_two_runs_give_identical_numbers(seed_report, seed_path, tmp_path):
    folder = shutil.copytree(seed_report, tmp_path / "r")  # the shared report stays as it is
    before = outputs(folder / "xi-moscow-visit-article.ipynb")
    html = (folder / "xi-moscow-visit-article.html").read_bytes()
    # the same input into the same folder: its report is replaced, with the same numbers
    assert main(["report", "article", str(seed_path), "--out", str(folder)]) == 0
    assert outputs(folder / "xi-moscow-visit-article.ipynb") == before
    # and the same bytes of HTML (papermill's injected cell has a random id unless it is set)
    assert (folder / "xi-moscow-visit-article.html").read_bytes() == html


def test_a_report_of_another_input_is_not_replaced(seed_report, seed_path, tmp_path, capsys):
    seed_report = shutil.copytree(seed_report, tmp_path / "r")  # the shared report stays as it is
    html = seed_report / "xi-moscow-visit-article.html"
    before = html.read_bytes()
    elsewhere = tmp_path / "b" / seed_path.name  # b/x.txt after a/x.txt
    other_suffix = tmp_path / f"{seed_path.stem}.md"  # x.md after x.txt
    for other in (elsewhere, other_suffix):
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_bytes(seed_path.read_bytes())
        assert main(["report", "article", str(other), "--out", str(seed_report)]) == 2
        err = capsys.readouterr().err
        assert f"mediakit: error: {html}: is the report of {seed_path}, not of {other}; delete it" in err
    assert html.read_bytes() == before
    assert not list(seed_report.glob(".partial-*"))


def test_article_text_is_escaped(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "A <b>bold</b> claim <script>alert('x')</script> and <img src=x onerror=alert(1)> here.\n"
        "Critics slammed the “<svg onload=alert(2)>” remark, the minister said.\n"
        "[caption id=\"1\"]<iframe src=javascript:alert(3)>[/caption]\n",
        encoding="utf-8",
    )
    assert main(["report", "article", str(hostile), "--out", str(tmp_path / "r")]) == 0
    html = (tmp_path / "r" / "hostile-article.html").read_text(encoding="utf-8")
    for tag, attrs in parse(html):
        assert tag not in {"script", "iframe", "svg", "object", "embed"}, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any("javascript:" in (v or "") for v in attrs.values()), (tag, attrs)
    assert "&lt;script&gt;" in html  # shown as text in the removed table, not run


def test_failed_run_leaves_nothing_behind_and_names_the_part(tmp_path, seed_path):
    from analysis.errors import InputError
    from analysis.report import run_report

    scored, out = tmp_path / "scored", tmp_path / "r"
    assert main(["score", str(seed_path), "--out", str(scored)]) == 0
    part = scored / "spans" / "part-00000.parquet"
    part.write_bytes(b"PAR1 not really")
    # the checks before the kernel read only the articles table: the notebook fails reading spans
    with pytest.raises(InputError) as failed:
        run_report("corpus", {"corpus_path": str(scored), "min_articles": 2}, out_dir=out, name="x")
    assert str(failed.value).startswith(f"{part}: not a readable Parquet part: ")
    assert "cell" not in str(failed.value)
    assert not list(out.glob("x.*")) and not list(out.glob(".partial-*"))


def test_a_missing_article_is_refused_before_the_kernel(tmp_path):
    from analysis.errors import InputError
    from analysis.report import run_report

    with pytest.raises(InputError, match="no such file"):
        run_report("article", {"article_path": str(tmp_path / "gone.txt")}, out_dir=tmp_path / "r", name="x")
    assert not (tmp_path / "r").exists()  # nothing was started, not even the folder


def test_parameters_match_the_notebook():
    for kind in REPORTS:
        check_notebook_parameters(kind)


def test_parameter_checks():
    assert check_parameters("article", {"article_path": "a.txt"})["lexicon_mode"] == "add"
    with pytest.raises(ParameterError, match="required"):
        check_parameters("article", {})
    with pytest.raises(ParameterError, match="not one of"):
        check_parameters("article", {"article_path": "a.txt", "lexicon_mode": "merge"})
    with pytest.raises(ParameterError, match="expected str or None"):
        check_parameters("article", {"article_path": "a.txt", "lexicon_path": 3})
    with pytest.raises(ParameterError, match="min_articles: must be at least 2, got 0"):
        check_parameters("corpus", {"corpus_path": "c.jsonl", "min_articles": 0})


def test_list_parameters_are_checked_item_by_item():
    checked = check_parameters("compare", {"corpus_path": "c.jsonl", "outlets": ["A", "B"]})
    assert checked == {"corpus_path": "c.jsonl", "format": None, "by": "outlet", "outlets": ["A", "B"], "outlet_map": None,
                       "min_articles": 5, "dictionaries": None, "figures_dir": None, "engine": "local", "scheduler": None}
    with pytest.raises(ParameterError, match="expected a list of str, got int"):
        check_parameters("compare", {"corpus_path": "c.jsonl", "outlets": ["A", 2]})
    with pytest.raises(ParameterError, match="expected list or None, got str"):
        check_parameters("corpus", {"corpus_path": "c.jsonl", "outlets": "A"})
    with pytest.raises(ParameterError, match="empty list"):
        check_parameters("corpus", {"corpus_path": "c.jsonl", "outlets": []})
    with pytest.raises(ParameterError, match="expected int, got bool"):
        check_parameters("corpus", {"corpus_path": "c.jsonl", "min_articles": True})


def test_nothing_is_written_to_home(tmp_path, seed_path):
    import os
    import subprocess

    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    for key in ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env.pop(key, None)
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "report", "article", str(seed_path), "--out", str(tmp_path / "r")],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert list(home.rglob("*")) == []
    assert result.stderr == ""  # no kernel chatter either


def test_validation_notebook_declares_the_registered_parameters():
    from analysis.report.params import check_notebook_parameters

    check_notebook_parameters("validate")
