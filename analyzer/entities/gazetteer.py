"""The gazetteer: canonical entities with their aliases and adjectives, read from JSONL.

The shipped gazetteer (tens of thousands of records, built by ``data/build/gazetteer/gen.py``) comes with a forms
index, ``gazetteer.forms.tsv``: every surface form already split into spaCy tokens, so that loading it tokenizes
nothing. Its records are parsed when first asked for; a user's gazetteer file is read and checked whole."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.language import Language

from .._resources import data_file, json_object, read_jsonl, schema_file
from ..errors import DataFileError

KIND_LABELS = {"country": "GPE", "territory": "GPE", "city": "GPE", "region": "LOC", "organization": "ORG",
               "person": "PERSON", "project": "FAC", "facility": "FAC"}
FIELDS = ("id", "canonical", "kind", "label", "aliases", "adjectives", "country", "role", "source")
FUZZY_KEPT = 100_000  # names whose `Gazetteer.fuzzy` result is kept at most (then the table starts afresh)
FORMS_SUFFIX = ".forms.tsv"


@dataclass(frozen=True)
class Entity:
    """One gazetteer record; ``origin`` is the file and line it was read from. ``surnames`` are short forms a
    person is named by alone ("Putin"), linked only with support; ``prominence`` (1-3) how widely known the
    entity is (3: worldwide), which decides between entities of one name and whether a name needs support."""

    id: str
    canonical: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    country: str = ""
    role: str = ""
    source: str = ""
    origin: str = ""
    surnames: tuple[str, ...] = ()
    org_type: str = ""
    prominence: int = 3
    wiki: str = ""
    wikidata: str = ""
    licence: str = ""


def _later_words_agree(form: str, span) -> bool:
    """Are the words after the first capitalised in the text wherever the form capitalises them (a text in
    capitals agrees with any form)?"""
    if len(span) < 2 or span.text.isupper():
        return True
    k = 0
    for tok in span:
        piece = form[k:k + len(tok.text)]
        k += len(tok.text)
        if tok.i > span.start and tok.is_alpha and piece[:1].isupper() and tok.text[:1].islower():
            return False
    return True


def fold(text: str) -> str:
    """A name compared loosely: accents removed, lower-cased, hyphens and runs of space as one space
    ('Erdoğan' -> 'erdogan', 'Nur-Sultan' -> 'nur sultan')."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("-", " ").replace("–", " ").split())


def _entity(rec: dict, where: str) -> Entity:
    """One record, of the shape gazetteer.schema.json gives it (``where``: its file:line, kept as its origin)."""
    kind = rec["kind"]
    return Entity(id=rec["id"].strip(), canonical=rec["canonical"].strip(), kind=kind,
                  label=rec.get("label") or KIND_LABELS[kind], aliases=tuple(rec["aliases"]),
                  adjectives=tuple(rec.get("adjectives") or ()), country=rec.get("country") or "",
                  role=rec.get("role") or "", source=rec.get("source") or "", origin=where,
                  surnames=tuple(rec.get("surnames") or ()), org_type=rec.get("org_type") or "",
                  prominence=rec.get("prominence", 3), wiki=rec.get("wiki") or "",
                  wikidata=rec.get("wikidata") or "", licence=rec.get("licence") or "")


class _LazyEntities(Mapping):
    """id -> Entity, each parsed from its JSON line when first asked for."""

    def __init__(self, raw: dict[str, tuple[str, int]], path: Path) -> None:
        self._raw = raw  # id -> (line, line number)
        self._path = path
        self._done: dict[str, Entity] = {}

    def __getitem__(self, eid: str) -> Entity:
        e = self._done.get(eid)
        if e is None:
            line, n = self._raw[eid]
            where = f"{self._path}:{n}"
            e = self._done[eid] = _entity(json_object(line, where), where)
            if e.id != eid:
                raise DataFileError(f"{where}: 'id' is {e.id!r}, not the {eid!r} it starts with")
        return e

    def __contains__(self, eid: object) -> bool:
        return eid in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class _Forms(Mapping):
    """Lower-cased tokens of a name -> the forms as the gazetteer writes them (read from the matcher's table)."""

    def __init__(self, table: dict[tuple[str, ...], list[tuple[str, str, str]]]) -> None:
        self._table = table

    def __getitem__(self, key: tuple[str, ...]) -> set[str]:
        return {h[2] for h in self._table[key]}

    def get(self, key, default=None):
        hits = self._table.get(key)
        return default if hits is None else {h[2] for h in hits}

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __iter__(self):
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class FormMatcher:
    """Finds every gazetteer form in a Doc by its lower-cased tokens: (start, end, [(key, id, form), ...]) for
    each span that is a form; key is A (alias), J (adjective) or S (surname)."""

    def __init__(self, table: dict[tuple[str, ...], list[tuple[str, str, str]]]) -> None:
        self.table = table  # tokens -> [(key, id, form as written), ...]
        self.starts: set[str] = {toks[0] for toks in table}  # the first tokens of the forms
        # the first two tokens -> the longest form starting with them: a word that starts many forms ("the",
        # "national") is followed by few of their second words, so most positions try no longer span
        self.longest: dict[tuple[str, ...], int] = {}
        for toks in table:
            if len(toks) > 1 and self.longest.get(toks[:2], 0) < len(toks):
                self.longest[toks[:2]] = len(toks)

    def __call__(self, doc, lowers: list[str] | None = None) -> list[tuple[int, int, list[tuple[str, str, str]]]]:
        """The matches in ``doc`` (``lowers``: its tokens lower-cased, when the caller has them)."""
        if lowers is None:
            from spacy.attrs import LOWER

            strings = doc.vocab.strings
            lowers = [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []
        out = []
        starts, longest, table, n = self.starts, self.longest, self.table, len(lowers)
        for i, low in enumerate(lowers):
            if low not in starts:
                continue
            most = longest.get((low, lowers[i + 1]), 0) if i + 1 < n else 0
            for size in range(min(most, n - i), 1, -1):  # the longest first
                hits = table.get(tuple(lowers[i:i + size]))
                if hits:
                    out.append((i, i + size, hits))
            hits = table.get((low,))
            if hits:
                out.append((i, i + 1, hits))
        return out


class Gazetteer:
    """Entities by id, and the matcher that finds their aliases (``A``), adjectives (``J``) and surnames (``S``)
    case-insensitively; `accepts` then applies the case rules; `fuzzy` finds a spelling variant of an alias."""

    def __init__(self, entities: list[Entity] | None = None, *, lazy: _LazyEntities | None = None,
                 order: list[str] | None = None) -> None:
        if lazy is not None:
            self.entities: Mapping[str, Entity] = lazy
            self._records: list[Entity] | None = None
            self._order = order or list(lazy)
        else:
            entities = entities or []
            self.entities = {e.id: e for e in entities}
            self._records = entities
            self._order = [e.id for e in entities]
        # precomputed forms: (lower tokens joined by " ", form as written, key, id, folded form), or their text
        self._rows: list[tuple[str, ...]] | None = None
        self._forms_text: str | None = None
        self._forms_path: Path | None = None
        self._tokenized_rows: list[tuple[str, str, str, str, str]] = []  # forms `build_matcher` tokenized
        # lower-cased tokens of a surface -> the surfaces as the gazetteer writes them (filled by build_matcher)
        self.forms: Mapping[tuple[str, ...], set[str]] = {}
        self._table: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
        self._fuzzy: dict[str, tuple[list[str], list[str]]] | None = None  # kind group -> (folded aliases, ids)
        self._fuzzy_spec: tuple[dict[str, list[str]], int] = ({}, 5)
        self._exact: set[str] | None = None  # every folded alias and adjective
        self._alias_id: dict[str, str] | None = None  # folded alias -> id
        # (folded text, group, threshold) -> what `fuzzy` found: news repeats the names it cannot link
        self._fuzzy_found: dict[tuple[str, str, float], str | None] = {}

    @property
    def _form_rows(self) -> list[tuple[str, ...]] | None:
        """The precomputed forms as tuples (parsed from the index file the first time they are asked for)."""
        if self._rows is None and self._forms_text is not None:
            self._rows = [tuple(line.split("\t")) for line in self._forms_text.split("\n")
                          if line and not line.startswith("#")]
        return self._rows

    @_form_rows.setter
    def _form_rows(self, rows) -> None:
        self._rows = rows

    @property
    def records(self) -> list[Entity]:
        """Every entity, in file order (parses the whole file the first time)."""
        if self._records is None:
            self._records = [self.entities[i] for i in self._order]
        return self._records

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer file; a bad record raises DataFileError naming the file, line and field. A file with
        a forms index beside it (``<name>.forms.tsv``, as the package's own and a saved pipeline's have) is read
        lazily, each record parsed when first used; any other file (a user's) is checked whole, each line against
        gazetteer.schema.json. The indexed files are not checked against the schema when read: jsonschema takes
        about 75 us a record, 1.5 s for the package's 20,000 (a test checks that file; a saved pipeline's is
        written from checked records)."""
        path = Path(path) if path is not None else data_file("analyzer.entities", "gazetteer.jsonl")
        forms_path = path.with_name(path.stem + FORMS_SUFFIX)
        if forms_path.exists():
            return cls._lazy(path, forms_path)
        entities = []
        seen: dict[str, int] = {}
        for n, rec in read_jsonl(path, schema_file("analyzer.entities", "gazetteer.jsonl")):
            where = f"{path}:{n}"
            e = _entity(rec, where)
            if e.id in seen:
                raise DataFileError(f"{where}: duplicate id {e.id!r} (first on line {seen[e.id]})")
            seen[e.id] = n
            entities.append(e)
        return cls(entities)

    @classmethod
    def _lazy(cls, path: Path, forms_path: Path) -> Gazetteer:
        try:
            lines = path.read_text(encoding="utf8").split("\n")
            forms_text = forms_path.read_text(encoding="utf8")
        except OSError as e:
            raise DataFileError(f"cannot read data file {e.filename}: {e.strerror or e}") from None
        raw: dict[str, tuple[str, int]] = {}
        for n, line in enumerate(lines, 1):
            if not line or line.isspace():
                continue
            end = line.find('"', 8) if line.startswith('{"id": "') else -1
            if end < 0 or "\\" in line[8:end]:  # not as the builder writes records: read it whole
                eid = str(json_object(line, f"{path}:{n}").get("id", ""))
            else:
                eid = line[8:end]
            if eid in raw:
                raise DataFileError(f"{path}:{n}: duplicate id {eid!r} (first on line {raw[eid][1]})")
            raw[eid] = (line, n)
        out = cls(lazy=_LazyEntities(raw, path), order=list(raw))
        out._forms_text, out._forms_path = forms_text, forms_path
        return out

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer with ``other``'s records added; a record whose id is already here replaces it.
        Every 'country' must then be the id of a country or territory."""
        replaced = set(other.entities)
        out_records = [e for e in self.records if e.id not in replaced] + list(other.records)
        forms = None
        if self._form_rows is not None:  # keep the tokenized forms of the records not replaced
            forms = [row for row in self._form_rows if row[3] not in replaced]
        out = Gazetteer(out_records)
        out._form_rows = forms
        places = {e.id for e in out_records if e.kind in ("country", "territory")}
        for e in other.records:
            if e.country and e.country not in places:
                raise DataFileError(f"{e.origin}: 'country' is {e.country!r}, which is not the id of a country or "
                                    f"territory in the gazetteer (use an ISO 3166-1 alpha-2 code such as 'AZ')")
        return out

    def to_file(self, path: str | Path) -> None:
        """Write the records (and, beside them, the forms index when this gazetteer has one for every record)."""
        path = Path(path)
        lines = []
        for e in self.records:
            rec = {"id": e.id, "canonical": e.canonical, "kind": e.kind, "label": e.label, "aliases": list(e.aliases),
                   "adjectives": list(e.adjectives), "surnames": list(e.surnames), "country": e.country,
                   "role": e.role, "org_type": e.org_type, "prominence": e.prominence, "wiki": e.wiki,
                   "wikidata": e.wikidata, "source": e.source, "licence": e.licence}
            lines.append(json.dumps(rec, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf8")
        forms_path = path.with_name(path.stem + FORMS_SUFFIX)
        if self._form_rows is not None:  # `build_matcher` tokenized the forms the index lacks
            rows = self._form_rows + self._tokenized_rows
            forms_path.write_text("# forms\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf8")
        elif forms_path.exists():
            forms_path.unlink()  # a stale index would name other records

    def _untokenized(self) -> set[str]:
        """Ids whose forms the precomputed index lacks: every id without an index, none with the index file, and
        the records a user's file added or replaced in a merged gazetteer."""
        if self._rows is None:
            return set() if self._forms_text is not None else set(self.entities)
        return set(self.entities) - {row[3] for row in self._rows}

    def build_matcher(self, nlp: Language) -> FormMatcher:
        """The matcher of every form: the precomputed index, and for records it lacks (a user's file) their forms
        tokenized by ``nlp``'s tokenizer. "the West" is matched as "West": like the base model, mentions leave
        the article out."""
        todo = self._untokenized()
        tokenized = []
        for eid in (i for i in self._order if i in todo):
            e = self.entities[eid]
            for key, surfaces in (("A", e.aliases), ("J", e.adjectives), ("S", e.surnames)):
                for form in dict.fromkeys(x[4:] if x.startswith("the ") and len(x) > 4 else x for x in surfaces):
                    words = [t for t in nlp.make_doc(form) if not t.is_space]
                    if words:
                        tokenized.append((" ".join(t.lower_ for t in words), "".join(t.text for t in words), key,
                                          e.id, fold(form)))
        self._tokenized_rows = tokenized
        table: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
        entities = self.entities
        if self._rows is None and self._forms_text is not None:  # the index file, read in one pass
            for n, line in enumerate(self._forms_text.split("\n"), 1):
                if not line or line[0] == "#":
                    continue
                parts = line.split("\t")
                if len(parts) != 5 or parts[3] not in entities:
                    raise DataFileError(f"{self._forms_path}:{n}: expected 'tokens, form, key, id, folded form' of a "
                                        f"gazetteer id; rebuild it with data/build/gazetteer/gen.py")
                toks = tuple(parts[0].split(" "))
                hits = table.get(toks)
                if hits is None:
                    table[toks] = [(parts[2], parts[3], parts[1])]
                else:
                    hits.append((parts[2], parts[3], parts[1]))
            rows = []
        else:
            rows = list(self._rows or [])
        for lower, written, key, eid, _folded in rows + tokenized:
            hits = table.setdefault(tuple(lower.split(" ")), [])
            if (key, eid, written) not in hits:
                hits.append((key, eid, written))
        self._table = table
        self.forms = _Forms(table)
        self._exact = None
        self._alias_id = None
        return FormMatcher(table)

    def _folded(self) -> None:
        """Every folded alias and adjective, and the id of each folded alias (for `is_name`, `alias_id`)."""
        exact: set[str] = set()
        alias_id: dict[str, str] = {}
        rows = list(self._form_rows or []) + self._tokenized_rows
        for _lower, _written, key, eid, folded in rows:
            if key != "S":
                exact.add(folded)
            if key == "A":
                alias_id.setdefault(folded, eid)
        if self._form_rows is None:  # no index: the records themselves
            for e in self.records:
                for a in (*e.aliases, *e.adjectives):
                    exact.add(fold(a))
                for a in e.aliases:
                    alias_id.setdefault(fold(a), e.id)
        self._exact, self._alias_id = exact, alias_id

    def build_fuzzy(self, groups: dict[str, list[str]], min_length: int) -> None:
        """Set up `fuzzy` for each group of kinds ({'PERSON': ['person'], ...}) over the entities of prominence
        3; the index of folded aliases is built on the first search (it reads every record)."""
        self._fuzzy = None
        self._fuzzy_spec = (groups, min_length)
        self._fuzzy_found = {}

    def _fuzzy_index(self) -> dict[str, tuple[list[str], list[str]]]:
        if self._fuzzy is None:
            groups, min_length = self._fuzzy_spec
            self._fuzzy = {}
            known = self._prominent()
            for group, kinds in groups.items():
                names, ids = [], []
                for e in known:
                    if e.kind in kinds:  # of prominence 3: a misspelling of a town is more often another name
                        for a in e.aliases:
                            folded = fold(a)
                            if len(folded) >= min_length:
                                names.append(folded)
                                ids.append(e.id)
                self._fuzzy[group] = (names, ids)
        return self._fuzzy

    def _prominent(self) -> list[Entity]:
        """The entities of prominence 3 (a lazily read file parses only those)."""
        if isinstance(self.entities, _LazyEntities):
            raw = self.entities._raw
            return [e for e in (self.entities[i] for i in self._order if '"prominence": 3' in raw[i][0]
                                or '"prominence"' not in raw[i][0]) if e.prominence >= 3]
        return [e for e in self.records if e.prominence >= 3]

    def of_kinds(self, *kinds: str) -> list[Entity]:
        """The entities of these kinds (a lazily read file parses only those)."""
        if isinstance(self.entities, _LazyEntities):
            wanted = re.compile('"kind": "(?:' + "|".join(map(re.escape, kinds)) + ')"')
            raw = self.entities._raw
            return [self.entities[i] for i in self._order if wanted.search(raw[i][0])]
        return [e for e in self.records if e.kind in kinds]

    def capitals(self) -> dict[str, str]:
        """Entity id of each national capital -> the canonical name of its country ("city:manila" ->
        "Philippines"), from the records GeoNames marks as national capitals."""
        out = {}
        for e in self.of_kinds("city"):
            country = self.entities.get(e.country or "")
            if "national capital" in (e.source or "") and country is not None \
                    and country.kind == "country":
                out[e.id] = country.canonical
        return out

    def country_names(self) -> dict[str, str]:
        """Every folded alias and adjective of a country -> its canonical name ("us", "u.s.", "american" ->
        "United States")."""
        out: dict[str, str] = {}
        for e in self.of_kinds("country"):
            for form in (e.canonical, *e.aliases, *e.adjectives):
                out.setdefault(fold(form), e.canonical)
        return out

    def is_name(self, text: str) -> bool:
        """Is ``text`` (compared loosely, see `fold`) an alias or adjective of some entity? (After
        `build_matcher`.)"""
        if self._exact is None:
            self._folded()
        assert self._exact is not None  # set by _folded
        return fold(text) in self._exact

    def alias_id(self, text: str) -> str | None:
        """The id of the entity one of whose aliases ``text`` is (compared loosely), else None."""
        if self._alias_id is None:
            self._folded()
        assert self._alias_id is not None  # set by _folded
        return self._alias_id.get(fold(text))

    def fuzzy(self, text: str, group: str, threshold: float) -> str | None:
        """The id of the entity of ``group`` one of whose aliases is spelled like ``text`` (rapidfuzz ratio
        of the folded strings >= ``threshold``; an accent or hyphen difference alone always matches)."""
        folded = fold(text)
        if self.is_name(text):
            return None  # an alias as written: the matcher, its case rules and context rules have decided
        key = (folded, group, threshold)
        found = self._fuzzy_found.get(key, "")  # "" for not asked yet (None: asked, nothing found)
        if found != "":  # a search of every alias of the group: once per name
            return found
        if len(self._fuzzy_found) >= FUZZY_KEPT:
            self._fuzzy_found.clear()
        names, ids = self._fuzzy_index().get(group, ([], []))
        if not names:
            self._fuzzy_found[key] = None
            return None
        hit = process.extractOne(folded, names, scorer=fuzz.ratio, score_cutoff=threshold)
        found = self._fuzzy_found[key] = ids[hit[2]] if hit else None
        return found

    def accepts(self, span) -> bool:
        """Case rules for a case-insensitive match: an all-capitals alias ('WHO', 'US') only as written, or
        for one of four letters or more also as a word ('Nato', 'Unesco'), and one of two letters not between two
        words in capitals ('WHAT IS NEXT'); a capitalised one never from all-lowercase text ('turkey' is a
        bird)."""
        text = "".join(t.text for t in span)
        doc = span.doc
        shouting = all(0 <= k < len(doc) and doc[k].is_upper and doc[k].is_alpha and len(doc[k]) > 1
                       for k in (span.start - 1, span.end))
        for form in self.forms.get(tuple(t.lower_ for t in span), ()):
            if form.isupper() and len(form) <= 6:
                if text == form and not (len(form) <= 2 and shouting):
                    return True  # not "WHAT IS NEXT": a two-letter acronym inside a run of capitals
                if len(form) >= 4 and form.isalpha() and text == form.title():
                    return True  # "Nato", "Unesco": an acronym of four letters or more written as a word
                continue
            if text.islower() and not form.islower():
                continue
            if not _later_words_agree(form, span):
                continue  # "Iraqi army" is no name where the name is "Iraqi Army"
            return True
        return False
