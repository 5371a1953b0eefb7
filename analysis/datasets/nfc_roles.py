"""The Narrative Frames Corpus's narrative roles (Frermann et al., ACL 2023; MIT): the one
reading of ``roles.jsonl``.

Each line is a JSON object ``{"id", "entity", "group", "role"}``: ``id`` the article's id (as in
``articles.jsonl``, read by ``analysis.datasets.framed``), ``entity`` the entity as the annotator
wrote it (a name, a group, sometimes a pronoun), ``group`` NFC's entity category
(``GOVERNMENTS_POLITICIANS_POLIT.ORGS``, ``GENERALPUBLIC``, …) and ``role`` one of ``ROLES``.
``read_roles(path)`` (a file, or a folder holding ``roles.jsonl``) returns one ``RoleAnnotation``
per line, in file order; blank lines are skipped. A line that cannot be used (invalid JSON, not an
object, an id or entity missing or empty, a role other than hero, villain or victim) raises
``InputError`` naming the file, the line and the field, and so does a file that holds none.
The same entity may be listed twice for one article (the annotators' lines are kept as they are).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from analysis.errors import InputError
from analysis.datasets import json_objects

ROLES = ("hero", "villain", "victim")
FILE = "roles.jsonl"


class RoleAnnotation(NamedTuple):
    """One annotated entity of one article."""

    file: Path
    line: int
    id: str
    entity: str
    group: str | None
    role: str


def read_roles(path) -> list[RoleAnnotation]:
    """Every annotation of an NFC ``roles.jsonl`` (or of the one in the folder ``path``)."""
    path = Path(path)
    if path.is_dir():
        path = path / FILE
    if not path.is_file():
        raise InputError(f"no such file (expected {FILE})", file=path)
    out = []
    for n, record in json_objects(path):
        article_id = record.get("id")
        if not isinstance(article_id, (str, int)) or isinstance(article_id, bool) or str(article_id).strip() == "":
            raise InputError("missing, empty or not a string", file=path, line=n, field="id")
        entity = record.get("entity")
        if not isinstance(entity, str) or not entity.strip():
            raise InputError("missing, empty or not a string", file=path, line=n, field="entity")
        role = record.get("role")
        if role not in ROLES:
            raise InputError(f"{role!r} is not a role; roles are {', '.join(ROLES)}", file=path, line=n, field="role")
        group = record.get("group")
        if group is not None and not isinstance(group, str):
            raise InputError("not a string", file=path, line=n, field="group")
        out.append(RoleAnnotation(path, n, str(article_id), entity.strip(), group, role))
    if not out:
        raise InputError("holds no role annotations", file=path)
    return out
