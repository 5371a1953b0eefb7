"""A trained codebook model applied while scoring: ``mediakit score --model`` across workers
equals ``apply_model`` on the same results in memory; the manifest carries the model's card."""

import json

import pandas as pd
import pytest

from analysis.io.article_file import make_article
from analysis.cli import main
from analysis.codebook.learn import apply_model, load_model, save_model, train
from analysis.errors import InputError
from analysis.scoring.options import ScoringOptions
from analysis.scoring.results import Scores
from analysis.scoring.score import score_article, score_articles

LOADED = ["The {x} plan is a disgraceful sham pushed by radical zealots.", "Critics slammed the outrageous {x} scheme as a disaster."]
CALM = ["The {x} plan was discussed on Tuesday.", "Officials said the {x} scheme would be reviewed next month."]
TOPICS = ["budget", "rail", "water", "school", "tax", "health", "border", "energy"]


def trained(tmp_path, name="m.json", unit="sentence"):
    """A model trained through the CLI on a tiny coded CSV written here."""
    rows = [{"article_id": f"a{a}", "text": t.format(x=topic), "label": "yes" if k < 2 else "no"}
            for a, topic in enumerate(TOPICS) for k, t in enumerate(LOADED + CALM)]
    coded = tmp_path / "coded.csv"
    pd.DataFrame(rows).to_csv(coded, index=False)
    path = tmp_path / name
    assert main(["train", str(coded), "--format", "coded", "--out", str(path)]) == 0
    return path


def articles():
    out = []
    for i, topic in enumerate(["port", "bridge", "museum", "airport", "canal"]):
        text = " ".join([LOADED[i % 2].format(x=topic), CALM[0].format(x=topic), CALM[1].format(x=topic)])
        out.append({"id": f"x{i}", "outlet": "Left" if i % 2 else "Right", "title": f"On the {topic}", "text": text})
    return out


def test_cli_model_across_workers_equals_apply_model(tmp_path):
    model = trained(tmp_path)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in articles()) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["score", str(corpus), "--out", str(out), "--model", str(model), "--workers", "2", "--chunk-size", "2"]) == 0
    run = Scores.from_folder(out)
    got = run.model_labels
    expected = apply_model(run, model)
    assert len(got) == len(run.sentences) > 0
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    assert set(got["model"]) == {"m.json"} and set(got["model_sha256"]) == {load_model(model)["sha256"]}
    first = got[got["sentence_id"] == got.groupby("article_id")["sentence_id"].transform("min")]
    assert first["label"].tolist() == ["yes"] * 5  # each article opens with a loaded sentence
    card = run.manifest["models"]
    assert card[0]["sha256"] == load_model(model)["sha256"] and card[0]["labels"] == ["no", "yes"]
    assert card[0]["card"]["units"] == 32


def test_no_model_no_rows_and_key_records_each_model(tmp_path):
    model = trained(tmp_path)
    article = make_article(articles()[0]["text"], id="x0")
    plain = score_article(article)
    assert plain.model_labels.empty and list(plain.model_labels.columns) == ["article_id", "sentence_id", "model", "model_sha256", "label", "score"]
    labelled = score_article(article, model=model)
    pd.testing.assert_frame_equal(labelled.model_labels, apply_model(plain, model), check_dtype=False)
    pd.testing.assert_frame_equal(labelled.sentences, plain.sentences)
    assert ScoringOptions.of().key()["models_sha256"] == []
    assert ScoringOptions.of(models=[model]).key()["models_sha256"] == [load_model(model)["sha256"]]


def test_two_models_and_bad_model(tmp_path):
    first = trained(tmp_path, "first.json")
    second = save_model(train(["a calm day", "a rotten sham", "a calm week", "a rotten scam"], ["no", "yes", "no", "yes"], unit="article"),
                        tmp_path / "articles.json")
    scores = score_articles([make_article(a["text"], id=a["id"]) for a in articles()[:2]], model=[first, second])
    by_model = scores.model_labels.groupby("model").size().to_dict()
    assert by_model == {"first.json": len(scores.sentences), "articles.json": 2}
    assert (scores.model_labels.loc[scores.model_labels["model"] == "articles.json", "sentence_id"] == -1).all()
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        ScoringOptions.of(models=[bad])
    assert main(["score", str(tmp_path / "coded.csv"), "--out", str(tmp_path / "o"), "--model", str(bad)]) != 0


def test_cli_article_model_across_workers_equals_the_model_on_the_coded_texts(tmp_path):
    """An article model applied by ``mediakit score --model`` (its kit figures read from the
    chunk's tables, written and read back) labels each article as the model labels its text
    when given the text alone (the figures computed as ``train`` computes them), to the bit."""
    from analysis.codebook.learn import predict

    rows = [{"article_id": f"a{a}-{k}", "text": " ".join([LOADED[k % 2].format(x=topic)] * (k < 2) + [t.format(x=topic) for t in CALM]),
             "label": "yes" if k < 2 else "no"} for a, topic in enumerate(TOPICS) for k in range(4)]
    coded = tmp_path / "articles.csv"
    pd.DataFrame(rows).to_csv(coded, index=False)
    model = tmp_path / "articles.json"
    assert main(["train", str(coded), "--format", "coded", "--unit", "article", "--out", str(model)]) == 0
    assert load_model(model)["card"]["unit"] == "article"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in articles()) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["score", str(corpus), "--out", str(out), "--model", str(model), "--workers", "2", "--chunk-size", "2"]) == 0
    got = Scores.from_folder(out).model_labels.sort_values("article_id", kind="stable").reset_index(drop=True)
    assert got["article_id"].tolist() == [a["id"] for a in articles()] and got["sentence_id"].eq(-1).all()
    expected = predict(load_model(model), [a["text"] for a in articles()])
    assert got["label"].tolist() == expected["label"].tolist() == ["yes"] * 5  # each opens with a loaded sentence
    pd.testing.assert_series_equal(got["score"], expected["score"], check_exact=True, check_names=False)
