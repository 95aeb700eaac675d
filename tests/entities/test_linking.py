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
    # spelling variants (rapidfuzz, linking.json 'fuzzy'), hyphen-joined names, possessives
    ("Zelenskiy met the press in Kyiv.", "Zelenskiy", "Volodymyr Zelensky", "PERSON"),
    ("Aliev met Putin in Sochi.", "Aliev", "Ilham Aliyev", "PERSON"),
    ("Fighters tried to cross the U.S.-Mexico border.", "Mexico", "Mexico", "GPE"),
    ("Fighters tried to cross the U.S.-Mexico border.", "U.S.", "United States", "GPE"),
    ("EU-China trade talks resumed.", "China", "China", "GPE"),
    ("Says Hillary Clinton defended Syrias President Assad.", "Syrias", "Syria", "GPE"),
    ("Putin's visit to Baku ended.", "Baku", "Baku", "GPE"),
    ("Michael Jordan visited Jordan.", "Jordan", "Jordan", "GPE"),
    ("Georgia and Armenia signed a border deal.", "Georgia", "Georgia", "GPE"),
    ("Texas and the Americas grew.", "Americas", "the Americas", "LOC"),
    ("Texas and the Americas grew.", "Texas", "Texas", "LOC"),
    ("He moved to West Virginia last year.", "West Virginia", "West Virginia", "LOC"),  # not 'the West'
    ("Obama met Merkel in Berlin.", "Obama", "Barack Obama", "PERSON"),
    ("Atlanta, Georgia has a new governor.", "Georgia", "Georgia (US state)", "LOC"),  # 'not_when_near'
    ("He won in Tenn. last year.", "Tenn.", "Tennessee", "LOC"),
    ("New Jersey Gov. Phil Murphy spoke.", "New Jersey", "New Jersey", "LOC"),
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
    ("Michael Jordan visited Jordan.", "Michael Jordan"),  # a person's name holding a place name
    ("Obama pardoned the Thanksgiving Turkey.", "Turkey"),  # the bird with a capital: 'not_when_near'
    ("Obama pardoned two Thanksgiving Turkeys.", "Turkeys"),  # ... also when a variant would link it
    ("She ate Swiss cheese and French fries.", "Swiss cheese"),  # compounds: 'named_after_places'
    ("Russia Today reported the talks.", "Russia Today"),  # a broadcaster: 'named_after_places'
    ("Both the New York Times and the Washington Post ran it.", "Washington Post"),
    ("The mayor of Smallville and Reuters disagreed.", "Reuters"),  # not in the gazetteer: no link
])
def test_case_and_context_rules(nlp, text, not_linked):
    ents = linked(nlp, text)
    start = text.index(not_linked)
    end = start + len(not_linked)
    over = ents[(ents["start_char"] < end) & (ents["end_char"] > start)]
    assert not over["linked"].any(), over  # neither the name nor a name inside it


@pytest.mark.parametrize("text, name, entity_id", [
    ("The Bank of England raised rates.", "Bank of England", "org:bank-of-england"),
    ("The Syrian Observatory for Human Rights said 40 died.", "Syrian Observatory for Human Rights",
     "org:syrian-observatory-for-human-rights"),
])
def test_a_name_holding_a_place_is_its_own_entity(nlp, text, name, entity_id):
    """A name that holds a place is linked, if at all, to what it names, never to the place inside it."""
    ents = linked(nlp, text)
    start = text.index(name)
    over = ents[(ents["start_char"] < start + len(name)) & (ents["end_char"] > start)]
    assert list(over["entity_id"]) == [entity_id], over


@pytest.mark.parametrize("variant, group, expected", [
    ("Volodymir Zelensky", "PERSON", "person:volodymyr-zelensky"),
    ("Recep Tayip Erdogan", "PERSON", "person:recep-tayyip-erdogan"),
    ("Erdogans", "PERSON", "person:recep-tayyip-erdogan"),  # a possessive without its apostrophe
    ("Kazakstan", "GPE", "KZ"),
    # near misses that must not link: threshold 90 (linking.json); aliases as written are never fuzzy
    ("Georgiana", "GPE", None),
    ("Iranian Air", "GPE", None),
    ("Nigerian", "GPE", None),
    ("Austrlia House", "GPE", None),
    ("Putin", "GPE", None),  # a person's name is no place, whatever the spelling
    ("Slovenian Railways", "ORG", None),
])
def test_fuzzy_variants_and_false_matches(nlp, variant, group, expected):
    gazetteer = nlp.get_pipe("geo_entities").gazetteer
    assert gazetteer.fuzzy(variant, group, 90) == expected


@pytest.mark.parametrize("variant, group, first, second", [
    ("Kazakstan", "GPE", (90, "KZ"), (99, None)),  # kept per threshold: a stricter one finds nothing
    ("Georgiana", "GPE", (90, None), (50, "GE")),  # a looser one finds what the first did not
])
def test_fuzzy_found_again_per_threshold(nlp, variant, group, first, second):
    """`fuzzy` keeps what it found; asked again, with the same or another threshold, it answers as afresh."""
    gazetteer = nlp.get_pipe("geo_entities").gazetteer
    for threshold, expected in (first, second, first, second):
        assert gazetteer.fuzzy(variant, group, threshold) == expected


def test_case_rules_keep_the_bird(nlp):
    """'turkey' in lower case is the bird; a capitalised 'Turkey' is the country even in a recipe (ignored)."""
    assert not linked(nlp, "We ate turkey for dinner.")["linked"].any()


def test_unlinked_mentions_have_no_canonical_or_kind(nlp):
    ents = linked(nlp, "Reporters from Reuters met Azerbaijan's envoy.")
    reuters = ents[ents["text"] == "Reuters"].iloc[0]
    assert reuters["canonical"] == "" and reuters["kind"] == "" and reuters["entity_id"] == "" and not reuters["linked"]
    assert reuters["label"] == "ORG"


def test_mentions_count_salience(nlp):
    text = "Putin met Aliyev. Putin said Russia and Azerbaijan agreed. Vladimir Putin left Azerbaijan."
    ents = linked(nlp, text)
    putin = ents[ents["canonical"] == "Vladimir Putin"]
    assert len(putin) == 3 and set(putin["mentions"]) == {3}
    doc = nlp(text)
    assert doc._.entity_mentions["Azerbaijan"] == 2 and doc._.entity_mentions["Vladimir Putin"] == 3


def test_claim_rows_carry_the_salience_of_their_entities(nlp):
    table = analyzer.analyze("Russia is big. Trade between Russia and Azerbaijan grew 5% last year.", nlp=nlp)
    row = table[table["text"] == "5%"].iloc[0]
    assert dict(zip(row["entities"], row["entity_mentions"], strict=True)) == {"Russia": 2, "Azerbaijan": 1}


USER_ENTITY = {"id": "org:caspian-transit-group", "canonical": "Caspian Transit Group", "kind": "organization",
               "label": "ORG", "aliases": ["Caspian Transit Group", "CTG"], "adjectives": [], "country": "AZ",
               "role": "", "source": "test"}


def test_user_gazetteer_adds_and_replaces(tmp_path):
    path = tmp_path / "mine.jsonl"
    replaced = {"id": "AZ", "canonical": "Azerbaijan Republic", "kind": "country", "aliases": ["Azerbaijan"],
                "adjectives": ["Azerbaijani"], "country": "AZ"}
    path.write_text(json.dumps(USER_ENTITY) + "\n\n" + json.dumps(replaced) + "\n", encoding="utf8")
    nlp = analyzer.load(gazetteer=path)
    ents = analyzer.entities("The CTG said Azerbaijan will ship more.", nlp=nlp)
    rows = {r["text"]: r for _, r in ents.iterrows()}
    assert rows["CTG"]["entity_id"] == "org:caspian-transit-group" and rows["CTG"]["canonical"] == "Caspian Transit Group"
    assert rows["Azerbaijan"]["canonical"] == "Azerbaijan Republic"


@pytest.mark.parametrize("record, message", [
    ({**USER_ENTITY, "country": "Azerbaijan"}, "'country' is 'Azerbaijan'"),
    ({**USER_ENTITY, "aliases": "CTG"}, "aliases: 'CTG' is not of type 'array'"),
    ({**USER_ENTITY, "kind": "company"}, "kind: 'company' is not one of"),
])
def test_bad_user_gazetteer_names_file_line_and_field(tmp_path, record, message):
    path = tmp_path / "mine.jsonl"
    path.write_text("\n" + json.dumps(USER_ENTITY | {"id": "org:ok"}) + "\n" + json.dumps(record) + "\n",
                    encoding="utf8")
    with pytest.raises(DataFileError, match=message) as info:
        analyzer.load(gazetteer=[path])
    assert f"{path}:3" in str(info.value)


def test_named_body_keeps_its_name(nlp):
    ents = linked(nlp, "The Central Bank of Egypt raised rates.")
    assert "Central Bank of Egypt" in set(ents["text"])


def test_surname_resolution_for_people_outside_the_gazetteer(nlp):
    text = "Deputy minister Arslan Kemalov arrived. Kemalov said talks went well."
    ents = linked(nlp, text)
    rows = ents[ents["text"] == "Kemalov"]
    # the full name the text gives him; no canonical name or id, since the full name is not linked either
    assert len(rows) == 1 and rows.iloc[0]["name"] == "Arslan Kemalov" and not rows.iloc[0]["canonical"]


def test_headline_list_is_split_into_places(nlp):
    ents = linked(nlp, "Politics\nAzerbaijan / Russia / Turkey\n\nTrade grew.")
    assert {"Azerbaijan", "Russia", "Turkey"} <= set(ents.loc[ents["linked"], "canonical"])


def test_entity_frame_columns(nlp):
    ents = linked(nlp, "Putin visited Baku.")
    assert list(ents.columns) == ["text", "start_char", "end_char", "label", "canonical", "kind", "entity_id", "linked",
                                  "mentions", "country", "stance", "name"]
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
    ('{"id": "X"}', r"\(top level\): '\w+' is a required property"),
    ('{"id": "X", "canonical": "X", "kind": "planet", "aliases": ["X"]}', "kind: 'planet' is not one of"),
    ('{"id": "X", "canonical": "X", "kind": "city", "aliases": []}', r"aliases: \[\] should be non-empty"),
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


@pytest.mark.parametrize("text, body, country", [
    ("The Canadian Parliament voted.", "Canadian Parliament", "CA"),
    ("The U.S. Supreme Court ruled.", "U.S. Supreme Court", "US"),
    ("The Central Bank of Egypt raised rates.", "Central Bank of Egypt", "EG"),
])
def test_named_bodies_keep_the_country_they_name(nlp, text, body, country):
    """A national body is linked when the gazetteer lists it, else kept whole with the country it names; either
    way the country is its own, and no mention of the country is made up inside it."""
    ents = linked(nlp, text)
    row = ents[ents["text"] == body].iloc[0]
    assert row["country"] == country
    assert len(ents) == 1, ents


def test_headline_person_is_linked(nlp):
    ents = linked(nlp, "Kim Jong-Un Has Difficulty Walking")
    assert "person:kim-jong-un" in set(ents["entity_id"])
