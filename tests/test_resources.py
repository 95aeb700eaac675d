"""The data files and their JSON Schemas (analyzer._resources): every shipped file fits its schema, a broken
copy is reported at its file, line and JSON path, and the path-to-line walker is exact."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import analyzer
from analyzer._resources import json_path, line_of, read_json, read_jsonl
from analyzer.attribution.stance import StanceLexicon
from analyzer.errors import DataFileError
from analyzer.quantities.lexicon import FILES, Lexicon

ROOT = Path(analyzer.__file__).parent
WORDS_SCHEMA = ROOT / "data" / "words.schema.json"  # one schema for the word lists of every stage
SCHEMAS = sorted(p for p in ROOT.glob("*/data/*.schema.json") if p.name != "claimreview.schema.json")
WORD_FILES = sorted(ROOT.glob("**/data/words.json"))


def data_of(schema: Path) -> Path:
    stem = schema.name.removesuffix(".schema.json")
    return next(p for p in schema.parent.iterdir() if p.name in (f"{stem}.json", f"{stem}.jsonl"))


# data files of one kind share a schema: the accurate mode's row model is a row model
SHARED_SCHEMAS = {ROOT / "checkworthiness" / "data" / "ranker_accurate.json": ROOT / "checkworthiness" / "data" /
                  "ranker.schema.json"}


def test_every_data_file_has_a_schema():
    files = {p for p in ROOT.glob("**/data/*.json*") if not p.name.endswith(".schema.json")}
    assert files == {data_of(s) for s in SCHEMAS} | set(WORD_FILES) | set(SHARED_SCHEMAS)


@pytest.mark.parametrize("data", sorted(SHARED_SCHEMAS), ids=lambda p: p.name)
def test_file_fits_the_schema_it_shares(data):
    assert read_json(data, SHARED_SCHEMAS[data])
    assert len(WORD_FILES) >= 7


def test_word_lists_fit_the_shared_schema():
    Draft202012Validator.check_schema(json.loads(WORDS_SCHEMA.read_text(encoding="utf8")))
    for path in WORD_FILES:
        assert read_json(path, WORDS_SCHEMA)


def test_a_bad_word_list_is_reported_at_its_line(tmp_path):
    source = ROOT / "quantities" / "data" / "words.json"
    name = next(k for k in json.loads(source.read_text(encoding="utf8")) if k != "_about")
    path, line = broken_copy(tmp_path, source, lambda obj: obj.__setitem__(name, ["fine", 3]), '"fine"')
    with pytest.raises(DataFileError) as info:
        read_json(path, WORDS_SCHEMA)
    assert str(info.value).startswith(f"{path}:{line + 1}: {name}[1]: 3 is not of type 'string'")


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf8")))


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_shipped_file_fits_its_schema(schema):
    """The gazetteer is checked here, line by line, rather than at each load (see Gazetteer.from_file)."""
    data = data_of(schema)
    if data.suffix == ".jsonl":
        assert len(read_jsonl(data, schema)) > 20_000
    else:
        assert read_json(data, schema)


def broken_copy(tmp_path: Path, source: Path, change, marker: str) -> tuple[Path, int]:
    """``source`` with ``change`` applied, written out; the line of the one line holding ``marker``."""
    obj = json.loads(source.read_text(encoding="utf8"))
    change(obj)
    path = tmp_path / source.name
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(lines) == 1
    return path, lines[0]


def quantities_error(tmp_path: Path, name: str, change, marker: str) -> tuple[str, Path, int]:
    for other in FILES:
        (tmp_path / other).write_text((ROOT / "quantities" / "data" / other).read_text(encoding="utf8"),
                                      encoding="utf8")
    path, line = broken_copy(tmp_path, ROOT / "quantities" / "data" / name, change, marker)
    with pytest.raises(DataFileError) as info:
        Lexicon.from_dir(tmp_path)
    return str(info.value), path, line


def test_wrong_type_in_a_unit(tmp_path):
    message, path, line = quantities_error(tmp_path, "units.json", lambda o: o["units"][12].update(factor="x"),
                                           '"factor": "x"')
    assert message == f"{path}:{line}: units[12].factor: 'x' is not of type 'number'"


def test_unknown_key_in_a_unit_is_reported_on_its_line(tmp_path):
    message, path, line = quantities_error(tmp_path, "units.json", lambda o: o["units"][3].update(plural="x"),
                                           '"plural": "x"')
    assert message == f"{path}:{line}: units[3]: Additional properties are not allowed ('plural' was unexpected)"


def test_missing_field_in_a_currency(tmp_path):
    def change(o):
        del o["currencies"][5]["names"]
        o["currencies"][5]["code"] = "QQQ"

    message, path, line = quantities_error(tmp_path, "currencies.json", change, '"code": "QQQ"')
    # a missing field is reported at its object's opening brace, the line before the code
    assert message == f"{path}:{line - 1}: currencies[5]: 'names' is a required property"


def test_unknown_qualifier(tmp_path):
    message, path, line = quantities_error(tmp_path, "qualifiers.json",
                                           lambda o: o["before"].update({"way more than": "lots"}), '"way more than"')
    assert message.startswith(f'{path}:{line}: before["way more than"]: \'lots\' is not one of [')


def test_unknown_top_level_key_and_wrong_number(tmp_path):
    source = ROOT / "attribution" / "data" / "stance.json"
    path, line = broken_copy(tmp_path, source, lambda o: o.update(threshold="high"), '"threshold"')
    with pytest.raises(DataFileError) as info:
        StanceLexicon.from_file(path)
    assert str(info.value) == f"{path}:{line}: threshold: 'high' is not of type 'number'"
    path, line = broken_copy(tmp_path, source, lambda o: o.update(thresold=2.0), '"thresold"')
    with pytest.raises(DataFileError) as info:
        StanceLexicon.from_file(path)
    assert str(info.value) == f"{path}:{line}: (top level): Additional properties are not allowed ('thresold' " \
        "was unexpected)"


def test_user_metrics_file_is_checked(tmp_path):
    from analyzer.verify.metrics import load_metrics

    path = tmp_path / "metrics.json"
    path.write_text('{"groups": {\n "trade": ["trade", "commerce"],\n "debt": ["debt", " "]\n}}', encoding="utf8")
    with pytest.raises(DataFileError) as info:
        load_metrics((str(path),))
    assert str(info.value) == f"{path}:3: groups.debt[1]: ' ' does not match '\\\\S'"


def test_gazetteer_line_is_the_jsonl_line(tmp_path):
    good = {"id": "X", "canonical": "X", "kind": "city", "aliases": ["X"]}
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join([json.dumps(good), "", json.dumps(good | {"id": "Y", "prominence": 5})]) + "\n",
                    encoding="utf8")
    with pytest.raises(DataFileError) as info:
        read_jsonl(path, ROOT / "entities" / "data" / "gazetteer.schema.json")
    assert str(info.value) == f"{path}:3: prominence: 5 is greater than the maximum of 3"


# ---------------------------------------------------------------------------- the path-to-line walker
NESTED = """{
  "a": {"x": 1,
        "y": [10,
              {"z": "}{[],\\"q\\""},
              [1, [2,
                   3]]]},
  "b \\"quoted\\" {key}": "v",
  "ünïcode ключ": ["é", "\\u00e9\\n",
     "日本"],
  "a": {"last": true}
}"""


@pytest.mark.parametrize("path, line", [
    ([], 1),
    (["a"], 10),  # a repeated key: the parser keeps the last
    (["a", "last"], 10),
    (['b "quoted" {key}'], 7),
    (["ünïcode ключ"], 8),
    (["ünïcode ключ", 1], 8),
    (["ünïcode ключ", 2], 9),
])
def test_line_of_keys_escapes_and_unicode(path, line):
    assert line_of(NESTED, path) == line


def test_line_of_nested_arrays_and_braces_in_strings():
    text = NESTED.replace('"a": {"last": true}', '"c": 0')
    assert line_of(text, ["a", "y", 0]) == 3
    assert line_of(text, ["a", "y", 1, "z"]) == 4
    assert line_of(text, ["a", "y", 2, 1, 0]) == 5
    assert line_of(text, ["a", "y", 2, 1, 1]) == 6
    assert line_of(text, ["c"]) == 10


def test_json_path():
    assert json_path(["units", 12, "factor"]) == "units[12].factor"
    assert json_path(["before", "more than"]) == 'before["more than"]'
    assert json_path([3, "x"]) == "[3].x"
    assert json_path([]) == "(top level)"
