"""The store tests' PostgreSQL server (tests/store/pgserver.py, issue 20) against a real server: it answers,
connections see each other's commits, each test database is its own, it stops and leaves nothing behind (Ctrl-C
included), and when it cannot start the reason names the command, its exit code and the server's last words."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.store import pgserver
from tests.store.conftest import no_postgres

psycopg = pytest.importorskip("psycopg")


def connect(url: str):
    return psycopg.connect(url, connect_timeout=10)


def local_programs() -> None:
    """Skip (or fail, under GEOCLAIMS_REQUIRE_POSTGRES=1) a test that starts servers of its own when PostgreSQL's
    programs are not installed here."""
    try:
        pgserver.find_bindir()
    except pgserver.PostgresUnavailable as exc:
        no_postgres(str(exc))


def refused(url: str) -> bool:
    try:
        connect(url).close()
    except psycopg.OperationalError:
        return True
    return False


def test_the_server_answers(postgres_server):
    assert pgserver.check(postgres_server).startswith("PostgreSQL ")
    with connect(postgres_server.url) as conn:
        assert conn.execute("show server_encoding").fetchone() == ("UTF8",)
    if postgres_server.socket_url is not None:  # a server started here also listens on its unix socket
        with connect(postgres_server.socket_url) as conn:
            assert conn.execute("select inet_server_addr()").fetchone() == (None,)  # None: not over TCP


def test_two_connections_see_each_others_committed_rows(postgres_url):
    with connect(postgres_url) as a, connect(postgres_url) as b:
        a.execute("create table claim (id integer primary key, text text not null)")
        a.commit()
        a.execute("insert into claim values (1, 'trade surpassed $4 billion')")
        assert b.execute("select count(*) from claim").fetchone() == (0,)  # not committed yet
        b.rollback()
        a.commit()
        assert b.execute("select text from claim").fetchall() == [("trade surpassed $4 billion",)]
        b.execute("insert into claim values (2, 'up to 30 million tons')")
        b.commit()
        assert a.execute("select id from claim order by id").fetchall() == [(1,), (2,)]


def test_each_test_database_is_fresh_and_its_own(postgres_url):
    with connect(postgres_url) as conn:
        name = conn.execute("select current_database()").fetchone()[0]
        tables = conn.execute("select count(*) from information_schema.tables where table_schema = 'public'")
        assert tables.fetchone() == (0,)
    assert name.startswith("geoclaims_test_") and postgres_url.endswith("/" + name)


def test_new_database_gives_isolated_databases_and_drop_removes_them(postgres_server):
    first, second = pgserver.new_database(postgres_server), pgserver.new_database(postgres_server.url)
    assert first != second
    try:
        with connect(first) as conn:
            conn.execute("create table run (id integer)")
            conn.execute("insert into run values (1)")
        with connect(second) as conn:
            assert conn.execute("select to_regclass('run')").fetchone() == (None,)
    finally:
        pgserver.drop_database(first)
        pgserver.drop_database(second)
    with connect(postgres_server.url) as conn:
        names = {first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]}
        left = conn.execute("select datname from pg_database where datname = any(%s)", (list(names),)).fetchall()
    assert left == []


def test_the_environment_names_a_server_to_use_instead(postgres_server, monkeypatch):
    monkeypatch.setenv(pgserver.ENV_URL, postgres_server.url)
    external = pgserver.server()
    assert external.url == postgres_server.url and not external.owned
    external.stop()  # nothing: this process did not start it
    assert pgserver.check(postgres_server).startswith("PostgreSQL ")
    monkeypatch.setenv(pgserver.ENV_URL, "mysql://localhost/claims")
    with pytest.raises(pgserver.PostgresUnavailable, match="not a postgresql:// URL"):
        pgserver.server()


@pytest.mark.parametrize("where", ["empty search path", "empty directory"])
def test_missing_programs_give_a_reason_that_says_what_to_do(tmp_path, where):
    search_path = "" if where == "empty search path" else str(tmp_path)
    with pytest.raises(pgserver.PostgresUnavailable) as raised:
        pgserver.start(search_path=search_path, lib_glob=str(tmp_path / "*" / "bin"))
    reason = str(raised.value)
    assert "initdb, pg_ctl, postgres were not found" in reason
    assert "apt-get install postgresql" in reason and "GEOCLAIMS_TEST_POSTGRES=postgresql://" in reason
    if where == "empty directory":
        assert str(tmp_path) in reason  # where it looked


def test_a_port_in_use_gives_the_command_its_exit_code_and_the_server_log():
    local_programs()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(pgserver.PostgresUnavailable) as raised:
            pgserver.start(port=port)
    reason = str(raised.value)
    assert "pg_ctl" in reason and " start` exited with 1" in reason
    assert "last lines of the server log" in reason and "could not bind IPv4 address" in reason


def test_an_initdb_failure_gives_its_output():
    local_programs()
    directory = Path(tempfile.mkdtemp(prefix="geoclaims-pg-test-"))
    try:
        (directory / "data").mkdir()
        (directory / "data" / "left-over").write_text("x")
        with pytest.raises(pgserver.PostgresUnavailable) as raised:
            pgserver.start(directory)
    finally:
        pgserver.stop(directory)
    reason = str(raised.value)
    assert "initdb -D" in reason and "exited with 1" in reason and "is not empty" in reason
    assert not directory.exists()


def test_the_command_line_starts_and_stops_a_server_as_ci_does():
    local_programs()
    directory = Path(tempfile.mkdtemp(prefix="geoclaims-pg-test-"))
    try:
        started = subprocess.run([sys.executable, "-m", "tests.store.pgserver", "start", "--dir", str(directory)],
                                 cwd=ROOT, capture_output=True, text=True, timeout=180)
        assert started.returncode == 0, started.stderr
        url = started.stdout.strip()
        assert url.startswith("postgresql://postgres@127.0.0.1:") and url.endswith("/geoclaims")
        assert (directory / "url").read_text().strip() == url
        with connect(url) as conn:
            assert conn.execute("select current_database()").fetchone() == ("geoclaims",)
    finally:
        stopped = subprocess.run([sys.executable, "-m", "tests.store.pgserver", "stop", "--dir", str(directory)],
                                 cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert stopped.returncode == 0, stopped.stderr
    assert not directory.exists() and refused(url)


def test_ctrl_c_stops_a_started_server_and_removes_its_directory():
    local_programs()
    script = ("import time\nfrom tests.store import pgserver\nserver = pgserver.start()\n"
              "print(server.directory, server.url, flush=True)\ntime.sleep(120)\n")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout is not None
        directory, url = child.stdout.readline().split()
        assert Path(directory, "data", "postmaster.pid").exists() and not refused(url)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=90)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert "KeyboardInterrupt" in err
    assert not Path(directory).exists() and refused(url)


def test_store_url_gives_each_backend(store_url, request):
    backend = request.node.callspec.params["store_url"]
    if backend == "duckdb":
        assert store_url.endswith("claims.duckdb") and not Path(store_url).exists()
    else:
        assert store_url.startswith("postgresql://") and "/geoclaims_test_" in store_url
        assert not refused(store_url)


@pytest.mark.parametrize(("required", "outcome"), [("", pytest.skip.Exception), ("1", pytest.fail.Exception)])
def test_no_server_skips_unless_required(monkeypatch, required, outcome):
    monkeypatch.setenv("GEOCLAIMS_REQUIRE_POSTGRES", required)
    with pytest.raises(outcome, match="no PostgreSQL server for the store tests: initdb is missing"):
        no_postgres("initdb is missing")
