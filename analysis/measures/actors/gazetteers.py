"""The word lists actor discovery reads (``data/``, each with a ``.meta.yaml`` saying where it
comes from), loaded once, and the one key names are compared by."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

#: The data files, in the order their ``version`` is reported.
FILES = ("countries.csv", "places.csv", "organisations.csv", "org_heads.txt", "demonyms.txt", "not_names.txt",
         "first_names.txt")


def actor_key(name: str) -> str:
    """How names are compared: lower case, one space, typographic apostrophes as ``'``, no
    leading "the" (the quote module's speaker key, so its speakers meet the same actors)."""
    key = " ".join(name.replace("’", "'").lower().split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True)
class Gazetteers:
    places: dict[str, str]  # key → canonical place name
    organisations: dict[str, str]  # key → canonical organisation name
    org_heads: frozenset[str]
    demonyms: frozenset[str]  # lower case
    not_names: frozenset[str]  # lower case
    first_names: frozenset[str]  # lower case
    versions: dict[str, str]


def _text(name: str) -> str:
    return (resources.files("analysis.measures.actors") / "data" / name).read_text(encoding="utf-8")


def _lines(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _text(name).splitlines() if line.strip())


def _pairs(name: str) -> dict[str, str]:
    return {actor_key(row["name"]): row["canonical"] for row in csv.DictReader(io.StringIO(_text(name)))}


@lru_cache(maxsize=1)
def gazetteers() -> Gazetteers:
    """The packaged lists (read once)."""
    versions = {name: str((yaml.safe_load(_text(name + ".meta.yaml")) or {}).get("version")) for name in FILES}
    return Gazetteers(
        places={**_pairs("countries.csv"), **_pairs("places.csv")},
        organisations=_pairs("organisations.csv"),
        org_heads=_lines("org_heads.txt"),
        demonyms=_lines("demonyms.txt"),
        not_names=_lines("not_names.txt"),
        first_names=_lines("first_names.txt"),
        versions=versions,
    )
