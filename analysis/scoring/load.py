"""``load_scores``: a corpus's results, scored now or read back from ``mediakit score``'s folder.

The corpus and comparison reports come through here, so either input gives the same
``Scores``. What the path is (a finished run folder, an article, a corpus and its format) is
``analysis.io.inputs.resolve_input``'s decision alone.
"""

from __future__ import annotations

from analysis.errors import ParameterError
from analysis.io.inputs import SCORED, iter_records, resolve_input
from analysis.scoring.results import Scores
from analysis.scoring.run import score_path


def load_scores(path, *, format: str | None = None, lexicon=None, outlet_map=None, actors: bool = False,
                dictionaries=None) -> Scores:
    """The results for ``path``: read from a `mediakit score` folder (with the actors and
    dictionaries it was scored with, or none), else scored in memory (``actors=True``: with the
    actors tables; ``dictionaries``: one or several dictionary files, the ``dictionary`` tables).
    ``outlet_map`` (a file or mapping, ``analysis.io.outlets``) merges outlet spellings either way."""
    from analysis.io.outlets import map_outlets, read_outlet_map

    outlets = read_outlet_map(outlet_map)
    source = resolve_input(path, format)
    _check_dictionaries(source, dictionaries)
    if source.kind == SCORED:
        scores = Scores.from_folder(source.path)
        if outlets is None:
            return scores
        scores = scores.replace(articles=map_outlets(scores.articles, outlets))
        scores.manifest["outlet_map"] = outlets.source or "given as a mapping"
        return scores
    return score_path(source.path, format=source.format, lexicon=lexicon, outlet_map=outlets, actors=actors,
                      dictionaries=dictionaries)


def check_source(path, *, format: str | None = None, dictionaries=None) -> None:
    """Fail early, with a named ``InputError``, on a path ``load_scores`` could not start on:
    a missing path, a format the kit does not know, or a corpus whose first record cannot be
    reached (and ``dictionaries`` for a scored folder). Used before a report's kernel starts."""
    source = resolve_input(path, format)
    _check_dictionaries(source, dictionaries)
    if source.kind != SCORED:
        next(iter(iter_records(source)), None)


def _check_dictionaries(source, dictionaries) -> None:
    """Dictionaries are counted while a corpus is scored: a `mediakit score` folder keeps those
    it was scored with, and none can be added to it."""
    if dictionaries is not None and source.kind == SCORED:
        raise ParameterError(f"{source.path} is a folder `mediakit score` wrote: it keeps the dictionaries it was scored "
                             "with; score the corpus again with --dictionary, or give the corpus itself", field="dictionaries")
