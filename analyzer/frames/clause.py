"""Where a figure sits in its clause: the verb that carries it and that clause's subject, read from the
dependency parse (shared by the frame fields)."""
from __future__ import annotations

from spacy.tokens import Token

from .._resources import word_lists
from ..quantities.model import Quantity
from ..text import is_dateline
from ..tree import MAX_HOPS, first_up, kids
from .context import FrameContext

WORDS = word_lists("analyzer.frames")
COMPARED_UNITS = WORDS.ordered("compared_units")
EARLIER_WORDS = WORDS.ordered("earlier_words")

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
# arcs through which a clause without a subject of its own takes the subject of the clause above:
# "..., allowing for ...", "after plummeting 65%", "to reach $5 billion", "and rose 5%"
INHERITS = ("advcl", "xcomp", "conj", "pcomp", "ccomp")
RELATIVE = WORDS.words("relative_pronouns")


def carrying_verb(tok: Token, start: int = -1, end: int = -1) -> Token | None:
    """The verb whose clause the token belongs to: the first verb or auxiliary above it (itself if it is one),
    crossing prepositions and noun heads; None in a verbless fragment or past a clause boundary of a noun
    (a relative or participle clause on a noun is the noun's, not the figure's, when the figure is above it)."""
    found = first_up(tok.doc, tok.i, start=start, end=end)
    return tok.doc[found] if found >= 0 else None


def attachment(tok: Token, verb: Token) -> Token:
    """The child of ``verb`` on the path from ``tok`` up to it (``tok`` itself when it hangs from it)."""
    cur = tok
    for _ in range(MAX_HOPS):
        if cur.head.i == verb.i or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def figure_clause(ctx: FrameContext, q: Quantity) -> tuple[Token, Token | None, Token | None]:
    """The figure's anchor, the verb that carries it (`carrying_verb`) and the anchor's arc into that verb
    (`attachment`), found once per figure for all the fields that read them."""
    key = ("figure_clause", q.start, q.end, q.anchor)
    found = ctx.memo.get(key)
    if found is None:
        anchor = ctx.doc[q.anchor]
        verb = carrying_verb(anchor, q.start, q.end)
        found = ctx.memo[key] = (anchor, verb, attachment(anchor, verb) if verb is not None else None)
    return found


def figure_top(ctx: FrameContext, q: Quantity) -> Token:
    """The figure's highest token inside it, from its anchor up (at most three arcs): the token whose arc
    leaves the figure ("300" -> "pound" of "300-pound" in "the 300-pound robot")."""
    cur = ctx.doc[q.anchor]
    for _ in range(3):
        if q.start <= cur.head.i < q.end and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur


BASELINE_PREPS = WORDS.words("baseline_preps")
COMPARE_WORDS = WORDS.words("compare_words")  # "compared with 2018", "relative to 2018"


def compares(prep: Token) -> bool:
    """Is ``prep`` a preposition of comparison: 'from' after a verb, adverb or figure ('fell 9% from November',
    'up from'; not 'data from September'), 'than', 'versus', 'against', 'compared with', 'relative to', 'on the
    previous month', 'on the year'?"""
    if prep.lower_ == "from":
        head = prep.head
        return not (head.pos_ in ("NOUN", "PROPN") and not head.like_num and not kids(head, "nummod", "quantmod"))
    if prep.lower_ == "on":  # "rose 3.5 pct on the previous month", "a rise of 16.3 pct on the year"
        obj = next(iter(kids(prep, "pobj")), None)
        return obj is not None and obj.lemma_.lower() in COMPARED_UNITS and (
            any(t.lower_ in EARLIER_WORDS for t in obj.lefts)
            or [t.lower_ for t in obj.lefts] == ["the"])
    return prep.lower_ in BASELINE_PREPS or prep.lower_ in ("with", "to") and prep.head.lemma_.lower() in COMPARE_WORDS


def own_subject(verb: Token) -> Token | None:
    """The verb's own subject (not an expletive 'there'/'it' of 'there are')."""
    for child in kids(verb, *SUBJECTS):
        if child.dep_ == "expl" or is_dateline(child):  # not "MAIDUGURI" of "MAIDUGURI, Nigeria — The leader ..."
            continue
        return child
    return None


def clause_subject(verb: Token) -> tuple[Token | None, Token]:
    """The subject of ``verb``'s clause and the verb that has it: its own, else that of the clause it hangs
    from through `INHERITS` arcs ("Tesla shares, up 57% after plummeting 65%"); a participle or relative
    clause on a noun takes that noun ("enterprises operating in ...", "the railway, which runs 826 km")."""
    cur = verb
    for _ in range(6):
        subj = own_subject(cur)
        if subj is not None:
            if cur.dep_ == "relcl" and subj.lower_ in RELATIVE and cur.head.pos_ in ("NOUN", "PROPN"):
                return cur.head, cur
            return subj, cur
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head, cur
        if cur.dep_ in INHERITS and cur.head.i != cur.i:
            head = cur.head
            if head.pos_ not in ("VERB", "AUX"):  # "after plummeting": pcomp under a preposition
                while head.dep_ in ("prep", "mark", "agent") and head.head.i != head.i:
                    head = head.head
                if head.pos_ not in ("VERB", "AUX", "ADJ", "ADV"):
                    return None, cur
            cur = head
            continue
        return None, cur
    return None, cur
