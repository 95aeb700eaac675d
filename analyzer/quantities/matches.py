"""What the quantities stage's phrase matchers found in a Doc, indexed once for dict lookups
(`index_matches`), and the lookups the passes make in it."""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..text import sentence_headlines

Matches = dict[str, dict[int, list[tuple[int, str]]]]


def index_matches(doc: Doc, matchers: tuple[PhraseMatcher, PhraseMatcher]) -> Matches:
    """Run the matchers once over ``doc``; returns kind (QB, QA, U, CS, CN, R) -> start -> [(end, value)],
    longest first, so every later lookup is a dict access (and UI, CSE: see below). Kind HL holds the
    title-case sentences (`text.is_headline`), where capitals say nothing about names."""
    found: Matches = {k: {} for k in ("QB", "QA", "U", "CS", "CN", "R", "HL")}
    strings = doc.vocab.strings
    for matcher in matchers:
        for match_id, start, end in matcher(doc):
            kind, _, value = strings[match_id].partition("|")
            found[kind].setdefault(start, []).append((end, value))
    if len(doc) and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        flags = sentence_headlines(doc)  # `text.is_headline` of every sentence at once
        starts = list(flags)
        for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
            if flags[start]:
                found["HL"][start] = [(end, "headline")]
    for table in found.values():
        for matches in table.values():
            matches.sort(key=lambda m: -m[0])
    # lookups built once, so that later checks are dict accesses, not scans of every match (which made long
    # documents quadratic): UI, the tokens inside a unit match (the "/" of "km/h"); CSE, the tokens where a
    # currency-symbol match ends
    found["UI"] = {k: [] for s, matches in found["U"].items() for e, _ in matches for k in range(s + 1, e)}
    found["CSE"] = {e: [] for matches in found["CS"].values() for e, _ in matches}
    return found


def in_headline(found: Matches, i: int) -> bool:
    """Is token ``i`` in a title-case sentence?"""
    return any(start <= i < matches[0][0] for start, matches in found["HL"].items())


def ends_at(table: dict[int, list[tuple[int, str]]], end: int, earliest: int = 0) -> tuple[int, str] | None:
    """The longest match in ``table`` that ends exactly at token ``end`` and starts at or after ``earliest``:
    (start, value)."""
    for start in range(max(earliest, end - 6), end):  # the earliest start is the longest match
        for m_end, value in table.get(start, ()):
            if m_end == end:
                return start, value
    return None
