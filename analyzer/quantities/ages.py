"""Ages written as a bare number: the predicate of one person ('he will be 35', 'the average worker is 29', 'who
was 15 at the time') or of an age ('life expectancy for men is around 73'), and the number a person dies or retires
at ('died at 87', 'retire at 67')."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .._resources import word_lists
from .lexicon import Lexicon
from .model import Quantity

WORDS = word_lists("analyzer.quantities")

ONE_PERSON_PRONOUNS = WORDS.words("one_person_pronouns")
ONE_PERSON_NOUNS = WORDS.words("one_person_nouns")
AT_AGE_VERBS = WORDS.words("at_age_verbs")


def _one_person(tok: Token, lex: Lexicon) -> bool:
    """Is the subject ``tok`` one person: a person's name, 'he/she/I/who', a singular people noun?"""
    if tok.ent_type_ == "PERSON" or tok.lower_ in ONE_PERSON_PRONOUNS:
        return True
    if tok.tag_ != "NN":
        return False
    lemma = tok.lemma_.lower()
    return lemma in ONE_PERSON_NOUNS or f"{lemma}s" in lex.age_after_people


def predicate_ages(doc: Doc, quantities: list[Quantity], lex: Lexicon) -> None:
    for q in quantities:
        if q.unit or q.dimension != "count" or q.kind != "number" or not (q.start <= q.anchor < q.end) \
                or not q.value.is_integer() or not 0 < q.value < 120 or q.quantity_of and q.measured >= 0 \
                and doc[q.measured].dep_ not in ("nsubj", "nsubjpass"):
            continue
        tok = doc[q.anchor]
        head = tok.head
        age = False
        if tok.dep_ in ("attr", "acomp") and head.lemma_ == "be":
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and head.dep_ == "relcl":
                subj = head.head  # "the teenager, who was 15"
            age = subj is not None and (_one_person(subj, lex) or subj.lemma_.lower() in lex.age_nouns) and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)  # not "he was one of ..."
        elif tok.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_.lower() in AT_AGE_VERBS:
            age = True  # "died at 87", "Dead At 57"
        if age:
            q.unit, q.dimension = "year", "age"
