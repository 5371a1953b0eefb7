"""Speaker resolution: canonical names, pronouns, roles and continuations."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from analysis.measures.quotes.mentions import key_word, title_split
from analysis.measures.quotes.types import Mention, Quotation, SentenceIndex
from analysis.measures.quotes.patterns import NAME_SEQ, WORD
from analysis.measures.quotes.vocabulary import ORG_HEADS, ORG_WORDS, PRONOUNS


def _speaker_key(name: str) -> str:
    key = " ".join(name.replace("’", "'").lower().split())
    return key[4:] if key.startswith("the ") else key


def _role_head(role: str) -> str:
    head = key_word(role.split()[-1]) if role.split() else ""
    return "spokesperson" if head.startswith("spokes") else head


class NameIndex:
    """Multi-word person names in the text, by token, for resolving "Ushakov" → "Yuri Ushakov".

    A surname (last token) match beats a match on another token ("Xi" → "Xi Jinping" only if no
    name ends in "Xi"); among equals the last one before the mention wins, else the first after.
    """

    def __init__(self, masked: str):
        self._masked = masked

    @cached_property
    def _by_token(self) -> dict[str, dict[int, tuple[list[int], list[str]]]]:
        """token key → rank (0: last token, 1: other token) → (positions, full names), in text
        order; built on first use, since many articles never need a name resolved."""
        by_token: dict[str, dict[int, tuple[list[int], list[str]]]] = {}
        for m in NAME_SEQ.finditer(self._masked):
            words = m.group().split()
            if len(words) < 2:  # most names found are one word, and titles only make a name shorter
                continue
            keys = [key_word(w) for w in words]
            split = title_split(keys)
            words, keys = words[split:], keys[split:]
            if len(words) < 2 or any(k in ORG_WORDS for k in keys):
                continue
            words[-1] = re.sub(r"['’]s$", "", words[-1])
            full = " ".join(words)
            for rank, key in [(0, keys[-1])] + [(1, k) for k in keys[:-1]]:
                positions, fulls = by_token.setdefault(key, {}).setdefault(rank, ([], []))
                positions.append(m.start())
                fulls.append(full)
        return by_token

    def full(self, token: str, pos: int) -> str | None:
        ranks = self._by_token.get(key_word(token))
        if not ranks:
            return None
        positions, fulls = ranks[min(ranks)]
        i = bisect_right(positions, pos - 1) - 1
        return fulls[i] if i >= 0 else fulls[0]


class _Speakers:
    """Canonical speakers seen so far, in order, with their kinds and first roles."""

    def __init__(self, names: NameIndex):
        self.names = names
        self.canonical: dict[str, str] = {}  # key → canonical name
        self.kind: dict[str, str] = {}  # canonical → person | org | unknown
        self.roles: dict[str, str] = {}  # canonical → first role given
        self.recent: dict[str, None] = {}  # distinct speakers, most recent last

    def resolve(self, mention: Mention) -> str | None:
        if mention.kind == "pronoun":
            return self._pronoun(mention.name)
        if mention.kind == "descriptor":
            return self._descriptor(mention)
        if mention.kind == "org":
            return self._org(mention.name)
        return self._person(mention)

    def note(self, speaker: str, role: str | None) -> None:
        self.recent.pop(speaker, None)
        self.recent[speaker] = None
        if role:
            self.roles.setdefault(speaker, role)

    def _register(self, name: str, kind: str) -> str:
        key = _speaker_key(name)
        if key not in self.canonical:
            self.canonical[key] = name
            self.kind[name] = kind
        return self.canonical[key]

    def _person(self, mention: Mention) -> str:
        name = " ".join(mention.name.split())
        if " " not in name:
            full = self.names.full(name, mention.start)
            if full is None:
                return self._register(name, "unknown")
            name = full
        return self._register(name, "person")

    def _org(self, name: str) -> str:
        key = _speaker_key(name)
        if key not in self.canonical:
            for known_key, known in self.canonical.items():
                if self.kind[known] == "org" and known_key.endswith(" " + key):
                    return known
        return self._register(name, "org")

    def _descriptor(self, mention: Mention) -> str | None:
        head = _role_head(mention.name)
        if head in ORG_HEADS:
            for known in reversed(self.recent):
                if self.kind.get(known) == "org" and _speaker_key(known).split()[-1] == head:
                    return known
            if mention.definite:  # "the ministry" speaks for itself
                return self._register(mention.name[0].lower() + mention.name[1:], "org")
            return None
        for known in reversed(self.recent):
            role = self.roles.get(known)
            if role and _role_head(role) == head:
                return known
        return None

    def _pronoun(self, pronoun: str) -> str | None:
        wanted = PRONOUNS[pronoun]
        if wanted == "any":
            return next(reversed(self.recent), None)
        for kinds in ((wanted,), (wanted, "unknown"), ("person", "org", "unknown")):
            for known in reversed(self.recent):
                if self.kind.get(known) in kinds:
                    return known
        return None


def anchor_end(row: Quotation, sents: SentenceIndex) -> int:
    last = row.end
    if row.attribution is not None:
        last = max(last, row.attribution.verb_end or 0, row.attribution.mention.end if row.attribution.mention else 0)
    return max(sents.ends[sents.index(last - 1)], last)


def resolve_speakers(masked: str, rows: list[Quotation], names: NameIndex) -> None:
    """Speakers in text order: mentions, pronouns and continuations; then roles filled in."""
    speakers = _Speakers(names)
    done: list[Quotation] = []
    for row in rows:
        attribution = row.attribution
        if attribution is not None:
            row.cue = attribution.cue
            if attribution.mention is not None:
                mention = attribution.mention
                row.speaker = speakers.resolve(mention)
                row.role = mention.role
                if mention.kind == "descriptor" and row.speaker and _speaker_key(row.speaker) == _speaker_key(mention.name):
                    row.role = None  # "the ministry" is the speaker, not its role
                if mention.kind == "pronoun":
                    row.cue = "pronoun"
        elif row.kind == "direct":
            previous = _previous(done, row.start)
            if row.continues or (previous is not None and previous.speaker and _follows(masked, previous, row)):
                row.speaker, row.cue = (previous.speaker if previous else None), "continuation"
        if row.speaker:
            speakers.note(row.speaker, row.role)
        done.append(row)
    for row in rows:
        if row.speaker and not row.role:
            row.role = speakers.roles.get(row.speaker)


def _previous(done: list[Quotation], start: int) -> Quotation | None:
    for row in reversed(done):
        if row.end <= start:
            return row
    return None


def _follows(masked: str, previous: Quotation, row: Quotation) -> bool:
    """Nothing but white space and punctuation between the previous row's sentence and this one."""
    return previous.part == row.part and previous.anchor_end <= row.start and not WORD.search(masked, previous.anchor_end, row.start)
