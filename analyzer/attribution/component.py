"""The ``geo_attribution`` pipeline component: speaker and modality of every quantity and sentence."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .._component import Stage
from .._resources import write_json
from ..parse_text import use_parse_text
from ..text import EntityIndex
from ..tree import indexed
from .model import Statement
from .rules import Cues, attribute_sentence
from .stance import StanceLexicon, document_stance, sentence_scores

CUES = "attribution.json"
STANCE = "stance.json"


@Language.factory(
    "geo_attribution",
    assigns=["doc._.statements"],
    requires=["doc._.quantities", "token.dep", "doc.sents"],
    default_config={"speaker_in_entities": False},
)
def make_geo_attribution(nlp: Language, name: str, speaker_in_entities: bool) -> GeoAttribution:
    """Who asserts each claim (reporting verbs, 'according to') and how firmly (hedges, projections,
    denials). ``speaker_in_entities``: keep the speaker among the entities a claim is about."""
    use_parse_text(nlp)  # the tokenizer reads Unicode spaces as spaces (analyzer.parse_text)
    return GeoAttribution(nlp, name, speaker_in_entities=speaker_in_entities)


#: the parts of speech that make a sentence a clause (`Statement.has_predicate`)
PREDICATES = frozenset({"VERB", "AUX"})


class GeoAttribution(Stage):
    """Attribution with the cue lexicon ``analyzer/attribution/data/attribution.json``."""

    # set by `initialize`, never None: `is_ready` says whether they are
    cues: Cues
    stance: StanceLexicon

    def __init__(self, nlp: Language, name: str = "geo_attribution", *, speaker_in_entities: bool = False) -> None:
        super().__init__(name)
        self.speaker_in_entities = speaker_in_entities

    def is_ready(self) -> bool:
        return hasattr(self, "cues") and hasattr(self, "stance")

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the cue lexicon from ``data_dir`` (default: the package's own)."""
        self.cues = Cues.from_file(Path(data_dir) / CUES if data_dir else None)
        self.stance = StanceLexicon.from_file(Path(data_dir) / STANCE if data_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        with indexed(doc) as idx:  # sentence bounds, children and per-token results read once per Doc
            return self._attribute(doc, idx.column("TEXT"), idx.column("POS"))

    def _attribute(self, doc: Doc, parsed: str, pos: list[str]) -> Doc:
        # each figure's speaker and modality are resolved by the frames stage (analyzer/frames/speaker.py),
        # which also leaves the speaker out of its entities unless ``speaker_in_entities``
        statements = []
        quantity_starts = sorted(q.start for q in doc._.quantities or ())
        index = EntityIndex(doc)
        canonical = [e._.canonical for e in index.ents]  # read once: each read of a span's ._ builds an object
        sents = list(doc.sents)
        for sent in sents:
            text = parsed[sent.start_char:sent.end_char].strip()  # sent.text, sliced from doc.text read once
            if not text:
                continue
            a = attribute_sentence(sent, self.cues)
            names = canonical[index.positions(sent.start, sent.end)]
            statements.append(Statement(
                start=sent.start, end=sent.end, start_char=sent.start_char, end_char=sent.end_char,
                text=text, speaker=a.speaker, speaker_cue=a.cue, modality=a.modality,
                entities=list(dict.fromkeys(n for n in names if n and n != a.speaker)),
                has_quantity=bisect_left(quantity_starts, sent.start) < bisect_left(quantity_starts, sent.end),
                has_predicate=any(p in PREDICATES for p in pos[sent.start:sent.end]),
            ))
        # stance toward the linked entities: per sentence for its claims, summed over the document
        by_sentence = {sent.start: sentence_scores(sent, self.stance, index.within(sent.start, sent.end),
                                                   canonical[index.positions(sent.start, sent.end)])
                       for sent in sents}
        starts = [sent.start for sent in sents]
        for item in (*(doc._.quantities or ()), *statements):
            scores = by_sentence.get(starts[bisect_right(starts, item.start) - 1], {}) if starts else {}
            item.stance = {name: self.stance.label(score) for name, score in scores.items()}
        doc._.entity_stance = document_stance(doc, self.stance, by_sentence.values())
        doc._.statements = statements
        return doc

    def write_data(self, path: Path) -> None:
        write_json(path / CUES, self.cues.raw)
        write_json(path / STANCE, self.stance.raw)
