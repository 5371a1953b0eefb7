"""A researcher's actor map: canonical names and their aliases, from CSV or YAML, validated.

CSV: a header with ``canonical`` and ``alias`` (and optionally ``type``), one row per alias
(an alias equal to its canonical name, or empty, just declares the actor). YAML: a mapping
``{canonical: [aliases]}``, or ``{canonical: {type: person, aliases: [...]}}``. ``type`` is
person, organisation or place. A malformed entry raises ``ActorMapError`` naming the file, the
line (CSV) and the field; an alias given to two canonical names is refused.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from analysis.errors import ActorMapError
from analysis.measures.actors.gazetteers import actor_key

TYPES = ("person", "organisation", "place")


@dataclass(frozen=True)
class ActorMap:
    """``names``: every name written in the map (canonical names and aliases) → its canonical
    name; ``types``: canonical name → type, where the map gives one; ``file``: where it was read."""

    names: dict[str, str]
    types: dict[str, str]
    file: str | None = None

    @cached_property
    def by_key(self) -> dict[str, str]:
        return {actor_key(name): canonical for name, canonical in self.names.items()}

    @cached_property
    def pattern(self) -> re.Pattern:
        """The map's names as whole words, longest first (case-sensitive, as written)."""
        names = sorted(self.names, key=lambda n: (-len(n), n))
        return re.compile(r"(?<![\w'’\-])(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
                          + r")(?![\w\-])")

    def canonical(self, name: str) -> str | None:
        return self.by_key.get(actor_key(name))


def read_actor_map(actor_map) -> ActorMap | None:
    """``actor_map=`` as given: None, an ``ActorMap``, a mapping ``{canonical: [aliases]}`` or
    the path of a CSV or YAML file."""
    if actor_map is None or isinstance(actor_map, ActorMap):
        return actor_map
    if isinstance(actor_map, dict):
        return _built(list(_yaml_entries(actor_map, file=None)), file=None)
    path = Path(actor_map)
    raw = _read(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        entries = _csv_entries(raw, file=path)
    elif suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise ActorMapError(f"is not valid YAML ({getattr(error, 'problem', error)})", file=path,
                                line=None if mark is None else mark.line + 1) from None
        entries = list(_yaml_entries(data, file=path))
    else:
        raise ActorMapError("actor maps must be .csv, .yaml or .yml", file=path)
    if not entries:
        raise ActorMapError("has no entries", file=path)
    return _built(entries, file=path)


def _read(path: Path) -> str:
    if not path.is_file():
        raise ActorMapError("no such actor map file", file=path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ActorMapError("is not UTF-8 text", file=path) from error


def _csv_entries(raw: str, *, file) -> list[tuple[int | None, str, str, str | None]]:
    reader = csv.reader(io.StringIO(raw, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in ("canonical", "alias") if c not in header]
        if missing:
            raise ActorMapError(f"header lacks column {missing[0]!r}", file=file, line=1, field=missing[0])
        unknown = [c for c in header if c not in ("canonical", "alias", "type")]
        if unknown:
            raise ActorMapError(f"unknown column {unknown[0]!r}; columns are canonical, alias, type", file=file, line=1,
                                field=unknown[0])
        entries = []
        line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) != len(header):
                    raise ActorMapError(f"has {len(cells)} of the header's {len(header)} fields", file=file, line=line)
                row = dict(zip(header, (c.strip() for c in cells)))
                entries.append((line, row["canonical"], row["alias"], row.get("type") or None))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ActorMapError(f"malformed CSV ({error})", file=file, line=reader.line_num) from None
    return entries


def _yaml_entries(data, *, file):
    if not isinstance(data, dict):
        raise ActorMapError("expected a mapping of canonical names to lists of aliases", file=file)
    for canonical, value in data.items():
        kind = None
        if isinstance(value, dict):
            unknown = [k for k in value if k not in ("type", "aliases")]
            if unknown:
                raise ActorMapError(f"unknown field {unknown[0]!r} (fields: type, aliases)", file=file, field=f"{canonical}.{unknown[0]}")
            kind, value = value.get("type"), value.get("aliases") or []
        if value is None:
            value = []
        if not isinstance(value, list):
            raise ActorMapError("expected a list of aliases", file=file, field=str(canonical))
        yield None, canonical, "", kind
        for alias in value:
            yield None, canonical, alias, kind


def _built(entries, *, file) -> ActorMap:
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    where = str(file) if file is not None else None
    for line, canonical, alias, kind in entries:
        field = "canonical"
        for value, name in ((canonical, "canonical"), (alias, "alias")):
            if not isinstance(value, str):
                raise ActorMapError(f"{value!r} is not text", file=file, line=line, field=name if line else str(canonical))
        if not canonical.strip():
            raise ActorMapError("is empty", file=file, line=line, field=field)
        if kind is not None and kind not in TYPES:
            raise ActorMapError(f"{kind!r} is not one of {', '.join(TYPES)}", file=file, line=line, field="type")
        canonical = " ".join(canonical.split())
        if kind:
            if types.setdefault(canonical, kind) != kind:
                raise ActorMapError(f"{canonical!r} is given two types", file=file, line=line, field="type")
        for name in (canonical, " ".join(alias.split())):
            if not name:
                continue
            earlier = next((c for n, c in names.items() if actor_key(n) == actor_key(name)), None)
            if earlier is not None and earlier != canonical:
                raise ActorMapError(f"alias {name!r} is given to {earlier!r} and to {canonical!r}", file=file, line=line,
                                    field="alias")
            names.setdefault(name, canonical)
    return ActorMap(names=names, types=types, file=where)
