"""Extract the gazetteer's open-data inputs from their upstream repositories, at pinned commits.

    python data/build/gazetteer/extract.py --congress DIR --leaders DIR --partyfacts DIR --geonames DIR

Each DIR is a git checkout (or bare clone) of the upstream repository; the file is read at the commit pinned in
``PINNED`` (``git show <commit>:<path>``), so the output does not depend on what the checkout has checked out.
The extracts are written to ``inputs/`` with ``inputs/MANIFEST.json`` (upstream, commit, path, licence, sha256 of
each extract). `gen.py` reads only the extracts and checks their sha256, so the build is reproducible without
network access; this script documents, and reruns, how they were made. Data only: no upstream code is used.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "inputs"

PINNED = {
    "us_congress.csv": {
        "upstream": "https://github.com/unitedstates/congress-legislators", "option": "congress",
        "commit": "dfa9622263dd4c8d08636926e498f1845704d7eb", "path": "legislators-current.yaml",
        "licence": "CC0-1.0 (public domain dedication)"},
    "us_executive.csv": {
        "upstream": "https://github.com/unitedstates/congress-legislators", "option": "congress",
        "commit": "dfa9622263dd4c8d08636926e498f1845704d7eb", "path": "executive.yaml",
        "licence": "CC0-1.0 (public domain dedication)"},
    "world_leaders.csv": {
        "upstream": "https://github.com/every-politician-scrapers/world-leaders-2021", "option": "leaders",
        "commit": "be7039cf5952d8121c4f1e24eea64cc5dd465633", "path": "data/wikidata.csv",
        "licence": "CC0-1.0 (Wikidata query results; the repository states no licence of its own)"},
    "geonames_admin1.tsv": {
        "upstream": "https://github.com/pmsourcedump/geonames (a versioned mirror of download.geonames.org)",
        "option": "geonames", "commit": "7b36a78f44a08ec10ab62f6241d22df14f31947f", "path": "admin1CodesASCII.txt",
        "licence": "CC-BY-4.0 (GeoNames)"},
    "parties.csv": {
        "upstream": "https://github.com/hdigital/partyfactsdata", "option": "partyfacts",
        "commit": "764de8978f84ba41a1c88752d6a00b9a4d05f599", "path": "import/elecglob/partyfacts-core-parties.csv",
        "licence": "MIT (Party Facts, Döring and Regel; LICENSE.md of the repository)"},
}

CONGRESS_FIELDS = ("bioguide", "wikidata", "wikipedia", "first", "middle", "last", "nickname", "official_full",
                   "terms")
EXECUTIVE_FIELDS = ("bioguide", "wikidata", "wikipedia", "first", "middle", "last", "nickname", "terms")
PARTY_FIELDS = ("partyfacts_id", "country", "technical", "name_short", "name", "name_english", "year_first", "year_last",
                "share", "wikipedia")


def show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, text=True,
                          check=True).stdout


def _terms(person: dict, kinds: tuple[str, ...]) -> str:
    """'sen:NY:D:1999-2025;rep:...' (type, state, party initial, first and last year) of each run of terms."""
    out = []
    for t in person.get("terms", []):
        if t.get("type") not in kinds:
            continue
        party = (t.get("party") or "")[:1]
        out.append(f"{t['type']}:{t.get('state', '')}:{party}:{t['start'][:4]}-{t['end'][:4]}")
    return ";".join(out)


def people(text: str, kinds: tuple[str, ...], fields: tuple[str, ...]) -> list[dict]:
    import yaml  # only this extraction needs PyYAML

    rows = []
    for p in yaml.safe_load(text):
        ids, name = p.get("id", {}), p.get("name", {})
        row = {"bioguide": ids.get("bioguide", ""), "wikidata": ids.get("wikidata", ""),
               "wikipedia": ids.get("wikipedia", ""), "first": name.get("first", ""),
               "middle": name.get("middle", ""), "last": name.get("last", ""), "nickname": name.get("nickname", ""),
               "official_full": name.get("official_full", ""), "terms": _terms(p, kinds)}
        rows.append({f: str(row[f] or "") for f in fields})
    return rows


def parties(text: str) -> list[dict]:
    return [{f: r.get(f, "") for f in PARTY_FIELDS} for r in csv.DictReader(io.StringIO(text))]


def write_csv(path: Path, rows: list[dict], fields: tuple[str, ...] | list[str]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--congress", type=Path, required=True, help="unitedstates/congress-legislators checkout")
    ap.add_argument("--leaders", type=Path, required=True, help="every-politician-scrapers/world-leaders-2021 checkout")
    ap.add_argument("--partyfacts", type=Path, required=True, help="hdigital/partyfactsdata checkout")
    ap.add_argument("--geonames", type=Path, required=True, help="pmsourcedump/geonames checkout")
    a = ap.parse_args()
    INPUTS.mkdir(exist_ok=True)
    repos = {"congress": a.congress, "leaders": a.leaders, "partyfacts": a.partyfacts, "geonames": a.geonames}
    manifest = {}
    for name, pin in PINNED.items():
        text = show(repos[pin["option"]], pin["commit"], pin["path"])
        out = INPUTS / name
        if name == "us_congress.csv":
            write_csv(out, people(text, ("sen", "rep"), CONGRESS_FIELDS), CONGRESS_FIELDS)
        elif name == "us_executive.csv":
            write_csv(out, people(text, ("prez", "viceprez"), EXECUTIVE_FIELDS), EXECUTIVE_FIELDS)
        elif name == "parties.csv":
            write_csv(out, parties(text), PARTY_FIELDS)
        else:
            out.write_text(text, encoding="utf8")
        manifest[name] = {k: v for k, v in pin.items() if k != "option"} | {"sha256": sha256(out)}
        print(f"{out.relative_to(HERE)}: {sha256(out)[:12]}")
    (INPUTS / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
