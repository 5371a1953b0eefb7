"""Rebuild the generated gazetteers (``data/countries.csv``, ``data/first_names.txt``).

    python -m analysis.measures.actors.build_gazetteers [--faker]

``countries.csv``: ISO 3166 short names as pytz ships them (``pytz.country_names``, read from
tzdata's ``iso3166.tab``; pytz is installed with pandas), with ``FIXES`` applied, one row per
name, plus ``ALIASES``. ``first_names.txt`` (only with ``--faker``, which needs the Faker
package, MIT, not a dependency of the kit): the English first names of
``faker.providers.person.en.Provider.first_names`` (US Social Security Administration
popular names), plus ``EXTRA_FIRST_NAMES``, less the words of ``NOT_FIRST_NAMES``. The other
data files are written by hand; every file has a ``.meta.yaml`` beside it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DATA = Path(__file__).parent / "data"

#: pytz's abbreviated or parenthesised names → the name news writes.
FIXES = {
    "Antigua & Barbuda": "Antigua and Barbuda", "Samoa (American)": "American Samoa",
    "Bosnia & Herzegovina": "Bosnia and Herzegovina", "Cocos (Keeling) Islands": "Cocos Islands",
    "Congo (Dem. Rep.)": "Democratic Republic of the Congo", "Central African Rep.": "Central African Republic",
    "Congo (Rep.)": "Republic of the Congo", "Britain (UK)": "United Kingdom",
    "South Georgia & the South Sandwich Islands": "South Georgia", "Heard Island & McDonald Islands": "Heard Island",
    "St Kitts & Nevis": "Saint Kitts and Nevis", "Korea (North)": "North Korea", "Korea (South)": "South Korea",
    "St Martin (French)": "Saint Martin", "Myanmar (Burma)": "Myanmar", "St Pierre & Miquelon": "Saint Pierre and Miquelon",
    "Svalbard & Jan Mayen": "Svalbard", "Sao Tome & Principe": "Sao Tome and Principe", "St Maarten (Dutch)": "Sint Maarten",
    "Eswatini (Swaziland)": "Eswatini", "Turks & Caicos Is": "Turks and Caicos Islands",
    "French S. Terr.": "French Southern Territories", "Trinidad & Tobago": "Trinidad and Tobago",
    "Virgin Islands (UK)": "British Virgin Islands", "Virgin Islands (US)": "US Virgin Islands",
    "Wallis & Futuna": "Wallis and Futuna", "Samoa (western)": "Samoa",
}
#: Other names of a country → its canonical name.
ALIASES = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States", "USA": "United States",
    "America": "United States", "United States of America": "United States", "the United States": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "Burma": "Myanmar", "Swaziland": "Eswatini", "Ivory Coast": "Cote d'Ivoire", "Czechia": "Czech Republic",
    "Holland": "Netherlands", "the Netherlands": "Netherlands", "Vatican": "Vatican City", "UAE": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo", "Palestinian territories": "Palestine", "Gaza": "Palestine",
    "East Timor": "Timor-Leste", "Cape Verde": "Cabo Verde", "Macedonia": "North Macedonia",
}
EXTRA_FIRST_NAMES = """Vladimir Dmitry Dmitri Yuri Sergei Sergey Volodymyr Vitali Vitaly Alexei Alexey Mikhail Boris
    Nikolai Igor Oleg Andrei Andriy Viktor Ivan Yevgeny Maria Olena Xi Jinping Shinzo Fumio Narendra Rahul
    Recep Tayyip Emmanuel Angela Olaf Ursula Jens Boris Rishi Keir Justin Jacinda Benjamin Bibi Naftali Yair
    Mahmoud Ismail Bashar Hassan Ebrahim Ali Mohammed Muhammad Abdullah Salman Kim Moon Yoon Jair Luiz Inacio
    Andres Manuel Javier Nicolas Hugo Fidel Raul Enrique Felipe Vicente Jacob Cyril Nelson Kofi Antonio Joko
    Recep Viktor Giorgia Mario Silvio Pedro Mariano Jose Abiy Uhuru Paul Yoweri Barack Mitt Newt Rand Asa Rahm
    Trey Deval Lois Raul Jeb Marco Eric Mike Chuck Ted Nancy Harry Joe Bernie Hillary Donald""".split()
#: Words in the source list that are more often ordinary capitalised words than first names.
NOT_FIRST_NAMES = """China Georgia Paris London Jordan America Asia Israel India Kenya Sydney Austin Dallas Denver
    Houston Phoenix Chelsea Virginia Carolina Florida Dakota Nevada Montana Tennessee Kentucky Memphis Madison
    Cleveland Lincoln Washington Jackson Johnson Major General Will May June April August Summer Winter Autumn
    Monday Friday Sunday Christian Christmas Easter Royal King Prince Princess Duke Queen Deputy Judge Justice
    Bill Senate House Union Guy Mark Art Rich Rose Grant Hope Faith Joy Rock Gay Young Long Low Sharp Strong
    Black White Brown Green Gray Grey Golden Reading Liberty Freedom Republic Democrat Congress North South
    East West Western Eastern Central Saint Gaza Ukraine Russia France Sierra Trinity Unity Chase Sterling Marshal""".split()


def countries() -> list[tuple[str, str]]:
    import pytz

    rows = {}
    for name in pytz.country_names.values():
        name = FIXES.get(name, name)
        rows[name] = name
    rows.update(ALIASES)
    return sorted(rows.items(), key=lambda r: r[0].lower())


def first_names() -> list[str]:
    from faker.providers.person.en import Provider

    names = set(Provider.first_names) | set(EXTRA_FIRST_NAMES)
    return sorted(names - set(NOT_FIRST_NAMES))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.measures.actors.build_gazetteers")
    parser.add_argument("--faker", action="store_true", help="also rebuild first_names.txt (needs Faker)")
    args = parser.parse_args(argv)
    lines = ["name,canonical"] + [f"{n},{c}" if "," not in n + c else f'"{n}","{c}"' for n, c in countries()]
    (DATA / "countries.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.faker:
        (DATA / "first_names.txt").write_text("\n".join(first_names()) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
