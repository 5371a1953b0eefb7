"""Hostile and careless input (issue 11): nothing lost, nothing mixed, never a traceback.

Each test builds its input, counts the input's records itself (lines of the JSONL, rows by the
``csv`` module, rows in the Parquet footer, entries it created in the folder) and checks that
``read == scored + rejected`` equals that count, besides the behaviour of its class.

Unreadable entries: the tests run as root here, and root reads a file or lists a folder
whatever its mode, so ``chmod 000`` proves nothing. The tests make the system call itself fail
instead: ``os.scandir`` (how ``analysis.io.tree.walk`` lists a folder) and ``Path.open`` (how a
file is read and hashed) are patched to raise ``PermissionError`` for one path, exactly what
the kernel raises for a user without permission. ``test_chmod_000_really`` does it with real
modes and runs only when the tests do not run as root.
"""

import csv
import io
import json
import hashlib
import os
import pathlib

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import Article, InputError, iter_corpus, load_article, load_corpus
from analysis.cli import main
from analysis.io.article_file import content_id
from analysis.io.parquet import read_tables
from analysis.io.tree import walk

TEXTS = [
    "Critics slammed the sham vote on Monday. The minister said it was fair.",
    "The deadly invasion began, officials said. Critics slammed it.",
    "Nothing happened in the capital on Sunday.",
    "Delegates reviewed the budget, the schedule and the venue.",
]


def accounted(corpus, expected: int) -> None:
    """``read == scored + rejected`` and both equal the test's own count of records."""
    assert corpus.read == len(corpus.articles) + len(corpus.rejected) == expected


def score_cli(path, out, capsys, *extra) -> tuple[dict, dict]:
    """Run ``mediakit score`` in process; the tables it wrote and its manifest's counts."""
    assert main(["score", str(path), "--out", str(out), "--workers", "1", *extra]) == 0
    capsys.readouterr()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return read_tables(out), manifest["counts"]


def reasons_by_rel(corpus, root) -> dict[str, str]:
    return {os.path.relpath(s, root): r for s, r in zip(corpus.rejected["source"], corpus.rejected["reason"])}


# --- folders: every entry read or rejected, links followed, loops detected ------------------

def test_folder_links_are_followed_and_every_entry_is_accounted_for(tmp_path, capsys):
    root, outside = tmp_path / "corpus", tmp_path / "elsewhere"
    (root / "Wire").mkdir(parents=True)
    outside.mkdir()
    (root / "Wire" / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (root / "Wire" / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    (outside / "c.txt").write_text(TEXTS[2], encoding="utf-8")
    (outside / "d.txt").write_text(TEXTS[3], encoding="utf-8")
    (tmp_path / "lone.txt").write_text("A file outside the corpus, linked into it.", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x01hidden")  # hidden: not part of a corpus
    (root / "Linked").symlink_to(outside, target_is_directory=True)  # followed
    (root / "linked.txt").symlink_to(tmp_path / "lone.txt")  # followed
    (root / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (root / "Wire" / "up").symlink_to("..", target_is_directory=True)  # a loop: leads back to the root
    (root / "self").symlink_to("self")  # resolves to itself
    (root / "Again").symlink_to(root / "Wire", target_is_directory=True)  # Wire is read where it is
    (root / "twice.txt").symlink_to(root / "Wire" / "a.txt")  # and so is a.txt
    (root / "Mirror").symlink_to(outside, target_is_directory=True)  # a second way to elsewhere/
    (root / "Wire" / "hard.txt").hardlink_to(root / "Wire" / "a.txt")  # a second name for a.txt
    (outside / "up").symlink_to(tmp_path, target_is_directory=True)  # leads to the folder holding the corpus
    os.mkfifo(root / "pipe")  # would block a reader for ever
    # The test's own count: the non-hidden entries it made, the linked folder's entries counted
    # as the entries they are through the link (elsewhere/up leads to tmp_path, which holds
    # corpus/, elsewhere/ and lone.txt: both folders are loops, lone.txt a second path).
    made = ["Wire/a.txt", "Wire/b.txt", "Wire/hard.txt", "Wire/up", "Linked/c.txt", "Linked/d.txt",
            "Linked/up/lone.txt", "Linked/up/corpus", "Linked/up/elsewhere", "linked.txt",
            "broken.txt", "self", "Again", "twice.txt", "Mirror", "pipe"]

    corpus = load_corpus(root)
    accounted(corpus, len(made))
    assert sorted(a.id for a in corpus.articles) == ["Linked/c", "Linked/d", "Wire/a", "Wire/b", "linked"]
    reasons = reasons_by_rel(corpus, root)
    assert reasons == {
        "Again": "link to Wire, which is read at its own path",
        "twice.txt": "link to Wire/a.txt, which is read at its own path",
        "Wire/up": "link loop: leads back to the corpus folder itself, which holds it",
        "self": "link loop: self leads back to itself",
        "broken.txt": f"broken link: its target {tmp_path / 'nowhere.txt'} does not exist",
        "Mirror": "same folder as Linked, already read",
        "Wire/hard.txt": "same file as Wire/a.txt, already read",
        "Linked/up/corpus": "link loop: leads back to the corpus folder itself, which holds it",
        "Linked/up/elsewhere": "link loop: leads back to Linked, which holds it",
        "Linked/up/lone.txt": "same file as linked.txt, already read",
        "pipe": "is a FIFO (named pipe), not a file; not read",
    }

    tables, counts = score_cli(root, tmp_path / "out", capsys)  # the run, manifest hash included
    assert counts == {"read": len(made), "scored": 5, "rejected": len(reasons)}
    assert len(tables["articles"]) + len(tables["rejected"]) == len(made)


def test_walk_order_puts_every_entry_where_its_name_sorts(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "c.txt").symlink_to(tmp_path / "missing")
    (tmp_path / "a").symlink_to("a")
    # a folder's own non-folder entries by name (problems included), then its subfolders
    assert [(e.rel, e.problem is None) for e in walk(tmp_path)] == [
        ("a", False), ("a.txt", True), ("c.txt", False), ("b/x.txt", True)]


def _deny(monkeypatch, *, listing=None, reading=None):
    """Make listing the folder ``listing`` and opening the file ``reading`` fail as they fail
    for a user without permission (see the module docstring)."""
    scandir, open_ = os.scandir, pathlib.Path.open

    def fake_scandir(path="."):
        if listing is not None and os.fspath(path) == os.fspath(listing):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    def fake_open(self, *args, **kwargs):
        if reading is not None and os.fspath(self) == os.fspath(reading):
            raise PermissionError(13, "Permission denied", os.fspath(self))
        return open_(self, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(pathlib.Path, "open", fake_open)


def test_unreadable_file_and_folder_are_rejected_and_the_hash_does_not_fail(tmp_path, monkeypatch, capsys):
    root = tmp_path / "corpus"
    for rel, text in [("Wire/a.txt", TEXTS[0]), ("Wire/secret.txt", TEXTS[1]), ("Closed/c.txt", TEXTS[2]),
                      ("Post/d.txt", TEXTS[3])]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    before = load_corpus(root).sha256
    _deny(monkeypatch, listing=root / "Closed", reading=root / "Wire" / "secret.txt")
    # the test's own count: Wire/a.txt, Wire/secret.txt, the folder Closed (one entry, as it
    # cannot be listed), Post/d.txt
    expected = 4
    corpus = load_corpus(root)
    accounted(corpus, expected)
    assert sorted(a.id for a in corpus.articles) == ["Post/d", "Wire/a"]
    reasons = reasons_by_rel(corpus, root)
    assert reasons == {"Wire/secret.txt": "cannot be read (Permission denied)",
                       "Closed": "folder cannot be listed (Permission denied)"}
    # the hash is of what was read (the two readable files), never a traceback
    read = "".join(f"{rel}\0{hashlib.sha256((root / rel).read_bytes()).hexdigest()}\n" for rel in ["Post/d.txt", "Wire/a.txt"])
    assert corpus.sha256 == hashlib.sha256(read.encode("utf-8")).hexdigest() != before
    tables, counts = score_cli(root, tmp_path / "out", capsys)
    assert counts == {"read": expected, "scored": 2, "rejected": 2}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads whatever the mode; the patched test covers it")
def test_chmod_000_really(tmp_path):
    root = tmp_path / "corpus"
    (root / "Closed").mkdir(parents=True)
    (root / "Closed" / "c.txt").write_text(TEXTS[2], encoding="utf-8")
    (root / "secret.txt").write_text(TEXTS[1], encoding="utf-8")
    (root / "open.txt").write_text(TEXTS[0], encoding="utf-8")
    os.chmod(root / "Closed", 0)
    os.chmod(root / "secret.txt", 0)
    try:
        corpus = load_corpus(root)
    finally:
        os.chmod(root / "Closed", 0o755)
        os.chmod(root / "secret.txt", 0o644)
    accounted(corpus, 3)
    assert set(reasons_by_rel(corpus, root)) == {"Closed", "secret.txt"}


def test_names_that_are_not_utf8_are_rejected_and_stored(tmp_path, capsys):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    bad_file = os.path.join(os.fsencode(root), b"caf\xe9.txt")
    with open(bad_file, "wb") as handle:
        handle.write(TEXTS[1].encode("utf-8"))
    bad_folder = os.path.join(os.fsencode(root), b"d\xe9j\xe0")
    os.mkdir(bad_folder)
    with open(os.path.join(bad_folder, b"inner.txt"), "wb") as handle:
        handle.write(TEXTS[2].encode("utf-8"))
    expected = len(os.listdir(os.fsencode(root)))  # good.txt, the file, the folder (one entry)
    corpus = load_corpus(root)
    accounted(corpus, expected)
    assert [a.id for a in corpus.articles] == ["good"]
    assert all("not valid UTF-8" in r for r in corpus.rejected["reason"])
    tables, counts = score_cli(root, tmp_path / "out", capsys)  # the rejected table can be written
    assert counts["rejected"] == 2
    assert any("\\udce9" in s for s in tables["rejected"]["source"])  # the bad byte, escaped


# --- CSV: an unclosed quote is that record's rejection, the rows after it are read ----------

def _csv_text(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "outlet", "text"])
    writer.writerows(rows)
    return buffer.getvalue()


ROWS = [
    ["a", "Wire", TEXTS[0]],
    ["b", "Post", "First paragraph, with a comma.\n\nSecond paragraph of the same article."],  # a legit multi-line cell
    ["c", "Wire", "Officials said, on Monday, that the talks would go on."],
    ["d", "Post", TEXTS[2]],
    ["e", "Post", "The minister, asked twice, declined to comment."],
]


@pytest.mark.parametrize("broken, cut, reason", [
    # the closing quote removed: the cell would run to the next quote (row d has none, row e has one)
    ("c", lambda line: line[:-1], "the quote opened on line 6 runs on to line 8 and closes inside a cell"),
    # the last row's closing quote removed: the cell would run to the end of the file
    ("e", lambda line: line[:-1], "the quote opened on line 8 is never closed"),
    # a quote closed inside the cell
    ("d", lambda line: line.replace("Nothing", '"Nothing" happened'), "the quote opened on line 7 closes inside a cell"),
])
def test_csv_unclosed_quote_rejects_its_record_at_the_line_it_opened(tmp_path, broken, cut, reason):
    good = _csv_text(ROWS)
    lines = good.splitlines(keepends=True)
    number = 1 + _csv_text(ROWS[:[r[0] for r in ROWS].index(broken)]).count("\n")  # the line the row starts on
    lines[number - 1] = cut(lines[number - 1].rstrip("\n")) + "\n"
    path = tmp_path / "c.csv"
    path.write_text("".join(lines), encoding="utf-8")
    expected = sum(1 for _ in csv.reader(io.StringIO(good))) - 1  # rows of the intact file, by the csv module

    corpus = load_corpus(path)
    accounted(corpus, expected)
    (rejected,) = corpus.rejected.itertuples()
    assert rejected.line == number and reason in rejected.reason
    assert {a.id: a.text for a in corpus.articles} == {r[0]: r[2] for r in ROWS if r[0] != broken}


def test_csv_quote_left_open_mid_file_swallows_nothing(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,"Unclosed text, said one.\n2,Plain row two.\n3,Plain row three.\n', encoding="utf-8")
    corpus = load_corpus(path)
    accounted(corpus, 3)  # three rows the writer meant, one a line
    assert [a.text for a in corpus.articles] == ["Plain row two.", "Plain row three."]
    assert corpus.rejected["line"].tolist() == [2]
    assert "the quote opened on line 2 is never closed" in corpus.rejected["reason"][0]


# --- one bad record is that record's rejection, in every adapter ---------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_jsonl_deep_nesting_and_lone_surrogates_reject_one_line_each(tmp_path, capsys):
    lines = [
        json.dumps({"id": "ok1", "text": TEXTS[0]}),
        '{"id": "deep", "text": "x", "extra": ' + DEEP + "}",
        '{"id": "s1", "text": "A lone \\ud800 surrogate."}',
        '{"id": "\\udfff", "text": "An id that is a lone surrogate."}',
        '{"id": "s3", "outlet": "Wire \\ud800", "text": "An outlet with one."}',
        '{"id": "s4", "text": "Highlights.", "highlights": ["fine", "bad \\udc80"]}',
        json.dumps({"id": "ok2", "text": TEXTS[1]}),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    corpus = load_corpus(path)
    accounted(corpus, expected)
    assert [a.id for a in corpus.articles] == ["ok1", "ok2"]
    fields = dict(zip(corpus.rejected["line"], corpus.rejected["field"].fillna("-")))
    assert fields == {2: "-", 3: "text", 4: "id", 5: "outlet", 6: "highlights[1]"}
    assert "nested too deeply" in corpus.rejected["reason"][0]
    tables, counts = score_cli(path, tmp_path / "out", capsys)  # written without UnicodeEncodeError
    assert counts == {"read": expected, "scored": 2, "rejected": 5}


def test_folder_and_json_article_deep_nesting_and_surrogates(tmp_path, write):
    write("f/deep.json", '{"text": "x", "extra": ' + DEEP + "}")
    write("f/lone.json", '{"text": "Text with a lone \\ud800 surrogate."}')
    write("f/good.json", json.dumps({"id": "g", "text": TEXTS[0]}))
    corpus = load_corpus(tmp_path / "f")
    accounted(corpus, len(os.listdir(tmp_path / "f")))
    assert [a.id for a in corpus.articles] == ["g"]
    with pytest.raises(InputError, match="nested too deeply"):
        load_article(write("deep.json", '{"text": ' + DEEP + "}"))


@pytest.mark.parametrize("name", ["c.jsonl", "c.csv", "c.parquet", "folder"])
def test_an_unforeseen_failure_rejects_only_its_record(tmp_path, monkeypatch, name):
    """Whatever a record raises (here a ValueError no check foresaw), only it is rejected."""
    records = [{"id": f"r{i}", "text": t} for i, t in enumerate(TEXTS)]
    path = tmp_path / name
    if name == "c.jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    elif name == "c.csv":
        path.write_text(_csv_text([[r["id"], "Wire", r["text"]] for r in records]), encoding="utf-8")
    elif name == "c.parquet":
        pq.write_table(pa.Table.from_pylist(records), path)
    else:
        path.mkdir()
        for r in records:
            (path / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    import analysis.io.article_file as article_file

    real = article_file.make_article

    def fragile(text, **kwargs):
        if text == TEXTS[2]:
            raise ValueError("something nobody checked for")
        return real(text, **kwargs)

    monkeypatch.setattr(article_file, "make_article", fragile)
    corpus = load_corpus(path)
    accounted(corpus, len(records))
    assert len(corpus.articles) == 3
    assert "ValueError: something nobody checked for" in corpus.rejected["reason"][0]


# --- encodings -------------------------------------------------------------------------------

def test_nul_after_the_first_4kb_is_binary(tmp_path, write):
    raw = ("The minister spoke at length. " * 200).encode("utf-8") + b"\x00\x00 tail."
    assert raw.index(b"\x00") > 4096
    with pytest.raises(InputError, match="binary"):
        load_article(write("late-nul.txt", raw))
    write("f/good.txt", TEXTS[0])
    write("f/late-nul.txt", raw)
    corpus = load_corpus(tmp_path / "f")
    accounted(corpus, 2)
    assert "binary" in corpus.rejected["reason"][0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_not_called_binary(tmp_path, write, codec):
    text = "Officials slammed the plan on Monday.\nThe minister said it would pass.\n"
    with pytest.raises(InputError, match=f"{codec.upper()} text without a byte-order mark") as caught:
        load_article(write("a.txt", text.encode(codec)))
    assert "binary" not in str(caught.value)
    lines = "".join(json.dumps({"text": t}) + "\n" for t in TEXTS)
    for name in ("c.jsonl", "c.csv"):
        content = lines if name == "c.jsonl" else _csv_text([[str(i), "W", t] for i, t in enumerate(TEXTS)])
        with pytest.raises(InputError, match="without a byte-order mark"):
            load_corpus(write(name, content.encode(codec)))
    assert load_article(write("b.txt", text.encode("utf-16"))).text == text  # with a BOM: read


def test_binary_with_nuls_is_still_binary(write):
    with pytest.raises(InputError, match="binary"):
        load_article(write("x.bin", bytes(range(256)) * 40))


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_every_line_ending_splits_records(tmp_path, ending):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_bytes("".join(json.dumps({"id": f"j{i}", "text": t}) + ending for i, t in enumerate(TEXTS[:3])).encode())
    corpus = load_corpus(jsonl)
    accounted(corpus, 3)
    assert [a.text for a in corpus.articles] == TEXTS[:3]
    rows = [["c0", "W", TEXTS[0]], ["c1", "W", "Line one.\r\nLine two, in one cell."], ["c2", "W", TEXTS[2]]]
    table = tmp_path / "c.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerows([["id", "outlet", "text"], *rows])
    table.write_bytes(buffer.getvalue().encode())
    expected = sum(1 for _ in csv.reader(io.StringIO(buffer.getvalue(), newline=""))) - 1
    corpus = load_corpus(table)
    accounted(corpus, expected)
    assert [a.text for a in corpus.articles] == [r[2] for r in rows]  # the cell's own \r\n kept


def test_cr_only_line_numbers_count_cr_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "One record."}\r{broken\r{"text": "Three."}\r')
    corpus = load_corpus(path)
    accounted(corpus, 3)
    assert corpus.rejected["line"].tolist() == [2]


# --- metadata of the wrong type: rejected with the field named ------------------------------

WRONG = [("id", {"a": 1}), ("id", [1]), ("id", True), ("id", 5.0), ("outlet", ["Wire"]), ("outlet", 5),
         ("title", {"t": 1}), ("published", 2024), ("url", False), ("event", ["e"]), ("text", ["a list"])]


@pytest.mark.parametrize("field, value", WRONG)
def test_jsonl_wrong_types_are_rejected_naming_the_field(tmp_path, field, value):
    records = [{"id": "ok", "text": TEXTS[0]}, {"id": "bad", "text": TEXTS[1], field: value}]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    corpus = load_corpus(path)
    accounted(corpus, len(path.read_text(encoding="utf-8").splitlines()))
    assert [a.id for a in corpus.articles] == ["ok"]
    assert corpus.rejected[["line", "field"]].values.tolist() == [[2, field]]


@pytest.mark.parametrize("field, value", [f for f in WRONG if f[0] != "text"])
def test_json_article_files_in_a_folder_reject_wrong_types(tmp_path, write, field, value):
    write("f/ok.json", json.dumps({"text": TEXTS[0]}))
    write("f/bad.json", json.dumps({"text": TEXTS[1], field: value}))
    corpus = load_corpus(tmp_path / "f")
    accounted(corpus, 2)
    assert corpus.rejected["field"].tolist() == [field]


@pytest.mark.parametrize("column, values, field", [
    ("id", [1.0, 2.0, None], "id"),  # floats from pandas: an int column with a gap
    ("id", [float("nan"), 2.5, 3.0], "id"),
    ("outlet", [["a"], ["b"], ["c"]], "outlet"),
    ("published", [2024, 2023, 2022], "published"),
])
def test_parquet_wrong_types_are_rejected_naming_the_field(tmp_path, column, values, field):
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"text": TEXTS[:3], column: values}), path)
    expected = pq.ParquetFile(path).metadata.num_rows
    corpus = load_corpus(path)
    accounted(corpus, expected)
    bad = [v is not None for v in values]
    assert len(corpus.rejected) == sum(bad)
    assert set(corpus.rejected["field"]) == {field}


def test_pandas_float_ids_are_rejected_and_integer_ids_read(tmp_path):
    frame = pd.DataFrame({"id": [1, 2, None], "text": TEXTS[:3]})  # pandas makes the ids 1.0, 2.0, NaN
    frame.to_parquet(tmp_path / "floats.parquet")
    corpus = load_corpus(tmp_path / "floats.parquet")
    accounted(corpus, 3)
    assert corpus.rejected["line"].tolist() == [1, 2]
    assert "float (1.0)" in corpus.rejected["reason"][0]
    pd.DataFrame({"id": pd.array([1, 2, None], dtype="Int64"), "text": TEXTS[:3]}).to_parquet(tmp_path / "ints.parquet")
    corpus = load_corpus(tmp_path / "ints.parquet")
    accounted(corpus, 3)
    assert [a.id for a in corpus.articles] == ["1", "2", content_id(TEXTS[2])]  # a null id: the content id


def test_integer_and_string_ids_are_one_id(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": 5, "text": TEXTS[0]}) + "\n" + json.dumps({"id": "5", "text": TEXTS[1]}) + "\n",
                    encoding="utf-8")
    corpus = load_corpus(path)
    accounted(corpus, 2)
    assert [a.id for a in corpus.articles] == ["5"]
    assert "duplicate id '5'" in corpus.rejected["reason"][0]


def test_sidecar_of_the_wrong_type_names_the_field(tmp_path, write):
    write("f/a.txt", TEXTS[0])
    write("f/metadata.jsonl", json.dumps({"file": "a.txt", "outlet": ["Wire"]}) + "\n")
    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path / "f")
    assert (caught.value.line, caught.value.field) == (1, "outlet")


def test_an_empty_parquet_corpus_behaves_like_an_empty_jsonl(tmp_path, capsys):
    empty_jsonl = tmp_path / "e.jsonl"
    empty_jsonl.write_text("", encoding="utf-8")
    empty_parquet = tmp_path / "e.parquet"
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), empty_parquet)
    messages = []
    for path in (empty_jsonl, empty_parquet):
        with pytest.raises(InputError) as caught:
            load_corpus(path)
        messages.append(caught.value.message)
        assert main(["score", str(path), "--out", str(tmp_path / path.stem / path.suffix[1:])]) == 2
        assert f"mediakit: error: {path}: is empty (no records)" in capsys.readouterr().err
    assert messages[0] == messages[1]


# --- an article with no words is rejected, never scored as zeros ---------------------------

NO_WORDS = ['[embedpost slug="/world/1234"]', "<p></p><br/>", "... !!! --- ???"]


def test_articles_without_words_are_rejected_not_scored_as_zeros(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    records = [{"id": "ok", "text": TEXTS[0]}] + [{"id": f"empty{i}", "text": t} for i, t in enumerate(NO_WORDS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    tables, counts = score_cli(path, tmp_path / "out", capsys)
    assert counts == {"read": len(records), "scored": 1, "rejected": 3}
    assert (tables["articles"]["words"] > 0).all()
    assert set(tables["rejected"]["field"]) == {"text"}
    assert all("no words" in r for r in tables["rejected"]["reason"])


def test_a_single_article_without_words_is_an_error(write):
    with pytest.raises(InputError, match="no words") as caught:
        load_article(write("only-shortcode.txt", NO_WORDS[0] + "\n"))
    assert caught.value.field == "text"


def test_iter_corpus_streams_rejections_for_hostile_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "\\u0000 a NUL"}\n' + json.dumps({"text": TEXTS[0]}) + "\n", encoding="utf-8")
    items = list(iter_corpus(path))
    assert [isinstance(i, Article) for i in items] == [False, True]
    assert "U+0000" in items[0]["reason"] and items[0]["field"] == "text"
