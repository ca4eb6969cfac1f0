#!/usr/bin/env python3
"""Chaos test of the API (issue 8), Python 3.11 standard library only.

On a private, throwaway PostgreSQL cluster (initdb in a temporary directory, fsync on, its own
port; the shared server is never touched) it runs the binary and asserts:

1. kill -9 during concurrent writes, `--rounds` times: client threads request bookings, each with
   its own Idempotency-Key and time slot, and retry with the SAME key on connection errors, 5xx
   and timeouts until a 2xx. The server is killed at a random moment and restarted. Afterwards
   the database must hold, for every key that got a 2xx, exactly one booking with the id that
   was returned (lost = 0, duplicates = 0), and a replay of a sample of keys creates nothing.
2. PostgreSQL restarts under mixed load, `--pg-restarts` times (stop -m immediate / fast in
   turn, about 4 s down): every DB-backed request that runs while the database is down ends in
   < 3 s with 503 application/problem+json, the process stays alive, and a DB-backed request
   is 2xx again <= 5 s after the database is back; after that first 2xx, DB-backed requests are
   2xx.

Prints figures and a summary table; exits 1 on any violation. No throughput is asserted.
Usage: scripts/chaos.py [--rounds 10] [--pg-restarts 3] [--clients 8] [--seed N]
"""

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

OUTAGE_S = 4.0  # how long PostgreSQL stays down
DOWN_BOUND_S = 3.0  # every request while the database is down answers within this
RECOVERY_BOUND_S = 5.0  # a DB-backed request is 2xx again within this after the start
REQUEST_TIMEOUT_S = 10.0  # client timeout: longer is a hanging request
JWT_SECRET = "samenstad-chaos-test-secret-0123456789abcdef"  # fixed: tokens survive restarts
EMAIL = "chaos@example.org"
PASSWORD = "chaos test wachtwoord 42"


def log(msg):
    print(f"[chaos] {msg}", file=sys.stderr, flush=True)


def free_port(start):
    for port in range(start, start + 200):
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is fine
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit(f"no free port from {start}")


# --------------------------------------------------------------------------- PostgreSQL cluster


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary directory, owned by the postgres user."""

    def __init__(self, port):
        bindirs = sorted(
            (d for d in os.listdir("/usr/lib/postgresql") if os.path.isfile(f"/usr/lib/postgresql/{d}/bin/initdb")),
            key=lambda v: [int(x) for x in v.split(".") if x.isdigit()],
        ) if os.path.isdir("/usr/lib/postgresql") else []
        if not bindirs:
            raise SystemExit("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
        self.bin = f"/usr/lib/postgresql/{bindirs[-1]}/bin"
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="samenstad-chaos-")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "postgres.log")
        self.url = f"postgres://postgres@127.0.0.1:{port}"
        self.running = False
        if os.geteuid() == 0:  # initdb and pg_ctl refuse root: run them as user postgres
            if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
                subprocess.run(["useradd", "--system", "--home-dir", self.dir, "postgres"], check=True)
            shutil.chown(self.dir, "postgres")

    def _run(self, *args, check=True):
        cmd = [f"{self.bin}/{args[0]}", *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        r = subprocess.run(cmd, cwd=self.dir, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise SystemExit(f"{args[0]} failed: {r.stdout}{r.stderr}\n{self.tail()}")
        return r

    def init(self):
        # --no-sync only skips initdb's own final fsync; the server runs with fsync on.
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")

    def start(self):
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                "-c fsync=on -c synchronous_commit=on -c full_page_writes=on")
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o", opts, "start")
        self.running = True

    def stop(self, mode):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop")
        self.running = False

    def tail(self, n=15):
        return tail_of(self.log, n)

    def destroy(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, db, sql):
        r = subprocess.run([f"{self.bin}/psql", f"{self.url}/{db}", "-XAtq", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", sql],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"psql failed: {r.stderr}")
        return [line.split("|") for line in r.stdout.splitlines() if line]


# --------------------------------------------------------------------------------- API process


class Api:
    def __init__(self, binary, port, env, logfile):
        self.binary, self.port, self.env, self.logfile = binary, port, env, logfile
        self.proc = None
        self.starts = 0

    def start(self):
        with open(self.logfile, "ab") as out:
            self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=out, stderr=out,
                                         stdin=subprocess.DEVNULL)
        self.starts += 1

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self, timeout=60.0):
        """Until /api/v1/health is 200 (the database answers); returns the seconds it took."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if not self.alive():
                raise SystemExit(f"the server exited with {self.proc.returncode}; see {self.logfile}\n{self.tail()}")
            try:
                if request(self.port, "GET", "/api/v1/health", timeout=2)[0] == 200:
                    return time.monotonic() - t0
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.02)
        raise SystemExit(f"the server was not ready within {timeout} s\n{self.tail()}")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def tail(self, n=15):
        return tail_of(self.logfile, n)


def tail_of(path, n=15):
    """The last `n` lines of a log file ("" when it cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


def request(port, method, path, body=None, headers=None, timeout=REQUEST_TIMEOUT_S):
    """One request on a new connection: (status, headers, body bytes). Raises OSError or
    http.client.HTTPException when the connection fails or times out."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=hdrs)
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
    finally:
        conn.close()


# ------------------------------------------------------------------------------------ bookings


class Ledger:
    """Every intended write (one Idempotency-Key each) and what its client saw."""

    def __init__(self, port, token, rooms, run_id):
        self.port, self.token, self.rooms, self.run_id = port, token, rooms, run_id
        self.lock = threading.Lock()
        self.next_index = 0
        self.writes = {}  # key -> dict(id, status, attempts, phase)
        self.count = collections.Counter()  # requests, retries, conn_errors, status codes …
        self.rejected = []  # (key, status, body): a valid write refused, a violation
        self.base = (datetime.now(timezone.utc) + timedelta(days=35)).replace(hour=0, minute=0, second=0,
                                                                           microsecond=0)

    def new_write(self, phase):
        with self.lock:
            i = self.next_index
            self.next_index += 1
        room = self.rooms[i % len(self.rooms)]
        # 30-minute slots over 140 days per room; a request never overlaps an approved booking
        # (there are none), so a wrap-around would be harmless.
        slot = (i // len(self.rooms)) % (140 * 48)
        start = self.base + timedelta(minutes=30 * slot)
        key = f"chaos-{self.run_id}-{i}"
        body = {"purpose": f"Chaostest {i}", "attendees": min(5, room["capacity"]), "room_use": room["use"],
                "start": start.isoformat(), "end": (start + timedelta(minutes=30)).isoformat()}
        with self.lock:
            self.writes[key] = {"id": None, "status": None, "attempts": 0, "phase": phase}
        return key, room["id"], body

    def bump(self, name, n=1):
        with self.lock:
            self.count[name] += n

    def write(self, key, room_id, body, deadline_s=180.0, record=None):
        """POSTs until a 2xx, always with the same key. Returns the final status."""
        t_end = time.monotonic() + deadline_s
        headers = {"Authorization": f"Bearer {self.token}", "Idempotency-Key": key}
        attempt = 0
        while True:
            if attempt:
                self.bump("retries")
            attempt += 1
            with self.lock:
                self.writes[key]["attempts"] = attempt
            self.bump("requests")
            t0 = time.monotonic()
            try:
                status, hdrs, raw = request(self.port, "POST", f"/api/v1/rooms/{room_id}/bookings", body, headers)
            except (OSError, http.client.HTTPException) as e:
                if record:
                    record("booking", t0, time.monotonic(), type(e).__name__, "")
                self.bump("conn_errors")
                if isinstance(e, (TimeoutError, socket.timeout)):
                    self.bump("timeouts")
                if time.monotonic() > t_end:
                    break
                time.sleep(0.05)
                continue
            if record:
                record("booking", t0, time.monotonic(), status, hdrs.get("content-type", ""))
            self.bump(f"status_{status}")
            if status in (200, 201):
                booking = json.loads(raw)
                with self.lock:
                    self.writes[key].update(id=booking["id"], status=status)
                    if status == 200:
                        self.count["replays"] += 1
                return status
            detail = raw.decode(errors="replace")
            retryable = status >= 500 or status == 429 or (status == 409 and "retry" in detail)
            if not retryable:
                with self.lock:
                    self.rejected.append((key, status, detail[:300]))
                    self.writes[key]["status"] = status
                return status
            if time.monotonic() > t_end:
                break
            if status == 429:
                time.sleep(min(float(hdrs.get("retry-after", "1")), 5.0))
            else:
                time.sleep(0.05 if status != 503 else 0.1)
        with self.lock:
            self.rejected.append((key, "gave up", f"no 2xx within {deadline_s} s"))
        return None


def find_rooms(port):
    """Bookable rooms of the seeded venues, through the API."""
    status, _, raw = request(port, "GET", "/api/v1/venues?use=meeting")
    if status != 200:
        raise SystemExit(f"GET /api/v1/venues?use=meeting: {status} {raw[:200]!r}")
    rooms = []
    for venue in json.loads(raw)["items"]:
        status, _, raw = request(port, "GET", f"/api/v1/venues/{venue['slug']}")
        if status != 200:
            continue
        for room in json.loads(raw)["rooms"]:
            if room["capacity"] >= 1 and (not room["uses"] or "meeting" in room["uses"]):
                rooms.append({"id": room["id"], "capacity": room["capacity"], "use": "meeting",
                              "name": f"{venue['name']} / {room['name']}"})
        if len(rooms) >= 3:
            break
    if not rooms:
        raise SystemExit("no bookable room in the seeded data")
    return rooms[:3]


# -------------------------------------------------------------------------------------- phases


def kill_rounds(api, ledger, rounds, clients, rng):
    """Writes from `clients` threads; kill -9 and restart the server `rounds` times."""
    stop = threading.Event()
    in_flight = [0]
    lock = threading.Lock()

    def client():
        while not stop.is_set():
            key, room_id, body = ledger.new_write("kill")
            with lock:
                in_flight[0] += 1
            try:
                ledger.write(key, room_id, body)
            finally:
                with lock:
                    in_flight[0] -= 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    restarts = []
    for r in range(1, rounds + 1):
        wait = rng.uniform(0.3, 1.5)
        time.sleep(wait)
        with ledger.lock:
            before = sum(1 for w in ledger.writes.values() if w["id"])
        api.kill9()
        t0 = time.monotonic()
        api.start()
        api.wait_ready()
        restarts.append(time.monotonic() - t0)
        log(f"round {r}/{rounds}: killed after {wait:.2f} s with {in_flight[0]} writes in flight "
            f"({before} acknowledged so far); healthy again after {restarts[-1]:.2f} s")
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(240)
    return restarts


DB_KINDS = ("venues", "health", "booking")
# How long the server keeps public answers (`SAMENSTAD_PUBLIC_CACHE_MS`, 2 s by default).
PUBLIC_CACHE_S = int(os.environ.get("SAMENSTAD_PUBLIC_CACHE_MS", "2000")) / 1000


def pg_restart(api, cluster, ledger, mode, rng):
    """Mixed load while PostgreSQL is stopped (mode) for OUTAGE_S and started again."""
    events = []  # (kind, t_start, t_end, status, content_type)
    ev_lock = threading.Lock()
    stop = threading.Event()

    def record(kind, t0, t1, status, ctype):
        with ev_lock:
            events.append((kind, t0, t1, status, ctype))

    def reader(kind, path):
        while not stop.is_set():
            t0 = time.monotonic()
            try:
                status, hdrs, _ = request(api.port, "GET", path)
                record(kind, t0, time.monotonic(), status, hdrs.get("content-type", ""))
            except (OSError, http.client.HTTPException) as e:
                record(kind, t0, time.monotonic(), type(e).__name__, "")
                time.sleep(0.05)
            time.sleep(rng.uniform(0, 0.02))

    def writer():
        while not stop.is_set():
            key, room_id, body = ledger.new_write("pg")
            ledger.write(key, room_id, body, record=record)

    threads = [threading.Thread(target=reader, args=a, daemon=True) for a in (
        ("wijken", "/api/v1/wijken"), ("venues", "/api/v1/venues?wijk=7"),
        ("venues", "/api/v1/venues?wijk=7"), ("health", "/api/v1/health"))]
    threads += [threading.Thread(target=writer, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    t_stop0 = time.monotonic()
    cluster.stop(mode)
    t_down = time.monotonic()
    time.sleep(OUTAGE_S)
    t_start0 = time.monotonic()
    cluster.start()
    t_up = time.monotonic()

    def first_db_2xx():
        with ev_lock:
            ends = [e[2] for e in events if e[0] in DB_KINDS and isinstance(e[3], int) and 200 <= e[3] < 300
                    and e[2] >= t_up]
        return min(ends) if ends else None

    while first_db_2xx() is None and time.monotonic() - t_up < RECOVERY_BOUND_S + REQUEST_TIMEOUT_S:
        time.sleep(0.05)
    time.sleep(3.0)
    stop.set()
    for t in threads:
        t.join(REQUEST_TIMEOUT_S + 200)
    first = first_db_2xx()

    res = {"mode": mode, "stop_s": t_down - t_stop0, "outage_s": t_start0 - t_down, "start_s": t_up - t_start0,
           "alive": api.alive(), "violations": []}
    db = [e for e in events if e[0] in DB_KINDS]
    # While the database is down: started before it was back and ended after it began to stop.
    down = [e for e in db if e[1] < t_up and e[2] > t_stop0]
    res["down_n"] = len(down)
    res["down_status"] = collections.Counter(str(e[3]) for e in down)
    res["down_max_s"] = max((e[2] - e[1] for e in down), default=0.0)
    # … of which wholly inside the outage (after the stop returned, before the start began)
    inside = [e for e in down if e[1] >= t_down and e[2] <= t_start0]
    res["inside_n"] = len(inside)
    res["inside_status"] = collections.Counter(str(e[3]) for e in inside)
    for kind, t0, t1, status, ctype in down:
        ok_503 = status == 503 and ctype.startswith("application/problem+json")
        ok_2xx = isinstance(status, int) and 200 <= status < 300 and (t0 < t_down or t1 > t_start0)
        # The venue finder's answers are kept in memory for the public cache's lifetime: an answer
        # made before the database stopped answering (at the latest when `pg_ctl stop` returned,
        # `t_down`) may still be served that long after it (never later).
        ok_2xx = ok_2xx or (kind == "venues" and status == 200 and t0 <= t_down + PUBLIC_CACHE_S)
        if t1 - t0 >= DOWN_BOUND_S:
            res["violations"].append(f"{kind} took {t1 - t0:.2f} s while the database was down (status {status})")
        elif not (ok_503 or ok_2xx):
            res["violations"].append(f"{kind} answered {status} ({ctype or 'no content type'}) while the "
                                     "database was down; expected 503 application/problem+json")
    res["recovery_s"] = None if first is None else first - t_up
    if first is None or first - t_up > RECOVERY_BOUND_S:
        res["violations"].append(f"no DB-backed 2xx within {RECOVERY_BOUND_S} s after PostgreSQL was back")
    else:
        after = [e for e in db if e[1] >= first]
        bad = [e for e in after if not (isinstance(e[3], int) and 200 <= e[3] < 300)]
        res["after_n"], res["after_bad"] = len(after), len(bad)
        for kind, t0, t1, status, ctype in bad[:10]:
            res["violations"].append(f"{kind} answered {status} {t0 - first:.2f} s after the first 2xx "
                                     "following the restart")
    mem = [e for e in events if e[0] == "wijken"]
    res["mem_n"] = len(mem)
    res["mem_status"] = collections.Counter(str(e[3]) for e in mem)
    res["mem_max_s"] = max((e[2] - e[1] for e in mem), default=0.0)
    res["total_n"] = len(events)
    if not res["alive"]:
        res["violations"].append(f"the server exited with {api.proc.returncode}")
    return res


def verify(cluster, db, ledger, replay_sample, rng):
    """Every 2xx write is in the database with its id; no key has two bookings."""
    rows = cluster.psql(db, f"""SELECT b.idempotency_key, b.id FROM booking b JOIN app_user u ON u.id = b.requester_id
                                WHERE u.email = '{EMAIL}'""")
    in_db = collections.defaultdict(list)
    for key, bid in rows:
        in_db[key].append(bid)
    acked = {k: w for k, w in ledger.writes.items() if w["id"]}
    lost = [k for k, w in acked.items() if w["id"] not in in_db.get(k, [])]
    duplicates = sum(len(ids) - 1 for ids in in_db.values() if len(ids) > 1)
    unknown = [k for k in in_db if k not in ledger.writes]
    # Replay a sample: the same key must answer 200 with the same id and create nothing.
    sample = rng.sample(sorted(acked), min(replay_sample, len(acked)))
    replay_bad = []
    headers = {"Authorization": f"Bearer {ledger.token}"}
    for key in sample:
        i = int(key.rsplit("-", 1)[1])
        room = ledger.rooms[i % len(ledger.rooms)]
        slot = (i // len(ledger.rooms)) % (140 * 48)
        start = ledger.base + timedelta(minutes=30 * slot)
        body = {"purpose": f"Chaostest {i}", "attendees": min(5, room["capacity"]), "room_use": room["use"],
                "start": start.isoformat(), "end": (start + timedelta(minutes=30)).isoformat()}
        status, hdrs, raw = request(ledger.port, "POST", f"/api/v1/rooms/{room['id']}/bookings", body,
                                    {**headers, "Idempotency-Key": key})
        if status != 200 or json.loads(raw).get("id") != acked[key]["id"]:
            replay_bad.append((key, status))
    after = cluster.psql(db, f"""SELECT count(*) FROM booking b JOIN app_user u ON u.id = b.requester_id
                                 WHERE u.email = '{EMAIL}'""")[0][0]
    return {"rows": len(rows), "keys_in_db": len(in_db), "acked": len(acked), "lost": lost,
            "duplicates": duplicates, "unknown": unknown, "replayed": len(sample), "replay_bad": replay_bad,
            "rows_after_replay": int(after)}


# ---------------------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=10, help="kill -9 rounds (default 10)")
    ap.add_argument("--pg-restarts", type=int, default=3, help="PostgreSQL restarts under load (default 3)")
    ap.add_argument("--clients", type=int, default=8, help="writing threads in the kill rounds (default 8)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock; printed)")
    ap.add_argument("--bin", default=os.environ.get("SAMENSTAD_BIN", "target/debug/samenstad"))
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory (cluster, logs)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"{binary} missing: cargo build --locked -p samenstad-api")
    t_begin = time.monotonic()
    log(f"seed {seed}; binary {args.bin}; {args.rounds} kill rounds, {args.pg_restarts} PostgreSQL restarts, "
        f"{args.clients} writers")

    cluster = Cluster(free_port(54339))
    api = None
    failed = True
    def on_term(*_):  # SIGTERM (e.g. a CI timeout) cleans up too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        cluster.init()
        cluster.start()
        log(f"private PostgreSQL {cluster.bin.split('/')[-2]} on 127.0.0.1:{cluster.port} in {cluster.dir}")
        db = "samenstad_chaos"
        cluster.psql("postgres", f"CREATE DATABASE {db}")
        env = dict(os.environ)
        port = free_port(18090)
        env.update({
            "DATABASE_URL": f"{cluster.url}/{db}", "SAMENSTAD_BIND": f"127.0.0.1:{port}",
            "SAMENSTAD_PUBLIC_URL": f"http://127.0.0.1:{port}", "SAMENSTAD_JWT_SECRET": JWT_SECRET,
            "SAMENSTAD_LOG": "warn", "SAMENSTAD_WEB_DIR": os.path.join(cluster.dir, "web"),
        })
        for cmd in (["migrate"], ["seed"]):
            subprocess.run([binary, *cmd], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([binary, "admin", "create-user", "--email", EMAIL, "--role", "programme_admin",
                        "--name", "Chaos", "--password-stdin"], env=env, check=True, input=PASSWORD + "\n",
                       text=True, stdout=subprocess.DEVNULL)
        api = Api(binary, port, env, os.path.join(cluster.dir, "api.log"))
        api.start()
        api.wait_ready()
        status, _, raw = request(port, "POST", "/api/v1/auth/login", {"email": EMAIL, "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"login: {status} {raw[:300]!r}")
        token = json.loads(raw)["access_token"]
        rooms = find_rooms(port)
        log("rooms: " + "; ".join(r["name"] for r in rooms))
        ledger = Ledger(port, token, rooms, uuid.uuid4().hex[:8])

        t0 = time.monotonic()
        restarts = kill_rounds(api, ledger, args.rounds, args.clients, rng)
        kill_s = time.monotonic() - t0
        kill_count = dict(ledger.count)
        kill_writes = len(ledger.writes)

        pg = []
        for n in range(args.pg_restarts):
            mode = ("immediate", "fast")[n % 2]
            r = pg_restart(api, cluster, ledger, mode, rng)
            pg.append(r)
            log(f"PostgreSQL restart {n + 1}/{args.pg_restarts} (-m {mode}): down {r['outage_s']:.1f} s, "
                f"{r['inside_n']} DB-backed requests within {dict(r['inside_status'])}, "
                f"{r['down_n']} with the edges {dict(r['down_status'])}, max {r['down_max_s']:.2f} s; "
                f"2xx again after {r['recovery_s'] if r['recovery_s'] is None else round(r['recovery_s'], 2)} s")
            if not api.alive():
                break

        v = verify(cluster, db, ledger, 100, rng)
        failed = False
    except KeyboardInterrupt:
        log("interrupted")
        raise SystemExit(130)
    finally:
        if api is not None:
            if failed:
                log("API log tail:\n" + api.tail())
            api.stop()
        if failed:
            log("PostgreSQL log tail:\n" + cluster.tail())
        if args.keep:
            log(f"kept {cluster.dir}")
            if cluster.running:
                cluster.stop("fast")
        else:
            cluster.destroy()

    # ------------------------------------------------------------------------------ summary
    violations = []
    c = ledger.count
    if v["lost"]:
        violations.append(f"{len(v['lost'])} acknowledged writes are not in the database, e.g. {v['lost'][:3]}")
    if v["duplicates"]:
        violations.append(f"{v['duplicates']} duplicate bookings for one Idempotency-Key")
    if v["unknown"]:
        violations.append(f"{len(v['unknown'])} bookings with keys no client sent")
    if v["replay_bad"]:
        violations.append(f"{len(v['replay_bad'])} replays did not return the same booking: {v['replay_bad'][:3]}")
    if v["rows_after_replay"] != v["rows"]:
        violations.append(f"replays created bookings: {v['rows']} -> {v['rows_after_replay']}")
    if ledger.rejected:
        violations.append(f"{len(ledger.rejected)} valid writes refused: {ledger.rejected[:3]}")
    for i, r in enumerate(pg, 1):
        violations += [f"PostgreSQL restart {i}: {m}" for m in r["violations"][:15]]

    statuses = " ".join(f"{k[7:]}:{n}" for k, n in sorted(c.items()) if k.startswith("status_"))
    kstat = " ".join(f"{k[7:]}:{n}" for k, n in sorted(kill_count.items()) if k.startswith("status_"))
    print()
    print(f"Chaos summary (seed {seed}, {args.bin}, {time.monotonic() - t_begin:.0f} s in all)")
    print(f"{'kill -9 rounds':<42} {args.rounds} in {kill_s:.1f} s; restart to healthy "
          f"avg {sum(restarts) / max(len(restarts), 1):.2f} s, max {max(restarts, default=0):.2f} s")
    print(f"{'  writes attempted (keys) / requests':<42} {kill_writes} / {kill_count.get('requests', 0)}")
    print(f"{'  retries / connection errors / timeouts':<42} {kill_count.get('retries', 0)} / "
          f"{kill_count.get('conn_errors', 0)} / {kill_count.get('timeouts', 0)}")
    print(f"{'  statuses':<42} {kstat}")
    for i, r in enumerate(pg, 1):
        rec = "none" if r["recovery_s"] is None else f"{r['recovery_s']:.2f} s"
        title = f"PostgreSQL restart {i} (-m {r['mode']})"
        print(f"{title:<42} stop {r['stop_s']:.2f} s, down {r['outage_s']:.2f} s, "
              f"start {r['start_s']:.2f} s; {r['total_n']} requests")
        print(f"{'  DB-backed, wholly inside the outage':<42} {r['inside_n']}: "
              + " ".join(f"{k}:{n}" for k, n in sorted(r["inside_status"].items())))
        print(f"{'  DB-backed, overlapping stop .. ready':<42} {r['down_n']}: "
              + " ".join(f"{k}:{n}" for k, n in sorted(r["down_status"].items()))
              + f"; max latency {r['down_max_s']:.2f} s (bound {DOWN_BOUND_S:.0f} s)")
        print(f"{'  first DB-backed 2xx after the start':<42} {rec} (bound {RECOVERY_BOUND_S:.0f} s); then "
              f"{r.get('after_n', 0) - r.get('after_bad', 0)}/{r.get('after_n', 0)} DB-backed requests 2xx")
        print(f"{'  wijken (memory) during the phase':<42} {r['mem_n']}: "
              + " ".join(f"{k}:{n}" for k, n in sorted(r["mem_status"].items()))
              + f"; max latency {r['mem_max_s']:.2f} s")
        print(f"{'  server process':<42} {'alive' if r['alive'] else 'EXITED'}")
    print(f"{'all writes (keys) / 2xx (201 + 200 replay)':<42} {len(ledger.writes)} / {v['acked']} "
          f"({c.get('status_201', 0)} + {c.get('replays', 0)})")
    print(f"{'  requests / retries / connection errors':<42} {c.get('requests', 0)} / {c.get('retries', 0)} / "
          f"{c.get('conn_errors', 0)}; statuses {statuses}")
    print(f"{'  bookings in the database':<42} {v['rows']} ({v['keys_in_db']} keys)")
    print(f"{'  duplicates (must be 0)':<42} {v['duplicates']}")
    print(f"{'  lost (must be 0)':<42} {len(v['lost'])}")
    print(f"{'  replayed keys: same booking, none new':<42} {v['replayed'] - len(v['replay_bad'])}/{v['replayed']}, "
          f"rows {v['rows']} -> {v['rows_after_replay']}")
    print(f"{'  refused or abandoned writes':<42} {len(ledger.rejected)}")
    if violations:
        print(f"\nFAILED: {len(violations)} violation(s)")
        for m in violations:
            print(f"  - {m}")
        sys.exit(1)
    print("\nOK: no acknowledged write lost, none duplicated; 503 problem+json within "
          f"{DOWN_BOUND_S:.0f} s while PostgreSQL was down, 2xx within {RECOVERY_BOUND_S:.0f} s after")


if __name__ == "__main__":
    main()
