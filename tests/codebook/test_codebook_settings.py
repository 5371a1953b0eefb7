"""The sentence flag's threshold as a setting: fitted on coded units (macro-F1 worked by hand),
written and read back, carried by ScoringOptions into the run key and manifest, and used by
score_article, mediakit score --settings and mediakit validate --settings / --fit."""

import json

import pandas as pd
import pytest

from analysis.cli import main
from analysis.codebook.settings import Settings, fit_bias_threshold, read_settings, write_settings
from analysis.errors import InputError, ParameterError
from analysis.io.article_file import make_article
from analysis.measures.loaded_language import BIAS_THRESHOLD, text_bias
from analysis.scoring.options import ScoringOptions
from analysis.scoring.score import score_article

#: Loaded weights (packaged lexicon) 0.3, 0.25, 0.0 and 0.7: below and above the packaged 0.55.
MILD = "Some observers called the {x} a huge change."
CONTROVERSIAL = "The {x} was controversial."
CALM = "Officials met on Monday to discuss the {x}."
RADICAL = "A radical {x}."


def test_fit_chooses_the_weight_with_the_best_macro_f1():
    # at 0.3: predicted F T T T T T → F: P 1 R 1/2 F1 2/3; T: P 4/5 R 1 F1 8/9; macro 7/9
    # at 0.5: predicted F F F T T T → F: P 2/3 R 1 F1 4/5; T: P 1 R 3/4 F1 6/7; macro 29/35
    # at 0.8: predicted F F F F T T → F: P 1/2 R 1 F1 2/3; T: P 1 R 1/2 F1 2/3; macro 2/3
    weights = [0.0, 0.3, 0.3, 0.5, 0.8, 1.1]
    truth = [False, False, True, True, True, True]
    threshold, score = fit_bias_threshold(weights, truth)
    assert threshold == 0.5
    assert score == pytest.approx(29 / 35)


def test_fit_breaks_ties_towards_the_higher_threshold_and_rounds_down():
    # 0.41 and 0.62 both separate the codes perfectly; 0.62 is kept. 0.123456 → 0.1234.
    assert fit_bias_threshold([0.0, 0.41, 0.62, 0.9], [False, False, True, True])[0] == 0.62
    assert fit_bias_threshold([0.0, 0.123456], [False, True])[0] == 0.1234


def test_fit_refuses_codes_it_cannot_fit():
    with pytest.raises(ParameterError, match="no coded unit has a loaded hit"):
        fit_bias_threshold([0.0, 0.0], [False, True])
    with pytest.raises(ParameterError, match="one value only"):
        fit_bias_threshold([0.3, 0.6], [True, True])


def test_settings_file_round_trip_and_errors(tmp_path):
    path = write_settings(Settings(bias_threshold=0.3, fitted={"units": 4}), tmp_path / "s.json")
    back = read_settings(path)
    assert back.bias_threshold == 0.3 and back.fitted == {"units": 4} and back.file == str(path) and len(back.sha256) == 64
    assert read_settings(None).bias_threshold == BIAS_THRESHOLD
    (tmp_path / "bad.json").write_text(json.dumps({"format": "mediakit-settings/1", "bias_threshold": "high"}))
    with pytest.raises(InputError) as error:
        read_settings(tmp_path / "bad.json")
    assert error.value.field == "bias_threshold" and "bad.json" in str(error.value)
    (tmp_path / "other.json").write_text(json.dumps({"format": "mediakit-settings/1", "bias_treshold": 0.3}))
    with pytest.raises(InputError, match="unknown setting 'bias_treshold'"):
        read_settings(tmp_path / "other.json")


def test_the_threshold_sets_the_flag_and_enters_key_and_provenance():
    article = make_article(" ".join([MILD.format(x="vote"), CALM.format(x="vote"), RADICAL.format(x="plan")]), id="a")
    default = score_article(article).sentences
    lowered = score_article(article, settings={"bias_threshold": 0.3}).sentences
    assert default["loaded_weight"].round(3).tolist() == [0.3, 0.0, 0.7]
    assert default["biased"].tolist() == [False, False, True]
    assert lowered["biased"].tolist() == [True, False, True]
    assert text_bias(MILD.format(x="vote"), threshold=0.3).biased and not text_bias(MILD.format(x="vote")).biased
    assert ScoringOptions.of().key()["bias_threshold"] == BIAS_THRESHOLD
    options = ScoringOptions.of(settings={"bias_threshold": 0.3})
    assert options.key()["bias_threshold"] == 0.3 and options.provenance()["settings"]["bias_threshold"] == 0.3


def coded_sheet(tmp_path):
    """Mild (0.3) sentences coded biased, controversial (0.25) and calm ones not: the packaged
    0.55 misses the mild ones, 0.3 separates the codes."""
    rows = []
    for a, topic in enumerate(["vote", "budget", "summit", "strike", "accord", "tariff"]):
        rows += [{"article_id": f"a{a}", "text": MILD.format(x=topic), "label": "yes"},
                 {"article_id": f"a{a}", "text": RADICAL.format(x=topic), "label": "yes"},
                 {"article_id": f"a{a}", "text": CONTROVERSIAL.format(x=topic), "label": "no"},
                 {"article_id": f"a{a}", "text": CALM.format(x=topic), "label": "no"}]
    path = tmp_path / "coded.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_validate_fit_writes_settings_that_score_and_validate_use(tmp_path, capsys):
    coded = coded_sheet(tmp_path)
    settings = tmp_path / "settings.json"
    assert main(["validate", str(coded), "--format", "coded", "--measure", "biased", "--fit", str(settings)]) == 0
    out = capsys.readouterr().out
    assert "fitted bias threshold 0.3 (macro-F1 1.000 on these 24 units" in out
    written = read_settings(settings)
    assert written.bias_threshold == 0.3 and written.fitted["units"] == 24 and written.fitted["current_threshold"] == BIAS_THRESHOLD
    assert main(["validate", str(coded), "--format", "coded", "--settings", str(settings), "--out", str(tmp_path / "v")]) == 0
    figures = pd.read_csv(tmp_path / "v" / "agreement.csv")
    assert figures[(figures["statistic"] == "macro_f1")]["value"].iloc[0] == pytest.approx(1.0)

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "outlet": "O", "text": MILD.format(x="vote") + " " + CALM.format(x="vote")}) + "\n")
    assert main(["score", str(corpus), "--out", str(tmp_path / "scored"), "--settings", str(settings), "--workers", "1"]) == 0
    manifest = json.loads((tmp_path / "scored" / "manifest.json").read_text())
    assert manifest["settings"]["bias_threshold"] == 0.3 and manifest["settings"]["sha256"] == written.sha256
    assert manifest["run"]["key"]["bias_threshold"] == 0.3
    sentences = pd.read_parquet(tmp_path / "scored" / "sentences")
    assert sentences["biased"].tolist() == [True, False]


def test_settings_only_for_the_sentence_flag(tmp_path, capsys):
    coded = coded_sheet(tmp_path)
    assert main(["validate", str(coded), "--format", "coded", "--measure", "frame:generic:conflict",
                 "--fit", str(tmp_path / "s.json")]) == 2
    assert "use --measure biased" in capsys.readouterr().err
    assert not (tmp_path / "s.json").exists()
