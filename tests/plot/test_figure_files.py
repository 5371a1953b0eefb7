r"""Saving what a report shows: ``analysis.plot.Saver`` and ``save_figure``/``save_table``, and the
reports' ``--figures`` (SVG and PDF of each figure, CSV of each table, beside the HTML)."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plot
from analysis.cli import main
from analysis.errors import ParameterError
from conftest import event_corpus_records, svg_text

HOSTILE = r"$\alert{x}$ <script>alert(1)</script> & 5$"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labelled_figure(label: str) -> plt.Figure:
    fig, ax = plt.subplots()
    ax.barh([0, 1], [3, 4])
    plot.literal_ticks(ax.yaxis, [label, "plain"])
    return fig


def test_a_saved_figure_is_svg_and_pdf_with_the_label_as_written(tmp_path):
    svg, pdf = plot.save_figure(labelled_figure(HOSTILE), tmp_path / "new" / "figs", "bars")
    assert (svg.name, pdf.name) == ("bars.svg", "bars.pdf")
    assert HOSTILE in svg_text(svg.read_text(encoding="utf-8")).splitlines()  # parsed as XML: the markup escaped
    assert "<script>" not in svg.read_text(encoding="utf-8")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in svg.parent.iterdir()) == ["bars.pdf", "bars.svg"]  # no temporary file left


def test_a_saved_table_reads_back_the_same(tmp_path):
    frame = pd.DataFrame({"group": [HOSTILE, "b"], "mean": [0.25, 1.5], "n": [3, 4]})
    path = plot.save_table(frame, tmp_path, "summary")
    pd.testing.assert_frame_equal(pd.read_csv(path), frame)


def test_a_saver_without_a_folder_writes_nothing_and_hands_back_what_it_gets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    save = plot.Saver(None)
    fig, frame = labelled_figure("x"), pd.DataFrame({"a": [1]})
    assert save.figure(fig, "x") is fig and save.table(frame, "x") is frame
    assert not list(tmp_path.iterdir())


def test_a_saver_refuses_a_name_twice_and_a_name_that_is_not_a_file_name(tmp_path):
    save = plot.Saver(tmp_path)
    save.figure(labelled_figure("x"), "same")
    save.table(pd.DataFrame({"a": [1]}), "same")  # a table may share a figure's name: another file
    with pytest.raises(ParameterError, match="same.svg is saved twice"):
        save.figure(labelled_figure("y"), "same")
    with pytest.raises(ParameterError, match="same.csv is saved twice"):
        save.table(pd.DataFrame({"a": [2]}), "same")
    for bad in ("../up", "a/b", "", ".hidden"):
        with pytest.raises(ParameterError, match="not a file name"):
            save.table(pd.DataFrame({"a": [1]}), bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.csv", "same.pdf", "same.svg"]
    assert pd.read_csv(tmp_path / "same.csv")["a"].tolist() == [1]


@pytest.mark.slow
def test_a_corpus_report_with_figures_writes_each_figure_and_table_beside_the_html(tmp_path):
    records = event_corpus_records()
    for record in records:
        if record["outlet"] == "Middle Post":
            record["outlet"] = HOSTILE
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", "corpus", str(corpus), "--figures", "--min-articles", "2", "--out", str(out)]) == 0
    folder = out / "hostile-corpus-figures"
    assert sorted(p.name for p in out.iterdir()) == ["hostile-corpus-figures", "hostile-corpus.html", "hostile-corpus.ipynb"]
    files = {p.name for p in folder.iterdir()}
    figures = {name[: -len(".svg")] for name in files if name.endswith(".svg")}
    assert {"articles-per-group", "measures", "category-heatmap", "frame-prevalence", "over-time"} <= figures
    assert {f"{name}.pdf" for name in figures} <= files
    assert {"groups.csv", "measures.csv", "frames.csv", "most-loaded-articles.csv"} <= files
    for name in figures:
        svg_text((folder / f"{name}.svg").read_text(encoding="utf-8"))  # every SVG parses, none holds mathtext
        assert (folder / f"{name}.pdf").read_bytes().startswith(b"%PDF-")
    assert HOSTILE in svg_text((folder / "articles-per-group.svg").read_text(encoding="utf-8")).splitlines()
    assert HOSTILE in pd.read_csv(folder / "groups.csv").iloc[:, 0].tolist()
    # the report's own figures went nowhere else: no staging folder left behind
    assert not [p for p in out.iterdir() if p.name.startswith(".partial")]
