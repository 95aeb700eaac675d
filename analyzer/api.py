"""The functions analysts call: one text in, one DataFrame out. The default pipeline is loaded once
per process and reused; pass ``nlp=`` to use your own."""
from __future__ import annotations

from typing import Any

import threading
import warnings
from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .attribution.rules import attribute_text
from .checkworthiness.features import signals
from .claims.component import rank
from .claims.model import Claim
from .claims.table import to_frame
from .core import lone_surrogate, normalize_published
from .errors import InputError
from .language import detect as detect_language
from .pieces import finish, in_pieces, parse_long, piece_limit
from .pipeline import load
from .text import entity_name, original, original_text
from .tree import indexed

_PIPELINES: dict[str, Language] = {}
_LOCK = threading.Lock()
ENTITY_COLUMNS = {"text": "string", "start_char": "int64", "end_char": "int64", "label": "string",
                  "canonical": "string", "kind": "string", "entity_id": "string", "linked": "bool",
                  "mentions": "int64", "country": "string", "stance": "string", "name": "string"}
ASSESS_COLUMNS = {"text": "string", "speaker": "string", "speaker_cue": "string", "modality": "string",
                  "checkworthiness": "float64"}
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                         "LANGUAGE"})


def get_pipeline(nlp: Language | None = None) -> Language:
    """``nlp`` if given, else the default pipeline, loaded on first use and then shared."""
    if nlp is not None:
        return nlp
    with _LOCK:
        if "" not in _PIPELINES:
            _PIPELINES[""] = load()
        return _PIPELINES[""]


def _check_text(text: object, field: str = "text") -> str:
    """``text`` as a plain str (a str subclass such as numpy's ``str_`` is converted: spaCy takes only str);
    InputError naming ``field`` for anything else."""
    if not isinstance(text, str):
        hint = "; for many texts use analyze_many" if hasattr(text, "__iter__") and not isinstance(text, bytes) \
            else "; decode bytes first" if isinstance(text, (bytes, bytearray)) else ""
        raise InputError(f"{field}: expected a str, got {type(text).__name__}{hint}")
    text = str(text)
    problem = lone_surrogate(text)
    if problem:
        raise InputError(f"{field}: {problem}")
    return text


def make_doc(nlp: Language, text: str, *, published=None, doc_id: str | None = None, title: str | None = None,
             url: str | None = None, language: str | None = None) -> Doc:
    """An unprocessed Doc for ``text`` carrying its metadata, ready for ``nlp(doc)`` or ``nlp.pipe``;
    ``language`` is detected when not given. For a text longer than `analyzer.pieces.piece_limit` use
    `parse`, which parses it in pieces."""
    text = _check_text(text)
    return _with_meta(nlp.make_doc(text), text, published, doc_id, title, url, language)


def _with_meta(doc: Doc, text: str, published, doc_id: str | None, title: str | None, url: str | None,
               language: str | None) -> Doc:
    doc._.published = normalize_published(published)
    doc._.doc_id = doc_id
    doc._.title = title
    doc._.url = url
    doc._.language = language or detect_language(text).code
    return doc


def parse(nlp: Language, text: str, *, published=None, doc_id: str | None = None, title: str | None = None,
          url: str | None = None, language: str | None = None) -> Doc:
    """``text`` through the whole pipeline, with its metadata: in one go, or, when it is longer than
    `analyzer.pieces.piece_limit` (100,000 characters) or has more than `analyzer.pieces.PIECE_TOKENS` tokens,
    parsed in pieces at paragraph boundaries and analysed as one Doc (`analyzer.pieces`), whatever
    ``nlp.max_length`` says."""
    text = _check_text(text)
    if len(text) <= piece_limit(nlp):
        doc = nlp.make_doc(text)
        if not in_pieces(nlp, text, doc):
            return nlp(_with_meta(doc, text, published, doc_id, title, url, language))
    return finish(nlp, _with_meta(parse_long(nlp, text), text, published, doc_id, title, url, language))


def _warn_if_foreign(doc: Doc, text: str) -> None:
    """A warning when ``text`` is shown to be in another language than English (the pipeline is English)."""
    if doc._.language not in ("en", "und", None):
        detection = detect_language(text)
        warnings.warn(f"geoclaims: the text looks like {detection.code!r}, not English ({detection.reason}); "
                      "the analysis of an English pipeline is unreliable there", RuntimeWarning, stacklevel=3)


def analyze(text: str, *, published: str | date | None = None, doc_id: str | None = None,
            nlp: Language | None = None) -> pd.DataFrame:
    """The claim table of one text: one row per claim, the columns of `analyzer.COLUMNS`."""
    nlp = get_pipeline(nlp)
    doc = parse(nlp, text, published=published, doc_id=doc_id)
    _warn_if_foreign(doc, text)
    return to_frame(doc._.claims)


def quantities(text: str, *, published: str | date | None = None, nlp: Language | None = None) -> pd.DataFrame:
    """Every quantity mentioned in ``text``, claim or not (``is_claim`` says which), with the claim
    table's columns."""
    nlp = get_pipeline(nlp)
    doc = parse(nlp, text, published=published)
    whole = original_text(doc)
    with indexed(doc):  # a sentence's bounds read once for all its figures
        claims = [Claim.from_quantity(doc, q, whole) for q in doc._.quantities]
    rank(claims)  # among every mention, references too
    return to_frame(claims)


def entities(text: str, *, nlp: Language | None = None) -> pd.DataFrame:
    """One row per named-entity mention: its text and offsets, label, canonical name, kind and gazetteer id.
    A mention the gazetteer cannot link keeps its label and has an empty ``canonical``, ``kind`` and
    ``entity_id`` (``linked`` is False); a lone surname of a full name earlier in the text gets that name
    and kind person, with no id. ``mentions`` is how often the entity (or the unlinked name) occurs in
    the text: its salience. ``country``: the ISO code of the country the entity is or belongs to, also for
    an unlinked named body that names one ('Canadian Parliament' -> CA). ``stance``: the document's stance
    toward the entity, favor / against / neutral (``analyzer/attribution/stance.py``)."""
    nlp = get_pipeline(nlp)
    return entity_frame(parse(nlp, text))


def display(text_or_doc: str | Doc, *, published: str | date | None = None, title: str | None = None,
            nlp: Language | None = None):
    """The document with its claims and entities highlighted, for Jupyter: the returned object renders as
    HTML (a tooltip on each highlight gives value, unit, qualifier, speaker...), and holds the tables
    behind it (``.claims``, ``.entities``). Takes a text (analysed once) or a Doc the pipeline made."""
    from .report.html import Display

    if isinstance(text_or_doc, Doc):
        doc = text_or_doc
        if doc._.claims is None:
            raise InputError("display: this Doc was not made by the geoclaims pipeline (no claims on it)")
    else:
        nlp = get_pipeline(nlp)
        doc = parse(nlp, text_or_doc, published=published, title=title)
    return Display(original_text(doc), to_frame(doc._.claims), entity_frame(doc), title=title or doc._.title)


def summarize(claims: pd.DataFrame, entities: pd.DataFrame | None = None, *, rows: int = 50):
    """A claim table (from `analyze`, `analyze_many`...) summarised for Jupyter: claims by kind, the
    check-worthy count, top entities (given the `entities` table), charts of claims per entity, of
    check-worthiness and of the years their periods fall in, and the first ``rows`` claims' key columns."""
    from .report.page import Summary

    return Summary(claims, entities, rows=rows)


def entity_frame(doc: Doc) -> pd.DataFrame:
    rows = []
    names = [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    counts: dict[str, int] = {}
    for ent in names:
        key = ent._.canonical or ent._.name or entity_name(ent)
        counts[key] = counts.get(key, 0) + 1
    text = original_text(doc)
    for ent in names:
        canonical = ent._.canonical or ""
        rows.append({"text": original(ent, text), "start_char": ent.start_char, "end_char": ent.end_char,
                     "label": ent.label_, "canonical": canonical, "kind": (ent._.kind or "") if canonical else "",
                     "entity_id": ent._.entity_id or "", "linked": ent._.entity_id is not None,
                     "mentions": counts[canonical or ent._.name or entity_name(ent)], "country": ent._.country or "",
                     "stance": (doc._.entity_stance or {}).get(canonical, "") if canonical else "",
                     "name": ent._.name or canonical or entity_name(ent)})
    return pd.DataFrame(rows, columns=list(ENTITY_COLUMNS)).astype(ENTITY_COLUMNS)


def assess(texts: str | Iterable[str], *, nlp: Language | None = None, batch_size: int = 64) -> pd.DataFrame:
    """For each text as a whole (no sentence splitting): who asserts it, how firmly, and how worth
    checking it is, by the check-worthiness mode of ``nlp`` (``analyzer.load(checkworthiness="accurate")``
    for the accurate one). One row per input text, in order."""
    nlp = get_pipeline(nlp)
    if isinstance(texts, str):
        texts = [texts]
    elif isinstance(texts, (bytes, bytearray, Mapping)) or not isinstance(texts, Iterable):
        raise InputError(f"texts: expected a str or an iterable of str, got {type(texts).__name__}")
    texts = [_check_text(t, f"texts[{i}]") for i, t in enumerate(texts)]
    for i, t in enumerate(texts):
        if len(t) > piece_limit(nlp):
            raise InputError(f"texts[{i}]: {len(t):,} characters; assess scores a statement as a whole (at most "
                             f"{piece_limit(nlp):,} characters): use analyze for a document")
    attribution: Any = nlp.get_pipe("geo_attribution")
    cues = attribution.cues
    scorer: Any = nlp.get_pipe("geo_checkworthiness")
    rows: list[dict[str, Any]] = []
    signal_rows = []
    for text, doc in zip(texts, nlp.pipe((make_doc(nlp, t) for t in texts), batch_size=batch_size), strict=True):
        a = attribute_text(doc, cues)
        rows.append({"text": text, "speaker": a.speaker, "speaker_cue": a.cue, "modality": a.modality})
        if scorer.reads_signals:
            signal_rows.append(signals(doc, doc[:], a.speaker, a.modality))
    # the mode's sentence model, once over every text (the accurate mode batches them)
    scores = scorer.score_sentences(texts, np.vstack(signal_rows) if signal_rows else None)
    for row, score in zip(rows, scores, strict=True):
        row["checkworthiness"] = round(float(score), 4)
    return pd.DataFrame(rows, columns=list(ASSESS_COLUMNS)).astype(ASSESS_COLUMNS)
