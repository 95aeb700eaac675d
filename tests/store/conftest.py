"""The claim store's fixtures: a real PostgreSQL server for the session, a fresh database per test, a DuckDB file,
and `store_url` to write a test once for both backends.

Without a server (no PostgreSQL binaries and no GEOCLAIMS_TEST_POSTGRES, psycopg missing, a server that does not
start) the PostgreSQL tests skip with the reason; with GEOCLAIMS_REQUIRE_POSTGRES=1 (CI) they fail with it."""
from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from typing import NoReturn
from pathlib import Path

import pytest

from tests.store import pgserver

REQUIRE = "GEOCLAIMS_REQUIRE_POSTGRES"


def no_postgres(reason: str) -> NoReturn:
    """Skip the test with `reason`, or fail it when GEOCLAIMS_REQUIRE_POSTGRES=1."""
    message = f"no PostgreSQL server for the store tests: {reason}"
    if os.environ.get(REQUIRE, "") == "1":
        pytest.fail(message + f" ({REQUIRE}=1)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pgserver.Server]:
    """The session's server: GEOCLAIMS_TEST_POSTGRES's, or one started once (stopped and removed at the end).
    Its `url` names a database the tests share; take `postgres_url` for a database of the test's own."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        no_postgres("psycopg is not installed (pip install -e '.[test]')")
    try:
        server = pgserver.server()
        pgserver.check(server)
    except pgserver.PostgresUnavailable as exc:
        no_postgres(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: pgserver.Server) -> Iterator[str]:
    """A new, empty database on the session's server, for this test alone: its `postgresql://` URL. Dropped after
    the test (its connections closed)."""
    try:
        url = pgserver.new_database(postgres_server)
    except pgserver.PostgresUnavailable as exc:
        no_postgres(str(exc))
    yield url
    try:
        pgserver.drop_database(url)
    except Exception as exc:  # a drop that fails must not hide the test's own result
        warnings.warn(f"could not drop the test database {url}: {exc}", stacklevel=1)


@pytest.fixture
def duckdb_path(tmp_path: Path) -> Path:
    """Where this test's DuckDB store goes (not created)."""
    return tmp_path / "claims.duckdb"


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request: pytest.FixtureRequest) -> str:
    """Each backend in turn, as what `analyzer.store.open` takes: the DuckDB file's path (a str) or a fresh
    PostgreSQL database's URL. The postgres case skips (or fails) as `postgres_url` does; `request.param` names
    the backend."""
    if request.param == "duckdb":
        return str(request.getfixturevalue("duckdb_path"))
    return request.getfixturevalue("postgres_url")
