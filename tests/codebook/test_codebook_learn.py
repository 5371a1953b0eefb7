"""Training: cross-validation without leakage, the JSON model round trip, the CLI; BABE's target."""

import json

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.codebook.learn import load_model, predict, save_model, train
from analysis.errors import InputError
from conftest import shared_data

LOADED = ["The {x} plan is a disgraceful sham pushed by radical zealots.", "Critics slammed the outrageous {x} scheme as a disaster."]
CALM = ["The {x} plan was discussed on Tuesday.", "Officials said the {x} scheme would be reviewed next month."]
TOPICS = ["budget", "rail", "water", "school", "tax", "health", "border", "energy", "farm", "housing"]


def coded_table():
    rows = []
    for a, topic in enumerate(TOPICS):
        for k, template in enumerate(LOADED + CALM):
            rows.append({"article_id": f"a{a}", "text": template.format(x=topic), "label": "yes" if k < 2 else "no"})
    return pd.DataFrame(rows)


def test_group_folds_keep_articles_together():
    from sklearn.model_selection import GroupKFold

    table = coded_table()
    for train_idx, test_idx in GroupKFold(n_splits=5).split(table, table["label"], table["article_id"]):
        assert not set(table["article_id"].iloc[train_idx]) & set(table["article_id"].iloc[test_idx])
        assert not set(train_idx) & set(test_idx)


def test_model_round_trip_and_cv_figures(tmp_path):
    table = coded_table()
    model = train(table["text"], table["label"], groups=table["article_id"], licence="CC-BY-4.0")
    path = save_model(model, tmp_path / "m.json")
    loaded = load_model(path)
    assert loaded["card"]["licence"] == "CC-BY-4.0" and loaded["card"]["labels"] == ["no", "yes"]
    assert loaded["card"]["groups"] == 10 and loaded["card"]["units"] == 40
    new = [LOADED[1].format(x="port"), CALM[0].format(x="port")]  # a topic never seen in training
    assert predict(loaded, new)["label"].tolist() == ["yes", "no"]
    pd.testing.assert_frame_equal(predict(model, table["text"]), predict(loaded, table["text"]))
    scores = predict(loaded, table["text"])["score"]
    assert ((scores >= 0.5) & (scores <= 1)).all()
    macro = [r for r in loaded["card"]["cv"] if r["statistic"] == "macro_f1"][0]
    assert macro["low"] <= macro["value"] <= macro["high"] and macro["value"] > 0.8


def test_bad_model_file_is_named(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"format": "other"}))
    with pytest.raises(InputError, match="format"):
        load_model(path)


def test_cli_train(tmp_path, capsys):
    path = tmp_path / "coded.csv"
    coded_table().to_csv(path, index=False)
    assert main(["train", str(path), "--format", "coded", "--licence", "mine", "--out", str(tmp_path / "m.json")]) == 0
    assert "cross-validated macro_f1" in capsys.readouterr().out
    card = load_model(tmp_path / "m.json")["card"]
    assert card["groups"] == 10  # article_id found and used
    assert main(["validate", str(path), "--format", "coded", "--measure", str(tmp_path / "m.json"), "--out", str(tmp_path / "v")]) == 0
    figures = pd.read_csv(tmp_path / "v" / "agreement.csv")
    accuracy = figures[figures["statistic"] == "accuracy"].iloc[0]["value"]
    expected = (predict(load_model(tmp_path / "m.json"), coded_table()["text"])["label"] == coded_table()["label"]).mean()
    assert accuracy == pytest.approx(expected)


@pytest.mark.shared_data
def test_babe_tune_to_held_reaches_the_target(tmp_path):
    from analysis.validate.metrics import macro_f1
    from analysis.validate.readers import read_babe

    data = read_babe(shared_data("babe", "final_labels_SG2.csv"))
    tune, held = data[data["split"] == "tune"], data[data["split"] == "held"]
    model = train(tune["text"], tune["label"].astype(str), groups=tune["group"])
    loaded = load_model(save_model(model, tmp_path / "babe.json"))  # fitted on BABE: tmp only, never committed
    predicted = predict(loaded, held["text"])["label"]
    assert macro_f1(held["label"].astype(str).tolist(), predicted.tolist()) >= 0.75


def test_apply_model_labels_every_sentence(event_run, tmp_path):
    from analysis.codebook.learn import apply_model
    from analysis.schema import MODEL_LABELS

    table = coded_table()
    path = save_model(train(table["text"], table["label"], groups=table["article_id"]), tmp_path / "m.json")
    labels = apply_model(event_run, path)
    assert list(labels.columns) == MODEL_LABELS.names and len(labels) == len(event_run.sentences)
    assert labels["model"].eq("m.json").all() and labels["model_sha256"].eq(load_model(path)["sha256"]).all()
    assert set(labels["label"]) <= {"yes", "no"}
    assert labels["label"].tolist() == predict(load_model(path), event_run.sentences.sort_values(["article_id", "sentence_id"])["text"])["label"].tolist()


def test_a_sentence_model_reads_the_kit_figures_from_the_scored_tables_to_the_bit(event_run, tmp_path):
    from analysis.codebook.features import scored_features, text_features
    from analysis.codebook.learn import apply_model
    from analysis.codebook.sample import population
    from analysis.errors import ParameterError

    units = population(event_run, "sentence")
    given = scored_features(event_run, units, ["loaded_weight", "loaded_hits", "polarity", "subjectivity", "vader_compound"],
                            "sentence")
    computed = text_features(units["text"].tolist())
    assert given.shape == computed.shape and (given[:, 1] > 0).any()
    np.testing.assert_array_equal(given, computed)
    with pytest.raises(ParameterError, match="sentence model"):
        scored_features(event_run, units, ["mean_polarity"], "sentence")
    table = coded_table()
    model = train(table["text"], table["label"], groups=table["article_id"])
    labelled = apply_model(event_run, model)
    pd.testing.assert_series_equal(labelled["score"].reset_index(drop=True),
                                   predict(model, units["text"], computed)["score"], check_names=False)


def test_predict_takes_the_kit_figures_once_computed():
    from analysis.codebook.features import text_features

    table = coded_table()
    model = train(table["text"], table["label"], groups=table["article_id"])
    texts = [LOADED[0].format(x="port"), CALM[1].format(x="port")]
    given = predict(model, texts, text_features(texts, model["dense"]))
    pd.testing.assert_frame_equal(given, predict(model, texts))
    assert given["label"].tolist() == ["yes", "no"]
    with pytest.raises(Exception, match="shape"):
        predict(model, texts, text_features(texts[:1], model["dense"]))


def test_best_threshold_by_hand():
    import numpy as np

    from analysis.codebook.learn import best_threshold

    decision = np.array([-2.0, -1.0, 0.5, 1.0, 2.0])
    positive = np.array([False, True, False, True, True])
    # f1 at t = 2, 1, 0.5, -1, -2: 2/4, 4/5, 4/6, 6/7, 6/8 -> -1
    assert best_threshold(decision, positive, "f1") == (pytest.approx(-1.0), pytest.approx(6 / 7))
    # balanced accuracy at t = 1: (2/3 + 1)/2 = 5/6; at t = -1: (1 + 1/2)/2 = 3/4 -> 1
    assert best_threshold(decision, positive, "balanced_accuracy") == (pytest.approx(1.0), pytest.approx(5 / 6))
    # a tie (every cut between the two groups separates them) goes to the higher threshold
    assert best_threshold(np.array([0.0, 1.0, 2.0]), np.array([False, True, True]), "macro_f1")[0] == pytest.approx(1.0)


def test_threshold_objective_is_chosen_by_cv_and_recorded(tmp_path):
    from analysis.codebook.learn import CS
    from analysis.errors import ParameterError

    table = coded_table()
    model = train(table["text"], table["label"], groups=table["article_id"], threshold="f1")
    settings = model["card"]["settings"]
    assert settings["threshold_objective"] == "f1" and settings["threshold"] == model["threshold"]
    assert settings["C"] in CS and settings["chosen_by"] == "out-of-fold f1"
    loaded = load_model(save_model(model, tmp_path / "m.json"))
    assert loaded["threshold"] == model["threshold"]
    scores = predict(loaded, table["text"])
    assert (scores["score"] >= 0.5).all() and scores["label"].tolist() == table["label"].tolist()
    default = train(table["text"], table["label"], groups=table["article_id"])
    assert default["threshold"] == 0.0 and default["card"]["settings"]["threshold_objective"] is None
    with pytest.raises(ParameterError, match="unknown threshold objective"):
        train(table["text"], table["label"], groups=table["article_id"], threshold="accuracy")


def test_a_model_file_without_a_threshold_decides_at_one_half(tmp_path):
    table = coded_table()
    model = train(table["text"], table["label"], groups=table["article_id"])
    older = {k: v for k, v in model.items() if k != "threshold"}
    pd.testing.assert_frame_equal(predict(older, table["text"]), predict(model, table["text"]))


def article_table():
    """Coded article texts: each article of ``coded_table``'s topics, its loaded and calm
    sentences joined, labelled by whether a loaded sentence opens it."""
    rows = []
    for a, topic in enumerate(TOPICS):
        for k in range(2):
            body = [LOADED[k].format(x=topic)] if k == 0 else []
            body += [t.format(x=topic) for t in CALM] + ([LOADED[1].format(x=topic)] if a % 3 == 0 else [])
            rows.append({"article_id": f"a{a}-{k}", "text": " ".join(body), "label": "yes" if k == 0 else "no"})
    return pd.DataFrame(rows)


def test_article_features_in_training_equal_those_read_from_a_scored_run_to_the_bit(event_run):
    """What ``train`` computes for a coded article text (the text scored as an article) is what
    applying a model reads from a scoring run's tables for that article: the same numbers."""
    from analysis.codebook.features import ARTICLE, feature_names, scored_features, text_features
    from analysis.codebook.sample import population
    from conftest import event_corpus_records

    names = feature_names("article")
    assert names[: len(ARTICLE)] == ARTICLE and len(names) > len(ARTICLE)
    records = event_corpus_records()
    trained = text_features([r["text"] for r in records], names, "article")
    units = population(event_run, "article").set_index("article_id").loc[[r["id"] for r in records]].reset_index()
    applied = scored_features(event_run, units, names, "article")
    assert applied.shape == trained.shape == (len(records), len(names))
    np.testing.assert_array_equal(applied, trained)
    # the figures vary over the articles (a column of zeros would pass the equality too)
    for name in ["mean_polarity", "mean_vader_compound", "loaded_weight", "loaded_hits", "frame:generic:conflict"]:
        assert len(set(trained[:, names.index(name)])) > 2, name
    # and are the aggregates the docstring says, for one article by hand
    first = event_run.sentences[event_run.sentences["article_id"] == records[0]["id"]]
    spans = event_run.spans[(event_run.spans["article_id"] == records[0]["id"]) & event_run.spans["loaded"].astype(bool)]
    frames = event_run.frames[event_run.frames["article_id"] == records[0]["id"]]
    conflict = frames[(frames["scheme"] == "generic") & (frames["frame"] == "conflict")]["score"].iat[0]
    assert trained[0, :6].tolist() == pytest.approx([first["polarity"].mean(), first["subjectivity"].mean(),
                                                     first["vader_compound"].mean(), first["loaded_weight"].sum(), len(spans), conflict])


def test_article_model_round_trip_and_apply(tmp_path):
    from analysis.codebook.features import feature_names
    from analysis.codebook.learn import MODEL_FORMAT, apply_model
    from analysis.io.article_file import make_article
    from analysis.scoring.score import score_articles

    table = article_table()
    model = train(table["text"], table["label"], groups=table["article_id"], unit="article")
    loaded = load_model(save_model(model, tmp_path / "articles.json"))
    assert loaded["format"] == MODEL_FORMAT and loaded["card"]["unit"] == "article"
    assert loaded["dense"] == feature_names("article")
    pd.testing.assert_frame_equal(predict(model, table["text"]), predict(loaded, table["text"]))
    run = score_articles([make_article(t, id=i) for i, t in zip(table["article_id"], table["text"])])
    labelled = apply_model(run, loaded)
    assert labelled["sentence_id"].eq(-1).all() and labelled["article_id"].tolist() == table["article_id"].tolist()
    expected = predict(loaded, table["text"])  # the kit figures computed from the texts, as training does
    np.testing.assert_array_equal(labelled["score"].to_numpy(), expected["score"].to_numpy())
    assert labelled["label"].tolist() == expected["label"].tolist() == table["label"].tolist()


def _as_format_1(model, path):
    from analysis.codebook.learn import FORMAT_1

    older = {k: v for k, v in model.items() if k != "out_of_fold"}
    older["format"] = FORMAT_1
    path.write_text(json.dumps(older), encoding="utf-8")
    return path


def test_a_format_1_article_model_is_refused_with_what_to_do(tmp_path, capsys):
    from analysis.codebook.learn import apply_model

    table = article_table()
    model = train(table["text"], table["label"], groups=table["article_id"], unit="article")
    path = _as_format_1(model, tmp_path / "old-articles.json")
    with pytest.raises(InputError, match="old-articles.json") as refused:
        load_model(path)
    assert refused.value.field == "format" and "mediakit train" in str(refused.value) and "--unit article" in str(refused.value)
    older = {**model, "format": "mediakit-codebook-model/1"}
    with pytest.raises(InputError, match="Retrain"):
        predict(older, table["text"])
    with pytest.raises(InputError, match="Retrain"):
        apply_model(None, older)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": table["text"].iat[0]}) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(corpus), "--out", str(tmp_path / "o"), "--model", str(path)]) != 0
    said = capsys.readouterr().err
    assert "old-articles.json" in said and "Retrain" in said and not (tmp_path / "o" / "model_labels.parquet").exists()


def test_a_format_1_sentence_model_still_loads(tmp_path):
    from analysis.codebook.learn import FORMAT_1

    table = coded_table()
    model = train(table["text"], table["label"], groups=table["article_id"])
    loaded = load_model(_as_format_1(model, tmp_path / "old.json"))
    assert loaded["format"] == FORMAT_1
    pd.testing.assert_frame_equal(predict(loaded, table["text"]), predict(model, table["text"]))


def test_ngram_counts_are_scikit_learns_tfidf_to_the_bit():
    """predict counts n-grams itself (``_ngram_counts``, for speed); the TF-IDF rows must be the
    ones scikit-learn's vectorizer gives with the same vocabulary and idf, bit for bit: case,
    unicode word characters, one-letter words (not tokens), apostrophes, dashes, repeats, empty."""
    from pathlib import Path

    from analysis.codebook.learn import _tfidf, _vectorizer

    seed = (Path(__file__).resolve().parents[2] / "seeds" / "xi-moscow-visit.txt").read_text(encoding="utf-8")
    fit_on = [seed, "Économie ÉCONOMIE économie war war war", "the deadly invasion of a country",
              "Putin's war; Xi's visit — the war", "rubber stamp legislature rubber stamp"] * 2
    vec = _vectorizer().fit(fit_on)
    model = {"vocabulary": {k: int(v) for k, v in vec.vocabulary_.items()}, "idf": vec.idf_.tolist()}
    texts = [seed[:900], seed, "", "a b c", "ÉCONOMIE économie war", "Putin's   deadly\ninvasion, war war",
             "rubber-stamp legislature", "THE DEADLY INVASION of a country the deadly invasion"]
    expected, got = vec.transform(texts), _tfidf(texts, model)
    assert expected.shape == got.shape and expected.nnz > 30
    assert np.array_equal(expected.indptr, got.indptr)
    assert np.array_equal(expected.indices, got.indices)
    assert np.array_equal(expected.data, got.data)
