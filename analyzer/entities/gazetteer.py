"""The gazetteer: canonical entities with their aliases and adjectives, read from JSONL."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from .._resources import data_file, read_jsonl, require
from ..errors import DataFileError

KIND_LABELS = {"country": "GPE", "territory": "GPE", "city": "GPE", "region": "LOC", "organization": "ORG",
               "person": "PERSON", "project": "FAC"}
FIELDS = ("id", "canonical", "kind", "label", "aliases", "adjectives", "country", "role", "source")


@dataclass(frozen=True)
class Entity:
    """One gazetteer record."""

    id: str
    canonical: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    country: str = ""
    role: str = ""
    source: str = ""


class Gazetteer:
    """Entities by id, and the phrase matcher that finds their aliases (``A|<id>``) and adjectives
    (``J|<id>``) case-insensitively; `accepts` then applies the case rules."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        self.records = entities
        # lower-cased tokens of a surface -> the surfaces as the gazetteer writes them (filled by build_matcher)
        self.forms: dict[tuple[str, ...], set[str]] = {}

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Gazetteer:
        path = Path(path) if path is not None else data_file("analyzer.entities", "gazetteer.jsonl")
        entities = []
        seen = set()
        for n, rec in enumerate(read_jsonl(path), 1):
            where = f"{path}: record {n}"
            eid = require(rec, "id", str, where)
            if eid in seen:
                raise DataFileError(f"{where}: duplicate id {eid!r}")
            seen.add(eid)
            kind = require(rec, "kind", str, where)
            if kind not in KIND_LABELS:
                raise DataFileError(f"{where}: kind {kind!r} is not one of {', '.join(KIND_LABELS)}")
            aliases = require(rec, "aliases", list, where)
            if not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
                raise DataFileError(f"{where}: 'aliases' must be a non-empty list of names")
            entities.append(Entity(
                id=eid, canonical=require(rec, "canonical", str, where), kind=kind,
                label=rec.get("label") or KIND_LABELS[kind], aliases=tuple(aliases),
                adjectives=tuple(rec.get("adjectives") or ()), country=rec.get("country") or "",
                role=rec.get("role") or "", source=rec.get("source") or "",
            ))
        return cls(entities)

    def to_file(self, path: str | Path) -> None:
        import json

        lines = [json.dumps({"id": e.id, "canonical": e.canonical, "kind": e.kind, "label": e.label,
                             "aliases": list(e.aliases), "adjectives": list(e.adjectives), "country": e.country,
                             "role": e.role, "source": e.source}, ensure_ascii=False) for e in self.records]
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf8")

    def build_matcher(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.forms = {}
        for e in self.records:
            for key, surfaces in (("A", e.aliases), ("J", e.adjectives)):
                # "the West" is matched as "West": like the base model, mentions leave the article out
                surfaces = dict.fromkeys(s[4:] if s.startswith("the ") and len(s) > 4 else s for s in surfaces)
                docs = [nlp.make_doc(s) for s in surfaces]
                for d in docs:
                    self.forms.setdefault(tuple(t.lower_ for t in d), set()).add("".join(t.text for t in d))
                if docs:
                    matcher.add(f"{key}|{e.id}", docs)
        return matcher

    def accepts(self, span) -> bool:
        """Case rules for a case-insensitive match: an all-capitals alias ('WHO', 'US') only as written;
        a capitalised one never from all-lowercase text ('turkey' is a bird)."""
        text = "".join(t.text for t in span)
        for form in self.forms.get(tuple(t.lower_ for t in span), ()):
            if form.isupper() and len(form) <= 6:
                if text == form:
                    return True
                continue
            if text.islower() and not form.islower():
                continue
            return True
        return False
