"""Realistic news text for the benchmarks, built at run time.

Sources, in order: the seed article (``seeds/xi-moscow-visit.txt``); a few wire-style
articles written for these benchmarks (below: quotes, attributions, highlights, a CMS
shortcode); and, when ``../shared/data/basil-dev`` is beside the checkout, the BASIL article
texts, read here and never written anywhere but the temporary corpus the benchmark makes.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "data" / "basil-dev" / "articles"

WIRE = [
    """Parliament passes budget after marathon session
- Lawmakers approved the spending plan by a narrow margin.
- The opposition called the vote a sham.
Lawmakers approved the government's spending plan late on Thursday after a marathon session that stretched past midnight, handing the prime minister a narrow but badly needed victory.

The opposition slammed the vote as a sham. "This budget is a betrayal of every family struggling with rising prices," said Maria Lopez, the party's finance spokeswoman. "They rammed it through in the dead of night."

Finance Minister Tom Reed said the plan would cut the deficit by a third within two years. He told reporters that the measures were "painful but necessary" and insisted that pensions would be protected.

According to the independent budget office, the plan relies on growth forecasts that some economists described as optimistic. Analysts warned that a slowdown could force deeper cuts next year.
""",
    """Wildfire forces thousands to flee coastal towns
Firefighters battled a fast-moving wildfire on Saturday as strong winds pushed the flames toward several coastal towns, forcing thousands of residents to evacuate.

"We lost everything," said Ana Costa, 54, standing outside a shelter in a school gymnasium. "The fire came so fast that we only had time to grab the dog."

Officials said at least 40 homes had been destroyed and two firefighters were injured. The regional governor declared a state of emergency and asked the national government for additional aircraft.

Scientists have warned that hotter, drier summers are making such fires more frequent and more intense. The fire service said it expected the winds to ease by Monday, according to a statement.
[embedpost slug="/news/2023/wildfire-live-updates/"]
""",
    """Central bank holds rates, signals patience
The central bank left interest rates unchanged on Wednesday, saying it needed more evidence that inflation was falling before it would consider cutting borrowing costs.

Governor Elena Marsh told a news conference that the bank was "not yet in a position to declare victory" over prices, which rose 4.1 percent in the year to March. Markets had largely expected the decision.

Some business groups criticised the bank for keeping rates at their highest level in 15 years. "Small firms are being crushed by the cost of credit," the chamber of commerce said in a statement.

Economists said the first cut was now likely to come in the autumn, though several cautioned that a tight labour market could keep inflation stubbornly high.
""",
    """Talks collapse as union rejects final offer
- The union said the offer fell far short of inflation.
- Strikes will resume next week.
Negotiations between the rail operator and the drivers' union collapsed on Tuesday after the union rejected what the company called its final offer, raising the prospect of renewed strikes.

The union's general secretary, Paul Grant, said the offer was "an insult to our members" and accused management of bad faith. The company said it was disappointed and that the offer was fair and affordable.

Passenger groups warned that commuters faced weeks of disruption. Transport Secretary Helen Ward urged both sides to return to the table, saying the dispute was hurting the economy.
""",
]


def basil_texts() -> list[str]:
    texts = []
    for path in sorted(glob.glob(str(BASIL / "*" / "*.json"))):
        try:
            record = json.loads(Path(path).read_text(encoding="utf-8"))
            paragraphs = [" ".join(p) for p in record.get("body-paragraphs", []) if p]
        except (OSError, ValueError, TypeError):
            continue
        if paragraphs:
            texts.append((record.get("title") or "").strip() + "\n\n" + "\n\n".join(paragraphs) + "\n")
    return texts


def news_texts() -> list[str]:
    """Every source text (seed, wire fixtures, BASIL when present)."""
    return [(ROOT / "seeds" / "xi-moscow-visit.txt").read_text(encoding="utf-8"), *WIRE, *basil_texts()]


def short_texts(texts: list[str]) -> list[str]:
    """News briefs: each text's first two blocks (headline or bullets, and the lead paragraph),
    for corpora of very many records."""
    out = []
    for text in texts:
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        out.append("\n\n".join(paragraphs[:2]).strip() + "\n")
    return out


def records(n: int, texts: list[str]):
    """``n`` JSONL-ready records cycling over ``texts``, each with its own id."""
    outlets = ["Wire", "Post", "Herald", "Times"]
    for i in range(n):
        yield {"id": f"bench-{i}", "outlet": outlets[i % len(outlets)], "published": "2023-03-17",
               "text": texts[i % len(texts)]}


def write_jsonl(path, n: int, texts: list[str]) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for record in records(n, texts):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
