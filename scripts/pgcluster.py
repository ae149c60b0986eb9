#!/usr/bin/env python3
"""The one PostgreSQL launcher (issue 18): the tests' throw-away cluster (scripts/with-postgres.sh) and the
bench's kept cluster (bench/run.py) both start PostgreSQL here, and so does the bench's streaming replica.

    scripts/pgcluster.py run [--replica] -- COMMAND ...

runs COMMAND against a fresh cluster in a temporary directory on a free local port (DATABASE_URL points at
it; with --replica also WIJKREGIE_REPLICA_URL at a streaming replica of it) and removes everything afterwards,
whatever COMMAND's outcome; the exit status is COMMAND's. Standard library only: it runs before any
virtualenv exists (`make test` on a clean clone).

initdb refuses to run as root: as root every PostgreSQL program runs as the postgres user (runuser).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Settings of a throw-away test cluster: nothing needs to survive a crash.
NOT_DURABLE = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def newest_bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        raise SystemExit("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): apt-get install postgresql")
    return found[-1]


class Cluster:
    """One PostgreSQL cluster in `directory` (its data in directory/data, its log in directory/log, its
    socket in directory), listening on 127.0.0.1 only, with trust authentication for the postgres user."""

    def __init__(self, directory: Path | str):
        self.dir = Path(directory)
        self.bindir = newest_bindir()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.port: int | None = None

    @property
    def data(self) -> Path:
        return self.dir / "data"

    @property
    def logfile(self) -> Path:
        return self.dir / "log"

    def run(self, *cmd, **kw):
        return subprocess.run([*self.as_pg, *map(str, cmd)], check=True, **kw)

    def _own(self, path: Path):
        if self.as_pg:
            shutil.chown(path, "postgres")

    @property
    def initialised(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def init(self, *, sync: bool = True):
        self.dir.mkdir(parents=True, exist_ok=True)
        self._own(self.dir)
        self.run(self.bindir / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--locale=C.UTF-8", *([] if sync else ["--no-sync"]), stdout=subprocess.DEVNULL)

    def start(self, settings: dict[str, str] | None = None, *, port: int | None = None):
        self.port = port or free_port()
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        opts += "".join(f" -c {k}={v}" for k, v in (settings or {}).items())
        self.run(self.bindir / "pg_ctl", "-D", self.data, "-w", "-t", "600", "-l", self.logfile, "-o", opts, "start",
                 stdout=subprocess.DEVNULL)

    def stop(self, mode: str = "fast"):
        if self.port:
            self.run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "stop", stdout=subprocess.DEVNULL)
            self.port = None

    def pid(self) -> int | None:
        """The postmaster's process id (its first line of postmaster.pid), None when not running."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def url(self, db: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def sql(self, statement: str, db: str = "postgres") -> str:
        out = self.run(self.bindir / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "-d", db,
                       "-v", "ON_ERROR_STOP=1", "-tAc", statement, capture_output=True, text=True)
        return out.stdout.strip()

    def system_identifier(self) -> str:
        return self.sql("SELECT system_identifier FROM pg_control_system()")

    # --- streaming replication ------------------------------------------------------------------------

    def base_backup(self, directory: Path | str, *, slot: str = "replica") -> Cluster:
        """A streaming replica of this (running) cluster in `directory`, as production makes one: a physical
        replication slot on the primary (it keeps the WAL the replica has not yet received), pg_basebackup
        with -R (standby.signal and primary_conninfo naming the slot), WAL streamed during the copy.
        The primary needs wal_level=replica (PostgreSQL's default) and a replication line in pg_hba.conf
        (initdb writes one for 127.0.0.1)."""
        replica = Cluster(directory)
        if replica.dir.exists():
            shutil.rmtree(replica.dir)
        replica.dir.mkdir(parents=True)
        replica._own(replica.dir)
        if self.sql(f"SELECT count(*) FROM pg_replication_slots WHERE slot_name = '{slot}'") != "0":
            self.sql(f"SELECT pg_drop_replication_slot('{slot}')")
        self.sql(f"SELECT pg_create_physical_replication_slot('{slot}')")
        self.run(self.bindir / "pg_basebackup", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
                 "-D", replica.data, "-R", "-S", slot, "-X", "stream", "--checkpoint=fast", "--no-sync")
        return replica

    def follow(self, primary: Cluster):
        """Point this (stopped) replica at the primary's current port: a kept replica outlives the port its
        primary had when pg_basebackup wrote primary_conninfo into postgresql.auto.conf."""
        conf = self.data / "postgresql.auto.conf"
        text = re.sub(r"^(primary_conninfo = '.*?)\bport=\d+", lambda m: f"{m.group(1)}port={primary.port}",
                      conf.read_text(), flags=re.M)
        conf.write_text(text)

    def replay_lag_bytes(self, replica: Cluster) -> int:
        """How far the replica's replay is behind this primary's current WAL position, in bytes."""
        current = self.sql("SELECT pg_current_wal_lsn()")
        replayed = replica.sql("SELECT pg_last_wal_replay_lsn()")
        return int(self.sql(f"SELECT pg_wal_lsn_diff('{current}', '{replayed}')"))

    def wait_for(self, replica: Cluster, seconds: float = 300):
        """Until the replica has replayed everything this primary has written so far."""
        deadline = time.monotonic() + seconds
        while self.replay_lag_bytes(replica) > 0:
            if time.monotonic() > deadline:
                raise SystemExit(f"the replica did not catch up within {seconds:.0f} s")
            time.sleep(0.2)


def run_command(command: list[str], *, replica: bool) -> int:
    """The tests' cluster: fresh, in a temporary directory, not durable, gone afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="wijkregie-pg."))
    primary = Cluster(tmp)
    standby = None

    def stop_on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop_on_term)
    try:
        primary._own(tmp)
        primary.init(sync=False)
        primary.start(NOT_DURABLE)
        env = dict(os.environ, DATABASE_URL=primary.url("wijkregie"))
        if replica:
            standby = primary.base_backup(tmp / "replica")
            standby.start(NOT_DURABLE)
            env["WIJKREGIE_REPLICA_URL"] = standby.url("wijkregie")
        return subprocess.run(command, env=env).returncode
    finally:
        for cluster in (standby, primary):
            if cluster is not None:
                try:
                    cluster.stop("immediate")
                except (subprocess.CalledProcessError, OSError):
                    pass
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run a command against a throw-away PostgreSQL.")
    sub = parser.add_subparsers(dest="action", required=True)
    run = sub.add_parser("run", help="run COMMAND with DATABASE_URL pointing at a fresh cluster")
    run.add_argument("--replica", action="store_true", help="also a streaming replica (WIJKREGIE_REPLICA_URL)")
    run.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    return run_command(command, replica=args.replica)


if __name__ == "__main__":
    sys.exit(main())
