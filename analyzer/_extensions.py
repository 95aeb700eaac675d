"""Every custom attribute the geoclaims components put on spaCy objects, declared in one place.

`register()` is idempotent and is called by each component's factory, so the attributes exist
whichever way a pipeline is built (``analyzer.load()``, ``nlp.add_pipe("geo_quantities")``,
``spacy.load`` of a saved pipeline).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

# name -> default. Metadata of the document travels on the Doc so that every stage can read it.
DOC_ATTRIBUTES = {
    "doc_id": None,  # str: the caller's id, or a stable hash of the text (see analyzer.claims.table)
    "published": None,  # str YYYY-MM-DD: resolves relative periods ("last year")
    "title": None,
    "url": None,
    "quantities": None,  # list[analyzer.quantities.Quantity]: every numeric mention
    "statements": None,  # list[analyzer.attribution.Statement]: attribution of each sentence
    "claims": None,  # list[analyzer.claims.Claim]: the claim-table rows of this document
}
SPAN_ATTRIBUTES = {
    # entity spans (doc.ents) linked by geo_entities
    "canonical": None,  # canonical name ("Vladimir Putin"), or None when the mention is not linked
    "entity_id": None,  # gazetteer id ("person:vladimir-putin", "AZ"), or None
    "kind": None,  # gazetteer kind: country, city, person, organization, project, region, territory
}


def register() -> None:
    """Declare the Doc and Span attributes (safe to call any number of times)."""
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_ATTRIBUTES.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
