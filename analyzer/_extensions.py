"""Every custom attribute the geoclaims components put on spaCy objects, declared in one place.

`register()` is idempotent and is called by each component's factory, so the attributes exist
whichever way a pipeline is built (``analyzer.load()``, ``nlp.add_pipe("geo_quantities")``,
``spacy.load`` of a saved pipeline).
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any

import srsly
from spacy.tokens import Doc, Span

_TAG = "__geoclaims__"

# name -> default. Metadata of the document travels on the Doc so that every stage can read it.
DOC_ATTRIBUTES = {
    "doc_id": None,  # str: the caller's id, or a stable hash of the text (see analyzer.claims.table)
    "published": None,  # str YYYY-MM-DD: resolves relative periods ("last year")
    "title": None,
    "url": None,
    "original_text": None,  # str: the text as given (analyzer.parse_text); None for a Doc another tokenizer made
    "language": None,  # ISO 639-1 code ("en", "fr") or "und", from analyzer.language.detect on the raw text
    "quantities": None,  # list[analyzer.quantities.Quantity]: every numeric mention
    "statements": None,  # list[analyzer.attribution.Statement]: attribution of each sentence
    "claims": None,  # list[analyzer.claims.Claim]: the claim-table rows of this document
    "entity_mentions": None,  # dict canonical name -> mentions in the document (salience), set by geo_entities
    "entity_stance": None,  # dict canonical name -> favor/against/neutral over the document, set by geo_attribution
}
SPAN_ATTRIBUTES = {
    # entity spans (doc.ents) linked by geo_entities
    "canonical": None,  # canonical name ("Vladimir Putin"), or None when the mention is not linked
    "entity_id": None,  # gazetteer id ("person:vladimir-putin", "AZ"), or None
    "kind": None,  # gazetteer kind: country, city, person, organization, project, region, territory
    "country": None,  # ISO 3166 code of the country the entity is or belongs to ("AZ" for Baku), or None
    # the name the text gives the mention in full: the canonical name when linked; for an unlinked surname or
    # acronym, the full name or long form the same text uses for it ("Vaishnaw" -> "Ashwini Vaishnaw"); else None
    "name": None,
}


def register() -> None:
    """Declare the Doc and Span attributes, and teach msgpack the records stored in them so that a
    Doc survives ``to_bytes``/``from_bytes`` and ``nlp.pipe(n_process=...)`` (safe to call again)."""
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_ATTRIBUTES.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if "geoclaims" not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register("geoclaims", func=_encode)
        srsly.msgpack_decoders.register("geoclaims", func=_decode)


def _record_types() -> dict[str, type]:
    from .attribution.model import Statement
    from .claims.model import Claim
    from .quantities.model import Quantity

    return {"Quantity": Quantity, "Statement": Statement, "Claim": Claim}


def _encode(obj: Any, chain: Any = None) -> Any:
    """msgpack encoder: a geoclaims record as a tagged dict of its fields."""
    kind = type(obj).__name__
    if kind in ("Quantity", "Statement", "Claim") and type(obj) is _record_types()[kind]:
        return {_TAG: kind, "fields": {f.name: getattr(obj, f.name) for f in fields(obj)}}  # type: ignore[arg-type]
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    """msgpack decoder: the inverse of `_encode`."""
    if isinstance(obj, dict) and _TAG in obj:
        return _record_types()[obj[_TAG]](**obj["fields"])
    return obj if chain is None else chain(obj)
