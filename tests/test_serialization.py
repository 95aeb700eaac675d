"""The spaCy component contract (issue 18): each geoclaims component works in a small pipeline of its own, and
its data survives `to_bytes`/`from_bytes` and `to_disk`/`from_disk`, honouring ``exclude``; a whole pipeline
saved either way gives the same claim table; a component used before it is initialised says so once."""
from __future__ import annotations

import json
import warnings

import pytest
import spacy
import srsly

import analyzer
from analyzer.pipeline import COMPONENTS, default_model

TEXT = ("Putin said trade turnover with Azerbaijan surpassed $4 billion last year, and nearly 1,300 Russian "
        "enterprises work there. Officials expect up to 30 million tons of cargo annually.")

# what each component puts on the Doc, read back as plain values to compare two runs
OUTPUT = {
    "geo_entities": lambda doc: [(e.text, e.label_, e._.entity_id) for e in doc.ents],
    "geo_quantities": lambda doc: [(q.text, q.value, q.unit, q.qualifier) for q in doc._.quantities],
    "geo_attribution": lambda doc: [(s.speaker, s.speaker_cue, s.modality) for s in doc._.statements],
    "geo_frames": lambda doc: [(q.quantity_of, q.period) for q in doc._.quantities],
    "geo_checkworthiness": lambda doc: [round(s.checkworthiness, 6) for s in doc._.statements],
    "geo_claims": lambda doc: [(c.text, c.speaker, c.kind) for c in doc._.claims],
}


def small_pipeline(upto: str) -> spacy.language.Language:
    """The base model and the geoclaims components up to ``upto`` (the ones it reads from), initialised."""
    nlp = spacy.load(default_model())
    for name in COMPONENTS[:COMPONENTS.index(upto) + 1]:
        nlp.add_pipe(name).initialize(nlp=nlp)  # what nlp.initialize() calls (which would also reset the base)
    return nlp


@pytest.fixture(scope="module", params=COMPONENTS)
def pipeline(request):
    return request.param, small_pipeline(request.param)


def test_component_in_a_small_pipeline(pipeline):
    name, nlp = pipeline
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # initialised: no "used before nlp.initialize()" warning
        doc = nlp(TEXT)
    assert OUTPUT[name](doc), f"{name} put nothing on the Doc"


def test_bytes_round_trip(pipeline):
    """A fresh component of the same pipeline, given the bytes, gives the same output."""
    name, nlp = pipeline
    before = OUTPUT[name](nlp(TEXT))
    data = nlp.get_pipe(name).to_bytes()
    fresh = small_pipeline(name)
    fresh.get_pipe(name).from_bytes(data)
    assert OUTPUT[name](fresh(TEXT)) == before


def test_disk_round_trip(pipeline, tmp_path):
    name, nlp = pipeline
    before = OUTPUT[name](nlp(TEXT))
    nlp.get_pipe(name).to_disk(tmp_path / name)
    fresh = small_pipeline(name)
    fresh.get_pipe(name).from_disk(tmp_path / name)
    assert OUTPUT[name](fresh(TEXT)) == before


@pytest.mark.parametrize("name", [n for n in COMPONENTS if n != "geo_claims"])  # geo_claims keeps no data
def test_exclude_is_honoured(name):
    """Excluding "data" saves and loads none of it, as `exclude` does for spaCy's own components."""
    nlp = spacy.load(default_model())
    pipe = nlp.add_pipe(name)
    pipe.initialize(nlp=nlp)
    assert "data" not in srsly.msgpack_loads(pipe.to_bytes(exclude=["data"]))
    fresh = spacy.load(default_model()).add_pipe(name)
    fresh.from_bytes(pipe.to_bytes(), exclude=["data"])
    assert not fresh.is_ready()


def test_user_gazetteer_survives_bytes(tmp_path):
    """A user's gazetteer entity is still linked after `nlp.to_bytes()` and `from_bytes()` into a pipeline built
    from the same config (it was lost before issue 18)."""
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"id": "org:zorblax", "canonical": "Zorblax Institute", "kind": "organization",
                                "label": "ORG", "aliases": ["Zorblax Institute", "Zorblax"], "country": "AZ",
                                "prominence": 3}) + "\n", encoding="utf8")
    nlp = analyzer.load(gazetteer=mine)
    text = "The Zorblax Institute said trade with Russia rose 5% to $4 billion last year."
    fresh = spacy.util.get_lang_class(nlp.config["nlp"]["lang"]).from_config(nlp.config)
    fresh.from_bytes(nlp.to_bytes())
    assert [e._.entity_id for e in fresh(text).ents if e.text == "Zorblax Institute"] == ["org:zorblax"]


def test_whole_pipeline_bytes_and_disk_give_the_same_claims(nlp, example_text, tmp_path):
    """`nlp.to_disk` then `spacy.load`, and `nlp.to_bytes` then `from_bytes`, give the claim table of the
    example article that the pipeline gives."""
    table = analyzer.analyze(example_text, nlp=nlp)
    nlp.to_disk(tmp_path / "p")
    from_disk = spacy.load(tmp_path / "p")
    from_bytes = spacy.util.get_lang_class(nlp.config["nlp"]["lang"]).from_config(nlp.config)
    from_bytes.from_bytes(nlp.to_bytes())
    for other in (from_disk, from_bytes):
        assert analyzer.analyze(example_text, nlp=other).equals(table)


def test_uninitialised_component_warns_once():
    nlp = spacy.load(default_model())
    nlp.add_pipe("geo_entities")
    with pytest.warns(UserWarning, match="used before nlp.initialize") as caught:
        nlp("Putin met Erdogan in Ankara.")
        nlp("Putin met Erdogan in Ankara.")
    assert len([w for w in caught if "used before" in str(w.message)]) == 1
    assert [e._.entity_id for e in nlp("Putin met Erdogan.").ents][0] == "person:vladimir-putin"


def test_settings_from_the_config_file(nlp, tmp_path):
    """A setting edited in a saved pipeline's config.cfg (docs/pipeline.md) takes effect on spacy.load."""
    nlp.to_disk(tmp_path / "p")
    config = tmp_path / "p" / "config.cfg"
    text = config.read_text(encoding="utf8")
    assert "keep_references = false" in text
    config.write_text(text.replace("keep_references = false", "keep_references = true"), encoding="utf8")
    loaded = spacy.load(tmp_path / "p")
    sentence = "The two nations signed 14 deals."
    assert list(analyzer.analyze(sentence, nlp=nlp)["text"]) == ["14"]
    assert list(analyzer.analyze(sentence, nlp=loaded)["text"]) == ["two", "14"]
