"""Inflected forms for lexicon entries: enough English morphology to match news text.

Over-generation is harmless (a form that never occurs never matches), so where English is
ambiguous (doubling a final consonant: "slammed" but "visited") both forms are produced.
"""

from __future__ import annotations

from analysis.errors import InvariantError

_VOWELS = set("aeiou")


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant (slam, ban, admit): the final consonant may double."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS and word[-1] not in "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def verb_forms(verb: str) -> set[str]:
    """verb → {verb, 3rd person, past, -ing}: slam → slams, slammed, slamming."""
    forms = {verb}
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(verb + "es")
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
        if verb.endswith("ie"):
            forms.add(verb[:-2] + "ying")
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        forms |= {verb[:-1] + "ied", verb + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing"}
        if _cvc(verb):
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def noun_forms(noun: str) -> set[str]:
    """noun → {singular, plural}: crony → cronies, thug → thugs, crisis → crises."""
    if noun.endswith("is") and len(noun) > 3:
        return {noun, noun[:-2] + "es"}
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return {noun, noun + "es"}
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return {noun, noun[:-1] + "ies"}
    return {noun, noun + "s"}


def phrase_forms(tokens: tuple[str, ...], inflect: str) -> set[tuple[str, ...]]:
    """All token sequences an entry matches: verbs inflect their first word, nouns their last."""
    if not tokens or inflect in ("none", "adj", ""):
        return {tokens}
    if inflect == "verb":
        return {(form,) + tokens[1:] for form in verb_forms(tokens[0])}
    if inflect == "noun":
        return {tokens[:-1] + (form,) for form in noun_forms(tokens[-1])}
    raise InvariantError(f"unknown inflection {inflect!r}")
