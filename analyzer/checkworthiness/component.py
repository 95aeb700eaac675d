"""The ``geo_checkworthiness`` pipeline component: how worth checking each claim and sentence is.

This first version is a logistic score with hand-set weights (``data/weights.json``) over the
pipeline's own signals; the check-worthiness issue replaces it with a trained model.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .._component import Stage
from .._resources import data_file, read_json, require, write_json

WEIGHTS = "weights.json"


@Language.factory(
    "geo_checkworthiness",
    assigns=["doc._.quantities", "doc._.statements"],
    requires=["doc._.quantities", "doc._.statements"],
    default_config={},
)
def make_geo_checkworthiness(nlp: Language, name: str) -> GeoCheckworthiness:
    """A 0..1 check-worthiness score for every quantity and sentence."""
    return GeoCheckworthiness(name)


class GeoCheckworthiness(Stage):
    """The hand-weighted logistic score of ``analyzer/checkworthiness/data/weights.json``."""

    def __init__(self, name: str = "geo_checkworthiness") -> None:
        super().__init__(name)
        self.config: dict[str, Any] | None = None

    def is_ready(self) -> bool:
        return self.config is not None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        path = Path(data_dir) / WEIGHTS if data_dir else data_file("analyzer.checkworthiness", WEIGHTS)
        config = read_json(path)
        require(config, "bias", (int, float), str(path))
        require(config, "weights", dict, str(path))
        self.config = config

    def score(self, features: dict[str, bool]) -> float:
        """Logistic score of 0/1 features; unknown features weigh nothing."""
        self.ensure_ready()
        w = self.config["weights"]
        z = self.config["bias"] + sum(w.get(name, 0.0) for name, on in features.items() if on)
        return round(1.0 / (1.0 + math.exp(-z)), 4)

    def __call__(self, doc: Doc) -> Doc:
        quantities = doc._.quantities or []
        for q in quantities:
            q.checkworthiness = self.score({
                "has_quantity": True,
                "money": q.dimension == "currency",
                "measured": q.dimension not in ("currency", "count", "ratio"),
                "percent": q.dimension == "ratio",
                "bounded": q.qualifier not in ("exact", "range", "increase", "decrease"),
                "change": q.qualifier in ("increase", "decrease"),
                "has_period": bool(q.period),
                "has_entities": bool(q.entities),
                "named_speaker": q.speaker != "author",
                "projected": q.modality == "projected",
                "hedged": q.modality == "hedged",
                "denied": q.modality == "denied",
                "reference": not q.is_claim,
            })
        for s in doc._.statements or []:
            s.checkworthiness = self.score({
                "has_quantity": s.has_quantity,
                "has_entities": bool(s.entities),
                "named_speaker": s.speaker != "author",
                "projected": s.modality == "projected",
                "hedged": s.modality == "hedged",
                "denied": s.modality == "denied",
            })
        return doc

    def write_data(self, path: Path) -> None:
        write_json(path / WEIGHTS, self.config)
