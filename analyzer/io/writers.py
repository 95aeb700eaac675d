"""Writing the claim table as a stream: CSV, JSON Lines or Parquet, a chunk at a time, so a corpus of any
size is written with flat memory. `done_ids` reads back which documents a file already holds, so an
interrupted run can resume where it stopped."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..claims.table import COLUMNS
from ..errors import InputError

STREAM_FORMATS = ("csv", "jsonl", "parquet")
LIST_TYPES = {"entities": "string", "entity_mentions": "int64", "entity_stance": "string"}
ROW_GROUP_ROWS = 10_000  # Parquet: rows buffered per row group


def arrow_schema() -> Any:
    """The claim table's columns as an Arrow schema (list columns as lists)."""
    import pyarrow as pa

    types = {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "bool": pa.bool_()}
    return pa.schema([(name, pa.list_(types[LIST_TYPES[name]]) if dtype == "object" else types[dtype])
                      for name, dtype in COLUMNS.items()])


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """List columns as '; '-joined text, the way CSV shows them; then string cells neutralised against
    formula injection (`analyzer.report.export.neutralise`)."""
    from ..report.export import neutralise

    joined = frame.assign(**{c: frame[c].map(lambda xs: "; ".join(map(str, xs))) for c in LIST_TYPES if c in frame})
    return neutralise(joined)


class StreamWriter:
    """Appends claim-table chunks to ``path`` in ``fmt``; ``resume`` keeps what the file holds."""

    def __init__(self, path: str | Path, fmt: str, *, resume: bool = False) -> None:
        if fmt not in STREAM_FORMATS:
            raise InputError(f"format: {fmt!r} cannot be streamed; use one of {', '.join(STREAM_FORMATS)}")
        self.path = Path(path)
        self.fmt = fmt
        self.rows = 0
        self._fh: Any = None
        self._pq: Any = None
        self._buffer: list[pd.DataFrame] = []
        self._buffered = 0
        self._tmp: Path | None = None
        keep = resume and self.path.exists() and self.path.stat().st_size > 0
        if fmt == "parquet":
            self._open_parquet(keep)
        else:
            self._fh = self.path.open("a" if keep else "w", encoding="utf8", newline="")
            self._header = not keep

    def _open_parquet(self, keep: bool) -> None:
        import pyarrow.parquet as pq

        schema = arrow_schema()
        # Parquet files cannot be appended to: a resumed run copies the old row groups into a new file
        target = self.path.with_name(self.path.name + ".partial") if keep else self.path
        self._pq = pq.ParquetWriter(target, schema)
        if keep:
            self._tmp = target
            old = pq.ParquetFile(self.path)
            for i in range(old.num_row_groups):
                self._pq.write_table(old.read_row_group(i).cast(schema))

    def write(self, frame: pd.DataFrame) -> None:
        """Append ``frame`` (claim-table columns)."""
        self.rows += len(frame)
        if self.fmt == "parquet":
            if len(frame):
                self._buffer.append(frame)
                self._buffered += len(frame)
            if self._buffered >= ROW_GROUP_ROWS:
                self._flush_parquet()
            return
        if self.fmt == "csv":
            csv_frame(frame).to_csv(self._fh, index=False, header=self._header, lineterminator="\r\n")
            self._header = False
        else:
            from ..report.export import records

            self._fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(frame)))
        self._fh.flush()

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if self._buffer:
            frame = pd.concat(self._buffer, ignore_index=True)
            self._pq.write_table(pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False))
        self._buffer, self._buffered = [], 0

    def close(self) -> None:
        """Finish the file (Parquet: the last row group and the footer). Safe to call twice."""
        if self._pq is not None:
            self._flush_parquet()
            self._pq.close()
            self._pq = None
            if self._tmp is not None:
                os.replace(self._tmp, self.path)
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def done_ids(path: str | Path, fmt: str) -> set[str]:
    """The ``doc_id`` of every claim already in ``path`` (empty when the file does not exist). A JSON
    Lines file cut mid-line by a crash is trimmed back to its last whole line."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return set()
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return set(pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist())
        if fmt == "csv":
            ids = pd.read_csv(path, usecols=["doc_id"], dtype=str, keep_default_na=False)["doc_id"]
            # the CSV writer neutralised ids that look like formulas ('-1' -> "'-1"): read them back as given
            return {i[1:] if i[:1] == "'" and i[1:2] in ("=", "+", "-", "@", "\t", "\r") else i for i in ids}
        ids, good = set(), 0
        with path.open("rb") as fh:
            for line in fh:
                try:
                    ids.add(json.loads(line)["doc_id"])
                except (ValueError, KeyError, TypeError):
                    break
                good += len(line)
        if good < path.stat().st_size:
            with path.open("r+b") as fh:
                fh.truncate(good)
        return ids
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - any reader failure means the same thing to the user
        raise InputError(f"{path}: cannot resume from this file ({type(e).__name__}: {e}); "
                         "remove it or write to a new file") from None
