"""The two databases a claim store can live in, behind one small interface: a DuckDB file (the default: one
file, nothing to start) and a PostgreSQL server (``postgresql://...``, for a team; the ``postgres`` extra).

Both take the same SQL (the store's statements use standard SQL with ``?`` placeholders, which the PostgreSQL
side turns into psycopg's ``%s``), run it in transactions, and return rows or DataFrames. Nothing here knows
the schema (`analyzer.store.schema`) or the claim table."""
from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from ..errors import GeoclaimsError, MissingExtraError


class StoreError(GeoclaimsError):
    """A claim store that cannot be opened, read or written (in use, newer, damaged, unreachable)."""


POSTGRES_SCHEMES = ("postgresql", "postgres")


def is_postgres(target: str | Path) -> bool:
    return isinstance(target, str) and target.split(":", 1)[0].lower() in POSTGRES_SCHEMES


def redacted(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class Backend:
    """One connection to a store's database."""

    name: str  # "duckdb" or "postgresql"
    location: str  # the file or the URL without its password, for messages
    holds_nul: bool = True  # can its text hold U+0000 (PostgreSQL's cannot)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        """Insert the rows of ``frame`` (its columns named as the table's) into ``table``; rows whose key is
        there already are left as they are."""
        raise NotImplementedError

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def tables(self) -> set[str]:
        """The names of the tables in the store's schema (``geoclaims``)."""
        return {str(t) for (t,) in self.execute("SELECT table_name FROM information_schema.tables WHERE "
                                                "table_schema = 'geoclaims'")}

    def lock_schema(self) -> None:
        """Within a transaction: wait until no other writer changes the schema (PostgreSQL; a DuckDB file has
        one writing process at a time anyway)."""

    def analyze(self) -> None:
        """Refresh the query planner's statistics of the store's tables (PostgreSQL; DuckDB keeps its own)."""

    def close(self) -> None:
        raise NotImplementedError


# ---- DuckDB -------------------------------------------------------------------------------------------------
class DuckDB(Backend):
    name = "duckdb"

    def __init__(self, path: str | Path) -> None:
        import duckdb

        self._duckdb = duckdb
        text = str(path)
        if text.startswith("duckdb://"):
            text = text[len("duckdb://"):]
        self.location = text
        if text != ":memory:":
            p = Path(text)
            if p.is_dir():
                raise StoreError(f"{text}: is a folder; a DuckDB claim store is one file (claims.duckdb)")
            if not p.parent.exists():
                raise StoreError(f"{text}: folder {p.parent} does not exist")
        try:
            self.con = duckdb.connect(text)
        except duckdb.IOException as e:  # another process holds the file, or it is not a DuckDB file
            message = str(e)
            if "lock" in message.lower():
                raise StoreError(f"{text}: the store is in use by another process (a DuckDB file has one writer at "
                                 f"a time; use a PostgreSQL store for concurrent writers): {_first_line(message)}") \
                    from None
            raise StoreError(f"{text}: cannot open as a DuckDB database: {_first_line(message)}") from None
        except duckdb.Error as e:
            raise StoreError(f"{text}: cannot open as a DuckDB database: {_first_line(str(e))}") from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.con.execute(sql, list(params))
        return cur.fetchall() if cur.description is not None else []

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.con.executemany(sql, [list(r) for r in rows])

    def insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        columns = ", ".join(quote(c) for c in frame.columns)
        self.con.register("geoclaims_rows", frame)
        try:
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM geoclaims_rows "
                             "ON CONFLICT DO NOTHING")
        finally:
            self.con.unregister("geoclaims_rows")

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return self.con.execute(sql, list(params)).df()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()


# ---- PostgreSQL ---------------------------------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"\?")
SCHEMA_LOCK = 0x67636C61  # pg_advisory_xact_lock key of a schema change ('gcla')


class Postgres(Backend):
    name = "postgresql"
    holds_nul = False

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise MissingExtraError("a PostgreSQL claim store needs psycopg, which is not installed: pip install "
                                    "'geoclaims[postgres]'") from None
        self._psycopg = psycopg
        self.location = redacted(url)
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            raise StoreError(f"{self.location}: cannot connect: {_first_line(str(e))}") from None

    @staticmethod
    def _sql(sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall() if cur.description is not None else []

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.con.cursor() as cur:
                cur.executemany(self._sql(sql), [list(r) for r in rows])

    def insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        columns = ", ".join(quote(c) for c in frame.columns)
        marks = ", ".join("?" for _ in frame.columns)
        rows = [[_sql_value(v) for v in row] for row in frame.astype(object).itertuples(index=False, name=None)]
        self.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        with self.con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            names = [d.name for d in cur.description or ()]
            return pd.DataFrame.from_records(cur.fetchall(), columns=names)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.con.transaction():
            yield

    def lock_schema(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", [SCHEMA_LOCK])

    def analyze(self) -> None:
        # fresh statistics after a run: without them the planner takes a store of thousands of documents for a
        # handful and picks nested loops over the verdicts (a query of a minute instead of milliseconds)
        tables = sorted(self.tables())
        if tables:
            self.execute("ANALYZE " + ", ".join(f"geoclaims.{quote(t)}" for t in tables))

    def close(self) -> None:
        self.con.close()


def _sql_value(v: Any) -> Any:
    """A cell as psycopg should send it: missing (None, pd.NA, NaN: a string column's missing values are NaN
    under pandas 3) as NULL, as DuckDB stores them from a DataFrame."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v


def quote(name: str) -> str:
    """A column name as an SQL identifier (``"text"``, ``"value"``)."""
    return '"' + name.replace('"', '""') + '"'


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else message


def connect(target: str | Path) -> Backend:
    """The database of ``target``: ``postgresql://user@host/db`` (or ``postgres://``) is a PostgreSQL server,
    anything else a DuckDB file (created when missing; ``duckdb:///path`` and ``:memory:`` are accepted)."""
    if isinstance(target, str) and is_postgres(target):
        return Postgres(target)
    if isinstance(target, str) and "://" in target and not target.startswith("duckdb://"):
        scheme = target.split("://", 1)[0]
        raise StoreError(f"{redacted(target)}: unknown kind of store {scheme!r}: give a DuckDB file "
                         "(claims.duckdb) or a postgresql:// URL")
    return DuckDB(target)
