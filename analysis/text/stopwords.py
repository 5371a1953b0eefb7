"""The kit's stop list: the English function words that carry no content of their own.

``STOP_WORDS`` (130 words, lower case): articles, pronouns, auxiliaries, modals, prepositions,
conjunctions, negators and quantifiers, and the pieces a tokeniser leaves of contractions
("ll", "re", "ve"). Used by ``analysis.measures.highlights`` (a highlight's content words) and by
``analysis.compare.terms`` (``distinctive_terms``, which also leaves out the reporting verbs
"said" and "says").
"""

STOP_WORDS = frozenset(
    """
    a an the and or but nor so yet if then than that this these those there here
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    who whom whose which what when where why how
    is are was were be been being am do does did done doing have has had having
    will would shall should can could may might must
    of in on at by for with from to into onto upon about above below over under after before
    between through during without within against among around as up down out off
    not no all any both each few more most other some such only own same too very just also
    ll re ve
    """.split()
)
