"""``mediakit report codebook``: the notebook's parameters match the report table, a missing
BABE file is named before a kernel starts, and on a sample of BABE the loop runs end to end."""

import json
import re

import pytest

from analysis.cli import main
from analysis.report.params import check_notebook_parameters
from conftest import shared_data


def test_notebook_declares_the_report_parameters():
    check_notebook_parameters("codebook")


def test_missing_babe_file_is_named_before_the_kernel(tmp_path, capsys):
    missing = tmp_path / "none.csv"
    assert main(["report", "codebook", str(missing), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "none.csv" in err and "no such dataset file" in err
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").iterdir())


@pytest.mark.shared_data
def test_codebook_report_runs_the_loop_on_a_sample_of_babe(tmp_path, capsys):
    babe = shared_data("babe", "final_labels_SG2.csv")
    assert main(["report", "codebook", str(babe), "--limit", "200", "--sample-size", "80", "--out", str(tmp_path)]) == 0
    notebook = json.loads((tmp_path / "codebook.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    html = (tmp_path / "codebook.html").read_text(encoding="utf-8")
    # 200 BABE items scored; the kit's splitter may cut an item into more than one sentence
    drawn = re.search(r"80 of (\d+) sentences drawn", html)
    assert drawn and int(drawn.group(1)) >= 200
    assert "fitted threshold" in html and "model:codebook:biased" in html
