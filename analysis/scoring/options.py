"""What a scoring run is configured with besides its records, in one object.

``ScoringOptions`` is what every engine ships to its workers once (pickled into a local worker's
initialiser, scattered to every Dask worker) and what ``score_chunk`` reads: the loaded-language
lexicon, whether actors are found (``actors``, off by default: see ``score_articles``) and the
researcher's actor map, the thresholds (``settings``: the sentence flag's, by default the packaged
``BIAS_THRESHOLD``; ``analysis.codebook.settings``). A measure that a run can be asked for adds its setting here, once, and
its fingerprint to ``key`` (what a resumed run must share with the run it resumes) and
``provenance`` (what the manifest records); the engines, ``score_corpus`` and ``score_path``
then carry it without change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from analysis.codebook.settings import Settings, read_settings
from analysis.lexicon import Lexicon, load_lexicon
from analysis.lexicon.dictionary import Dictionary, read_dictionaries
from analysis.measures.actors.actor_map import ActorMap, read_actor_map


@dataclass(frozen=True)
class ScoringOptions:
    lexicon: Lexicon
    actors: bool = False
    actor_map: ActorMap | None = None
    dictionaries: tuple[Dictionary, ...] = ()
    models: tuple[dict, ...] = ()
    settings: Settings = Settings()

    @classmethod
    def of(cls, lexicon: Lexicon | None = None, *, actors: bool = False, actor_map=None, dictionaries=None,
           models=None, settings=None) -> "ScoringOptions":
        """The options as a caller gives them: ``lexicon`` None is the packaged one; ``actor_map``
        a path, a mapping or an ``ActorMap`` (read and validated here, before any record is
        scored). An actor map implies ``actors``. ``dictionaries``: one or several dictionary files
        (or ``Dictionary``s), read here too. ``models``: one or several trained codebook model files
        (``analysis.codebook.learn.read_models``), read and checked here too. ``settings``: a
        settings file, mapping or ``Settings`` (``analysis.codebook.settings.read_settings``)."""
        amap = read_actor_map(actor_map)
        loaded = ()
        if models:  # no model: the model code (and SciPy) is not imported, as in score_articles
            from analysis.codebook.learn import read_models

            loaded = read_models(models)
        return cls(lexicon=lexicon or load_lexicon(), actors=bool(actors or amap is not None), actor_map=amap,
                   dictionaries=read_dictionaries(dictionaries), models=loaded, settings=read_settings(settings))

    def key(self) -> dict:
        """What a resumed run must share with the run it resumes, besides input and kit version."""
        return {"lexicon_sha256": self.lexicon.sha256, "actors": self.actors, "actor_map_sha256": _actor_map_sha256(self.actor_map),
                "dictionaries_sha256": [d.sha256 for d in self.dictionaries], "models_sha256": [m["sha256"] for m in self.models],
                **self.settings.key()}

    def provenance(self) -> dict:
        record = {"actors": self.actors, "settings": self.settings.provenance()}
        if self.actor_map is not None:
            record["actor_map"] = {"file": None if self.actor_map.file is None else str(self.actor_map.file),
                                   "sha256": _actor_map_sha256(self.actor_map)}
        if self.dictionaries:
            record["dictionaries"] = [{"name": d.name, "file": d.file, "sha256": d.sha256} for d in self.dictionaries]
        if self.models:
            record["models"] = [{"name": m["name"], "file": m["file"], "sha256": m["sha256"], "labels": m["labels"], "card": m["card"]}
                                for m in self.models]
        return record


def _actor_map_sha256(amap: ActorMap | None) -> str | None:
    if amap is None:
        return None
    content = json.dumps({"names": sorted(amap.names.items()), "types": sorted(amap.types.items())}, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
