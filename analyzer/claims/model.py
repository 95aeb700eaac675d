"""A row of the claim table, and how one is made from what the stages put on the Doc."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..attribution.model import Statement
from ..quantities.model import Quantity
from ..text import original_text, stripped
from ..tree import index_of

# A sentence longer than SENTENCE_CHARS (no real one: the longest of 400 FNC-1 test bodies, paragraphs the
# parser ran together, has 1,542) is shown in the `sentence` cell as SENTENCE_WINDOW characters around the claim.
SENTENCE_CHARS = 2_000
SENTENCE_WINDOW = 400
ELLIPSIS = "…"


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
    sentence_start: int = -1  # character offsets of the whole sentence in the document (`sentence` may be cut)
    sentence_end: int = -1
    subject: list[str] = field(default_factory=list)  # the entities the figure is about (FRAMES.md)
    # the row's place in its document by checkworthiness (1: check first); its sentence's own score
    checkworthiness_rank: int = 0
    sentence_checkworthiness: float = math.nan

    @classmethod
    def from_quantity(cls, doc: Doc, q: Quantity, text: str | None = None) -> Claim:
        """The row of quantity ``q``. ``text``: `analyzer.text.original_text` of ``doc``, if the caller has it
        (spaCy rebuilds ``doc.text`` on every access); call it inside `analyzer.tree.indexed` (the sentence is
        then read once for all its figures)."""
        doc_id, meta, mentions = _doc_fields(doc, text)
        sent_start, sent_end = sentence_bounds(doc, q.start, text)
        return cls(
            doc_id=doc_id, claim_id=f"{doc_id}:{q.start_char}-{q.end_char}", kind="quantity", text=q.text,
            start_char=q.start_char, end_char=q.end_char,
            sentence=sentence_cell(text if text is not None else original_text(doc), sent_start, sent_end, q.start_char,
                                   q.end_char),
            sentence_start=sent_start, sentence_end=sent_end,
            value=q.value, value_to=q.value_to, qualifier=q.qualifier, low=q.low, high=q.high, unit=q.unit,
            quantity_of=q.quantity_of, per=q.per, period=q.period, period_start=q.period_start,
            period_end=q.period_end, entities=list(q.entities), speaker=q.speaker, modality=q.modality,
            checkworthiness=q.checkworthiness, sentence_checkworthiness=q.sentence_checkworthiness,
            qualifier_cue=q.qualifier_cue, direction=q.direction,
            speaker_cue=q.speaker_cue,
            dimension=q.dimension, is_claim=q.is_claim, **meta,
            entity_mentions=[mentions.get(name, 0) for name in q.entities],
            entity_stance=[q.stance.get(name, "neutral") for name in q.entities], subject=list(q.subject),
        )


    @classmethod
    def from_statement(cls, doc: Doc, s: Statement, text: str | None = None) -> Claim:
        """A check-worthy sentence that states no number: the sentence is the claim. ``text``:
        `analyzer.text.original_text` of ``doc``, if the caller has it (spaCy rebuilds ``doc.text`` on every
        access)."""
        doc_id, meta, mentions = _doc_fields(doc, text)
        text = original_text(doc) if text is None else text
        start, end = stripped(text, s.start_char, s.end_char)
        sentence = sentence_cell(text, start, end, start, end)
        text = text[start:end]
        return cls(
            doc_id=doc_id, claim_id=f"{doc_id}:{start}-{end}", kind="statement", text=text,
            start_char=start, end_char=end, sentence=sentence, sentence_start=start, sentence_end=end,
            entities=list(s.entities),
            speaker=s.speaker, modality=s.modality, speaker_cue=s.speaker_cue,
            checkworthiness=s.row_checkworthiness if math.isfinite(s.row_checkworthiness) else s.checkworthiness,
            sentence_checkworthiness=s.checkworthiness,
            **meta, entity_mentions=[mentions.get(name, 0) for name in s.entities],
            entity_stance=[s.stance.get(name, "neutral") for name in s.entities],
        )


def sentence_bounds(doc: Doc, i: int, text: str | None = None) -> tuple[int, int]:
    """Character offsets of the sentence of token ``i`` in the document, without the whitespace around it
    (as ``doc[i].sent.text.strip()``), found once per sentence."""
    idx = index_of(doc)
    start, end = idx.sent_bounds(i)
    key = ("sentence_chars", start)
    found = idx.memo.get(key)
    if found is None:
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        raw = (text if text is not None else original_text(doc))[first:last]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip()) if stripped else 0
        found = idx.memo[key] = (first + lead, first + lead + len(stripped))
    return found


def sentence_cell(text: str, start: int, end: int, claim_start: int, claim_end: int,
                  longest: int = SENTENCE_CHARS, limit: int = SENTENCE_WINDOW) -> str:
    """The ``sentence`` cell of a claim at ``claim_start:claim_end`` in the sentence ``text[start:end]``: the
    whole sentence when it has at most ``longest`` characters, else ``limit`` characters of it around the
    claim (cut at spaces where one is near), with an ellipsis where it was cut. Rows of a sentence of
    thousands of figures thus stay small; ``sentence_start``/``sentence_end`` give the whole sentence."""
    if end - start <= longest:
        return text[start:end]
    room = max(0, limit - (claim_end - claim_start))
    a = max(start, min(claim_start - room // 2, end - limit))
    b = min(end, a + limit)
    if a > start:  # start after a space in the first few characters, so that no word is cut
        space = text.find(" ", a, min(a + 30, claim_start))
        a = space + 1 if space >= 0 else a
    if b < end:
        space = text.rfind(" ", max(b - 30, claim_end), b)
        b = space if space >= 0 else b
    return f"{ELLIPSIS if a > start else ''}{text[a:b].strip()}{ELLIPSIS if b < end else ''}"


def _doc_fields(doc: Doc, text: str | None) -> tuple[str, dict[str, Any], dict[str, int]]:
    """The Doc's id, metadata columns and entity mentions, which every claim of it repeats: read once per Doc
    inside an `analyzer.tree.indexed` scope (each read of a Doc extension costs a microsecond or two)."""
    idx = index_of(doc)
    found = idx.memo.get("claims.doc_fields")
    if found is None:
        found = idx.memo["claims.doc_fields"] = (doc_id_of(doc, text), _meta(doc), doc._.entity_mentions or {})
    return found


def _meta(doc: Doc) -> dict[str, str]:
    return {"title": doc._.title or "", "url": doc._.url or "", "published": str(doc._.published or ""),
            "language": doc._.language or ""}
