"""requirements.lock pins every package the kit installs, in agreement with pyproject.toml; the
provenance records its hash and points at the methods pages; CITATION.cff names this version."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis import provenance as provenance_module
from analysis.provenance import LOCK_FILE, METHODS_PAGES, PACKAGED_LOCK_FILE, lock_file_sha256, provenance

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match[1])] = match[2]
    return found


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_declared_requirement_is_pinned_at_a_version_it_allows():
    locked = pins(LOCK_FILE.read_text(encoding="utf-8"))
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is in pyproject.toml but not in requirements.lock: recompile it"
        assert requirement.specifier.contains(locked[name], prereleases=True), \
            f"requirements.lock pins {name}=={locked[name]}, which pyproject.toml's {requirement} excludes"
        for extra in requirement.extras:  # dask[distributed]: the extra's packages are pinned too
            assert extra in locked or canonicalize_name(extra) in locked, f"{requirement}: {extra} is not pinned"


def test_the_lock_names_no_top_level_package_pyproject_has_dropped():
    names = {canonicalize_name(r.name) for r in declared()}
    for line in LOCK_FILE.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match and "mediakit (pyproject.toml)" in line:
            assert canonicalize_name(match[1]) in names, f"{match[1]} is pinned as a direct dependency pyproject.toml no longer has"


def test_pins_reads_the_lock_format():
    text = "# header\nfoo-bar==1.2.3           # via mediakit (pyproject.toml)\nBaz_Qux==0.1 ; python_version >= '3'\n    # via x\n"
    assert pins(text) == {"foo-bar": "1.2.3", "baz-qux": "0.1"}


def test_the_docs_extra_is_part_of_dev():
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert set(extras["docs"]) <= set(extras["dev"])


def test_provenance_records_the_lock_files_hash_and_the_methods_pages(tmp_path):
    record = provenance()
    assert record["lock_file_sha256"] == hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()
    assert lock_file_sha256(tmp_path / "absent.lock") == "not found"
    other = tmp_path / "other.lock"
    other.write_bytes(b"x==1\n")
    assert lock_file_sha256(other) == hashlib.sha256(b"x==1\n").hexdigest()
    assert record["methods"] == METHODS_PAGES
    for page in METHODS_PAGES.values():
        text = (ROOT / page).read_text(encoding="utf-8")
        assert text.startswith("# "), page


def test_a_wheels_packaged_lock_file_is_read_before_the_checkouts(tmp_path, monkeypatch):
    # a checkout has no copy inside the package, so nothing stale shadows its lock file
    assert not PACKAGED_LOCK_FILE.exists(), f"{PACKAGED_LOCK_FILE} is a build output: delete it"
    packaged, checkout = tmp_path / "packaged.lock", tmp_path / "checkout.lock"
    checkout.write_bytes(b"b==2\n")
    monkeypatch.setattr(provenance_module, "PACKAGED_LOCK_FILE", packaged)
    monkeypatch.setattr(provenance_module, "LOCK_FILE", checkout)
    assert lock_file_sha256() == hashlib.sha256(b"b==2\n").hexdigest()  # an editable install: the checkout's
    packaged.write_bytes(b"a==1\n")
    assert lock_file_sha256() == hashlib.sha256(b"a==1\n").hexdigest()  # a wheel: the copy it carries
    checkout.unlink()
    packaged.unlink()
    assert lock_file_sha256() == "not found"


def test_citation_file_names_this_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == PYPROJECT["project"]["version"]
    assert citation["license"] == "MIT"
