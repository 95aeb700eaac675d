"""Small helpers over the parse that several stages share."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

import numpy as np
from spacy.tokens import Doc, Span, Token

from ._resources import word_lists
from .tree import index_of

WORDS = word_lists("analyzer")

# left dependents that belong to a noun phrase's description ("Russian enterprises", "trade turnover",
# "oil and gas revenues", "short-range missiles"); determiners, possessors and numbers do not
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "advmod"})
DROP_DEPS = frozenset({"det", "poss", "case", "nummod", "quantmod", "punct", "predet", "prep", "relcl", "acl",
                       "appos"})
# "exports to Russia", "spending on drones", "the price for homes" (the parties of "between" are the subject)
WHAT_PREPS = WORDS.words("what_preps")


def original_text(doc: Doc) -> str:
    """The text the Doc was made from: ``doc.text`` is the copy the base model parsed (`analyzer.parse_text`:
    the same length, Unicode spaces as ASCII spaces, long runs of punctuation broken), so every offset of the
    Doc is an offset into this text. Every column that quotes the document reads it from here."""
    original = given_text(doc)
    return doc.text if original is None else original


def stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of ``text[start:end]`` without the white space around it."""
    raw = text[start:end]
    return start + len(raw) - len(raw.lstrip()), end - (len(raw) - len(raw.rstrip()))


def given_text(doc: Doc) -> str | None:
    """``doc._.original_text``: the text as given, or None where the Doc was parsed from it unchanged by
    another tokenizer (also a Doc of a plain spaCy pipeline, where no geoclaims component made the attribute)."""
    try:
        return doc._.original_text
    except AttributeError:
        return None


def original(item: Span | Token, text: str | None = None) -> str:
    """The original characters of a span or token (`original_text`); ``text``: that text, if the caller
    holds it (spaCy rebuilds ``doc.text`` on every access)."""
    if isinstance(item, Token):
        start, end = item.idx, item.idx + len(item)
    else:
        start, end = item.start_char, item.end_char
    return (original_text(item.doc) if text is None else text)[start:end]


def noun_phrase(head: Token, skip: Collection[int] = (), preps: Collection[str] = WHAT_PREPS) -> str:
    """The noun phrase headed by ``head`` as short text: its descriptive modifiers, the head, and a
    prepositional phrase whose preposition is in ``preps`` -- without determiners, possessors, numbers
    or the tokens in ``skip``. 'China's exports to Russia' -> 'exports to Russia'."""
    keep = _described(head, skip)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.i in skip:
                continue  # "a budget of $40 billion": the phrase is the quantity itself
            keep.add(child.i)
            if obj.dep_ == "pcomp":
                keep.add(obj.i)  # "cost of rebuilding"
            else:
                keep.update(_described(obj, skip))
            break
    keep.difference_update(skip)
    return join_tokens(head.doc, sorted(keep))


def _described(head: Token, skip: Collection[int]) -> set[int]:
    """The head and its descriptive left modifiers (with what they contain: "oil and gas revenues")."""
    keep = {head.i}
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS and child.i not in skip:
            keep.update(t.i for t in child.subtree if t.dep_ not in DROP_DEPS or t.i == child.i)
        elif child.dep_ == "poss" and child.pos_ == "NOUN" and not child.ent_type_ and child.i not in skip:
            # "the guitar's neck", "the company's revenue": a common noun's possession is part of the measure
            keep.update(t.i for t in child.subtree if t.dep_ not in DROP_DEPS or t.i == child.i or t.dep_ == "case")
    return keep


def join_tokens(doc, indices: list[int], keep_breaks: bool = False) -> str:
    """Text of the given tokens: words one space apart (a gap, a line break or a run of spaces in the text
    alike: the columns this reads describe, they do not quote); a hyphen or slash left out between two kept
    tokens it joins is put back ("blue-chip", "loan-to-value"). ``keep_breaks``: runs keep the text's own
    white space (a caller that splits at blank lines)."""
    if not indices:
        return ""
    parts: list[str] = []
    run_start = prev = indices[0]
    for i in [*indices[1:], None]:
        if i is not None and (i == prev + 1 or i == prev + 2 and doc[prev + 1].text in ("-", "–", "/")
                              and not doc[prev].whitespace_ and not doc[prev + 1].whitespace_):
            prev = i
            continue
        parts.append(doc[run_start:prev + 1].text)
        if i is not None:
            run_start = prev = i
    return " ".join((p.strip() if keep_breaks else " ".join(p.split())) for p in parts if p.strip())


def entity_name(span: Span) -> str:
    """How an entity mention reads as a name: without a leading 'the' or a possessive 's
    ('the Central Bank of Egypt's' -> 'Central Bank of Egypt')."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ == "the") and t.dep_ != "case"]
    return span.doc[tokens[0].i:tokens[-1].i + 1].text.strip() if tokens else span.text


def is_headline(sent: Span) -> bool:
    """Is the sentence written in title case ('Afghan Mother Kills 25 Taliban')? There capitals mark
    every word, so they say nothing about names, and the base model tags most words as proper nouns."""
    return headlines(sent.doc, [sent.start], sent.end)[0]


# words of more than 3 letters that title case may leave in lower case ("Kurds Fight on with Little Help from Allies")
HEADLINE_LOWER = WORDS.ordered("headline_lower")


def sentence_headlines(doc: Doc) -> dict[int, bool]:
    """`is_headline` of every sentence of ``doc``, by its first token: read once per parse (kept by the stages'
    `indexed` scopes for the next stage)."""
    idx = index_of(doc)
    found = idx.shared.get("headlines")
    if found is None:
        starts = idx.sent_starts()
        found = idx.shared["headlines"] = dict(zip(starts, headlines(doc, starts), strict=True))
    return found


def headlines(doc: Doc, starts: list[int], end: int | None = None) -> list[bool]:
    """`is_headline` of each sentence of ``doc`` starting at ``starts`` (ascending; each runs to the next, the
    last to ``end`` or the end of the Doc), read from token arrays at once: at least 3 words of more than 3
    letters, 80% of them capitalised or in capitals, and at most one in ten in lower case that title case would
    capitalise (a short statement full of names, "Says Gerald Daugherty is endorsed by the Austin
    American-Statesman", is no headline: "endorsed" is written small)."""
    if not starts:
        return []
    a = doc.to_array(["LENGTH", "IS_ALPHA", "IS_TITLE", "IS_UPPER", "LOWER", "IS_LOWER"])[starts[0]:end]
    if not len(a):
        return [False] * len(starts)
    word = (a[:, 1] == 1) & (a[:, 0] > 3)
    capital = word & ((a[:, 2] == 1) | (a[:, 3] == 1))
    at = np.asarray(starts, dtype=np.int64) - starts[0]
    words = np.add.reduceat(word.astype(np.int64), at)
    capitals = np.add.reduceat(capital.astype(np.int64), at)
    out = (words >= 3) & (capitals >= 0.8 * words)
    if out.any():  # the few title-case candidates: their words in lower case that title case would capitalise
        small = word & (a[:, 5] == 1)
        ends = [*at[1:].tolist(), len(a)]
        lower = {doc.vocab.strings.add(w) for w in HEADLINE_LOWER}
        for k in np.flatnonzero(out).tolist():
            n = sum(1 for h in a[at[k]:ends[k], 4][small[at[k]:ends[k]]].tolist() if h not in lower)
            out[k] = n <= 0.1 * words[k]
    return out.tolist()


class EntityIndex:
    """The entity spans of a Doc, read once (``doc.ents`` builds every span anew on each access, and
    ``sent.ents`` filters all of them), looked up by token range."""

    def __init__(self, doc) -> None:
        self.ents = tuple(doc.ents)
        self.starts = [e.start for e in self.ents]

    def within(self, start: int, end: int) -> tuple[Span, ...]:
        """The entities that start in tokens ``start:end``."""
        return self.ents[self.positions(start, end)]

    def positions(self, start: int, end: int) -> slice:
        """Where the entities that start in tokens ``start:end`` are in ``ents`` (to read a list aligned with it)."""
        return slice(bisect_left(self.starts, start), bisect_left(self.starts, end))


LEGAL_SUFFIXES = WORDS.words("legal_suffixes")


def name_without_suffix(span: Span) -> str:
    """The name as written without a leading 'the' and a trailing legal suffix ("Imperial Chemical
    Industries PLC" -> "Imperial Chemical Industries")."""
    toks = [t for t in span if not t.is_space]
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    while len(toks) > 1 and (toks[-1].lower_ in LEGAL_SUFFIXES or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return span.text
    return " ".join(span.doc[toks[0].i:toks[-1].i + 1].text.split())  # as written: "Omar al-Hassi", one space


DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
DATELINE_WORDS = 6  # words of a place in capitals before the one read, at most (a run of capitals is no dateline)


def is_dateline(tok: Token) -> bool:
    """Is ``tok`` the place of a news dateline ("MAIDUGURI, Nigeria — The leader ...", "BAGHDAD (Reuters) -"):
    a place name in capitals that opens its paragraph and is followed, within a few words, by a dash? Such a
    place is where the story was filed, not a subject or a speaker, whatever the parse makes of it."""
    if not tok.text.isupper() or len(tok.text) < 3 or tok.ent_type_ not in ("GPE", "LOC", ""):
        return False
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text not in (",", "("):
        return False  # "MAIDUGURI, Nigeria —", "BAGHDAD (Reuters) -"; not "NATO said ... - soon"
    k = tok.i - 1
    for _ in range(DATELINE_WORDS):
        if k < 0 or not (doc[k].text.isupper() and doc[k].is_alpha):
            break
        k -= 1  # "NEW YORK", "RIO DE JANEIRO"
    if k >= 0 and not (doc[k].is_space or "\n" in doc[k].whitespace_):
        return False
    for j in range(tok.i + 1, min(tok.i + 8, len(doc))):
        if doc[j].text in DATELINE_DASHES:
            return True
        if doc[j].is_space or doc[j].text in (".", "!", "?"):
            return False
    return False


def whole_name(ent: Span, labels: Collection[str] = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})) -> Span:
    """A named entity the model ended on a preposition, with the name that preposition leads to ('the Clinical
    Centre of the University in' + 'Leeds', 'Bank of' + 'America'), or without the preposition when no name of
    ``labels`` follows."""
    doc = ent.doc
    if len(ent) < 2 or doc[ent.end - 1].pos_ != "ADP":
        return ent
    if ent.end < len(doc) and doc[ent.end].ent_iob_ == "B" and doc[ent.end].ent_type_ in labels:
        end = ent.end + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return Span(doc, ent.start, end, label=ent.label_)
    return Span(doc, ent.start, ent.end - 1, label=ent.label_, kb_id=ent.kb_id)
