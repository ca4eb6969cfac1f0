#!/usr/bin/env python3
"""Reference outcomes of Pabulib files, computed with pabutools, for the domain crate's tally tests.

Usage:
    python3 scripts/pabutools-reference.py crates/domain/tests/data/pabulib \
        > crates/domain/tests/data/pabulib/expected.json

Needs `pip install pabutools` (a venv is fine: `python3 -m venv /tmp/pbvenv &&
/tmp/pbvenv/bin/pip install pabutools`, then run the script with /tmp/pbvenv/bin/python).
Prints the JSON to stdout and one timing line per file and rule to stderr. A CI step can re-run
it and diff the output against the checked-in expected.json (the timings are not in the JSON).

Rules, for every `*.pb` file in the folder (sorted by name):
- `greedy_cost_sat`: `greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)`.
- `mes_add1_cost_sat`: `exhaustion_by_budget_increase(instance, profile, method_of_equal_shares,
  {"sat_class": Cost_Sat}, budget_step=<number of voters>)`: every voter gets one more currency
  unit per step, stop at the first exhaustive outcome or before the first infeasible one.
- `mes_add1_comparison`: the equalshares.net compute tool's "add1" completion (no stop at an
  exhaustive outcome: keep adding one unit per voter while the outcome fits the budget; plain MES
  if all projects together fit), i.e. `exhaustion_by_budget_increase(..., exhaustive_stop=False)`,
  followed by its comparison step "satisfaction": every voter counts the projects of each outcome
  that they voted for; the greedy outcome replaces the MES one only if strictly more voters prefer
  it. Source: github.com/equalshares/equalshares-compute-tool, js/methodOfEqualSharesWorker.js
  (`equalSharesAdd1`, `comparisonStep`).
- `official_selected`: the projects whose `selected` column is 1 (null if the file has no such
  column).

Every rule lists the project ids in selection order (`order`) and sorted by code point (`set`).
"""

import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib
from pabutools.rules import (
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)


def outcome(projects):
    names = [p.name for p in projects]
    return {"order": names, "set": sorted(names)}


def timed(label, path, compute):
    start = time.perf_counter()
    result = compute()
    print(f"{path.name}: {label}: {time.perf_counter() - start:.2f} s", file=sys.stderr)
    return result


def comparison_step(profile, mes, greedy):
    """equalshares.net comparison step with the "satisfaction" measure (number of approved winners)."""
    prefers_mes = prefers_greedy = 0
    for sat in profile.as_sat_profile(Cardinality_Sat):
        mes_sat, greedy_sat = sat.sat(mes), sat.sat(greedy)
        if mes_sat > greedy_sat:
            prefers_mes += 1
        elif greedy_sat > mes_sat:
            prefers_greedy += 1
    return greedy if prefers_greedy > prefers_mes else mes


def add1_comparison(instance, profile, greedy):
    if sum(p.cost for p in instance) <= instance.budget_limit:
        mes = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    else:
        mes = exhaustion_by_budget_increase(
            instance,
            profile,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            budget_step=profile.num_ballots(),
            exhaustive_stop=False,
        )
    return comparison_step(profile, mes, greedy)


def reference(path):
    instance, profile = parse_pabulib(str(path))
    voters = profile.num_ballots()
    greedy = timed(
        "greedy Cost_Sat",
        path,
        lambda: greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat),
    )
    mes = timed(
        "MES+add1 Cost_Sat",
        path,
        lambda: exhaustion_by_budget_increase(
            instance,
            profile,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            budget_step=voters,
        ),
    )
    compared = timed(
        "MES add1-comparison",
        path,
        lambda: add1_comparison(instance, profile, greedy),
    )
    has_selected = any("selected" in instance.project_meta[p] for p in instance)
    official = (
        sorted(p.name for p in instance if instance.project_meta[p].get("selected") == "1")
        if has_selected
        else None
    )
    return {
        "vote_type": instance.meta["vote_type"],
        "rule": instance.meta.get("rule"),
        "voters": voters,
        "budget": instance.meta["budget"],
        "greedy_cost_sat": outcome(greedy),
        "mes_add1_cost_sat": outcome(mes),
        "mes_add1_comparison": outcome(compared),
        "official_selected": official,
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    files = sorted(folder.glob("*.pb"))
    if not files:
        sys.exit(f"no .pb files in {folder}")
    result = {
        "generated_by": "scripts/pabutools-reference.py",
        "pabutools_version": version("pabutools"),
        "files": {path.name: reference(path) for path in files},
    }
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
