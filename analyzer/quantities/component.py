"""The ``geo_quantities`` pipeline component: every numeric mention of a Doc on ``Doc._.quantities``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .._component import Stage
from .extract import find_quantities
from .lexicon import Lexicon, index_matches


@Language.factory(
    "geo_quantities",
    assigns=["doc._.quantities"],
    requires=["token.dep", "token.tag", "doc.ents", "doc.sents"],
    default_config={},
)
def make_geo_quantities(nlp: Language, name: str) -> GeoQuantities:
    """Numbers with their value, unit, qualifier, rate, period and what they count."""
    return GeoQuantities(nlp, name)


class GeoQuantities(Stage):
    """Finds quantities with the tables in ``analyzer/quantities/data`` (loaded by `initialize`, or
    on first use if the pipeline was never initialised) and the dependency parse."""

    def __init__(self, nlp: Language, name: str = "geo_quantities") -> None:
        super().__init__(name)
        self.nlp = nlp
        self.lexicon: Lexicon | None = None
        self._matchers = None

    def is_ready(self) -> bool:
        return self.lexicon is not None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the tables from ``data_dir`` (default: the ones shipped with the package)."""
        self._set_lexicon(Lexicon.from_dir(data_dir))

    def _set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._matchers = lexicon.build_matchers(self.nlp)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        found = index_matches(doc, self._matchers)
        doc._.quantities = find_quantities(doc, self.lexicon, found)
        return doc

    def write_data(self, path: Path) -> None:
        self.lexicon.to_dir(path)
