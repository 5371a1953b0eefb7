"""Shared fixtures. Tests build their own inputs; ../shared/data is used only by tests marked
``shared_data``, which skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "xi-moscow-visit.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article():
    from analysis import load_article

    return load_article(SEED)


@pytest.fixture(scope="session")
def seed_scores(seed_article):
    from analysis import score_article

    return score_article(seed_article)


@pytest.fixture
def write(tmp_path):
    """write(name, content) → path; str content is written as UTF-8, bytes as they are."""

    def _write(name: str, content) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when it is not there."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (development data lives beside the checkout)")
    return path
