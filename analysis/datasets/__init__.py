"""The annotated and raw news datasets the kit reads, one module per dataset.

Each module holds the one reading of its dataset's files (which fields, how they are
normalised, what counts as an error), so every caller — the corpus adapters that score a
dataset, validation, the training of the target model — reads a dataset the same way:

- ``basil``: BASIL (Fan et al. 2019) articles and their lexical-bias annotations;
- ``babe``: BABE (Spinde et al. 2021) sentences labelled biased or not, with their biased words;
- ``newsmtsc``: NewsMTSC (Hamborg & Donnay 2021) targets and their sentiment.

- ``framed``: the Narrative Frames Corpus and SemEval-2023 Task 3, articles with their frames;
- ``nfc_roles``: the Narrative Frames Corpus's hero, villain and victim annotations.

None of the datasets' text is shipped with the kit. The JSONL datasets read their lines with
``json_objects``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from analysis.errors import InputError
from analysis.io.decode import read_text


def json_objects(path: Path) -> Iterator[tuple[int, dict]]:
    """``(line number, JSON object)`` for each non-blank line of a JSONL file; ``InputError``
    naming the file and line for a line that is not valid JSON or not an object."""
    for n, raw in enumerate(read_text(path).text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            raise InputError(f"is not valid JSON ({error.msg})", file=path, line=n) from error
        if not isinstance(record, dict):
            raise InputError("is not a JSON object", file=path, line=n)
        yield n, record
