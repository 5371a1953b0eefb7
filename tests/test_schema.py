"""analysis.schema: each table declared once; the row types, the Parquet schema, the empty
tables and the README's column lists all follow the declaration."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from analysis.errors import InvariantError, ParameterError
from analysis.io.parquet import arrow_schema, to_arrow
from analysis.schema import (
    README_END,
    README_START,
    SENTENCE_SPLIT,
    SENTENCES,
    TABLES,
    SpanRow,
    markdown,
    update_readme,
)



# The column lists moved from the README to the documentation's table reference, written from
# these declarations at every docs build: tests/docs/test_docs_build.py checks that every column
# appears there with its dtype and meaning.


def test_readme_names_every_column_of_every_table():
    section = markdown()
    for table in TABLES.values():
        assert f"<code>{table.name}</code>" in section
        for column in table.columns:
            assert f"| `{column.name}` |" in section, f"{table.name}.{column.name}"
    assert "title \\| highlight \\| body" in section  # a bar in a meaning does not split the cell


def test_update_readme_rewrites_a_stale_section_and_nothing_else(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(f"# kit\n\nbefore\n\n{README_START}\n| `old` | text | gone |\n{README_END}\n\nafter\n", encoding="utf-8")
    assert update_readme(path) is True
    text = path.read_text(encoding="utf-8")
    assert text == f"# kit\n\nbefore\n\n{markdown()}\n\nafter\n"
    assert update_readme(path) is False
    path.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(ParameterError):
        update_readme(path)


def test_every_table_is_declared_once_with_a_row_type_of_its_columns():
    assert list(TABLES) == ["articles", "sentences", "spans", "quotes", "highlights", "removed", "frames", "frame_evidence",
                           "actors", "mentions", "dictionary", "dictionary_hits", "model_labels", "rejected"]
    for table in TABLES.values():
        assert len(set(table.names)) == len(table.names), table.name
        assert list(table.row._fields) == table.names, table.name
        assert all(column.meaning for column in table.columns), table.name


def test_rows_are_built_and_read_by_name():
    row = SpanRow(article_id="a", span_id=0, sentence_id=2, part="body", start=5, end=9, text="deadly",
                  term="deadly", category="violence", weight=0.6, loaded=True, precision=float("nan"),
                  in_quote=False, quote_id=None, voice="journalist", negated=False)
    assert row.loaded is True and row.sentence_id == 2 and row.quote_id is None
    with pytest.raises(TypeError):
        SpanRow(article_id="a", span_id=0)  # a row lacking columns is refused, not padded


def test_a_view_is_part_of_its_table():
    assert SENTENCE_SPLIT.names == SENTENCES.names[:len(SENTENCE_SPLIT.names)]  # score.py builds on this
    assert all(SENTENCES.dtypes[c.name] == c.dtype for c in SENTENCE_SPLIT.columns)
    with pytest.raises(InvariantError):
        SENTENCES.view("NoRow", ["article_id", "no_such_column"])


@pytest.mark.parametrize("name", list(TABLES))
def test_empty_tables_and_the_parquet_schema_follow_the_declaration(name):
    table = TABLES[name]
    empty = table.empty()
    assert list(empty.columns) == table.names and empty.empty
    for column in table.columns:
        if column.dtype != "str":
            assert str(empty[column.name].dtype) == column.dtype.rstrip("?"), column.name
    schema = arrow_schema(name)
    assert schema.names == table.names
    expected = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(), "float64?": pa.float64(),
                "bool": pa.bool_(), "str": pa.string()}
    assert [schema.field(c.name).type for c in table.columns] == [expected[c.dtype] for c in table.columns]
    assert to_arrow(name, empty).schema == schema


def test_a_table_that_strays_from_its_declaration_is_not_written():
    removed = TABLES["removed"]
    frame = pd.DataFrame([{"article_id": "a", "start": 0, "end": 3, "kind": "html_tag", "text": "<b>"}])
    assert to_arrow("removed", frame).num_rows == 1
    with pytest.raises(ParameterError, match="declared"):
        to_arrow("removed", frame[list(reversed(removed.names))])  # columns out of order
    with pytest.raises(ParameterError, match="declared"):
        to_arrow("removed", frame.assign(extra=1))  # a column nobody declared
    with pytest.raises(ParameterError, match="missing values"):
        to_arrow("removed", frame.assign(start=[None]))
    with pytest.raises(ParameterError, match="unknown table"):
        arrow_schema("no_such_table")
