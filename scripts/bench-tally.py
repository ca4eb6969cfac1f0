#!/usr/bin/env python3
"""`just bench-tally`: our tallies against pabutools on the largest real file and a generated
election of 100 projects x 100,000 voters. Prints one table; asserts nothing.

Ours: `samenstad pabulib tally FILE --rule greedy|mes` (release build; the time includes reading
and parsing the file). pabutools: `scripts/pabutools-reference.py` in `.venv` (installed when
missing), which times each rule after parsing. Winners are compared as sets.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates/domain/tests/data/pabulib"
RULES = {"greedy": "greedy_cost_sat", "mes": "mes_add1_cost_sat"}
LABELS = {"greedy": "greedy Cost_Sat", "mes": "MES+add1 Cost_Sat"}


def sh(*args, **kw):
    return subprocess.run(args, check=True, cwd=ROOT, **kw)


def main():
    work = Path(tempfile.mkdtemp(prefix="bench-tally-"))
    try:
        largest = max(DATA.glob("*.pb"), key=lambda p: sum(1 for _ in p.open()))
        shutil.copy(largest, work / largest.name)
        generated = work / "generated_100x100000.pb"
        print("building (release) and generating the election …", file=sys.stderr)
        sh("cargo", "build", "--locked", "--release", "-q", "-p", "samenstad-api")
        sh("cargo", "test", "--locked", "--release", "-q", "-p", "samenstad-domain", "--test", "tally",
           "--", "--ignored", "--nocapture", env={**os.environ, "SAMENSTAD_BENCH_PB": str(generated)},
           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = {}
        for f in (work / largest.name, generated):
            for rule in RULES:
                start = time.perf_counter()
                out = sh(str(ROOT / "target/release/samenstad"), "pabulib", "tally", str(f), "--rule", rule,
                         capture_output=True, text=True).stdout
                ours[(f.name, rule)] = (time.perf_counter() - start, sorted(out.split()))
        theirs, times = {}, {}
        python = ROOT / ".venv/bin/python"
        if not python.exists():
            sh("python3", "-m", "venv", ".venv")
        if subprocess.run([str(python), "-c", "import pabutools"], capture_output=True).returncode != 0:
            print("pip install pabutools …", file=sys.stderr)
            sh(str(python), "-m", "pip", "install", "-q", "pabutools")
        print("pabutools (minutes) …", file=sys.stderr)
        run = subprocess.run([str(python), str(ROOT / "scripts/pabutools-reference.py"), str(work)],
                             capture_output=True, text=True, check=True)
        for name, entry in json.loads(run.stdout)["files"].items():
            for rule, key in RULES.items():
                theirs[(name, rule)] = sorted(entry[key]["set"])
        for line in run.stderr.splitlines():
            m = re.match(r"(.+?): (.+): ([\d.]+) s$", line)
            if m:
                times[(m.group(1), m.group(2))] = float(m.group(3))
        print(f"{'election':44} {'rule':7} {'ours':>9} {'pabutools':>10} {'speed-up':>9}  same winners")
        for (name, rule), (t, ids) in ours.items():
            pt = times.get((name, LABELS[rule]))
            same = "yes" if theirs.get((name, rule)) == ids else "NO"
            ratio = f"{pt / t:8.0f}x" if pt else "      n/a"
            pts = f"{pt:9.2f}s" if pt else "       n/a"
            print(f"{name:44} {rule:7} {t:8.3f}s {pts} {ratio}  {same}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
