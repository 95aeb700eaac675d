"""The ``geo_quantities`` pipeline component: every numeric mention of a Doc on ``Doc._.quantities``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .._component import Stage
from ..parse_text import use_parse_text
from ..tree import indexed
from .extract import find_quantities
from .lexicon import Lexicon
from .matches import index_matches


@Language.factory(
    "geo_quantities",
    assigns=["doc._.quantities"],
    requires=["token.dep", "token.tag", "doc.ents", "doc.sents"],
    default_config={"reference_max": 12},
)
def make_geo_quantities(nlp: Language, name: str, reference_max: int) -> GeoQuantities:
    """Numbers with their value, unit, qualifier, rate and what they count. ``reference_max``:
    the largest plain count that a definite noun phrase can use to refer rather than claim ('the two
    nations', 'its three neighbours')."""
    use_parse_text(nlp)  # the tokenizer reads Unicode spaces as spaces (analyzer.parse_text)
    return GeoQuantities(nlp, name, reference_max=reference_max)


class GeoQuantities(Stage):
    """Finds quantities with the tables in ``analyzer/quantities/data`` (loaded by `initialize`, or
    on first use if the pipeline was never initialised) and the dependency parse."""

    # set by `initialize`, never None: `is_ready` says whether they are
    lexicon: Lexicon
    _matchers: tuple[PhraseMatcher, PhraseMatcher]

    def __init__(self, nlp: Language, name: str = "geo_quantities", *, reference_max: int = 12) -> None:
        super().__init__(name)
        self.nlp = nlp
        self.reference_max = reference_max

    def is_ready(self) -> bool:
        return hasattr(self, "lexicon")

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the tables from ``data_dir`` (default: the ones shipped with the package)."""
        self._set_lexicon(Lexicon.from_dir(data_dir))

    def _set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._matchers = lexicon.build_matchers(self.nlp)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        with indexed(doc):  # sentence bounds, children, token columns and per-sentence look-ups read once per Doc
            found = index_matches(doc, self._matchers)
            doc._.quantities = find_quantities(doc, self.lexicon, found, reference_max=self.reference_max)
        return doc

    def write_data(self, path: Path) -> None:
        self.lexicon.to_dir(path)
