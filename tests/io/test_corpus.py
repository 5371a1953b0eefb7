"""Corpus input: every format, every record accounted for, streamed. Fixture corpora are
built in tmp_path; the real BASIL folder is read only by the ``shared_data`` test."""

import csv
import json
import os
import threading

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import Article, InputError, UnknownFormatError, iter_corpus, load_corpus
from analysis.cli import main
from analysis.io import adapters
from analysis.io.article_file import content_id
from analysis.io.corpus import REJECTED_COLUMNS
from analysis.io.parquet import read_tables
import hashlib

from conftest import shared_data

RECORDS = [
    {"id": "w1", "outlet": "Wire", "title": "Vote passes", "published": "2023-03-17", "url": "https://w.example/1",
     "event": "vote", "text": "Critics slammed the sham vote. The minister said it was fair."},
    {"id": "p1", "outlet": "Post", "title": "Vote row", "published": "2023-03-18", "url": "https://p.example/1",
     "event": "vote", "text": "The deadly invasion began, officials said. Critics slammed it."},
    {"id": "p2", "outlet": "Post", "title": "Calm day", "published": "2023-03-19", "url": None,
     "event": "calm", "text": "Nothing happened in the capital on Sunday."},
]
META = ["id", "outlet", "title", "published", "url", "event"]


def _meta(articles):
    return [{k: getattr(a, k) for k in META} | {"text": a.text} for a in articles]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_csv(path, records):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", *META])
        writer.writeheader()
        writer.writerows(records)
    return path


def write_parquet(path, records, **options):
    pq.write_table(pa.Table.from_pylist(records), path, **options)
    return path


# --- every format reads the same articles, metadata included --------------------------------

@pytest.mark.parametrize("name, writer", [("c.jsonl", write_jsonl), ("c.csv", write_csv), ("c.parquet", write_parquet)])
def test_row_formats_read_text_and_metadata(tmp_path, name, writer):
    corpus = load_corpus(writer(tmp_path / name, RECORDS))
    assert _meta(corpus.articles) == RECORDS
    assert corpus.read == 3 and corpus.rejected.empty
    assert list(corpus.rejected.columns) == REJECTED_COLUMNS
    assert corpus.meta["format"] == name.split(".")[1]


def test_missing_id_gets_the_content_id(tmp_path):
    records = [{"text": r["text"], "outlet": r["outlet"]} for r in RECORDS]
    for path in (write_jsonl(tmp_path / "c.jsonl", records), write_parquet(tmp_path / "c.parquet", records)):
        assert [a.id for a in load_corpus(path).articles] == [content_id(r["text"]) for r in records]


def test_parquet_dates_and_null_text(tmp_path):
    import datetime as dt

    table = pa.table({"text": ["Critics slammed it.", None], "id": [1, 2],
                      "published": [dt.date(2023, 3, 17), dt.date(2023, 3, 18)]})
    corpus = load_corpus(write_parquet(tmp_path / "c.parquet", table.to_pylist()))
    (article,) = corpus.articles
    assert (article.id, article.published) == ("1", "2023-03-17")
    assert corpus.rejected[["line", "record_id", "field"]].values.tolist() == [[2, "2", "text"]]


def test_csv_line_is_the_physical_line_the_record_starts_on(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\na,"First line\nsecond line of the same cell."\nb,\nc,Fine.\n', encoding="utf-8")
    corpus = load_corpus(path)
    assert [a.id for a in corpus.articles] == ["a", "c"]
    assert corpus.articles[0].text == "First line\nsecond line of the same cell."
    assert corpus.rejected[["line", "record_id", "field"]].values.tolist() == [[4, "b", "text"]]
    assert corpus.articles[1].source == f"{path}:5"


def test_files_without_a_text_column_are_refused_whole(tmp_path):
    (tmp_path / "c.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    write_parquet(tmp_path / "c.parquet", [{"id": "1", "body": "hello"}])
    for name in ("c.csv", "c.parquet"):
        with pytest.raises(InputError, match="no 'text' column") as caught:
            load_corpus(tmp_path / name)
        assert caught.value.field == "text"


def test_folder_with_sidecar(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, r in enumerate(RECORDS):
        (folder / f"{i}.txt").write_text(r["text"], encoding="utf-8")
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", *META])
        writer.writeheader()
        writer.writerows([{"file": f"./{i}.txt" if i else f"{i}.txt", **{k: r[k] for k in META}} for i, r in enumerate(RECORDS)])
    corpus = load_corpus(folder)
    assert corpus.meta["format"] == "folder"
    assert _meta(corpus.articles) == RECORDS
    assert [a.source for a in corpus.articles] == [str(folder / f"{i}.txt") for i in range(3)]


def test_folder_by_layout_with_jsonl_sidecar_keyed_by_id(tmp_path, write):
    write("c/Wire/a.txt", "Critics slammed the sham vote.\n")
    write("c/Post/a.md", "# Vote row\n\nThe deadly invasion began.\n")
    write("c/Post/b.json", json.dumps({"id": "own", "text": "A JSON article.", "outlet": "Own outlet"}))
    write("c/.DS_Store", b"\x00\x01hidden files are not records")
    write("c/metadata.jsonl", json.dumps({"id": "a", "published": "2023-03-17", "event": "vote"}) + "\n"
          + json.dumps({"id": "gone", "outlet": "Nobody"}) + "\n")
    corpus = load_corpus(tmp_path / "c")
    got = {a.id: (a.outlet, a.published, a.event, a.format) for a in corpus.articles}
    assert got == {
        "a": ("Post", "2023-03-17", "vote", "markdown"),  # the sidecar row keyed by id "a" names the first file a.*
        "own": ("Own outlet", None, None, "text"),  # the file's own outlet beats the layout
        "Wire/a": ("Wire", None, None, "text"),  # a row describes one file only; the id is the relative path
    }
    (row,) = corpus.rejected.to_dict("records")
    assert (row["source"], row["line"], row["field"]) == (str(tmp_path / "c" / "metadata.jsonl"), 2, "id")
    assert "names no article file" in row["reason"]
    assert corpus.read == 4


def test_sidecar_errors_are_named(tmp_path, write):
    write("c/a.txt", "Text.")
    write("c/metadata.csv", "file,outlet\na.txt,Wire\na.txt,Post\n")
    with pytest.raises(InputError, match="listed twice") as caught:
        load_corpus(tmp_path / "c")
    assert (caught.value.line, caught.value.field) == (3, "file")
    write("c/metadata.csv", "name,outlet\na.txt,Wire\n")
    with pytest.raises(InputError, match="'file' or an 'id' column"):
        load_corpus(tmp_path / "c")


# --- BASIL ----------------------------------------------------------------------------------

EVENTS = ["2b95d2cf-e979-4f9c-ae27-9a5370934f23", "38f7cbb7-5d6a-4c89-bcbd-8e164144172a"]


def fake_basil(root, sources=("fox", "NYT", "hpo")):
    """A tiny tree in BASIL's layout: articles/<year>/<triplet>_<n>.json, plus annotations."""
    for year, event in zip((2010, 2014), EVENTS):
        for n, source in enumerate(sources, start=1):
            path = root / "articles" / str(year) / f"{event}_{n}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({
                "source": source, "title": f"Story {n}", "date": f"{year}-07-0{n}", "url": f"http://x.example/{n}",
                "main-event": "Something happened", "triplet-uuid": event, "uuid": f"u{n}",
                "main-entities": ["A"], "body-paragraphs": [["Critics slammed it. ", "Then more."], [], ["  Second."]],
            }), encoding="utf-8")
            ann = root / "annotations" / str(year) / f"{event}_{n}_ann.json"
            ann.parent.mkdir(parents=True, exist_ok=True)
            ann.write_text("{}", encoding="utf-8")
    return root


def test_basil_layout_is_detected_and_mapped(tmp_path):
    root = fake_basil(tmp_path / "basil")
    corpus = load_corpus(root)
    assert corpus.meta["format"] == "basil"
    assert corpus.read == 6 and corpus.rejected.empty
    first = corpus.articles[0]
    assert first.id == f"{EVENTS[0]}_1"
    assert first.text == "Critics slammed it. Then more.\n\nSecond."
    assert (first.title, first.published, first.url, first.event) == ("Story 1", "2010-07-01", "http://x.example/1", EVENTS[0])
    assert [a.outlet for a in corpus.articles[:3]] == ["Fox News", "New York Times", "HuffPost"]
    assert {a.event for a in corpus.articles} == set(EVENTS)


def test_basil_bad_files_are_rejected_by_name(tmp_path):
    root = fake_basil(tmp_path / "basil")
    bad = root / "articles" / "2010" / f"{EVENTS[0]}_4.json"
    bad.write_text(json.dumps({"source": "fox", "body-paragraphs": "not a list"}), encoding="utf-8")
    (root / "articles" / "2010" / "notes.txt").write_text("not an article", encoding="utf-8")
    corpus = load_corpus(root, format="basil")
    assert corpus.read == 8 and len(corpus.articles) == 6
    rows = corpus.rejected.set_index("source")
    assert rows.loc[str(bad), "field"] == "body-paragraphs"
    assert "not a BASIL article file" in rows.loc[str(root / "articles" / "2010" / "notes.txt"), "reason"]


def test_basil_entries_that_cannot_be_read_are_rejected_not_skipped(tmp_path):
    """A broken link and a JSON file nested too deeply under articles/ are rows of rejected,
    like any folder corpus's entries (the count is the test's own: files and links written)."""
    root = fake_basil(tmp_path / "basil")
    year = root / "articles" / "2010"
    (year / f"{EVENTS[0]}_5.json").symlink_to(tmp_path / "gone.json")
    (year / f"{EVENTS[0]}_6.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    written = sum(1 for p in (root / "articles").rglob("*.json") if p.is_symlink() or p.is_file())
    corpus = load_corpus(root, format="basil")
    assert corpus.read == written == 8 == len(corpus.articles) + len(corpus.rejected)
    reasons = dict(zip(corpus.rejected["source"], corpus.rejected["reason"]))
    assert "broken link" in reasons[str(year / f"{EVENTS[0]}_5.json")]
    assert reasons[str(year / f"{EVENTS[0]}_6.json")] == "is nested too deeply to be read as JSON"


def test_a_plain_folder_is_not_taken_for_basil(tmp_path, write):
    write("c/articles/2019/story.txt", "Critics slammed it.")
    assert load_corpus(tmp_path / "c").meta["format"] == "folder"
    with pytest.raises(InputError, match="no articles/ folder"):
        load_corpus(tmp_path / "c" / "articles", format="basil")


@pytest.mark.shared_data
def test_real_basil_folder():
    corpus = load_corpus(shared_data("basil-dev"))
    assert corpus.meta["format"] == "basil"
    assert (corpus.read, len(corpus.articles), len(corpus.rejected)) == (210, 210, 0)
    frame = pd.DataFrame(_meta(corpus.articles))
    assert sorted(frame["outlet"].unique()) == ["Fox News", "HuffPost", "New York Times"]
    assert frame["event"].nunique() == 70
    assert (frame.groupby("event")["outlet"].nunique() == 3).all()
    assert frame["published"].notna().all()
    blank_titles = sum(not json.loads(p.read_text(encoding="utf-8"))["title"].strip()
                       for p in shared_data("basil-dev", "articles").glob("*/*.json"))
    assert frame["title"].isna().sum() == blank_titles  # BASIL has one article with an empty title


# --- every record accounted for ----------------------------------------------------------

GOOD = RECORDS[0]["text"]


def test_broken_jsonl_is_fully_accounted_for(tmp_path, capsys):
    lines = [
        json.dumps(RECORDS[0]).encode(),
        b"{broken",
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "w1", "text": "Same id again."}).encode(),
        json.dumps({"id": "latin", "text": "Caf\u00e9 au lait."}, ensure_ascii=False).encode("latin-1"),
        b'{"id": "bin", "text": "\x00\x01\x02"}',
        b"",
        json.dumps(RECORDS[1]).encode(),
    ]
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["score", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr()
    assert "7 read, 2 scored, 5 rejected" in out.out
    tables = read_tables(tmp_path / "out")
    rejected = tables["rejected"]
    assert rejected["line"].tolist() == [2, 3, 4, 5, 6]
    reasons = dict(zip(rejected["line"], rejected["reason"]))
    assert "not valid JSON" in reasons[2] and "is empty" in reasons[3]
    assert "duplicate id 'w1' (first at line 1)" in reasons[4]
    assert "not valid UTF-8" in reasons[5] and "binary" in reasons[6]
    assert tables["articles"]["article_id"].tolist() == ["w1", "p1"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["counts"] == {"read": 7, "scored": 2, "rejected": 5}


def test_broken_csv_is_fully_accounted_for(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(
        b"id,outlet,text\n"
        b"a,Wire,Critics slammed the sham vote.\n"
        b"b,Wire,\n"
        b"a,Post,Same id.\n"
        + "c,Post,Caf\u00e9 au lait.\n".encode("latin-1")
        + b"d,Post,\x00\x01\x02\x03\n"
        b"e,Post,too,many\n"
        b"f,Post,The deadly invasion began.\n"
    )
    corpus = load_corpus(path)
    assert [a.id for a in corpus.articles] == ["a", "f"]
    assert corpus.read == 7 == len(corpus.articles) + len(corpus.rejected)
    got = corpus.rejected[["line", "record_id"]].values.tolist()
    assert got == [[3, "b"], [4, "a"], [5, "c"], [6, "d"], [7, "e"]]
    reasons = corpus.rejected["reason"].tolist()
    assert "first at line 2" in reasons[1] and "not valid UTF-8" in reasons[2] and "binary" in reasons[3]
    assert "expected 3 fields, got 4" in reasons[4]


def test_broken_folder_is_fully_accounted_for(tmp_path, write, capsys):
    write("c/Wire/good.txt", GOOD)
    write("c/Wire/empty.txt", b"   \n")
    write("c/Wire/photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    write("c/Wire/latin.txt", "Caf\u00e9 au lait, said the minister.".encode("latin-1"))
    write("c/Post/one.json", json.dumps({"id": "x", "text": "The deadly invasion began."}))
    write("c/Post/two.json", json.dumps({"id": "x", "text": "Another text, same id."}))
    write("c/Post/bad.json", '{"text": ')
    write("c/Post/more.csv", "id,text\ny,Another corpus.\n")
    assert main(["score", str(tmp_path / "c"), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "8 read, 2 scored, 6 rejected" in captured.out
    tables = read_tables(tmp_path / "out")
    assert sorted(tables["articles"]["article_id"]) == ["Wire/good", "x"]
    reasons = dict(zip(tables["rejected"]["source"].map(lambda s: os.path.relpath(s, tmp_path / "c")),
                       tables["rejected"]["reason"]))
    assert set(reasons) == {"Wire/empty.txt", "Wire/photo.jpg", "Wire/latin.txt", "Post/two.json", "Post/bad.json",
                            "Post/more.csv"}
    assert "is a corpus file" in reasons["Post/more.csv"]
    assert "binary" in reasons["Wire/photo.jpg"] and "not valid UTF-8" in reasons["Wire/latin.txt"]
    assert f"first at {tmp_path / 'c' / 'Post' / 'one.json'}" in reasons["Post/two.json"]
    assert str(tmp_path / "c" / "Wire" / "photo.jpg") in captured.err
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["Wire/good", "outlet"] == "Wire" and articles.loc["x", "outlet"] == "Post"


# --- streaming --------------------------------------------------------------------------

@pytest.mark.parametrize("name, header", [("c.jsonl", b""), ("c.csv", b"id,text\n")])
def test_row_formats_yield_before_the_input_is_finished(tmp_path, name, header):
    """Through a pipe: the first article must arrive while the writer still holds the rest."""
    fifo = tmp_path / name
    os.mkfifo(fifo)
    first_seen = threading.Event()
    order = []

    def line(i):
        return (json.dumps({"id": str(i), "text": GOOD}) + "\n").encode() if name.endswith("jsonl") else f"{i},{GOOD}\n".encode()

    def writer():
        with open(fifo, "wb", buffering=0) as handle:
            handle.write(header + line(1))
            first_seen.wait(timeout=10)
            order.append("second written")
            handle.write(line(2))

    thread = threading.Thread(target=writer)
    thread.start()
    items = iter_corpus(fifo)
    first = next(items)
    order.append("first read")
    first_seen.set()
    rest = list(items)
    thread.join()
    assert order == ["first read", "second written"]
    assert [first.id, *[a.id for a in rest]] == ["1", "2"]


def test_parquet_is_read_batch_by_batch(tmp_path, monkeypatch):
    from analysis.io.adapters import parquet

    path = write_parquet(tmp_path / "c.parquet", [{"id": str(i), "text": GOOD} for i in range(10)], row_group_size=2)
    monkeypatch.setattr(parquet, "BATCH_ROWS", 2)
    batches = []
    real = pq.ParquetFile.iter_batches

    def counting(self, *args, **kwargs):
        for batch in real(self, *args, **kwargs):
            batches.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counting)
    items = iter_corpus(path)
    assert next(items).id == "0"
    assert batches == [2]
    assert len(list(items)) == 9 and batches == [2] * 5


def test_folder_is_read_file_by_file(tmp_path, write, monkeypatch):
    from analysis.io.adapters import folder

    for i in range(4):
        write(f"c/{i}.txt", GOOD + f" Number {i}.")
    calls = []
    real = folder.load_article
    monkeypatch.setattr(folder, "load_article", lambda path, **kw: calls.append(path.name) or real(path, **kw))
    items = iter_corpus(tmp_path / "c")
    assert next(items).id == "0" and calls == ["0.txt"]
    assert [a.id for a in items] == ["1", "2", "3"]


# --- the registry -------------------------------------------------------------------------

def test_unknown_format_names_the_known_ones(tmp_path, capsys):
    with pytest.raises(UnknownFormatError) as caught:
        adapters.get("xml")
    for name in ("basil", "csv", "folder", "jsonl", "parquet"):
        assert name in str(caught.value)
    path = write_jsonl(tmp_path / "c.jsonl", RECORDS)
    assert main(["score", str(path), "--format", "xml", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "unknown corpus format 'xml'; known formats: basil, csv, folder, jsonl, parquet" in err


def test_a_file_the_kit_cannot_place_needs_format(tmp_path):
    path = write_jsonl(tmp_path / "c.data", RECORDS)
    with pytest.raises(UnknownFormatError, match="pass --format"):
        load_corpus(path)
    assert len(load_corpus(path, format="jsonl").articles) == 3


def test_a_registered_adapter_is_one_function(tmp_path, capsys):
    """A new format: a reader yielding articles and rejections, registered under a name."""
    from analysis.io.article_file import make_article
    from analysis.io.records import rejection

    def read_lines(path):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            outlet, _, text = line.partition("|")
            if text:
                yield make_article(text, id=f"l{number}", outlet=outlet, source=f"{path}:{number}")
            else:
                yield rejection(InputError("no '|'", file=path, line=number))

    adapters.register("pipes", read_lines, suffixes=(".pipes",))
    try:
        path = tmp_path / "c.pipes"
        path.write_text("Wire|Critics slammed it.\nbroken\nPost|The deadly invasion began.\n", encoding="utf-8")
        assert main(["score", str(path), "--out", str(tmp_path / "out")]) == 0
        assert "3 read, 2 scored, 1 rejected" in capsys.readouterr().out
        assert read_tables(tmp_path / "out")["articles"]["outlet"].tolist() == ["Wire", "Post"]
    finally:
        adapters._REGISTRY.pop("pipes")


# --- manifest ---------------------------------------------------------------------------

def folder_sha256(folder) -> str:
    """The manifest's folder hash, computed here independently: each file's path relative to the
    folder and its SHA-256, in sorted order."""
    lines = sorted(f"{p.relative_to(folder).as_posix()}\0{hashlib.sha256(p.read_bytes()).hexdigest()}\n"
                   for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def test_folder_manifest_hashes_the_file_list_and_contents(tmp_path, write):
    write("c/a.txt", GOOD)
    write("c/b.txt", "The deadly invasion began.")

    def scored_hash(name):
        assert main(["score", str(tmp_path / "c"), "--out", str(tmp_path / name)]) == 0
        return json.loads((tmp_path / name / "manifest.json").read_text())

    manifest = scored_hash("o1")
    first = manifest["inputs"]["input"]["sha256"]
    assert first == folder_sha256(tmp_path / "c") and manifest["inputs"]["input"]["hashed"] == "bytes read"
    assert manifest["format"] == "folder" and manifest["counts"] == {"read": 2, "scored": 2, "rejected": 0}
    assert manifest["lexicon_version"]
    write("c/b.txt", "The deadly invasion began!")
    changed = scored_hash("o2")["inputs"]["input"]["sha256"]
    assert changed == folder_sha256(tmp_path / "c")
    (tmp_path / "c" / "b.txt").rename(tmp_path / "c" / "z.txt")
    renamed = scored_hash("o3")["inputs"]["input"]["sha256"]
    assert renamed == folder_sha256(tmp_path / "c")
    assert len({first, changed, renamed}) == 3


# --- DuckDB over the written tables ----------------------------------------------------

LOADED_BY_OUTLET = """
SELECT a.outlet, s.category, count(*) AS hits
FROM read_parquet('{out}/spans/*.parquet') AS s
JOIN read_parquet('{out}/articles/*.parquet') AS a USING (article_id)
WHERE s.loaded AND s.part = 'body'
GROUP BY a.outlet, s.category
ORDER BY a.outlet, s.category
"""


def test_duckdb_queries_the_tables_in_place(tmp_path):
    import duckdb

    path = write_csv(tmp_path / "c.csv", RECORDS)
    assert main(["score", str(path), "--out", str(tmp_path / "out")]) == 0
    got = duckdb.sql(LOADED_BY_OUTLET.format(out=tmp_path / "out")).df()
    tables = read_tables(tmp_path / "out")
    spans = tables["spans"][tables["spans"]["loaded"] & (tables["spans"]["part"] == "body")]
    expected = (spans.merge(tables["articles"][["article_id", "outlet"]], on="article_id")
                .groupby(["outlet", "category"]).size().rename("hits").reset_index())
    assert len(expected) >= 2 and expected["hits"].sum() >= 3  # the fixture has loaded words in two outlets
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    # the per-article count agrees with the articles table's own loaded_hits
    per_outlet = duckdb.sql(f"SELECT outlet, sum(loaded_hits) AS hits FROM read_parquet('{tmp_path / 'out'}/articles/*.parquet') "
                            "GROUP BY outlet ORDER BY outlet").df()
    assert per_outlet["hits"].tolist() == expected.groupby("outlet")["hits"].sum().tolist()


# --- progress bar -----------------------------------------------------------------------

class _Stream:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("tty, env, shown", [
    (True, {}, True),
    (True, {"CI": "true"}, False),
    (True, {"CI": "1"}, False),
    (True, {"CI": "false"}, True),
    (False, {}, False),
    (None, {}, False),  # a stream without isatty (a notebook's captured output)
])
def test_progress_only_on_an_interactive_terminal(tty, env, shown):
    from analysis.scoring.progress import show_progress

    stream = object() if tty is None else _Stream(tty)
    assert show_progress(stream, env) is shown


def test_iter_corpus_items_are_articles_or_rejections(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [RECORDS[0], {"id": "e", "text": " "}])
    items = list(iter_corpus(path))
    assert isinstance(items[0], Article)
    assert items[1] == {"source": str(path), "line": 2, "record_id": "e", "field": "text", "reason": "is empty"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_row_formats_accept_a_bom(tmp_path, encoding):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding=encoding)
    table = tmp_path / "c.csv"
    write_csv(table, RECORDS)
    table.write_text(table.read_text(encoding="utf-8"), encoding=encoding)
    for path in (jsonl, table):
        corpus = load_corpus(path)
        assert _meta(corpus.articles) == RECORDS and corpus.rejected.empty
