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


def test_the_tutorial_ran_and_drew_the_comparison(site):
    page = text_of(site / "tutorial.html")
    records = (DOCS / "tutorial" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert f"{len(records)} read, {len(records)} scored, 0 rejected" in page
    html = (site / "tutorial.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="([^"]+\.png)"', html)
    assert images, "the tutorial shows no figure"
    assert all((site / src).stat().st_size > 10_000 for src in images)
    for outlet in ("Daily Clarion", "Morning Post", "The Ledger"):
        assert outlet in page


def test_how_to_cite_lists_every_packaged_header_version(site):
    from mediakit_docs import packaged_headers

    from analysis.provenance import kit_version

    page = text_of(site / "cite.html")
    assert f"mediakit {kit_version()}" in page
    headers = packaged_headers()
    assert any(path.endswith("loaded_language.meta.yaml") for path, _ in headers)
    for path, header in headers:
        row = re.search(re.escape(path.removesuffix(".meta.yaml")) + r"\s+(.*?)\s+" + re.escape(str(header["version"])), page)
        assert row, f"How to cite does not list {path} at version {header['version']}"


def test_every_guide_page_is_in_the_site(site):
    for page in (DOCS / "guide").glob("*.md"):
        assert (site / "guide" / f"{page.stem}.html").exists(), page.name
