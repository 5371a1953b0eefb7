"""The packaged lexicon's header names examples for each category: each must be an entry of
that category in the CSV (as matching finds it: the whole example, one entry)."""

import re

from analysis.lexicon.load import PACKAGED, packaged_lexicon


def test_every_example_the_header_names_is_an_entry_of_its_category():
    lexicon = packaged_lexicon(PACKAGED)
    categories = lexicon.entries["category"].tolist()
    checked, wrong = 0, []
    for category, text in lexicon.meta["categories"].items():
        for group in re.findall(r"\(([^()]*)\)", text):
            for example in (e.strip() for e in group.split(",")):
                found = lexicon.matcher.find(example)
                whole = len(found) == 1 and (found[0].start, found[0].end) == (0, len(example))
                if not whole or categories[found[0].entry] != category:
                    wrong.append((category, example, [categories[m.entry] for m in found]))
                checked += 1
    assert checked > 40  # every category names several
    assert wrong == []
