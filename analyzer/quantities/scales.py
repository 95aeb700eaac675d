"""A figure read on a named scale: '7.1 on the Richter scale', 'a magnitude 6.2 earthquake', 'a 7.8-magnitude quake',
'-273.15 degrees on the Celsius scale', 'between 50 and 70 on the GPa scale'. The scales are in data/units.json."""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .matches import Matches
from .model import Quantity


def _scale_after(doc: Doc, q: Quantity, lex: Lexicon, found: Matches) -> tuple[str, str] | None:
    """(unit, dimension) of an 'on the <name> scale' right after the figure."""
    k = q.end
    if k + 3 >= len(doc) or doc[k].lower_ != "on" or doc[k + 1].lower_ not in ("the", "a"):
        return None
    end = next((j for j in range(k + 2, min(k + 6, len(doc))) if doc[j].lower_ == "scale"), None)
    if end is None or end == k + 2:
        return None
    name = doc[k + 2:end].text.lower()
    if name in lex.scales:
        return lex.scales[name]
    for m_end, key in found["U"].get(k + 2, ()):
        if m_end == end:
            u = lex.units[int(key)]
            return u.name, u.dimension
    return None


def read_scales(doc: Doc, quantities: list[Quantity], lex: Lexicon, found: Matches) -> None:
    magnitude = lex.scales.get("magnitude")
    for q in quantities:
        if q.kind != "number" or q.unit not in ("", "degree") or q.dimension not in ("count", "angle", "temperature"):
            continue
        scale = _scale_after(doc, q, lex, found)
        if scale is None and magnitude is not None and not q.unit:
            before = doc[q.start - 1].lower_ if q.start > 0 else ""
            k = q.end + (q.end < len(doc) and doc[q.end].text in ("-", "–"))
            after = doc[k].lower_ if k < len(doc) else ""
            if "magnitude" in (before, after):
                scale = magnitude  # "a magnitude 6.2 earthquake", "a 7.8-magnitude quake"
        if scale is None:
            continue
        unit, dimension = scale
        if unit:
            q.unit, q.dimension = unit, dimension
        elif dimension not in q.quantity_of.lower().split():  # "a magnitude 6.2 earthquake": the quake's magnitude
            q.quantity_of = f"{dimension} of {q.quantity_of}" if q.quantity_of else dimension
            q.measured = -1
