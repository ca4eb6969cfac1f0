#!/usr/bin/env python3
"""Re-computes the pabutools reference outcomes for some Pabulib files and checks them against
`crates/domain/tests/data/pabulib/expected.json`, which the Rust tally tests compare with.

Usage: python3 scripts/pabutools-check.py [FILE.pb ...]   (names in that folder; default: all)
Installs pabutools into `.venv` when missing. Exits 1 and names the difference on a mismatch.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates/domain/tests/data/pabulib"


def main():
    names = sys.argv[1:] or sorted(p.name for p in DATA.glob("*.pb"))
    python = ROOT / ".venv/bin/python"
    if not python.exists():
        subprocess.run(["python3", "-m", "venv", str(ROOT / ".venv")], check=True)
    if subprocess.run([str(python), "-c", "import pabutools"], capture_output=True).returncode:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pabutools"], check=True)
    expected = json.loads((DATA / "expected.json").read_text())["files"]
    work = Path(tempfile.mkdtemp(prefix="pabutools-check-"))
    try:
        for name in names:
            shutil.copy(DATA / name, work / name)
        run = subprocess.run([str(python), str(ROOT / "scripts/pabutools-reference.py"), str(work)],
                             capture_output=True, text=True, check=True)
        fresh = json.loads(run.stdout)["files"]
        bad = [n for n in names if fresh[n] != expected[n]]
        for n in bad:
            print(f"{n}: pabutools now gives\n{json.dumps(fresh[n], indent=1)}\nexpected.json says\n"
                  f"{json.dumps(expected[n], indent=1)}", file=sys.stderr)
        if bad:
            sys.exit(1)
        print(f"pabutools agrees with expected.json on {', '.join(names)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
