"""Validation: metrics on hand-checked examples, dataset readers on tiny fixtures built here,
the validate command, stored precision, and (when ../shared/data is there) the real figures."""

import ast
import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import InputError, ParameterError, load_lexicon
from analysis.cli import main
from analysis import load_corpus
import analysis.validate as validate_package
from analysis.measures.loaded_language import BIAS_THRESHOLD, sentence_bias, text_bias
from analysis.lexicon.load import attach_precision, packaged_dir
from analysis.validate import (
    binary_prf, bootstrap_intervals, comparison, confusion_by_group, macro_f1, prf, read_babe, read_basil, read_newsmtsc,
    scores_from_confusion, span_prf, validate,
)
from analysis.validate.methods import features
from analysis.validate.precision import write_precision
from analysis.validate.readers import split_of
from analysis.measures.targets.features import target_window
from analysis.validate.run import best_threshold, outlet_figures


# --- metrics -------------------------------------------------------------------------------


def test_prf_from_counts():
    p, r, f = prf(3, 1, 2)
    assert (p, r) == (0.75, 0.6)
    assert f == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf(0, 0, 4) == (0.0, 0.0, 0.0)  # nothing predicted: 0, not undefined


def test_binary_prf_counts_each_cell():
    scores = binary_prf([True, True, False, False], [True, False, True, False])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (1, 1, 1, 1)
    assert scores["f1"] == 0.5
    with pytest.raises(ParameterError):
        binary_prf([True], [True, False])


def test_macro_f1_averages_labels():
    # a: tp=1 fp=0 fn=1 → 2/3; b: tp=2 fp=1 fn=0 → 0.8; mean 0.7333
    assert macro_f1(list("aabb"), list("abbb")) == pytest.approx((2 / 3 + 0.8) / 2)
    # a label never predicted nor true still counts (as 0) when it is asked for
    assert macro_f1(["a", "a"], ["a", "a"], labels=["a", "b"]) == 0.5


def test_span_overlap_by_character():
    assert span_prf([([(0, 10)], [(5, 15)])])["f1"] == 0.5
    scores = span_prf([([(0, 4)], []), ([], [(0, 2), (1, 3)])])  # overlapping predictions count once
    assert (scores["tp"], scores["fp"], scores["fn"]) == (0, 3, 4)


def test_confusion_by_group_counts_each_group_apart():
    counts = confusion_by_group([True, True, False], [True, False, False], ["a", "a", "b"], [True, False])
    assert counts.tolist() == [[[1, 1], [0, 0]], [[0, 0], [0, 1]]]
    with pytest.raises(ParameterError):
        confusion_by_group([True], [True], ["a", "b"], [True, False])


def test_scores_from_confusion_agree_with_the_counting_functions():
    truth, predicted = list("aabbc"), list("abbbb")
    scores = scores_from_confusion(confusion_by_group(truth, predicted, [0] * 5, list("abc")).sum(axis=0), list("abc"))
    assert scores["macro_f1"] == pytest.approx(macro_f1(truth, predicted, list("abc")))  # (2/3 + 2/3 + 0) / 3
    assert scores["macro_f1"] == pytest.approx(4 / 9)
    b = binary_prf([t == "b" for t in truth], [p == "b" for p in predicted])
    assert (scores["b_precision"], scores["b_recall"], scores["b_f1"]) == pytest.approx((b["precision"], b["recall"], b["f1"]))
    assert (scores["c_precision"], scores["c_recall"]) == (0.0, 0.0)  # 0/0 is 0, as in prf


def test_bootstrap_intervals_resample_whole_groups():
    labels = [True, False]
    # one group: every resample is the sample, so the interval is the point figure
    one = bootstrap_intervals(confusion_by_group([True, True, False], [True, False, False], ["s"] * 3, labels), labels)
    assert one["True_recall"] == (0.5, 0.5) and one["True_precision"] == (1.0, 1.0)
    # two groups, a (a hit) and b (a miss): a resample is {a, a} (F1 1), {b, b} (F1 0) or {a, b}
    # (P 1, R 1/2, F1 2/3) with chances 1/4, 1/4, 1/2; the 95% interval spans 0..1, the middle
    # 40% is 2/3 alone
    counts = confusion_by_group([True, True], [True, False], ["a", "b"], labels)
    assert bootstrap_intervals(counts, labels)["True_f1"] == (0.0, 1.0)
    low, high = bootstrap_intervals(counts, labels, confidence=0.4)["True_f1"]
    assert low == pytest.approx(2 / 3) and high == pytest.approx(2 / 3)
    assert bootstrap_intervals(counts, labels) == bootstrap_intervals(counts, labels)  # fixed seed: same bounds


def test_bootstrap_intervals_reusing_draws_equal_fresh_draws(monkeypatch):
    import numpy as np

    import analysis.stats
    from analysis.validate.metrics import bootstrap_draws

    monkeypatch.setattr(analysis.stats, "BLOCK_CELLS", 1000)  # 60 groups: the 2000 resamples come in 120 blocks
    labels = [True, False]
    rng = np.random.default_rng(7)
    truth = list(rng.random(300) < 0.4)
    groups = list(rng.integers(0, 60, size=300))
    draws = bootstrap_draws(len(dict.fromkeys(groups)))
    assert draws.shape == (2000, 60) and (draws.sum(axis=1) == 60).all() and not draws.flags.writeable
    for share in (0.2, 0.5, 0.8):  # three methods scored on the same groups
        counts = confusion_by_group(truth, list(rng.random(300) < share), groups, labels)
        fresh = bootstrap_intervals(counts, labels)
        assert bootstrap_intervals(counts, labels, draws=draws) == fresh
        assert bootstrap_intervals(counts, labels, draws=bootstrap_draws(60, reps=500, seed=3)) == \
            bootstrap_intervals(counts, labels, reps=500, seed=3)
        assert bootstrap_intervals(counts, labels, seed=3) != fresh  # the draws decide the bounds
    with pytest.raises(ParameterError):
        bootstrap_intervals(counts, labels, draws=bootstrap_draws(59))


def test_best_threshold_picks_the_separating_cut():
    assert 0.2 < best_threshold([0.1, 0.2, 0.8, 0.9], [False, False, True, True], "f1") <= 0.8


# --- readers -------------------------------------------------------------------------------


EVENT = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"


def basil_folder(tmp_path):
    root = tmp_path / "basil"
    (root / "articles" / "2012").mkdir(parents=True)
    (root / "annotations" / "2012").mkdir(parents=True)
    article = {"source": "FOX", "triplet-uuid": EVENT, "body-paragraphs": [
        ["The senator slammed the plan.", "It passed."], ["Critics slammed it again, and the senator was furious."]]}
    (root / "articles" / "2012" / f"{EVENT}_1.json").write_text(json.dumps(article))
    ann = {"phrase-level-annotations": [
        {"bias": "lex", "txt": "slammed", "start": 8, "end": 15, "quote": "no"},   # third sentence, offset 8
        {"bias": "inf", "txt": "It passed.", "start": 0, "end": 10},
        {"bias": "lex", "txt": "furious", "start": 999, "end": 1006},             # start wrong: first match wins
    ]}
    (root / "annotations" / "2012" / f"{EVENT}_1_ann.json").write_text(json.dumps(ann))
    return root


def test_basil_reader_finds_lex_spans_by_their_text(tmp_path):
    table = read_basil(basil_folder(tmp_path))
    assert table["text"].tolist()[1] == "It passed."
    assert table["label"].tolist() == [False, False, True]
    assert table["spans"].iat[2] == [(8, 15), (46, 53)]
    assert table["phrases"].iat[2] == ["slammed", "furious"]
    assert set(table["split"]) == {split_of(EVENT)}
    assert table["item_id"].tolist() == [f"{EVENT}_1:{i}" for i in range(3)]


def test_basil_items_carry_the_outlet_and_event_the_scored_tables_carry(tmp_path):
    root = basil_folder(tmp_path)
    items = read_basil(root)
    article = load_corpus(root, format="basil").articles[0]
    assert set(items["outlet"]) == {article.outlet} == {"Fox News"}  # not "fox": one reading of `source`
    assert set(items["group"]) == {article.event} == {EVENT}


def test_basil_reader_names_the_broken_file(tmp_path):
    root = basil_folder(tmp_path)
    (root / "articles" / "2012" / f"{EVENT}_1.json").write_text("{not json")
    with pytest.raises(InputError) as error:
        read_basil(root)
    assert error.value.file.endswith(f"{EVENT}_1.json")
    (root / "articles" / "2012" / f"{EVENT}_1.json").write_text(json.dumps({"source": "fox", "body-paragraphs": [[1]]}))
    with pytest.raises(InputError) as error:
        read_basil(root)
    assert error.value.field == "body-paragraphs"


BABE = (
    "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
    '"The outrageous plan, outrageous again.";l;o;t;left;Biased;x;[\'outrageous\']\n'
    '"The council met on Tuesday.";l;o;t;left;Non-biased;x;[]\n'
    '"Nobody agreed.";l;o;t;left;No agreement;x;[]\n'
)


def test_babe_reader_drops_no_agreement_and_locates_words(write):
    table = read_babe(write("final_labels_SG2.csv", "\ufeff" + BABE))
    assert table.attrs["dropped"] == 1
    assert table["label"].tolist() == [True, False]
    assert table["spans"].iat[0] == [(4, 14), (21, 31)]


def test_babe_reader_rejects_a_malformed_word_list(write):
    with pytest.raises(InputError) as error:
        read_babe(write("b.csv", BABE.replace("['outrageous']", "['outrageous'")))
    assert (error.value.line, error.value.field) == (2, "biased_words")


def test_newsmtsc_reader_one_row_per_target(write):
    line = {"sentence_normalized": "Cruz praised Walker.", "targets": [
        {"from": 0, "to": 4, "polarity": 6.0}, {"from": 13, "to": 19, "polarity": 4.0}]}
    folder = write("n/dev-rw.jsonl", json.dumps(line) + "\n").parent
    table = read_newsmtsc(folder)
    assert table["label"].tolist() == ["positive", "neutral"]
    assert table["mention"].tolist() == ["Cruz", "Walker"]
    bad = write("n2/dev-mt.jsonl", json.dumps({**line, "targets": [{"from": 0, "to": 4, "polarity": 5.0}]}) + "\n")
    with pytest.raises(InputError) as error:
        read_newsmtsc(bad)
    assert (error.value.line, error.value.field) == (1, "targets.polarity")


def test_newsmtsc_validation_and_training_read_the_same_targets(write):
    from analysis.measures.targets.train import read_training

    lines = [{"sentence_normalized": "Cruz praised Walker.", "targets": [{"from": 0, "to": 4, "polarity": 6.0}]},
             {"sentence_normalized": "Walker lost.", "targets": [{"from": 0, "to": 6, "polarity": 2.0}]}]
    path = write("n/dev-rw.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    items = read_newsmtsc(path)
    trained_on = read_training(path)
    assert [(t.text, t.start, t.end, t.label) for t in trained_on] == list(zip(items["text"], items["start"], items["end"], items["label"]))
    assert items["item_id"].tolist() == ["dev-rw:1:0", "dev-rw:2:0"]


def test_split_is_deterministic_and_about_70_30():
    import os
    import subprocess
    import sys

    # the same in another process with another str-hash seed (a split on hash() would move)
    groups = [f"event-{i}" for i in range(200)]
    here = [split_of(g) for g in groups]
    code = "import json, sys; from analysis.validate.readers import split_of; print(json.dumps([split_of(g) for g in json.loads(sys.argv[1])]))"
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", code, json.dumps(groups)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert json.loads(done.stdout) == here
    assert set(here) == {"tune", "held"}
    tune = sum(split_of(f"g{i}") == "tune" for i in range(2000)) / 2000
    assert 0.66 < tune < 0.74


def test_target_window_is_the_clause_around_the_target():
    text = "After the vote, Cruz attacked the plan bitterly; Walker stayed calm."
    assert target_window(text, 16, 20) == " Cruz attacked the plan bitterly"


# --- the kit's sentence decision -----------------------------------------------------------


def test_sentence_bias_sums_loaded_weights():
    sents = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1, 2, 3]})
    spans = pd.DataFrame({"article_id": "a", "sentence_id": [1, 2, 2, 3, 3],
                          "weight": [0.5, 0.3, 0.3, 0.9, 0.9], "loaded": [True, True, True, False, False]})
    out = sentence_bias(sents, spans)
    assert out["loaded_weight"].tolist() == pytest.approx([0.0, 0.5, 0.6, 0.0])
    assert out["biased"].tolist() == [False, False, True, False]  # one mild hit is not enough; two are
    negated = sentence_bias(sents, spans.assign(negated=[True, False, False, False, False]))
    assert negated["loaded_weight"].tolist() == pytest.approx([0.0, 0.0, 0.6, 0.0])  # "not X" does not count
    assert BIAS_THRESHOLD == 0.55
    assert sentence_bias(sents, spans.iloc[:0])["biased"].sum() == 0


def test_scored_sentences_carry_the_biased_flag(seed_scores):
    sents = seed_scores.sentences
    assert {"loaded_weight", "biased"} <= set(sents.columns)
    spans = seed_scores.spans
    hit = set(spans.loc[(spans["weight"] >= BIAS_THRESHOLD) & spans["loaded"] & ~spans["negated"], "sentence_id"])
    assert hit and set(sents.loc[sents["biased"], "sentence_id"]) >= hit


def test_validation_decides_a_sentence_as_scoring_does(seed_article, seed_scores):
    # each sentence of the seed, given to validation as a bare text, gets the weight and flag
    # the scored sentences table gives it (validation calls the kit's decision, not a copy)
    sents = seed_scores.sentences
    texts = [seed_article.masked[s:e] for s, e in zip(sents["start"], sents["end"])]
    feats = features(texts, load_lexicon())
    assert feats["loaded_weight"].tolist() == sents["loaded_weight"].tolist()
    assert feats["biased"].tolist() == sents["biased"].tolist() and feats["biased"].any()
    decision = text_bias("It was not a reckless, disastrous plan.", load_lexicon())
    assert decision.negated == [True, False]  # "not a reckless": two pieces back; "disastrous": three
    assert decision.loaded_weight == text_bias("A disastrous plan.", load_lexicon()).loaded_weight > 0  # "not reckless" does not count


def test_validation_does_not_import_compare():
    sources = Path(validate_package.__file__).parent.glob("*.py")
    imported = {node.module for path in sources for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.module}
    assert "analysis.stats" in imported
    assert not {m for m in imported if m == "analysis.compare" or m.startswith("analysis.compare.")}


# --- validate and precision ----------------------------------------------------------------


def test_validate_babe_fixture_end_to_end(write):
    result = validate(write("final_labels_SG2.csv", BABE), "babe")
    figures = result.figures
    kit = figures[(figures["method"] == "kit") & (figures["split"] == "all") & (figures["level"] == "sentence")]
    assert kit.set_index("metric")["value"]["macro_f1"] == 1.0  # "outrageous" flagged, the council not
    # two sentences, both right; a resample of {Biased, Biased} has no Non-biased sentence, whose
    # F1 is then 0, so macro-F1 ranges from 0.5 to 1
    assert tuple(kit.set_index("metric").loc["macro_f1", ["ci_low", "ci_high"]]) == (0.5, 1.0)
    word = figures[(figures["method"] == "kit") & (figures["split"] == "all") & (figures["level"] == "word")]
    assert word.set_index("metric")["value"]["f1"] == 1.0
    assert word[["ci_low", "ci_high"]].isna().all().all()  # no interval over characters
    everything = figures[(figures["method"] == "everything") & (figures["split"] == "all") & (figures["metric"] == "macro_f1")]
    assert everything["value"].iat[0] == pytest.approx(1 / 3)  # Biased F1 2/3, Non-biased 0
    assert result.notes == ["1 'No agreement' rows dropped; 2 sentences kept"]
    precision = result.precision.set_index(["level", "key"])
    row = precision.loc[("category", "emotive_evaluation")]  # both "outrageous" hits are annotated
    assert (row["hits"], row["true_hits"], row["precision"]) == (2, 2, 1.0)
    assert ("entry", "outrageous") not in precision.index  # fewer than MIN_ENTRY_HITS hits
    table = comparison([result])
    assert set(table["method"]) >= {"kit", "vader_words", "textblob_subjectivity", "everything"}
    row = table[(table["method"] == "kit") & (table["metric"] == "macro_f1")].iloc[0]
    assert (row["all"], row["all_low"], row["all_high"]) == (1.0, 0.5, 1.0)


def test_validation_report_renders_escaped_with_intervals(write, tmp_path):
    # a non-biased sentence with a loaded word: a false positive, quoted in the error analysis
    hostile = BABE.replace("The council met on Tuesday.", "The <script>council</script> called it outrageous.")
    out = tmp_path / "report"
    assert main(["report", "validate", "--babe", str(write("final_labels_SG2.csv", hostile)), "--out", str(out)]) == 0
    text = (out / "validation.html").read_text(encoding="utf-8")
    assert "<script>council" not in text and "&lt;script&gt;council&lt;/script&gt;" in text  # quoted as text
    assert "<th>held_low</th>" in text and "data:image/png;base64" in text  # intervals, headline figure
    assert "Is the kit equally accurate across outlets?" in text and "<th>flagged_rate</th>" not in text  # long table
    assert text.count("<td>flagged_rate</td>") == 1  # the fixture's one outlet


def test_outlet_figures_by_hand():
    items = pd.DataFrame({
        "outlet": ["A"] * 4 + ["B"] * 2, "group": list("abcdef"),
        "label": [True, True, False, False, False, False], "biased": [True, False, True, False, True, False],
    })
    table = outlet_figures(items, "babe")
    value = table.set_index(["outlet", "metric"])["value"]
    # A: 2 of 4 annotated, 2 of 4 flagged, one right → P = R = F1 = 1/2; B: none annotated, one flagged
    assert [value[("A", m)] for m in ("annotated_rate", "flagged_rate", "precision", "recall", "f1")] == [0.5] * 5
    assert [value[("B", m)] for m in ("annotated_rate", "flagged_rate", "precision", "recall")] == [0.0, 0.5, 0.0, 0.0]
    assert (table["ci_low"] <= table["value"]).all() and (table["value"] <= table["ci_high"]).all()
    assert table.set_index(["outlet", "metric"])["items"][("B", "f1")] == 2


def test_validate_newsmtsc_scores_the_kit_out_of_sample(write):
    line = {"sentence_normalized": "Critics slammed Cruz for his disastrous plan.", "targets": [{"from": 16, "to": 20, "polarity": 2.0}]}
    result = validate(write("dev-rw.jsonl", json.dumps(line) + "\n"), "newsmtsc")
    figures = result.figures
    kit = figures[(figures["method"] == "kit") & (figures["split"] == "all")].set_index("metric")
    assert kit.loc["macro_f1", "value"] == 1.0 / 3  # right on "negative", the two absent labels count 0
    assert kit.loc["negative_recall", "value"] == 1.0
    assert kit["note"].str.contains("trained on NewsMTSC train.jsonl only").all()
    assert result.items["kit"].tolist() == ["negative"] and result.items["p_negative"].iat[0] > 0.5
    vader = figures[(figures["method"] == "vader_target_window") & (figures["split"] == "all") & (figures["metric"] == "macro_f1")]
    assert vader["value"].iat[0] == 1.0 / 3


def test_validate_missing_dataset_is_a_named_error(tmp_path, capsys):
    with pytest.raises(InputError):
        validate(tmp_path / "nope", "basil")
    assert main(["validate", str(tmp_path / "nope"), "--format", "babe"]) == 2
    assert "no such dataset" in capsys.readouterr().err


def test_validate_command_writes_figures(write, tmp_path, capsys):
    path = write("final_labels_SG2.csv", BABE)
    assert main(["validate", str(path), "--format", "babe", "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "kit" in printed and "held_low" in printed and "the kit per outlet" in printed
    figures = pd.read_csv(tmp_path / "out" / "babe" / "figures.csv")
    assert set(figures["split"]) == {"tune", "held", "all"}
    outlets = pd.read_csv(tmp_path / "out" / "babe" / "outlets.csv")
    assert set(outlets["metric"]) == {"annotated_rate", "flagged_rate", "precision", "recall", "f1"}


def test_precision_is_stored_with_the_version_and_attached(tmp_path):
    for name in ("loaded_language.meta.yaml",):
        shutil.copy(packaged_dir() / name, tmp_path / name)
    first = pd.DataFrame([("9.9", "category", "booster", 10, 4, 0.4, "basil"), ("9.9", "entry", "slam", 5, 5, 1.0, "basil")],
                         columns=["lexicon_version", "level", "key", "hits", "true_hits", "precision", "dataset"])
    second = first.assign(dataset="babe", hits=[30, 5], true_hits=[6, 0], precision=[0.2, 0.0])
    write_precision(first, lexicon_version="9.9", data_dir=tmp_path)
    path = write_precision(second, lexicon_version="9.9", data_dir=tmp_path)
    stored = pd.read_csv(path)
    assert sorted(stored["dataset"].unique()) == ["babe", "basil"] and len(stored) == 4
    import yaml
    meta = yaml.safe_load((tmp_path / "loaded_language.meta.yaml").read_text())
    assert meta["precision"]["overall"]["basil"] == {"hits": 10, "true_hits": 4, "precision": 0.4}
    assert meta["name"] == "mediakit loaded-language lexicon"  # the header above the block is kept
    entries = pd.DataFrame({"term": ["slam", "huge"], "category": ["booster", "booster"]})
    attached = attach_precision(entries, stored.astype({"lexicon_version": str}), version="9.9")
    assert attached["precision"].iloc[0] == pytest.approx(5 / 10) and math.isnan(attached["precision"].iloc[1])
    assert attached["category_precision"].tolist() == pytest.approx([10 / 40, 10 / 40])
    assert attach_precision(entries, stored.astype({"lexicon_version": str}), version="1.0")["precision"].isna().all()


def test_packaged_precision_matches_the_lexicon_version():
    lexicon = load_lexicon()
    stored = pd.read_csv(packaged_dir() / "loaded_language.precision.csv", dtype={"lexicon_version": str})
    assert set(stored["lexicon_version"]) == {lexicon.version}
    assert lexicon.meta["precision"]["lexicon_version"] == lexicon.version
    assert set(stored.loc[stored["level"] == "entry", "key"]) <= set(lexicon.entries["term"])
    assert (stored.loc[stored["level"] == "entry", "hits"] >= 5).all()
    assert lexicon.entries["category_precision"].notna().any()


def test_highlight_title_shows_precision():
    from analysis.io.article_file import make_article
    from analysis.report.render import highlighted_text
    from analysis.scoring.score import score_article

    article = make_article("A brutal crackdown followed.")
    scores = score_article(article)
    spans = scores.spans.assign(precision=0.4)
    assert "precision 40% on annotated news" in highlighted_text(article, spans, scores.quotes)


# --- the real data (skipped when ../shared/data is absent) -----------------------------------

#: Floors the kit meets on both halves with lexicon 1.2.0 and negated hits left out (it reaches
#: BASIL 0.244 tune / 0.252 held and BABE 0.696 / 0.697; the issue's targets, BASIL 0.30 and
#: BABE 0.70, are not met; 1.1.0 scored 0.238 / 0.246 and 0.687 / 0.684, 1.0.0 0.17-0.20 and 0.59).
TARGETS = {"basil": ("../shared/data/basil-dev", "f1", 0.24), "babe": ("../shared/data/babe", "macro_f1", 0.69)}


#: The figures validation gave on the real data, as the docs show them. They are recomputed
#: from ../shared/data, every one, by tests/docs/test_validation_figures.py (which fails when a
#: figure moves by more than 1e-5), so the floors below hold for what validation gives now
#: without running the full BABE and BASIL validations a second time (about 70 s and 20 s of
#: CPU); and they are checked even where ../shared/data is absent.
STORED_FIGURES = Path(__file__).resolve().parents[2] / "docs" / "_generated" / "validation.csv"


def stored_validation(dataset: str):
    """A ``Validation`` holding only the stored figures of ``dataset`` (what ``headline`` reads)."""
    from analysis.validate.run import FIGURE_COLUMNS, Validation

    stored = pd.read_csv(STORED_FIGURES)
    figures = stored.loc[stored["dataset"] == dataset, FIGURE_COLUMNS].reset_index(drop=True)
    assert len(figures), f"{STORED_FIGURES} has no {dataset} figures"
    empty = pd.DataFrame()
    return Validation(dataset=dataset, figures=figures, errors=empty, precision=empty, items=empty)


@pytest.mark.parametrize("dataset", ["basil", "babe"])
def test_real_data_figures_hold_their_floors(dataset):
    _, metric, target = TARGETS[dataset]
    headline = stored_validation(dataset).headline(intervals=True)
    assert "kit" in headline.index and len(headline) >= 4  # the kit and its baselines
    for split in ("tune", "held"):
        assert headline.loc["kit", split] >= target, (dataset, split, headline.loc["kit", split])
        assert headline.loc["kit", split] > headline.drop(index="kit")[split].max()  # beats every baseline
    # on all the data, clear of every baseline: the kit's 95% interval starts above theirs ends
    assert headline.loc["kit", "all_low"] > headline.drop(index="kit")["all_high"].max()


def test_the_floor_check_reads_the_headline_metric_of_each_dataset():
    """The stored rows the floors are checked on are the headline metric at sentence level."""
    for dataset, (_, metric, _) in TARGETS.items():
        rows = stored_validation(dataset).figures
        kit = rows[(rows["method"] == "kit") & (rows["level"] == "sentence") & (rows["metric"] == metric)]
        assert sorted(kit["split"]) == ["all", "held", "tune"]
        assert (kit["items"] > 1000).all()  # the real corpus, not a fixture


def test_real_newsmtsc_reports_a_kit_number():
    figures = stored_validation("newsmtsc").figures
    kit = figures[figures["method"] == "kit"]
    assert len(kit) and kit["value"].notna().all()
    assert kit.loc[kit["split"] == "all", "items"].min() > 500


def test_report_validate_needs_a_dataset_and_names_a_missing_one(tmp_path, capsys):
    assert main(["report", "validate"]) == 2
    assert "give at least one of --basil, --babe, --newsmtsc" in capsys.readouterr().err
    assert main(["report", "validate", "--basil", str(tmp_path / "nope")]) == 2
    assert "no such dataset" in capsys.readouterr().err


@pytest.mark.parametrize("text, spans, want", [
    ("Putin's deadly invasion", [(0, 1)], [(0, 1)]),              # a span inside the first token
    ("Putin's deadly invasion", [(5, 9)], [(1, 2)]),              # the possessive is no token: "'s d" overlaps "deadly" only
    ("Putin's deadly invasion", [(5, 8)], []),                    # "'s " overlaps no token
    ("Putin's deadly invasion", [(8, 8)], []),                    # an empty span at a token's start overlaps nothing
    ("Putin's deadly invasion", [(9, 9)], [(1, 2)]),              # an empty span inside a token overlaps it
    ("Putin's deadly invasion", [(14, 15), (0, 23)], [(0, 1), (1, 2), (2, 3)]),  # overlapping spans count each token once, in order
    ("a rubber-stamp, legislature", [(2, 15)], [(1, 2), (2, 3)]),  # "rubber-stamp," is two tokens; not the next one
    ("a rubber-stamp, legislature", [(2, 17)], [(1, 2), (2, 3), (3, 4)]),
    ("", [(0, 0)], []),
])
def test_token_spans_are_the_word_tokens_a_span_overlaps(text, spans, want):
    """The word-level figures' tokens (``_token_spans``, by bisection) are, by definition, the
    tokens with start < e and s < end, as the brute-force reading of that rule gives them too."""
    from analysis.lexicon.match import cut, pieces
    from analysis.validate.run import _token_spans

    brute = [(i, i + 1) for i, p in enumerate(pieces(text)) if any(s < p.end and p.start < e for s, e in spans)]
    assert _token_spans(cut(text), spans) == brute == want
