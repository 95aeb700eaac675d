"""The ``geo_frames`` pipeline component: each quantity's frame (quantity_of, subject, period, speaker)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .._component import Stage
from .._resources import write_json
from ..attribution.rules import Cues
from ..parse_text import use_parse_text
from ..quantities.lexicon import Lexicon
from ..tree import indexed
from . import measure, period, speaker, subject
from .context import FrameContext
from .lexicon import FILE, FrameLexicon

CUES = "attribution.json"  # the attribution cues, saved beside the word lists


@Language.factory(
    "geo_frames",
    assigns=["doc._.quantities"],
    requires=["doc._.quantities", "token.dep", "doc.sents", "doc.ents"],
    default_config={},
)
def make_geo_frames(nlp: Language, name: str) -> GeoFrames:
    """What each figure measures, whom it is about, when, and on whose word (FRAMES.md)."""
    use_parse_text(nlp)
    return GeoFrames(nlp, name)


class GeoFrames(Stage):
    """Frames from the parse, with the word lists of ``analyzer/frames/data/frames.json``."""

    # set by `initialize`, never None: `is_ready` says whether they are
    lexicon: FrameLexicon
    cues: Cues  # the attribution cues the speaker is read with

    def __init__(self, nlp: Language, name: str = "geo_frames") -> None:
        super().__init__(name)
        self.nlp = nlp  # the quantity and attribution stages' word lists and settings are read from it
        self._qlex: Lexicon | None = None
        self._capitals: dict[str, str] | None = None
        self._countries: dict[str, str] | None = None

    def is_ready(self) -> bool:
        return hasattr(self, "lexicon") and hasattr(self, "cues")

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the word lists from ``data_dir`` (default: the package's own); the attribution cues from there
        too when saved with the stage, else those of the pipeline's ``geo_attribution`` stage, else the
        package's own."""
        self.lexicon = FrameLexicon.from_file(Path(data_dir) / FILE if data_dir else None)
        self._qlex = None
        if data_dir and (Path(data_dir) / CUES).exists():
            self.cues = Cues.from_file(Path(data_dir) / CUES)
        else:
            attribution = self._attribution()
            self.cues = getattr(attribution, "cues", None) or Cues.from_file(None)

    def _stage(self, name: str, ready: bool = False) -> Any:
        """The pipeline's stage ``name`` (its data loaded when ``ready``), or None when the pipeline has none."""
        pipe: Any = self.nlp.get_pipe(name) if name in self.nlp.pipe_names else None
        if pipe is not None and ready:
            pipe.ensure_ready()
        return pipe

    def _attribution(self) -> Any:
        return self._stage("geo_attribution")

    def capitals(self) -> dict[str, str]:
        """National capital entity id -> its country's canonical name, from the pipeline's gazetteer (none
        without a geo_entities stage)."""
        if self._capitals is None:
            gazetteer = self._gazetteer()
            self._capitals = gazetteer.capitals() if gazetteer is not None else {}
        return self._capitals

    def countries(self) -> dict[str, str]:
        """Folded country alias or adjective -> canonical name, from the pipeline's gazetteer."""
        if self._countries is None:
            gazetteer = self._gazetteer()
            self._countries = gazetteer.country_names() if gazetteer is not None else {}
        return self._countries

    def _gazetteer(self) -> Any:
        return getattr(self._stage("geo_entities", ready=True), "gazetteer", None)

    def quantity_lexicon(self) -> Lexicon:
        """The quantity stage's tables (its level and change verbs), from the pipeline's geo_quantities when
        there is one, else the package's own."""
        if self._qlex is None:
            pipe = self._stage("geo_quantities", ready=True)
            self._qlex = pipe.lexicon if pipe is not None else Lexicon.from_dir(None)
        return self._qlex

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        quantities = doc._.quantities or ()
        if not quantities:
            return doc
        keep_speaker = bool(getattr(self._attribution(), "speaker_in_entities", False))
        with indexed(doc):
            ctx = FrameContext.of(doc, self.lexicon, self.quantity_lexicon(), self.capitals(), self.countries())
            for q in quantities:
                measure.assign(ctx, q)
                subject.assign(ctx, q)
                period.assign(ctx, q)
                speaker.assign(ctx, q, self.cues, keep_in_entities=keep_speaker)
        return doc

    def write_data(self, path: Path) -> None:
        write_json(path / FILE, self.lexicon.raw)
        write_json(path / CUES, self.cues.raw)
