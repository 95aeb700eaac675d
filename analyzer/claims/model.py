"""A row of the claim table, and how one is made from what the stages put on the Doc."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..attribution.model import Statement
from ..quantities.model import Quantity
from ..text import original, original_text


def text_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its BLAKE2b hash."""
    return hashlib.blake2b(text.encode("utf8", "surrogatepass"), digest_size=8).hexdigest()


def doc_id_of(doc: Doc, text: str | None = None) -> str:
    """The document's id: the one it was given, else a stable hash of its text (set on the Doc). Pass
    ``text`` when you hold `analyzer.text.original_text` of it (the text the Doc was made from, whose hash
    this is)."""
    if not doc._.doc_id:
        doc._.doc_id = text_id(original_text(doc) if text is None else text)
    return str(doc._.doc_id)


@dataclass
class Claim:
    """One claim: the columns of the claim table (see DESIGN.md), in order."""

    doc_id: str
    claim_id: str
    kind: str  # quantity | statement
    text: str
    start_char: int
    end_char: int
    sentence: str
    value: float = math.nan
    value_to: float = math.nan
    qualifier: str = ""
    low: float = math.nan
    high: float = math.nan
    unit: str = ""
    quantity_of: str = ""
    per: str = ""
    period: str = ""
    period_start: str = ""
    period_end: str = ""
    entities: list[str] = field(default_factory=list)
    speaker: str = "author"
    modality: str = "asserted"
    checkworthiness: float = math.nan
    # added columns (the contract grows, never renames)
    qualifier_cue: str = ""
    direction: str = ""
    speaker_cue: str = ""
    dimension: str = ""
    is_claim: bool = True
    title: str = ""
    url: str = ""
    published: str = ""
    entity_mentions: list[int] = field(default_factory=list)  # per name in `entities`: its mentions in the document
    entity_stance: list[str] = field(default_factory=list)  # per name in `entities`: favor/against/neutral
    language: str = ""  # the document's language as detected: "en", another ISO 639-1 code, or "und"

    @classmethod
    def from_quantity(cls, doc: Doc, q: Quantity, text: str | None = None) -> Claim:
        """The row of a quantity; ``text``: `analyzer.text.original_text` of ``doc``, if the caller has it."""
        doc_id = doc_id_of(doc, text)
        return cls(
            doc_id=doc_id, claim_id=f"{doc_id}:{q.start_char}-{q.end_char}", kind="quantity", text=q.text,
            start_char=q.start_char, end_char=q.end_char, sentence=original(doc[q.start].sent, text).strip(),
            value=q.value, value_to=q.value_to, qualifier=q.qualifier, low=q.low, high=q.high, unit=q.unit,
            quantity_of=q.quantity_of, per=q.per, period=q.period, period_start=q.period_start,
            period_end=q.period_end, entities=list(q.entities), speaker=q.speaker, modality=q.modality,
            checkworthiness=q.checkworthiness, qualifier_cue=q.qualifier_cue, direction=q.direction,
            speaker_cue=q.speaker_cue,
            dimension=q.dimension, is_claim=q.is_claim, **_meta(doc),
            entity_mentions=[(doc._.entity_mentions or {}).get(name, 0) for name in q.entities],
            entity_stance=[q.stance.get(name, "neutral") for name in q.entities],
        )


    @classmethod
    def from_statement(cls, doc: Doc, s: Statement, text: str | None = None) -> Claim:
        """A check-worthy sentence that states no number: the sentence is the claim. ``text``:
        `analyzer.text.original_text` of ``doc``, if the caller has it (spaCy rebuilds ``doc.text`` on every
        access)."""
        doc_id = doc_id_of(doc, text)
        text = original_text(doc) if text is None else text
        raw = text[s.start_char:s.end_char]
        start = s.start_char + len(raw) - len(raw.lstrip())
        end = s.end_char - (len(raw) - len(raw.rstrip()))
        text = text[start:end]
        return cls(
            doc_id=doc_id, claim_id=f"{doc_id}:{start}-{end}", kind="statement", text=text,
            start_char=start, end_char=end, sentence=text, entities=list(s.entities),
            speaker=s.speaker, modality=s.modality, checkworthiness=s.checkworthiness, speaker_cue=s.speaker_cue,
            **_meta(doc), entity_mentions=[(doc._.entity_mentions or {}).get(name, 0) for name in s.entities],
            entity_stance=[s.stance.get(name, "neutral") for name in s.entities],
        )


def _meta(doc: Doc) -> dict[str, str]:
    return {"title": doc._.title or "", "url": doc._.url or "", "published": str(doc._.published or ""),
            "language": doc._.language or ""}
