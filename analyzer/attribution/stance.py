"""Stance toward entities: favor, against or neutral toward each linked entity, for a sentence and for a
whole document, from a lexicon of cooperation and conflict words read over the parse
(``data/stance.json`` says how). A first, transparent method: it sees words, not irony or quoted
opinions, and counts an entity's own actions toward it ('Russia's aggression' is against Russia)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from .._resources import data_file, read_json, schema_file, word_lists
from ..tree import index_of, indexed

WORDS = word_lists("analyzer.attribution")
NEGATING_WORDS = WORDS.ordered("negating_words")

FAVOR, AGAINST, NEUTRAL = "favor", "against", "neutral"


@dataclass(frozen=True)
class StanceLexicon:
    raw: dict[str, Any]
    positive: frozenset[str]
    negative: frozenset[str]
    affiliation: frozenset[str]
    negators: frozenset[str]
    attached_weight: float
    unattached_weight: float
    attached_hops: int
    threshold: float

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> StanceLexicon:
        path = Path(path) if path is not None else data_file("analyzer.attribution", "stance.json")
        raw = read_json(path, schema_file("analyzer.attribution", "stance.json"))

        def words(field: str) -> frozenset[str]:
            return frozenset(w.lower() for w in raw[field])

        return cls(raw=raw, positive=words("positive"), negative=words("negative"), affiliation=words("affiliation"),
                   negators=words("negators"), attached_weight=float(raw["attached_weight"]),
                   unattached_weight=float(raw["unattached_weight"]), attached_hops=int(raw["attached_hops"]),
                   threshold=float(raw["threshold"]))

    def label(self, score: float) -> str:
        return FAVOR if score >= self.threshold else AGAINST if score <= -self.threshold else NEUTRAL


def _hops(tok: Token, ancestor: Token, limit: int) -> int | None:
    """Arcs from ``tok`` up to ``ancestor``, or None if it is not among its first ``limit`` ancestors."""
    cur, n = tok, 0
    while n < limit and cur.head.i != cur.i:
        cur, n = cur.head, n + 1
        if cur.i == ancestor.i:
            return n
    return None


def _attached(word: Token, ent: Span, lex: StanceLexicon) -> bool:
    """Are the word and the entity joined in the parse (either above the other within the hop limit)?"""
    root = ent.root
    return _hops(root, word, lex.attached_hops) is not None or _hops(word, root, 2) is not None


def _polarity(tok: Token, lex: StanceLexicon) -> int:
    lemma = tok.lemma_.lower()
    sign = 1 if lemma in lex.positive else -1 if lemma in lex.negative else 0
    if sign and any(c.lower_ in lex.negators for c in (*tok.children, *tok.head.children) if c.dep_ == "neg"
                    or c.lower_ in NEGATING_WORDS):
        sign = -sign  # "not hostile", "no pressure"
    return sign


def sentence_scores(sent: Span, lex: StanceLexicon, ents: Sequence[Span] | None = None,
                    names: Sequence[str | None] | None = None) -> dict[str, float]:
    """Canonical name -> stance score of the linked entities of one sentence (``ents``: its entity spans,
    when the caller has them; ``names``: their canonical names, when it has read them)."""
    if ents is None:
        ents = sent.ents
    linked = [(e, name) for e, name in zip(ents, [e._.canonical for e in ents] if names is None else names,
                                           strict=True) if name]
    if not linked:
        return {}
    scores = dict.fromkeys((name for _, name in linked), 0.0)
    doc = sent.doc
    lemmas = index_of(doc).column("LEMMA")
    for i in range(sent.start, sent.end):
        lemma = lemmas[i].lower()  # most words carry no stance: no Token for them
        if lemma not in lex.positive and lemma not in lex.negative and lemma not in lex.affiliation:
            continue
        tok = doc[i]
        sign = _polarity(tok, lex)
        goal = lemma in lex.affiliation
        if not sign and not goal:
            continue
        for ent, name in linked:
            if ent.start <= tok.i < ent.end:
                continue
            attached = _attached(tok, ent, lex)
            if sign:
                scores[name] += sign * (lex.attached_weight if attached else lex.unattached_weight)
            if goal and attached and ent.root.i > tok.i:
                scores[name] += lex.attached_weight  # "joining BRICS", "membership in BRICS"
    return scores


def document_stance(doc: Doc, lex: StanceLexicon,
                    by_sentence: Iterable[dict[str, float]] | None = None) -> dict[str, str]:
    """Canonical name -> favor / against / neutral over the whole document: the sum of its sentences'
    scores (``by_sentence`` when they are already computed, else `sentence_scores` of each)."""
    totals: dict[str, float] = {}
    with indexed(doc):  # the token columns read once, not once per sentence
        for scores in by_sentence if by_sentence is not None else (sentence_scores(s, lex) for s in doc.sents):
            for name, score in scores.items():
                totals[name] = totals.get(name, 0.0) + score
    return {name: lex.label(score) for name, score in totals.items()}
