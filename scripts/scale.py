#!/usr/bin/env python3
"""Samenstad on more than one machine's parts (issue 20), Python 3.11 standard library only.

On private, throwaway processes (the shared PostgreSQL is never touched) it builds:

    clients -> HAProxy -> 3 x `samenstad serve` -> PgBouncer (transaction mode) -> primary
                                               \\-> streaming replica (pg_basebackup)

and runs mixed load through HAProxy: public reads (the venue finder, served from the replica;
the wijken) and booking requests, each with its own Idempotency-Key, retried with the same key
until a 2xx (scripts/chaos.py's Ledger). During the load, in turn: one instance is killed with
kill -9 and restarted, PgBouncer is restarted, the replica is stopped and started again.

Asserts: no acknowledged write lost or duplicated (and replays create nothing), fewer than 0.1 %
of requests through HAProxy failed (a failure is any answer that is not 2xx, or no answer; a
writer's retry with the same key is a new request), every read answered while the replica was
down. Prints the figures: requests, failures, writes acknowledged and found, recovery per fault,
the replica's lag.

Usage: scripts/scale.py [--seconds 30] [--readers 4] [--writers 4] [--rounds 1]
"""

import argparse
import collections
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaos  # noqa: E402  (the private cluster, the API process, the booking ledger)
from chaos import Api, Cluster, Ledger, free_port, request  # noqa: E402

DB = "samenstad_scale"
MAX_FAILED = 0.001  # < 0.1 % of requests


T0 = time.monotonic()


def log(msg):
    print(f"[scale {time.monotonic() - T0:5.1f} s] {msg}", file=sys.stderr, flush=True)


class Replica(Cluster):
    """A streaming replica of `primary`, made with pg_basebackup."""

    def __init__(self, primary, port):
        super().__init__(port)
        self.primary = primary

    def init(self):
        self._run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary.port), "-U", "postgres",
                  "-D", self.data, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")

    def lag_s(self):
        """Seconds since the last transaction the replica replayed (None when it cannot say)."""
        try:
            rows = self.psql(DB, "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)")
            return float(rows[0][0])
        except SystemExit:
            return None


class Child:
    """A foreground daemon (PgBouncer, HAProxy) run as a child process."""

    def __init__(self, name, argv, logfile):
        self.name, self.argv, self.logfile, self.proc = name, argv, logfile, None

    def start(self, port):
        with open(self.logfile, "ab") as out:
            # Its own process group: `runuser` forks the daemon, and a kill must reach both.
            self.proc = subprocess.Popen(self.argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.proc.returncode}\n{chaos.tail_of(self.logfile)}")
            try:
                with __import__("socket").create_connection(("127.0.0.1", port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"{self.name} does not listen on {port}\n{chaos.tail_of(self.logfile)}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def pgbouncer(directory, listen, primary_port):
    ini = os.path.join(directory, "pgbouncer.ini")
    users = os.path.join(directory, "users.txt")
    with open(users, "w") as f:
        f.write('"postgres" ""\n')
    with open(ini, "w") as f:
        f.write(f"""[databases]
{DB} = host=127.0.0.1 port={primary_port} dbname={DB} user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen}
unix_socket_dir =
auth_type = trust
auth_file = {users}
pool_mode = transaction
max_client_conn = 500
default_pool_size = 24
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
""")
    argv = ["pgbouncer", ini]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        argv = ["runuser", "-u", "postgres", "--", *argv]
    return Child("PgBouncer", argv, os.path.join(directory, "pgbouncer.log"))


def haproxy(directory, listen, ports):
    cfg = os.path.join(directory, "haproxy.cfg")
    servers = "\n".join(f"    server app{i} 127.0.0.1:{p} check" for i, p in enumerate(ports, 1))
    with open(cfg, "w") as f:
        f.write(f"""global
    maxconn 2000

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 15s
    # Retries go to another instance (redispatch): on a refused or dropped connection and on a
    # 502/503/504. A booking carries its Idempotency-Key, so repeating it is safe.
    retries 3
    option redispatch 1
    option http-buffer-request
    retry-on conn-failure empty-response response-timeout 502 503 504

frontend samenstad
    bind 127.0.0.1:{listen}
    default_backend instances

backend instances
    balance roundrobin
    # Ready = the database answers (/api/v1/health); an instance that fails twice is taken out.
    option httpchk GET /api/v1/health
    http-check expect status 200
    default-server inter 300ms fall 2 rise 2
{servers}
""")
    return Child("HAProxy", ["haproxy", "-db", "-f", cfg], os.path.join(directory, "haproxy.log"))


class Counts:
    """Every request through HAProxy: (kind, started, ended, status or error)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.events = []

    def record(self, kind, t0, t1, status, _content_type=""):
        with self.lock:
            self.events.append((kind, t0, t1, status))

    def window(self, start, end, kinds=None):
        with self.lock:
            return [e for e in self.events if start <= e[1] <= end and (kinds is None or e[0] in kinds)]


def ok(status):
    return isinstance(status, int) and 200 <= status < 300


def reader(port, counts, stop, rng):
    paths = ["/api/v1/venues?q={}", "/api/v1/venues?use=meeting&q={}", "/api/v1/wijken"]
    words = ["centrum", "zaal", "buurt", "macharius", "rabot", "sluizeken", "vaart", ""]
    while not stop.is_set():
        path = rng.choice(paths).format(rng.choice(words))
        kind = "finder" if "venues" in path else "wijken"
        t0 = time.monotonic()
        try:
            status = request(port, "GET", path, timeout=10)[0]
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        counts.record(kind, t0, time.monotonic(), status)
        time.sleep(0.01)


def writer(ledger, counts, stop):
    while not stop.is_set():
        key, room_id, body = ledger.new_write("scale")
        ledger.write(key, room_id, body, record=counts.record)


def first_ok_after(counts, t, kinds, until):
    """Seconds from `t` to the first request of `kinds` started after it that got a 2xx."""
    for kind, t0, t1, status in sorted(counts.window(t, until, kinds), key=lambda e: e[1]):
        if ok(status):
            return t1 - t
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30, help="load between the faults (default 30 in all)")
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=1, help="how often the three faults are repeated")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--bin", default=os.environ.get("SAMENSTAD_BIN", "target/debug/samenstad"))
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    binary = os.path.abspath(args.bin)
    for tool in ("haproxy", "pgbouncer"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode:
            raise SystemExit(f"{tool} missing: apt-get install haproxy pgbouncer (scripts/setup.sh test does)")
    t_begin = time.monotonic()
    pause = max(args.seconds / (3 * args.rounds + 1), 2.0)
    log(f"seed {seed}; {args.readers} readers, {args.writers} writers, faults {args.rounds}x, {pause:.1f} s apart")

    primary = Cluster(free_port(55432))
    replica = Replica(primary, free_port(primary.port + 1))
    bouncer = proxy = None
    apis = []
    failed = True

    def on_term(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        primary.init()
        primary.start()
        primary.psql("postgres", f"CREATE DATABASE {DB}")
        env = dict(os.environ)
        env.update({"DATABASE_URL": f"{primary.url}/{DB}", "SAMENSTAD_LOG": "warn"})
        for cmd in (["migrate"], ["seed"]):
            subprocess.run([binary, *cmd], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([binary, "admin", "create-user", "--email", chaos.EMAIL, "--role", "programme_admin",
                        "--name", "Scale", "--password-stdin"], env=env, check=True,
                       input=chaos.PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL)
        log("migrated and seeded")
        replica.init()
        replica.start()
        log(f"primary on {primary.port}, streaming replica on {replica.port}")

        bouncer_port = free_port(56432)
        bouncer = pgbouncer(primary.dir, bouncer_port, primary.port)
        bouncer.start(bouncer_port)
        ports = []
        for i in range(3):
            port = free_port(18181 + 10 * i)
            ports.append(port)
            e = dict(os.environ)
            e.update({
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{bouncer_port}/{DB}",
                "SAMENSTAD_DB_STATEMENT_CACHE": "false",
                "SAMENSTAD_DATABASE_REPLICA_URL": f"{replica.url}/{DB}",
                "SAMENSTAD_CLUSTER": "true", "SAMENSTAD_JWT_SECRET": chaos.JWT_SECRET,
                "SAMENSTAD_BIND": f"127.0.0.1:{port}", "SAMENSTAD_LOG": "warn",
                "SAMENSTAD_MAIL_DIR": os.path.join(primary.dir, "mail"),
                "SAMENSTAD_WEB_DIR": os.path.join(primary.dir, "web"),
            })
            api = Api(binary, port, e, os.path.join(primary.dir, f"api{i + 1}.log"))
            api.start()
            apis.append(api)
        for api in apis:
            api.wait_ready()
        front = free_port(18180)
        for api in apis:
            api.env["SAMENSTAD_PUBLIC_URL"] = f"http://127.0.0.1:{front}"
        proxy = haproxy(primary.dir, front, ports)
        proxy.start(front)
        log(f"PgBouncer on {bouncer_port} (transaction mode), instances on {ports}, HAProxy on {front}")
        time.sleep(1.0)  # the first health checks

        status, _, raw = request(front, "POST", "/api/v1/auth/login", {"email": chaos.EMAIL, "password": chaos.PASSWORD})
        if status != 200:
            raise SystemExit(f"login through HAProxy: {status} {raw[:300]!r}")
        token = json.loads(raw)["access_token"]
        rooms = chaos.find_rooms(front)
        ledger = Ledger(front, token, rooms, uuid.uuid4().hex[:8])
        counts = Counts()
        stop = threading.Event()
        threads = [threading.Thread(target=reader, args=(front, counts, stop, random.Random(rng.random())), daemon=True)
                   for _ in range(args.readers)]
        threads += [threading.Thread(target=writer, args=(ledger, counts, stop), daemon=True)
                    for _ in range(args.writers)]
        lags = []
        lag_stop = threading.Event()

        def watch_lag():
            while not lag_stop.is_set():
                if replica.running:
                    lag = replica.lag_s()
                    if lag is not None:
                        lags.append(lag)
                time.sleep(0.5)

        lag_thread = threading.Thread(target=watch_lag, daemon=True)
        t_load = time.monotonic()
        for t in threads:
            t.start()
        lag_thread.start()

        faults = []
        for r in range(args.rounds):
            time.sleep(pause)
            victim = apis[r % len(apis)]
            t = time.monotonic()
            victim.kill9()
            time.sleep(2.0)
            victim.start()
            up = t + 2.0 + victim.wait_ready()
            faults.append(("kill -9 an instance", t, up))
            log(f"round {r + 1}: killed instance {apis.index(victim) + 1}, back after {up - t:.2f} s")

            time.sleep(pause)
            t = time.monotonic()
            bouncer.kill()
            time.sleep(0.5)
            bouncer.start(bouncer_port)
            faults.append(("kill -9 and restart PgBouncer", t, time.monotonic()))
            log(f"round {r + 1}: PgBouncer killed, listening again after {time.monotonic() - t:.2f} s")

            time.sleep(pause)
            t = time.monotonic()
            replica.stop("fast")
            time.sleep(4.0)
            replica.start()
            faults.append(("stop the replica 4 s", t, time.monotonic()))
            log(f"round {r + 1}: replica down {time.monotonic() - t:.2f} s")
        time.sleep(pause)
        stop.set()
        for t in threads:
            t.join(240)
        lag_stop.set()
        t_end = time.monotonic()
        log("load stopped; checking the bookings")
        v = chaos.verify(primary, DB, ledger, 50, rng)
        failed = False
    except KeyboardInterrupt:
        log("interrupted")
        raise SystemExit(130)
    finally:
        for api in apis:
            if failed:
                log(f"API log tail ({api.port}):\n" + api.tail())
            api.stop()
        for child in (proxy, bouncer):
            if child:
                if failed:
                    log(f"{child.name} log tail:\n" + chaos.tail_of(child.logfile))
                child.kill()
        replica.destroy()
        primary.destroy()

    # ------------------------------------------------------------------------------ figures
    events = counts.window(t_load, t_end)
    by_kind = collections.defaultdict(collections.Counter)
    for kind, _, _, status in events:
        by_kind[kind][status] += 1
    total = len(events)
    bad = sum(1 for e in events if not ok(e[3]))
    violations = []
    print()
    print(f"Scale summary (seed {seed}, {args.bin}, {time.monotonic() - t_begin:.0f} s in all, "
          f"load {t_end - t_load:.0f} s)")
    print(f"{'requests through HAProxy':<44} {total} ({total / max(t_end - t_load, 1):.0f}/s)")
    for kind in sorted(by_kind):
        print(f"{'  ' + kind:<44} " + " ".join(f"{k}:{n}" for k, n in sorted(by_kind[kind].items(), key=str)))
    rate = bad / max(total, 1)
    print(f"{'failed (not 2xx, or no answer)':<44} {bad} ({rate:.3%}; must be < {MAX_FAILED:.1%})")
    if rate >= MAX_FAILED:
        violations.append(f"{bad} of {total} requests failed ({rate:.3%})")
    for name, t, back in faults:
        reads = first_ok_after(counts, t, ("finder", "wijken"), t_end)
        writes = first_ok_after(counts, t, ("booking",), t_end)
        window = counts.window(t, back + 1.0)
        wbad = sum(1 for e in window if not ok(e[3]))
        print(f"{name:<44} {back - t:.2f} s; {len(window)} requests in it, {wbad} failed; "
              f"first 2xx read after {reads if reads is None else round(reads, 2)} s, "
              f"write after {writes if writes is None else round(writes, 2)} s")
        if name.startswith("stop the replica"):
            finder = [e for e in window if e[0] == "finder"]
            fbad = [e for e in finder if not ok(e[3])]
            print(f"{'  finder reads while the replica was down':<44} {len(finder) - len(fbad)}/{len(finder)} 2xx")
            if fbad or not finder:
                violations.append(f"reads failed while the replica was down: {len(fbad)} of {len(finder)}")
    print(f"{'replica lag seen (replay delay)':<44} max {max(lags, default=0):.2f} s over {len(lags)} samples")
    print(f"{'writes (keys) / acknowledged':<44} {len(ledger.writes)} / {v['acked']}")
    print(f"{'  bookings in the database':<44} {v['rows']} ({v['keys_in_db']} keys)")
    print(f"{'  lost (must be 0)':<44} {len(v['lost'])}")
    print(f"{'  duplicates (must be 0)':<44} {v['duplicates']}")
    print(f"{'  replays: same booking, none new':<44} {v['replayed'] - len(v['replay_bad'])}/{v['replayed']}, "
          f"rows {v['rows']} -> {v['rows_after_replay']}")
    if v["lost"]:
        violations.append(f"{len(v['lost'])} acknowledged writes lost")
    if v["duplicates"] or v["unknown"]:
        violations.append(f"{v['duplicates']} duplicates, {len(v['unknown'])} unknown bookings")
    if v["replay_bad"] or v["rows_after_replay"] != v["rows"]:
        violations.append("a replay did not return the same booking or created one")
    if ledger.rejected:
        violations.append(f"{len(ledger.rejected)} valid writes refused: {ledger.rejected[:3]}")
    if violations:
        print(f"\nFAILED: {len(violations)} violation(s)")
        for m in violations:
            print(f"  - {m}")
        sys.exit(1)
    print("\nOK: no acknowledged write lost or duplicated, failures under 0.1 %, "
          "reads answered while the replica was down")


if __name__ == "__main__":
    main()
