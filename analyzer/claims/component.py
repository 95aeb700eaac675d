"""The ``geo_claims`` pipeline component: assembles ``Doc._.claims``, the claim-table rows, from what
the stages before it put on the Doc. This is the one place where a claim is made."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .._component import Stage
from .model import Claim


@Language.factory(
    "geo_claims",
    assigns=["doc._.claims"],
    requires=["doc._.quantities", "doc._.statements"],
    default_config={"keep_references": False},
)
def make_geo_claims(nlp: Language, name: str, keep_references: bool) -> GeoClaims:
    """The claim-table rows of a Doc. ``keep_references``: also make rows of numbers that only refer
    ('the two nations'), marked ``is_claim`` False."""
    return GeoClaims(name, keep_references=keep_references)


class GeoClaims(Stage):
    """Makes a Claim of every quantity that is a claim (not a reference like 'the two nations')."""

    def __init__(self, name: str = "geo_claims", *, keep_references: bool = False) -> None:
        super().__init__(name)
        self.keep_references = keep_references

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = [Claim.from_quantity(doc, q) for q in doc._.quantities or ()
                        if q.is_claim or self.keep_references]
        return doc
