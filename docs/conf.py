"""Sphinx configuration of the mediakit documentation (MyST Markdown, autodoc, napoleon).

Build: ``.venv/bin/python -m sphinx -W --keep-going -j 1 -b html docs docs/_build/html``.
Warnings (a broken internal link, a missing include, a failing tutorial cell) fail the build.
The table reference, the validation tables and the versions on the "How to cite" page are
written into ``docs/_generated/`` at build start by ``_ext/mediakit_docs.py`` from the kit's own
declarations; the tutorial is executed during the build (myst-nb).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from analysis.provenance import kit_version  # noqa: E402
from analysis.report.run import _import_fast  # noqa: E402

# myst-nb imports nbformat, which imports jsonschema: imported here first without its IRI
# grammar (about 2 s of a build, for formats no notebook schema uses), as the kit's reports do
_import_fast("jsonschema")

project = "mediakit"
author = "mediakit developers"
copyright = "mediakit developers, MIT licence"
release = version = kit_version()

extensions = [
    "myst_nb",  # MyST Markdown pages and the executed tutorial notebook
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "mediakit_docs",
]
source_suffix = {".md": "myst-nb"}
exclude_patterns = ["_build", "_generated/*.md", "**/.ipynb_checkpoints", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]


def _substitutions() -> dict[str, str]:
    """Parameters and versions the pages name, read from the code and the packaged headers
    (``{{ bias_threshold }}`` in a page), so no page types a number the code holds."""
    from analysis.lexicon import load_lexicon
    from analysis.measures import frames, highlights, loaded_language
    from analysis.measures.frames import schemes
    from analysis.compare import terms
    from analysis.validate.readers import TUNE_SHARE
    from analysis.validate.run import VADER_NEUTRAL_BAND

    lexicon = load_lexicon().provenance()
    values = {
        "kit_version": kit_version(),
        "bias_threshold": f"{loaded_language.BIAS_THRESHOLD:g}",
        "negation_window": str(loaded_language.NEGATION_WINDOW),
        "negators": ", ".join(f'"{w}"' for w in sorted(loaded_language.NEGATORS)),
        "min_words": f"{frames.MIN_WORDS:,}",
        "sentence_power": f"{frames.SENTENCE_POWER:g}",
        "supported_at": f"{highlights.SUPPORTED_AT:g}",
        "partial_at": f"{highlights.PARTIAL_AT:g}",
        "vader_band": f"{VADER_NEUTRAL_BAND:g}",
        "tune_share": str(TUNE_SHARE),
        "title_share": f"{terms.TITLE_SHARE:.0%}",
        "title_min": str(terms.TITLE_MIN),
        "own_piece": str(terms.OWN_PIECE),
    }
    values.update({f"prov_{k}": str(v) for k, v in lexicon.items()})
    for scheme in schemes():
        values.update({f"prov_{k}": str(v) for k, v in scheme.provenance().items()})
    return values


myst_substitutions = _substitutions()
myst_heading_anchors = 3

# The tutorial runs on the interpreter that builds the docs (no kernel is registered anywhere).
nb_execution_mode = "force"
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = True

nitpicky = False
smartquotes = False  # the pages show text as the kit writes it: a straight quote stays straight
html_theme = "alabaster"
html_title = f"mediakit {release}"
html_static_path = []
