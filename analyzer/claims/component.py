"""The ``geo_claims`` pipeline component: assembles ``Doc._.claims``, the claim-table rows, from what
the stages before it put on the Doc. This is the one place where a claim is made."""
from __future__ import annotations

import math

from spacy.language import Language
from spacy.tokens import Doc

from .._component import Stage
from ..language import detect
from ..parse_text import use_parse_text
from ..text import original_text
from ..tree import forget, indexed
from .model import Claim, doc_id_of


@Language.factory(
    "geo_claims",
    assigns=["doc._.claims"],
    requires=["doc._.quantities", "doc._.statements"],
    default_config={"keep_references": False, "statement_threshold": 0.5},
)
def make_geo_claims(nlp: Language, name: str, keep_references: bool, statement_threshold: float) -> GeoClaims:
    """The claim-table rows of a Doc. ``keep_references``: also make rows of numbers that only refer
    ('the two nations'), marked ``is_claim`` False. ``statement_threshold``: a sentence without a number
    whose check-worthiness reaches it becomes a ``statement`` row."""
    use_parse_text(nlp)  # the tokenizer reads Unicode spaces as spaces (analyzer.parse_text)
    return GeoClaims(name, keep_references=keep_references, statement_threshold=statement_threshold)


class GeoClaims(Stage):
    """Makes a Claim of every quantity that is a claim (not a reference like 'the two nations'), and of
    every check-worthy sentence that states no number (and has a verb: no fragment), in text order."""

    def __init__(self, name: str = "geo_claims", *, keep_references: bool = False,
                 statement_threshold: float = 0.5) -> None:
        super().__init__(name)
        self.keep_references = keep_references
        self.statement_threshold = statement_threshold

    def __call__(self, doc: Doc) -> Doc:
        quantities = [q for q in doc._.quantities or () if q.is_claim or self.keep_references]
        statements = [s for s in doc._.statements or ()
                      if s.may_be_row and s.checkworthiness >= self.statement_threshold]
        text = None
        if statements or quantities or doc._.language is None:
            text = original_text(doc)  # once: spaCy rebuilds doc.text from the tokens on every access
            doc_id_of(doc, text)
        if doc._.language is None:  # a Doc not made by analyzer.api (nlp(text) called directly)
            doc._.language = detect(text if text is not None else original_text(doc)).code
        with indexed(doc):  # each sentence's bounds found once, however many figures it has; the Doc's metadata
            claims = [Claim.from_quantity(doc, q, text) for q in quantities]  # read once for all its claims
            claims += [Claim.from_statement(doc, s, text) for s in statements]
        forget(doc)  # the last stage: what the stages kept of the parse goes with it
        doc._.claims = sorted(claims, key=lambda c: (c.start_char, c.end_char))
        rank(doc._.claims)
        return doc


def rank(claims: list[Claim]) -> None:
    """Number a document's rows by check-worthiness, 1 the row to check first (ties and rows without a score
    in text order, the unscored last)."""
    def key(k: int) -> tuple[float, int]:
        score = claims[k].checkworthiness
        return (-score if math.isfinite(score) else math.inf), k

    order = sorted(range(len(claims)), key=key)
    for place, k in enumerate(order, 1):
        claims[k].checkworthiness_rank = place
