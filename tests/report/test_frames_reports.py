"""End to end: the frames sections of the corpus, comparison and validation reports.

The validation report runs on a tiny Narrative-Frames-Corpus-format file written here (made-up
text, no dataset text), whose article ids and bias groups carry markup to be escaped; the
corpus and comparison reports on the event corpus's scored tables with frames set present by
hand (the cue lexicons are placeholders, so the event corpus itself carries no frame)."""

import json

import pandas as pd
import pytest
from lxml import html as lxml_html

from analysis import Scores
from analysis.cli import main
from analysis.errors import InputError
from analysis.measures.frames import load_scheme
from analysis.report import frame_tables
from analysis.report.params import check_inputs, check_parameters
from analysis.schema import TABLES

from test_compare_reports import no_errors
from test_report import parse

pytestmark = pytest.mark.slow

HOSTILE_GROUP = '<b onmouseover="alert(1)">left</b>'
HOSTILE_ID = "<script>alert('id')</script>"


def strongest_cue(frame: str) -> str:
    """The packaged cue of ``frame`` with the highest weight (whatever the lexicon holds)."""
    entries = load_scheme("generic").cues.entries
    rows = entries[entries["category"] == frame].sort_values("weight", ascending=False, kind="stable")
    return str(rows["term"].iat[0])


def nfc_lines() -> list[str]:
    """24 made-up articles in NFC's format, two bias groups; articles with the conflict cue are
    annotated conflict, except two (false positives), and two without it are annotated conflict
    (missed) — one of those has a hostile id."""
    cue = strongest_cue("conflict")
    filler = "The council met again on Tuesday and the minutes were published on the website afterwards. "
    lines = []
    for i in range(24):
        with_cue = i % 2 == 0
        text = filler * 8 + (f"Residents described the {cue} over the plan as bitter. " * 2 if with_cue else "")
        conflict = with_cue != (i in (4, 10)) or i in (7, 13)
        lines.append(json.dumps({
            "id": HOSTILE_ID if i == 7 else f"a{i}", "outlet": f"Outlet {i % 4}",
            "bias": HOSTILE_GROUP if i % 2 else "right", "published": "2020-01-01", "text": text,
            "frames": {"conflict": conflict, "human_interest": i % 3 == 0, "economic": False, "moral": False,
                       "resolution": i % 5 == 0},
        }))
    return lines


@pytest.fixture(scope="module")
def nfc_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nfc")
    path = folder / "articles.jsonl"
    path.write_text("\n".join(nfc_lines()) + "\n", encoding="utf-8")
    out = folder / "out"
    assert main(["report", "validate", "--nfc", str(path), "--out", str(out)]) == 0
    return out


def test_validation_report_has_the_frames_section(nfc_report):
    html = (nfc_report / "validation.html").read_text(encoding="utf-8")
    no_errors(nfc_report / "validation.ipynb")
    for anchor in ("Frames", "F1-per-frame-(held-part)", "Error-analysis", "Outlet-level-validity-(NFC)"):
        assert f'id="{anchor}"' in html, anchor
    section = html.split('id="Frames"', 1)[1]
    for method in ("kit", "most_frequent", "all_frames", "bag_of_words"):
        assert f"<td>{method}</td>" in section
    assert "<td>micro_f1</td>" in section and "<td>macro_f1</td>" in section
    assert "<th>kit_precision</th>" in section and "<th>bag_of_words_f1</th>" in section
    assert "frames most often missed" in section and "cues behind the most false positives" in section
    assert "<th>annotators</th>" in section and "<th>kit</th>" in section and "<th>same_sign</th>" in section
    assert "annotated differences whose interval excludes zero" in section
    assert section.count("<img") >= 3  # headline tune, held, validity
    # the loaded-language sections do not list the frames dataset
    before = html.split('id="Frames"', 1)[0]
    assert "<td>nfc</td>" not in before


def test_validation_report_escapes_ids_and_groups(nfc_report):
    html = (nfc_report / "validation.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    for tag, attrs in parse(html):
        assert tag not in {"script", "iframe", "svg", "object", "embed"}, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "&lt;b onmouseover=" in html  # the hostile bias group, as text
    assert "&lt;script&gt;alert('id')&lt;/script&gt;" in html  # the hostile id, among the missed articles


def test_a_bad_frames_file_is_refused_before_the_kernel(tmp_path):
    bad = tmp_path / "articles.jsonl"
    bad.write_text(nfc_lines()[0] + "\n{not json\n", encoding="utf-8")
    checked = check_parameters("validate", {"nfc_path": str(bad)})
    with pytest.raises(InputError) as caught:
        check_inputs("validate", checked)
    assert caught.value.line == 2
    assert main(["report", "validate", "--nfc", str(bad), "--out", str(tmp_path / "out")]) != 0
    assert not (tmp_path / "out" / "validation.ipynb").exists()
    semeval = check_parameters("validate", {"semeval_frames_path": str(bad)})
    with pytest.raises(InputError):
        check_inputs("validate", semeval)


def test_mixed_validations_keep_the_headline_figure(tmp_path):
    from analysis.report import figures
    from analysis.validate import comparison, validate
    from analysis.validate.run import FIGURE_COLUMNS, Validation

    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(nfc_lines()) + "\n", encoding="utf-8")
    run = validate(path, "nfc")
    babe = Validation(dataset="babe", errors=pd.DataFrame(), precision=pd.DataFrame(), items=pd.DataFrame(),
                      figures=pd.DataFrame([("babe", split, "sentence", method, "macro_f1", 0.6, 0.5, 0.7, None, 10, "")
                                            for split in ("tune", "held", "all") for method in ("kit", "vader")],
                                           columns=FIGURE_COLUMNS))
    table = comparison([babe, run])
    assert set(table["level"]) == {"article", "sentence"}
    fig = figures.validation_headline(table, "held")  # the frames rows are not a panel of their own
    assert [len(ax.patches) for ax in fig.axes] == [2] and fig.axes[0].get_title().startswith("babe")
    assert len(figures.validation_headline(comparison([run]), "held").axes[0].patches) == 0
    frames_fig = figures.frames_headline(table, "held")
    assert [ax.get_title() for ax in frames_fig.axes] == ["nfc: macro_f1 (held)", "nfc: micro_f1 (held)"]
    assert [len(ax.patches) for ax in frames_fig.axes] == [4, 4]
    headline = frame_tables.frames_validation_headline(table)
    assert sorted(set(headline["metric"])) == ["macro_f1", "micro_f1"] and len(headline) == 8
    per_frame = frame_tables.per_frame_f1(table, "nfc")
    assert per_frame["frame"].tolist() == list(load_scheme("generic").frames)
    differences = frame_tables.annotated_differences(run.differences)
    assert differences.columns.tolist()[-1] == "same_sign"
    assert (run.differences.loc[run.differences["annotators_excludes_zero"]].shape[0]) == len(differences)


# --- corpus and comparison reports with frames present ----------------------------------

@pytest.fixture(scope="module")
def framed_folder(tmp_path_factory, event_run):
    """The event run with every frame absent but conflict, set present in every Daily Fury
    article (two journalist hits and one quoted) and in Calm Ledger's first article of each
    event (one quoted hit)."""
    tables = {name: event_run.table(name) for name in TABLES}
    frames = tables["frames"].copy()
    frames[["present", "hits", "journalist_hits", "quoted_hits", "score"]] = [False, 0, 0, 0, 0.0]
    outlet = dict(zip(tables["articles"]["article_id"], tables["articles"]["outlet"]))
    conflict = (frames["scheme"] == "generic") & (frames["frame"] == "conflict")
    fury = conflict & frames["article_id"].map(outlet).eq("Daily Fury")
    calm = conflict & frames["article_id"].map(outlet).eq("Calm Ledger") & frames["article_id"].str.endswith("-0")
    frames.loc[fury, ["present", "hits", "journalist_hits", "quoted_hits", "score"]] = [True, 3, 2, 1, 0.7]
    frames.loc[calm, ["present", "hits", "journalist_hits", "quoted_hits", "score"]] = [True, 1, 0, 1, 0.6]
    tables["frames"] = frames
    folder = tmp_path_factory.mktemp("framed") / "scored"
    Scores(manifest=event_run.manifest, **tables).write(folder)
    return folder


@pytest.mark.parametrize("kind", ["corpus", "compare"])
def test_frames_sections_show_prevalence_and_voice(framed_folder, tmp_path, kind):
    assert main(["report", kind, str(framed_folder), "--out", str(tmp_path), "--min-articles", "3"]) == 0
    html = (tmp_path / f"scored-{kind}.html").read_text(encoding="utf-8")
    no_errors(tmp_path / f"scored-{kind}.ipynb")
    assert "generic frame: conflict (share of articles)" in html
    assert "<th>journalist_share</th>" in html
    # Daily Fury: every article, share 2/3 each
    rows = [[td.text_content() for td in tr.findall("td")] for tr in lxml_html.document_fromstring(html).iter("tr")]
    assert any(row[:8] == ["Daily Fury", "generic", "conflict", "10", "30", "20", "10", "0.667"] for row in rows)
    # the measures before the frames section do not list the frames
    first_frames = html.index("generic frame: conflict")
    assert html.index("TextBlob polarity") < first_frames
    if kind == "compare":
        frames_part = html.split('id="Frames"', 1)[1]
        assert "hedges_g" in frames_part and "p_holm" in frames_part and "mean_diff" in frames_part
        assert "policy frame: political" not in frames_part  # carried by no outlet: left out
        pairwise_part = html.split('id="Pairwise-differences"', 1)[1].split('id="Loaded-language-by-category"', 1)[0]
        assert "frame:" not in pairwise_part and "frame: conflict" not in pairwise_part
    else:
        assert "most prevalent frames over time" in html
