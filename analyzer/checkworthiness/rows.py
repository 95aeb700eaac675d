"""Which rows of a document to check first: a score for each claim-table row (a figure, or a sentence that
states no number), from its sentence's check-worthiness and what the row itself is.

The sentence model (`component.py`) says how worth checking a sentence is; every figure of a sentence gets
that one score, so a sentence with five figures gives five equal rows ("one man" beside "$100 million"). The
row model is a logistic regression over the sentence's score and the row's own traits: what the figure
measures (money, a share, a count), whether it is a vague or small count, whether it has a subject, a period
and a named speaker, whether the document gave it before, where it stands and how prominent its entities
are. It is trained on the project's own labels of which rows a fact-checker should check first
(`bench/data/checkworthiness_rank/`) by ``models/build/train_ranker.py``; its card is
``models/checkworthiness.md``.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from ..attribution.model import Statement
from ..quantities.model import Quantity
from ..text import stripped
from ..tree import index_of

ROW_FEATURES = (
    "bias", "sentence_logit", "statement", "vague", "fraction", "currency", "ratio", "count", "time", "measure",
    "has_unit", "log_value", "small_count", "has_quantity_of", "has_subject", "has_period", "bounded", "change",
    "named_speaker", "reported", "hedged", "projected", "denied", "repeat", "first_sentences", "position",
    "prominence", "has_entities",
)
_MEASURES = frozenset({"currency", "ratio", "count", "time"})


@dataclass(frozen=True)
class Row:
    """A row to score: its kind and offsets as the claim table writes them, and what it was read from."""

    kind: str  # quantity | statement
    start_char: int
    end_char: int
    item: Quantity | Statement
    sentence_score: float


def rows_of(doc: Doc, quantities: Sequence[Quantity], statements: Sequence[Statement], text: str) -> list[Row]:
    """The rows of ``doc`` in text order: each figure with its sentence's score, and each sentence that states
    no number (the claim table keeps those whose score reaches its threshold), with the offsets the table
    gives it (`Claim.from_statement`: the sentence without its surrounding white space)."""
    out = []
    ordered = sorted(statements, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    for q in quantities:
        k = bisect_right(starts, q.start) - 1
        owner = ordered[k] if k >= 0 and q.start < ordered[k].end else None
        out.append(Row("quantity", q.start_char, q.end_char, q,
                       owner.checkworthiness if owner is not None else math.nan))
    for s in ordered:
        if not s.may_be_row:
            continue
        out.append(Row("statement", *stripped(text, s.start_char, s.end_char), s, s.checkworthiness))
    return sorted(out, key=lambda r: (r.start_char, r.end_char))


def features(doc: Doc, rows: Sequence[Row]) -> np.ndarray:
    """One vector per row, in the order of `ROW_FEATURES`."""
    sent_starts = index_of(doc).sent_starts() if rows else []  # the stage's index: read once per Doc
    n_sents = max(1, len(sent_starts))
    mentions = doc._.entity_mentions or {}
    seen: set[tuple[float, str]] = set()
    out = np.zeros((len(rows), len(ROW_FEATURES)), dtype=np.float64)
    for i, row in enumerate(rows):
        item = row.item
        sent_index = max(bisect_right(sent_starts, item.start) - 1, 0)
        names = _names(item)
        values = _traits(item, seen) | {
            "bias": 1.0,
            "sentence_logit": _logit(row.sentence_score),
            "first_sentences": float(sent_index < 3),
            "position": sent_index / n_sents,
            "prominence": math.log1p(max((mentions.get(e, 0) for e in names), default=0)) / 3,
            "has_entities": float(bool(names)),
        }
        out[i] = [values.get(name, 0.0) for name in ROW_FEATURES]
    return out


def _traits(item: Quantity | Statement, seen: set[tuple[float, str]]) -> dict[str, float]:
    """What the row itself is: for a figure, what it measures and how it is stated; for a sentence, who says
    it and how firmly."""
    common = {"named_speaker": float(item.speaker != "author"),
              **{m: float(item.modality == m) for m in ("reported", "hedged", "projected", "denied")}}
    if isinstance(item, Statement):
        return common | {"statement": 1.0}
    key = (round(item.value, 6), item.unit)
    repeat = key in seen
    seen.add(key)
    value = abs(item.value) if math.isfinite(item.value) else 0.0
    return common | {
        "vague": float(item.kind == "vague"),
        "fraction": float(item.kind == "fraction" or item.dimension == "fraction"),
        "currency": float(item.dimension == "currency"),
        "ratio": float(item.dimension == "ratio"),
        "count": float(item.dimension == "count"),
        "time": float(item.dimension == "time"),
        "measure": float(item.dimension not in _MEASURES),
        "has_unit": float(bool(item.unit)),
        "log_value": min(math.log10(value + 1), 12) / 12,
        "small_count": float(item.dimension == "count" and not item.unit and value <= 10),
        "has_quantity_of": float(bool(item.quantity_of)),
        "has_subject": float(bool(item.subject)),
        "has_period": float(bool(item.period)),
        "bounded": float(item.qualifier in ("more_than", "at_least", "less_than", "at_most", "approximately")),
        "change": float(bool(item.direction) or item.qualifier in ("increase", "decrease")),
        "repeat": float(repeat),
    }


def _names(item: Quantity | Statement) -> list[str]:
    return list(getattr(item, "subject", None) or item.entities)


def _logit(p: float) -> float:
    if not math.isfinite(p):
        return 0.0
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def scores(x: np.ndarray, coef: np.ndarray, platt: tuple[float, float]) -> np.ndarray:
    """The calibrated probability that each row is one to check first: the model's margin through the Platt
    map fitted on development articles."""
    margin = x @ coef
    a, b = platt
    return 1.0 / (1.0 + np.exp(-(a * margin + b)))
