"""``mediakit report article CORPUS --each`` (issue #16): one report per article and an index,
every record accounted for, resumable, nothing half-written."""

from __future__ import annotations

import json

import pytest

from analysis.cli import main
from analysis.report.each import file_name, report_each

HOSTILE_TITLE = "<script>document.title='x'</script> Senator slams plan"
RECORDS = [
    {"id": "a/1", "title": HOSTILE_TITLE, "outlet": "<b>Daily</b>",
     "text": "The senator slammed the reckless plan on Tuesday. \"It is a disaster,\" she said. " + HOSTILE_TITLE},
    {"id": "bad", "title": "no text here"},
    {"id": "a2", "title": "Markets rally", "outlet": "Weekly",
     "text": "Investors cheered the strong economic data as stocks climbed on Friday."},
]


@pytest.fixture(scope="module")
def each_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("each")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    out = folder / "out"
    return corpus, out, report_each(corpus, out_dir=out, workers=2)


def test_every_record_is_a_row_in_input_order(each_run):
    _, out, table = each_run
    assert table["record_id"].tolist() == ["a/1", "bad", "a2"]
    assert table["status"].tolist() == ["written", "rejected", "written"]
    bad = table.iloc[1]
    assert (bad["line"], bad["field"]) == (2, "text")
    for row in table[table["status"] == "written"].itertuples():
        html = (out / f"{file_name(row.record_id)}-article.html").read_text(encoding="utf-8")
        assert row.html.endswith(f"{file_name(row.record_id)}-article.html")
        assert "data:image/png;base64" in html
    assert not list(out.glob(".partial-*")) and not list(out.glob(".*.tmp"))


def test_each_report_is_of_its_own_article(each_run):
    _, out, _ = each_run
    first = (out / f"{file_name('a/1')}-article.html").read_text(encoding="utf-8")
    second = (out / f"{file_name('a2')}-article.html").read_text(encoding="utf-8")
    assert "reckless" in first and "reckless" not in second  # the kernel's namespace did not leak
    assert "Investors cheered" in second and "Investors cheered" not in first
    assert "<script>document.title" not in first and "&lt;script&gt;document.title" in first


def test_index_links_every_report_and_lists_the_rejected(each_run):
    _, out, _ = each_run
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{file_name("a/1")}-article.html"' in index and f'href="{file_name("a2")}-article.html"' in index
    assert "<script>" not in index and "&lt;script&gt;document.title=&#x27;x&#x27;&lt;/script&gt;" in index
    assert "&lt;b&gt;Daily&lt;/b&gt;" in index
    assert "missing required field" in index and "3 records: 2 written, 0 skipped, 1 rejected, 0 failed" in index


def test_rerun_skips_what_is_written(each_run, capsys):
    corpus, out, _ = each_run
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*-article.*")}
    assert main(["report", "article", str(corpus), "--each", "--out", str(out), "--workers", "1"]) == 0
    assert "read 3: 0 written, 2 skipped, 1 rejected, 0 failed" in capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*-article.*")} == before


def test_a_changed_article_is_reported_again(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    record = dict(RECORDS[2])
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert report_each(corpus, out_dir=out, workers=1)["status"].tolist() == ["written"]
    record["text"] = "The governor praised the careful plan on Monday."
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert report_each(corpus, out_dir=out, workers=1)["status"].tolist() == ["written"]
    html = (out / f"{file_name('a2')}-article.html").read_text(encoding="utf-8")
    assert "governor" in html and "Investors cheered" not in html


def test_file_names_are_safe_and_distinct():
    assert file_name("a/1") != file_name("a_1") and "/" not in file_name("a/1")
    assert file_name("../../etc").startswith("etc-") and file_name("") .startswith("article-")


def test_options_that_need_each_are_refused(tmp_path, capsys):
    assert main(["report", "article", str(tmp_path / "x.txt"), "--workers", "2"]) == 2
    assert "--each" in capsys.readouterr().err
