"""``load_scores``: a corpus's results, scored now or read back from ``mediakit score``'s folder.

The corpus and comparison reports come through here, so either input gives the same
``Scores``. What the path is (a finished run folder, an article, a corpus and its format) is
``analysis.io.inputs.resolve_input``'s decision alone.
"""

from __future__ import annotations

from analysis.io.inputs import SCORED, iter_records, resolve_input
from analysis.scoring.results import Scores
from analysis.scoring.run import score_path


def load_scores(path, *, format: str | None = None, lexicon=None, outlet_map=None, actors: bool = False) -> Scores:
    """The results for ``path``: read from a `mediakit score` folder (with the actors it was
    scored with, or none), else scored in memory (``actors=True``: with the actors tables).
    ``outlet_map`` (a file or mapping, ``analysis.io.outlets``) merges outlet spellings either way."""
    from analysis.io.outlets import map_outlets, read_outlet_map

    outlets = read_outlet_map(outlet_map)
    source = resolve_input(path, format)
    if source.kind == SCORED:
        scores = Scores.from_folder(source.path)
        if outlets is None:
            return scores
        scores = scores.replace(articles=map_outlets(scores.articles, outlets))
        scores.manifest["outlet_map"] = outlets.source or "given as a mapping"
        return scores
    return score_path(source.path, format=source.format, lexicon=lexicon, outlet_map=outlets, actors=actors)


def check_source(path, *, format: str | None = None) -> None:
    """Fail early, with a named ``InputError``, on a path ``load_scores`` could not start on:
    a missing path, a format the kit does not know, or a corpus whose first record cannot be
    reached. Used before a report's kernel starts."""
    source = resolve_input(path, format)
    if source.kind != SCORED:
        next(iter(iter_records(source)), None)
