"""The claim table: its columns, their dtypes, and the DataFrame built from Claims.

``sentence`` is the sentence that carries the claim, whole when it has at most 2,000 characters
(`analyzer.claims.model.SENTENCE_CHARS`); a longer one (never a real sentence: paragraphs the parser ran
together, or thousands of figures without a full stop) is shown as 400 characters around the claim
(``SENTENCE_WINDOW``) with an ellipsis where it is cut, so that the output grows with the input, not with
the figures times the sentence. ``sentence_start`` and ``sentence_end`` are the whole sentence's character
offsets in the document: ``text[sentence_start:sentence_end]`` is the sentence, cut or not.
"""
from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

import numpy as np
import pandas as pd

from .model import Claim

# column -> pandas dtype. The first 22 are the public contract of DESIGN.md; the rest were added.
COLUMNS: dict[str, str] = {
    "doc_id": "string", "claim_id": "string", "kind": "string", "text": "string",
    "start_char": "int64", "end_char": "int64", "sentence": "string",
    "value": "float64", "value_to": "float64", "qualifier": "string", "low": "float64", "high": "float64",
    "unit": "string", "quantity_of": "string", "per": "string", "period": "string",
    "period_start": "string", "period_end": "string", "entities": "object", "speaker": "string",
    "modality": "string", "checkworthiness": "float64",
    "qualifier_cue": "string", "direction": "string", "speaker_cue": "string", "dimension": "string",
    "is_claim": "bool",
    "title": "string", "url": "string", "published": "string", "entity_mentions": "object",
    "entity_stance": "object", "language": "string", "sentence_start": "int64", "sentence_end": "int64",
    "subject": "object", "checkworthiness_rank": "int64", "sentence_checkworthiness": "float64",
}
CONTRACT = list(COLUMNS)[:22]


def to_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """A DataFrame with every column of the claim table in order and fixed dtypes (also when empty).
    Built column by column in its final dtype: several times faster than converting a frame of rows."""
    claims = list(claims)
    # each claim's fields in one call (attrgetter), then the columns by transposing: a getattr per cell in Python
    # was most of the time of a table of 33,333 claims
    cells = list(zip(*map(attrgetter(*COLUMNS), claims), strict=True)) if claims else [()] * len(COLUMNS)
    data = {}
    for (name, dtype), column_cells in zip(COLUMNS.items(), cells, strict=True):
        values = list(column_cells)
        if dtype == "object":
            column = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):  # one by one: equal-length lists would broadcast into 2-D
                column[i] = list(v)
        elif dtype == "string":
            column = pd.array(values, dtype="string")
        else:
            column = np.array(values, dtype=dtype)
        data[name] = column
    return pd.DataFrame(data, copy=False)
