"""Word lists and tuning constants of the quote rules (see the package docstring)."""

from __future__ import annotations


#: Reporting verbs: lemma → the forms matched (lower case, whole words). Neutral verbs first,
#: then loaded ones that colour the speech they report. "-ing" forms are left out ("a
#: statement saying …" rarely introduces a quote of its own).
REPORTING_VERBS: dict[str, tuple[str, ...]] = {
    # neutral
    "say": ("say", "says", "said"),
    "tell": ("tell", "tells", "told"),
    "add": ("add", "adds", "added"),
    "state": ("state", "states", "stated"),
    "note": ("note", "notes", "noted"),
    "explain": ("explain", "explains", "explained"),
    "write": ("write", "writes", "wrote", "written"),
    "announce": ("announce", "announces", "announced"),
    "ask": ("ask", "asks", "asked"),
    "reply": ("reply", "replies", "replied"),
    "respond": ("respond", "responds", "responded"),
    "answer": ("answer", "answers", "answered"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "report": ("report", "reports", "reported"),
    "comment": ("comment", "comments", "commented"),
    "continue": ("continue", "continues", "continued"),
    "recall": ("recall", "recalls", "recalled"),
    "observe": ("observe", "observes", "observed"),
    "remark": ("remark", "remarks", "remarked"),
    "mention": ("mention", "mentions", "mentioned"),
    "point out": ("point out", "points out", "pointed out"),
    "declare": ("declare", "declares", "declared"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "tweet": ("tweet", "tweets", "tweeted"),
    "testify": ("testify", "testifies", "testified"),
    "conclude": ("conclude", "concludes", "concluded"),
    "suggest": ("suggest", "suggests", "suggested"),
    "predict": ("predict", "predicts", "predicted"),
    "promise": ("promise", "promises", "promised"),
    "pledge": ("pledge", "pledges", "pledged"),
    "urge": ("urge", "urges", "urged"),
    # loaded: the verb itself judges the speaker or the speech
    "claim": ("claim", "claims", "claimed"),
    "insist": ("insist", "insists", "insisted"),
    "admit": ("admit", "admits", "admitted"),
    "concede": ("concede", "concedes", "conceded"),
    "warn": ("warn", "warns", "warned"),
    "argue": ("argue", "argues", "argued"),
    "allege": ("allege", "alleges", "alleged"),
    "assert": ("assert", "asserts", "asserted"),
    "contend": ("contend", "contends", "contended"),
    "maintain": ("maintain", "maintains", "maintained"),
    "deny": ("deny", "denies", "denied"),
    "vow": ("vow", "vows", "vowed"),
    "boast": ("boast", "boasts", "boasted"),
    "brag": ("brag", "brags", "bragged"),
    "complain": ("complain", "complains", "complained"),
    "lament": ("lament", "laments", "lamented"),
    "stress": ("stress", "stresses", "stressed"),
    "emphasise": ("emphasise", "emphasises", "emphasised", "emphasize", "emphasizes", "emphasized"),
    "reiterate": ("reiterate", "reiterates", "reiterated"),
    "caution": ("caution", "cautions", "cautioned"),
    "threaten": ("threaten", "threatens", "threatened"),
    "demand": ("demand", "demands", "demanded"),
    "slam": ("slam", "slams", "slammed"),
    "blast": ("blast", "blasts", "blasted"),
    "charge": ("charge", "charges", "charged"),
    "retort": ("retort", "retorts", "retorted"),
    "counter": ("counter", "counters", "countered"),
    "scoff": ("scoff", "scoffs", "scoffed"),
    "quip": ("quip", "quips", "quipped"),
    "joke": ("joke", "jokes", "joked"),
    "snap": ("snap", "snaps", "snapped"),
    "fume": ("fume", "fumes", "fumed"),
    "shout": ("shout", "shouts", "shouted"),
    "exclaim": ("exclaim", "exclaims", "exclaimed"),
}
#: Verbs whose reported clause may come without "that" ("Smith said the bill would pass"). Any
#: other verb needs the "that", possibly after an addressee ("told reporters that …").
ZERO_THAT_VERBS = frozenset({"say", "claim", "insist", "argue", "add", "state", "admit", "concede", "stress", "predict"})

#: Scare quotes: at most this many words, and no reporting verb within this many words.
SCARE_MAX_WORDS = 4
SCARE_VERB_WINDOW = 6
#: How far after a closing mark the attribution is looked for (characters), and how many
#: reporting verbs in that stretch are tried ("state media reported": "state" is no verb here).
TAIL_CHARS = 200
TAIL_VERBS = 3
#: Longest speaker phrase considered before a verb, and longest "X said." tail (characters).
SUBJECT_CHARS = 160
SHORT_TAIL_CHARS = 120

#: Words allowed between a speaker and the verb ("Ushakov also stated", "he has repeatedly said");
#: any lower-case word ending in "-ly" is allowed too.
LINKING = (
    "also later then further again previously earlier once recently reportedly publicly repeatedly "
    "has have had was were is are would will did does do not never just already often first last "
    "yesterday today tonight"
).split()
#: Words that may follow a reporting verb before "that" only if they are not these (which
#: start a clause of their own: "said it was clear that …").
NOT_BEFORE_THAT = frozenset("it he she they we i there is was were are will would has have had can could".split())
#: Finite-clause markers for reported speech without "that".
AUXILIARIES = frozenset(
    """will would shall should can could may might must is are was were has have had do does did
    be been won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't haven't hadn't don't
    doesn't didn't""".split()
)
#: Words that cannot open such a clause (prepositions: "said on Friday …", "added in May").
CLAUSE_BLOCKERS = frozenset(
    """on in at by for with to from during after before about over under into of as than so
    that""".split()
)

#: Titles stripped from the front of a person's name into the role (lower case, no dots).
TITLES = frozenset(
    """president vice prime minister foreign secretary senator sen rep representative congressman
    congresswoman gov governor mayor chancellor premier king queen prince princess emperor pope
    cardinal archbishop bishop rabbi imam judge justice ambassador envoy general gen colonel col
    lieutenant lt sergeant sgt captain capt admiral adm major maj commander cmdr marshal mr mrs ms
    miss mx dr prof professor sir dame lord lady rev reverend chairman chairwoman chairperson chair
    ceo cfo coo cto founder director chief deputy spokesman spokeswoman spokesperson leader
    commissioner coach speaker attorney defense defence interior finance home trade health economy
    state treasury former acting interim first senior assistant undersecretary sheikh""".split()
)
#: Courtesy titles: stripped from names but not a role.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx"})
#: A name with one of these words (lower case, possessive removed) is an organisation.
ORG_WORDS = frozenset(
    """ministry kremlin government department agency office council committee commission party
    parliament senate congress house court army navy police union association institute foundation
    university college company corporation corp inc ltd llc plc group bank fund organization
    organisation embassy administration cabinet bureau service authority authorities news times post
    journal press network media daily center centre church federation league alliance pentagon duma
    assembly board club coalition movement front tass reuters xinhua nato""".split()
)
#: Head nouns of a bare descriptor ("a senior official", "the ministry"), singular and plural.
ROLE_NOUNS = frozenset(
    """spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople spokespersons official
    officials minister ministers president presidents leader leaders advisor advisors adviser advisers
    aide aides analyst analysts expert experts source sources diplomat diplomats lawmaker lawmakers
    senator senators governor governors mayor secretary ambassador envoy chancellor premier general
    commander officer officers executive executives chairman chairwoman director directors head chief
    resident residents witness witnesses observer observers critic critics negotiator negotiators
    prosecutor prosecutors lawyer lawyers attorney attorneys judge investigator investigators economist
    economists researcher researchers scientist scientists activist activists protester protesters
    campaigner campaigners supporter supporters opponent opponents representative representatives
    authorities police ministry government department agency company firm embassy office
    administration military army council committee commission party parliament court statement
    report reports media newspaper outlet broadcaster television""".split()
)
#: Descriptor heads that name an organisation ("the ministry said" → the ministry speaks).
ORG_HEADS = frozenset(
    """authorities police ministry government department agency company firm embassy office
    administration military army council committee commission party parliament court media
    newspaper outlet broadcaster television""".split()
)
#: Capitalised words that do not start a name (sentence openers, days, months).
STOP_CAPS = (
    "The A An According In On At By For From To With Without Of And But Or So Yet If When While "
    "Where As After Before Since Until Although Though Because However Meanwhile Also Then Now "
    "Later Earlier Still This That These Those There Here It He She They We I You His Her Its Their "
    "Our My Your What Why How Who Which Speaking Asked Last Next Yesterday Today Tomorrow Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March July September "
    "October November December"
).split()
#: Words that cannot be part of a descriptor in front of a name.
FUNCTION_WORDS = (
    "from in on at by with to and or but that which who whom whose when where if is was were are be "
    "been being will would has have had not this these those it he she they we i you said says told "
    "also then than as after before while because since although"
).split()
#: Name particles ("Ministry of Foreign Affairs", "Ursula von der Leyen").
CONNECTORS = "of for de da di del della van von der den bin ibn al la le du dos das".split()
PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "org"}
