"""geoclaims: claim tables for fact-checkers from geopolitical news.

>>> import analyzer
>>> table = analyzer.analyze("Trade rose 12% to $4 billion last year, the minister said.")

`analyze` gives the claim table, `quantities` every numeric mention, `entities` the linked entity
mentions, `assess` speaker/modality/check-worthiness per text; `load` returns the spaCy pipeline.
For many documents, `analyze_many` streams claim-table chunks and `analyze_frame` analyses a DataFrame
of articles; `analyzer.dask` runs on a Dask cluster. `display` shows a document highlighted in Jupyter, `summarize`
a claim table with charts; `export` writes a claim table to csv/jsonl/parquet/xlsx/ClaimReview.
`check` compares quantity claims with reference figures, `compare` finds figures that disagree across
documents (`analyzer.verify`).
"""
from .api import analyze, assess, display, entities, get_pipeline, quantities, summarize
from .batch import analyze_frame, analyze_many
from .claims import COLUMNS, CONTRACT, Claim, to_frame
from .errors import DataFileError, GeoclaimsError, InputError, ModelNotFoundError
from .pipeline import COMPONENTS, load
from .report.export import save as export
from .verify import check, compare

from ._version import __version__
__all__ = [
    "COLUMNS", "COMPONENTS", "CONTRACT", "Claim", "DataFileError", "GeoclaimsError", "InputError",
    "ModelNotFoundError", "__version__", "analyze", "analyze_frame", "analyze_many", "assess", "display", "entities",
    "check", "compare", "export", "get_pipeline", "load", "quantities", "summarize", "to_frame",
]
