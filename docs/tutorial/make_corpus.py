"""Write ``corpus.jsonl``: the tutorial's tiny corpus, written for mediakit's documentation
(CC0: no rights reserved). Three invented outlets report the same four invented events; the
Daily Clarion words them with more heat, the Ledger plainly. No text of any dataset.

It also writes the kit's packaged sample article, ``analysis/samples/article.json`` (one of the
corpus's records: the report notebooks' default; the sample corpus is this file, linked)."""

import json
from pathlib import Path

EVENTS = {
    "budget": {
        "The Ledger": ("Parliament passes budget after long session",
                       "Lawmakers approved the spending plan on Thursday by 212 votes to 198. "
                       "Finance Minister Tom Reed said the plan would reduce the deficit within two years. "
                       "\"We have made careful choices,\" Reed said. The opposition voted against it."),
        "Daily Clarion": ("Budget rammed through in midnight sham",
                          "The government rammed its disastrous budget through parliament in a shameful midnight vote. "
                          "\"This budget is a betrayal of every struggling family,\" said Maria Lopez, the opposition's finance spokeswoman. "
                          "Critics slammed the reckless cuts as an assault on pensioners."),
        "Morning Post": ("Budget approved after tense debate",
                         "Parliament approved the budget after a tense debate that ran past midnight. "
                         "Maria Lopez said the plan hurt families, while Tom Reed insisted pensions were protected. "
                         "Economists described the growth forecasts as optimistic."),
    },
    "wildfire": {
        "The Ledger": ("Wildfire forces evacuation of coastal towns",
                       "A wildfire forced thousands of residents to leave three coastal towns on Saturday. "
                       "Officials said 40 homes were destroyed and two firefighters were injured. "
                       "The governor asked the national government for more aircraft."),
        "Daily Clarion": ("Inferno devastates towns as officials dither",
                          "A deadly inferno devastated coastal towns while bungling officials dithered. "
                          "\"We lost everything,\" said Ana Costa, who fled with her dog. "
                          "Furious residents blasted the government's shocking failure to prepare."),
        "Morning Post": ("Thousands flee as wildfire spreads",
                         "Thousands fled their homes as a wildfire spread along the coast. "
                         "\"The fire came so fast,\" said Ana Costa. "
                         "The fire service expected the winds to ease by Monday."),
    },
    "rates": {
        "The Ledger": ("Central bank holds interest rates",
                       "The central bank kept its main interest rate unchanged on Wednesday. "
                       "Governor Elena Park said inflation was falling more slowly than expected. "
                       "Markets had expected the decision."),
        "Daily Clarion": ("Bank chief leaves families to suffer",
                          "The central bank's stubborn governor left struggling families to suffer another month of crushing rates. "
                          "Elena Park admitted inflation was stuck. "
                          "Angry homeowners denounced the decision as a disgrace."),
        "Morning Post": ("Rates on hold as inflation lingers",
                         "The central bank held rates as inflation lingered above its target. "
                         "Elena Park said the bank would be patient. "
                         "Some economists warned that a slowdown could follow."),
    },
    "strike": {
        "The Ledger": ("Rail workers begin two-day strike",
                       "Rail workers began a two-day strike on Monday over pay and working hours. "
                       "The union said talks with the operator had stalled. "
                       "The operator said it would run a reduced timetable."),
        "Daily Clarion": ("Union militants hold commuters hostage",
                          "Militant union bosses held millions of commuters hostage with a crippling rail strike. "
                          "\"This chaos is outrageous,\" said one furious passenger. "
                          "Ministers condemned the union's extreme demands."),
        "Morning Post": ("Rail strike disrupts commuters",
                         "A rail strike disrupted journeys for commuters on Monday. "
                         "The union said its members had been left with no choice. "
                         "The operator called for a return to talks."),
    },
}


#: The record that is also the packaged sample article.
SAMPLE_ARTICLE = "wildfire-daily-clarion"


def main() -> Path:
    out = Path(__file__).with_name("corpus.jsonl")
    with out.open("w", encoding="utf-8") as file:
        for event, stories in EVENTS.items():
            for outlet, (title, body) in stories.items():
                record = {"id": f"{event}-{outlet.lower().replace(' ', '-')}", "outlet": outlet, "event": event,
                          "published": "2026-03-0" + str(list(EVENTS).index(event) + 1), "title": title,
                          "text": f"{title}\n\n{body}\n"}
                file.write(json.dumps(record, ensure_ascii=False) + "\n")
                if record["id"] == SAMPLE_ARTICLE:
                    sample = Path(__file__).resolve().parents[2] / "analysis" / "samples" / "article.json"
                    sample.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(main())
