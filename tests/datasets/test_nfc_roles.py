"""The NFC roles reader: what it returns and the errors it names (file, line, field)."""

from __future__ import annotations

import pytest

from analysis.datasets.nfc_roles import read_roles
from analysis.errors import InputError


def test_reads_every_line_in_order_from_a_file_or_its_folder(write):
    path = write("nfc/roles.jsonl", '{"id": 7, "entity": " farmers ", "group": "GENERALPUBLIC", "role": "victim"}\n\n'
                                    '{"id": "8", "entity": "they", "role": "villain"}\n')
    rows = read_roles(path.parent)
    assert [(r.id, r.entity, r.group, r.role, r.line) for r in rows] == [
        ("7", "farmers", "GENERALPUBLIC", "victim", 1), ("8", "they", None, "villain", 3)]


@pytest.mark.parametrize("line, field", [
    ('{"id": "1", "entity": "x", "role": "saviour"}', "role"),
    ('{"entity": "x", "role": "hero"}', "id"),
    ('{"id": "1", "entity": "  ", "role": "hero"}', "entity"),
    ('{"id": "1", "entity": "x", "group": 3, "role": "hero"}', "group"),
    ('{"id": true, "entity": "x", "role": "hero"}', "id"),
])
def test_bad_fields_are_named(write, line, field):
    path = write("roles.jsonl", '{"id": "0", "entity": "a", "role": "hero"}\n' + line + "\n")
    with pytest.raises(InputError) as error:
        read_roles(path)
    assert (error.value.file, error.value.line, error.value.field) == (str(path), 2, field)


def test_bad_json_missing_and_empty_files(write, tmp_path):
    with pytest.raises(InputError) as error:
        read_roles(write("roles.jsonl", '{"id": "0",\n'))
    assert error.value.line == 1 and "JSON" in error.value.message
    with pytest.raises(InputError, match="not a JSON object"):
        read_roles(write("r2.jsonl", "[1]\n"))
    with pytest.raises(InputError, match="no such file"):
        read_roles(tmp_path / "absent")
    with pytest.raises(InputError) as error:  # blank lines only: read_text or the reader refuses it
        read_roles(write("r3.jsonl", "\n \n\t\n"))
    assert error.value.file.endswith("r3.jsonl")
