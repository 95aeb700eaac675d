"""The claim store: claims, verdicts and their history across runs, in a real database.

    import analyzer.store
    with analyzer.store.open("claims.duckdb") as store:          # or "postgresql://user@host/db"
        store.claims(entity="Azerbaijan", metric="trade")          # DataFrames
        store.clusters(min_claims=2)

A DuckDB file by default (one file, nothing to start); PostgreSQL for a team (the ``postgres`` extra). The
schema is versioned (`analyzer.store.schema`): a newer geoclaims opens an older store. See `Store`."""
from __future__ import annotations

import os

from .backends import StoreError
from .schema import SCHEMA_VERSION
from .store import CLUSTER_COLUMNS, STORE_COLUMNS, RunWriter, Store, Written
from .version import pipeline_version

__all__ = ["CLUSTER_COLUMNS", "SCHEMA_VERSION", "STORE_COLUMNS", "RunWriter", "Store", "StoreError", "Written", "open",
           "pipeline_version"]


def open(target: str | os.PathLike[str], *, migrate: bool = True) -> Store:  # noqa: A001  (analyzer.store.open)
    """The claim store at ``target``: a DuckDB file (created when missing) or a ``postgresql://`` URL. Its schema
    is brought up to date (``migrate=False``: only checked, for a store this process must not change; a store of an
    older schema then has only that schema's tables, and reads of the newer ones fail)."""
    return Store.open(target, migrate=migrate)
