"""The documentation builds, offline, with the README's command, and fails on any warning; the
generated pages say what the kit's declarations say."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from analysis.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

from mediakit_docs import DTYPES  # noqa: E402  (the generator's own names)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One build for every assertion here: ``-W`` (warnings fail), a fresh environment."""
    out = tmp_path_factory.mktemp("html")
    doctrees = tmp_path_factory.mktemp("doctrees")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-j", "1", "-q", "-b", "html",
         "-d", str(doctrees), str(DOCS), str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return out


def text_of(path: Path) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_the_table_reference_names_every_column_with_its_dtype_and_meaning(site):
    page = (site / "reference" / "tables.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<section id="([^"]+)">(.*?)(?=<section id=|$)', page, re.S))
    for table in TABLES.values():
        section = sections.get(table.name.replace("_", "-"))
        assert section, f"the table reference has no section for {table.name}"
        for column in table.columns:
            row = re.search(rf"<td><p><code[^>]*><span class=\"pre\">{re.escape(column.name)}</span></code></p></td>\s*"
                            rf"<td><p>(.*?)</p></td>\s*<td><p>(.*?)</p></td>", section, re.S)
            assert row, f"{table.name}.{column.name} is not in the table reference"
            assert unescape(re.sub(r"<[^>]+>", "", row.group(1))) == DTYPES[column.dtype]
            meaning = unescape(re.sub(r"<[^>]+>", "", row.group(2)))
            assert meaning == column.meaning.replace("`", ""), f"{table.name}.{column.name}"
