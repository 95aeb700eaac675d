"""Gazetteer linking and how it corrects the base model."""
from __future__ import annotations

import json

import pytest

import analyzer
from analyzer.entities.gazetteer import KIND_LABELS, Gazetteer
from analyzer.errors import DataFileError


def linked(nlp, text):
    return analyzer.entities(text, nlp=nlp)


@pytest.mark.parametrize("text, surface, canonical, label", [
    ("Azerbaijan signed the deal.", "Azerbaijan", "Azerbaijan", "GPE"),
    ("Putin's visit to Baku ended.", "Putin", "Vladimir Putin", "PERSON"),
    ("Erdogan met Aliyev in Ankara.", "Erdogan", "Recep Tayyip Erdoğan", "PERSON"),
    ("Erdoğan met Aliyev in Ankara.", "Erdoğan", "Recep Tayyip Erdoğan", "PERSON"),
    ("Zelenskyy spoke to NATO.", "NATO", "NATO", "ORG"),
    ("Türkiye and Armenia opened the border.", "Türkiye", "Turkey", "GPE"),
    ("The Russian-Azerbaijani summit ended.", "Russian", "Russia", "NORP"),
    ("The Russian-Azerbaijani summit ended.", "Azerbaijani", "Azerbaijan", "NORP"),
    ("Iran wants to join BRICS.", "BRICS", "BRICS", "ORG"),
    ("Cargo on the Middle Corridor doubled.", "Middle Corridor", "Middle Corridor", "FAC"),
    ("Western sanctions hit Moscow.", "Western", "the West", "NORP"),
])
def test_links(nlp, text, surface, canonical, label):
    ents = linked(nlp, text)
    row = ents[ents["text"] == surface]
    assert len(row) == 1, list(ents["text"])
    assert row.iloc[0]["canonical"] == canonical
    assert row.iloc[0]["label"] == label
    assert row.iloc[0]["linked"]


@pytest.mark.parametrize("text, not_linked", [
    ("We ate turkey for dinner.", "turkey"),  # a capitalised alias never from lower-case text
    ("Tell us what the who said.", "who"),  # acronyms only as written
    ("He moved to West Virginia last year.", "West"),  # a region word inside another name
])
def test_case_and_context_rules(nlp, text, not_linked):
    ents = linked(nlp, text)
    assert not ((ents["text"] == not_linked) & ents["linked"]).any()


def test_named_body_keeps_its_name(nlp):
    ents = linked(nlp, "The Central Bank of Egypt raised rates.")
    assert "Central Bank of Egypt" in set(ents["text"])


def test_surname_resolution_for_people_outside_the_gazetteer(nlp):
    text = "Deputy minister Arslan Kemalov arrived. Kemalov said talks went well."
    ents = linked(nlp, text)
    rows = ents[ents["text"] == "Kemalov"]
    assert len(rows) == 1 and rows.iloc[0]["canonical"] == "Arslan Kemalov"


def test_headline_list_is_split_into_places(nlp):
    ents = linked(nlp, "Politics\nAzerbaijan / Russia / Turkey\n\nTrade grew.")
    assert {"Azerbaijan", "Russia", "Turkey"} <= set(ents.loc[ents["linked"], "canonical"])


def test_entity_frame_columns(nlp):
    ents = linked(nlp, "Putin visited Baku.")
    assert list(ents.columns) == ["text", "start_char", "end_char", "label", "canonical", "kind", "entity_id", "linked"]
    empty = linked(nlp, "nothing here at all")
    assert list(empty.columns) == list(ents.columns) and len(empty) == 0


def test_gazetteer_file_is_valid():
    gaz = Gazetteer.from_file()
    assert len(gaz.entities) > 300
    kinds = {e.kind for e in gaz.records}
    assert kinds <= set(KIND_LABELS)
    assert {"country", "city", "organization", "person", "project", "region"} <= kinds
    for e in gaz.records:
        assert e.source, e.id
        assert e.label == KIND_LABELS[e.kind], e.id


@pytest.mark.parametrize("line, message", [
    ('{"id": "X"}', "missing field"),
    ('{"id": "X", "canonical": "X", "kind": "planet", "aliases": ["X"]}', "kind 'planet'"),
    ('{"id": "X", "canonical": "X", "kind": "city", "aliases": []}', "non-empty list"),
    ('not json', "invalid JSON"),
])
def test_bad_gazetteer_names_file_and_record(tmp_path, line, message):
    path = tmp_path / "gazetteer.jsonl"
    path.write_text(line + "\n", encoding="utf8")
    with pytest.raises(DataFileError, match=message) as info:
        Gazetteer.from_file(path)
    assert str(path) in str(info.value)


def test_duplicate_ids_rejected(tmp_path):
    rec = {"id": "X", "canonical": "X", "kind": "city", "aliases": ["X"]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(rec) + "\n" + json.dumps(rec) + "\n", encoding="utf8")
    with pytest.raises(DataFileError, match="duplicate id"):
        Gazetteer.from_file(path)
