"""A throwaway, real PostgreSQL server for the claim store's tests (issue 20), and its command line for `.ci/run`.

`server()` gives the server named by ``GEOCLAIMS_TEST_POSTGRES`` (a ``postgresql://...`` URL; nothing is started
or stopped) or else starts one: PostgreSQL's own ``initdb`` into a temporary directory (trust authentication, no
sync, UTF8, locale C), then ``pg_ctl -w start`` listening on 127.0.0.1 on a free port and on a unix socket in
that directory, then ``createdb``. As root (PostgreSQL refuses to run as root) the server commands run as the
``postgres`` system user (Debian's package makes it) or else ``nobody``, through ``runuser`` or ``setpriv``.
A server that cannot start raises `PostgresUnavailable` whose message says why: the command, its exit code and
the last lines of its output or of the server log, so a test can skip (or fail) with that reason. Every
subprocess has a timeout. `Server.stop()` stops it (``pg_ctl stop -m fast``) and removes the directory; a
server started in process is also stopped at exit (Ctrl-C included).

Standard library only: `.ci/run` runs it before the test extra (psycopg) matters. `new_database` and
`drop_database` import psycopg when called (the tests have it).

    python -m tests.store.pgserver start --dir DIR   # prints the URL (also written to DIR/url)
    python -m tests.store.pgserver stop --dir DIR    # stops it and removes DIR
"""
from __future__ import annotations

import argparse
import atexit
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV_URL = "GEOCLAIMS_TEST_POSTGRES"
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
LIB_GLOB = "/usr/lib/postgresql/*/bin"  # Debian's and Ubuntu's layout, one directory per major version
SUPERUSER = "postgres"  # the database role initdb makes (not the system user)
DATABASE = "geoclaims"
INSTALL_HINT = ("install PostgreSQL's server (apt-get install postgresql) or set "
                f"{ENV_URL}=postgresql://... to use a running server")
TIMEOUT = 120  # seconds, for initdb and pg_ctl; pg_ctl's own wait (-t) is shorter
LOG_LINES = 12


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be had; the message says why."""


@dataclass
class Server:
    """A running server: its URL (database `geoclaims`, or the one in GEOCLAIMS_TEST_POSTGRES) and, when this
    module started it, its directory (data, socket, log)."""

    url: str
    directory: Path | None = None
    bindir: Path | None = field(default=None, repr=False)
    user: str | None = field(default=None, repr=False)

    @property
    def owned(self) -> bool:
        return self.directory is not None

    @property
    def socket_url(self) -> str | None:
        """The same database through the server's unix socket (a server this module started), else None."""
        if self.directory is None:
            return None
        parts = urlsplit(self.url)
        return f"postgresql://{SUPERUSER}@{parts.path}?host={self.directory}&port={parts.port}"

    def stop(self) -> None:
        """Stop a server this module started and remove its directory; nothing for an external one."""
        if self.directory is not None:
            stop(self.directory)
            self.directory = None


# ---- finding the programs -------------------------------------------------------------------------------------

def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name))


def candidate_dirs(search_path: str | None = None, lib_glob: str | None = LIB_GLOB) -> list[Path]:
    """The directories looked in, in order: each entry of `search_path` (default: PATH), then `lib_glob`'s
    matches, newest version first."""
    path = os.environ.get("PATH", "") if search_path is None else search_path
    dirs = [Path(p) for p in path.split(os.pathsep) if p]
    if lib_glob:
        dirs += sorted((Path(p) for p in glob.glob(lib_glob)), key=_version_key, reverse=True)
    return dirs


def find_bindir(search_path: str | None = None, lib_glob: str | None = LIB_GLOB) -> Path:
    """The directory holding initdb, pg_ctl and postgres of one installation (symlinks, such as Debian's
    /usr/local/bin ones, are followed to it). Raises PostgresUnavailable naming where it looked."""
    dirs = candidate_dirs(search_path, lib_glob)
    for d in dirs:
        initdb = d / "initdb"
        if not (initdb.is_file() and os.access(initdb, os.X_OK)):
            continue
        real = Path(os.path.realpath(initdb)).parent
        for bindir in (real, d):
            if all(os.access(bindir / p, os.X_OK) for p in SERVER_PROGRAMS):
                return bindir
    looked = os.pathsep.join(str(d) for d in dirs) or "(nowhere: the search path is empty)"
    raise PostgresUnavailable(f"PostgreSQL's {', '.join(SERVER_PROGRAMS)} were not found together in {looked}; "
                              + INSTALL_HINT)


def _client(bindir: Path, name: str) -> str:
    if os.access(bindir / name, os.X_OK):
        return str(bindir / name)
    found = shutil.which(name)
    if found is None:
        raise PostgresUnavailable(f"PostgreSQL's {name} was not found in {bindir} nor on PATH; " + INSTALL_HINT)
    return found


# ---- running commands -----------------------------------------------------------------------------------------

def server_user() -> str | None:
    """The unprivileged user the server runs as: None when not root, else `postgres` or `nobody`."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise PostgresUnavailable("running as root and neither a 'postgres' nor a 'nobody' user exists to run "
                              "PostgreSQL as (it refuses to run as root)")


def _as_user(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *argv]
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={user}", f"--regid={pwd.getpwnam(user).pw_gid}", "--init-groups", "--", *argv]
    raise PostgresUnavailable(f"running as root, and neither runuser nor setpriv is there to run PostgreSQL as {user}")


def _env() -> dict[str, str]:
    # PGDATA, PGPORT, PGHOST ... of the caller must not steer the throwaway server
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


def _tail(text: str, lines: int = LOG_LINES) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join(kept) if kept else "(no output)"


def _run(argv: list[str], *, cwd: Path, log: Path | None = None, timeout: float = TIMEOUT) -> str:
    """Run one command; on a non-zero exit or a timeout raise PostgresUnavailable with the command, its exit code
    and the last lines of its output (and of the server log, when given)."""
    shown = shlex.join(argv)
    try:
        run = subprocess.run(argv, cwd=cwd, env=_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise PostgresUnavailable(f"`{shown}` did not finish in {timeout:.0f} s{_log_tail(log)}") from exc
    except OSError as exc:
        raise PostgresUnavailable(f"`{shown}` could not run: {exc}") from exc
    if run.returncode != 0:
        raise PostgresUnavailable(f"`{shown}` exited with {run.returncode}:\n{_tail(run.stdout + run.stderr)}"
                                  f"{_log_tail(log)}")
    return run.stdout


def _log_tail(log: Path | None) -> str:
    if log is None or not log.exists():
        return ""
    return f"\nlast lines of the server log {log}:\n{_tail(log.read_text(errors='replace'))}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- starting and stopping ------------------------------------------------------------------------------------

def _prepare(directory: Path, user: str | None) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(directory, entry.pw_uid, entry.pw_gid)
    directory.chmod(0o700)


def _initdb(bindir: Path, directory: Path, user: str | None) -> None:
    _run(_as_user(user, [str(bindir / "initdb"), "-D", str(directory / "data"), f"--username={SUPERUSER}",
                         "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"]), cwd=directory)


def _pg_ctl_start(bindir: Path, directory: Path, user: str | None, port: int) -> None:
    options = ["-c", "listen_addresses=127.0.0.1", "-c", f"port={port}", "-c",
               f"unix_socket_directories={directory}", "-c", "fsync=off"]
    log = directory / "server.log"
    _run(_as_user(user, [str(bindir / "pg_ctl"), "-D", str(directory / "data"), "-l", str(log), "-w", "-t", "60",
                         "-o", shlex.join(options), "start"]), cwd=directory, log=log)


def start(directory: Path | str | None = None, *, port: int | None = None, search_path: str | None = None,
          lib_glob: str | None = LIB_GLOB, stop_at_exit: bool = True) -> Server:
    """Start a throwaway server in `directory` (a new temporary one by default; it must be empty or absent, and
    as root every parent must be searchable by the server's user) on `port` (a free one by default) and
    return it with the URL of a new database `geoclaims`. `search_path` and `lib_glob` say where to look for
    the programs (see `find_bindir`). Raises PostgresUnavailable with the reason."""
    bindir = find_bindir(search_path, lib_glob)
    createdb = _client(bindir, "createdb")
    user = server_user()
    owned_tmp = directory is None
    directory = Path(tempfile.mkdtemp(prefix="geoclaims-pg-")) if directory is None else Path(directory).resolve()
    try:
        _prepare(directory, user)
        _initdb(bindir, directory, user)
        port = _start_on_a_port(bindir, directory, user, port)
        (directory / "bindir").write_text(str(bindir))
        _run([createdb, "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER, DATABASE], cwd=directory, timeout=30)
    except BaseException:
        # whatever failed (Ctrl-C included): nothing left running, nothing left behind that this call made
        _stop_quietly(bindir, directory, user)
        if owned_tmp:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    server = Server(url=f"postgresql://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}", directory=directory,
                    bindir=bindir, user=user)
    (directory / "url").write_text(server.url + "\n")
    if stop_at_exit:
        atexit.register(server.stop)
    return server


def _start_on_a_port(bindir: Path, directory: Path, user: str | None, port: int | None) -> int:
    """pg_ctl start on `port`, or on a free port: another is tried when one is taken between the choice and the
    bind (a race with other processes)."""
    attempts = 1 if port is not None else 3
    for attempt in range(1, attempts + 1):
        chosen = free_port() if port is None else port
        try:
            _pg_ctl_start(bindir, directory, user, chosen)
            return chosen
        except PostgresUnavailable as exc:
            if attempt == attempts or "could not bind" not in str(exc):
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def _stop_quietly(bindir: Path, directory: Path, user: str | None) -> None:
    if not (directory / "data" / "postmaster.pid").exists():
        return
    for mode in ("fast", "immediate"):
        try:
            _run(_as_user(user, [str(bindir / "pg_ctl"), "-D", str(directory / "data"), "-m", mode, "-w", "-t", "30",
                                 "stop"]), cwd=directory, timeout=60)
            return
        except PostgresUnavailable as exc:
            print(f"pgserver: {exc}", file=sys.stderr)


def stop(directory: Path | str) -> None:
    """Stop the server started in `directory` (pg_ctl stop -m fast, then -m immediate if that fails) and remove
    the directory. Nothing happens for a directory that does not exist."""
    directory = Path(directory).resolve()
    if not directory.exists():
        return
    data = directory / "data"
    if (data / "postmaster.pid").exists():
        saved = directory / "bindir"
        bindir = Path(saved.read_text().strip()) if saved.exists() else find_bindir()
        user = None
        if os.geteuid() == 0:
            user = pwd.getpwuid(data.stat().st_uid).pw_name
        _stop_quietly(bindir, directory, user)
    shutil.rmtree(directory, ignore_errors=True)


def server(**start_options) -> Server:
    """The server named by GEOCLAIMS_TEST_POSTGRES (nothing started; `stop` does nothing) or else a started one."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            raise PostgresUnavailable(f"{ENV_URL} is not a postgresql:// URL: {url!r}")
        return Server(url=url)
    return start(**start_options)


# ---- databases (psycopg: the tests' extra) ---------------------------------------------------------------------

def _url(server_or_url: Server | str) -> str:
    return server_or_url.url if isinstance(server_or_url, Server) else server_or_url


def with_database(url: str, name: str) -> str:
    """`url` with its database replaced by `name`."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _admin(url: str):
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise PostgresUnavailable(f"cannot connect to {url}: {str(exc).strip()}") from exc


def check(server_or_url: Server | str) -> str:
    """The server's version string; PostgresUnavailable if it cannot be reached."""
    with _admin(_url(server_or_url)) as conn:
        row = conn.execute("select version()").fetchone()
    assert row is not None
    return row[0]


def new_database(server_or_url: Server | str, prefix: str = "geoclaims_test") -> str:
    """Create a new, empty database with a unique name on the server and return its URL."""
    url = _url(server_or_url)
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with _admin(url) as conn:
        conn.execute(f'create database "{name}"')
    return with_database(url, name)


def drop_database(url: str) -> None:
    """Drop the database `url` names (its connections closed first), connected through the server's `postgres`
    database."""
    name = urlsplit(url).path.lstrip("/")
    with _admin(with_database(url, "postgres")) as conn:
        conn.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s and pid <> "
                     "pg_backend_pid()", (name,))
        conn.execute(f'drop database if exists "{name}"')


# ---- command line ---------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.store.pgserver", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("start", "stop"))
    parser.add_argument("--dir", required=True, type=Path, help="the server's directory (empty or absent for start)")
    args = parser.parse_args(argv)
    if args.command == "stop":
        stop(args.dir)
        return 0
    try:
        started = start(args.dir, stop_at_exit=False)
    except PostgresUnavailable as exc:
        print(f"pgserver: PostgreSQL could not start: {exc}", file=sys.stderr)
        return 1
    print(started.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
