#!/usr/bin/env bash
# The 1,000,000 × 100,000 realistic screening run of issue 15, timed as a user meets it: `namematch screen
# --jobs 2` on CSV files written beforehand, the whole command (reading, index build, screening, writing),
# nothing subtracted. Prints the wall time, the CPU time, the peak memory summed over all its processes
# (PSS and RSS, sampled every second by procmem.py; `time -v` gives only the largest single process) and a
# summary of the hits by arrivals group (planted / namesake / unrelated, from the generator's labels).
#
#   benchmarks/namematch/full_run.sh [DIR]        # DIR: default /tmp/nm-1m
#
# Environment: NAMEMATCH (the command; default .venv-bench/bin/namematch, the compiled build `make bench`
# installs), PYTHON (for the helpers; default .venv-bench/bin/python), JOBS (default 2). The input files are
# written beforehand, not timed:
#
#   .venv-bench/bin/python benchmarks/namematch/arrivals.py --seed 103 --wanted 100000 --planted 20000 \
#       --namesakes 80000 --unrelated 900000 --csv --out /tmp/nm-1m
#
# Targets (issue 15, "Done when"): under 600 s wall clock and under 4 GB (4,096 MiB) summed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="${1:-/tmp/nm-1m}"
NAMEMATCH="${NAMEMATCH:-$ROOT/.venv-bench/bin/namematch}"
PYTHON="${PYTHON:-$ROOT/.venv-bench/bin/python}"
JOBS="${JOBS:-2}"
for f in "$DIR/arrivals.csv" "$DIR/wanted.csv" "$DIR/arrivals.jsonl"; do
    if [ ! -f "$f" ]; then
        echo "full_run.sh: $f is missing; write the input files first (see the head of this script)" >&2
        exit 2
    fi
done
if [ ! -x "$NAMEMATCH" ]; then
    echo "full_run.sh: $NAMEMATCH is not an executable namematch command (make bench installs it)" >&2
    exit 2
fi
echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
echo "# $NAMEMATCH screen $DIR/arrivals.csv --against $DIR/wanted.csv --output $DIR/hits.csv --jobs $JOBS --quiet"
"$PYTHON" -c 'import namematch, sys; m = sys.modules["namematch.scoring"]; print("# namematch", namematch.ALGORITHM, "compiled" if m.__file__.endswith(".so") else "plain Python", m.__file__)' 2>/dev/null \
    || "$PYTHON" -c 'import namematch.scoring as m; print("# namematch module:", m.__file__)'
rm -f "$DIR/hits.csv"
/usr/bin/time -v -o "$DIR/time.txt" "$NAMEMATCH" screen "$DIR/arrivals.csv" --against "$DIR/wanted.csv" \
    --output "$DIR/hits.csv" --jobs "$JOBS" --quiet 2> "$DIR/screen.err" &
TIMED=$!
"$PYTHON" "$HERE/procmem.py" "$TIMED" --out "$DIR/memory.txt" > /dev/null &
SAMPLER=$!
STATUS=0
wait "$TIMED" || STATUS=$?
wait "$SAMPLER" || true
cat "$DIR/screen.err"
if [ "$STATUS" -ne 0 ]; then
    echo "full_run.sh: the screening command failed (exit status $STATUS)" >&2
    exit "$STATUS"
fi
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PYTHON" - "$DIR" <<'PY'
import csv, json, re, sys
from pathlib import Path

d = Path(sys.argv[1])
t = (d / "time.txt").read_text()

def field(label: str) -> str:
    m = re.search(r"^\s*" + re.escape(label) + r": (.*)$", t, re.M)
    return m.group(1).strip() if m else "?"

wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(x) for x in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
user, system = float(field("User time (seconds)")), float(field("System time (seconds)"))
mem = (d / "memory.txt").read_text().strip()
pss = float(re.search(r"peak summed PSS ([\d,]+) MiB", mem).group(1).replace(",", ""))
print(f"wall clock {secs:,.1f} s ({'under' if secs < 600 else 'OVER'} the 600 s target); CPU {user:,.1f} s user + "
      f"{system:,.1f} s system ({field('Percent of CPU this job got')} of one CPU)")
print(f"memory: {mem} -> {'under' if pss < 4096 else 'OVER'} the 4,096 MiB target (summed PSS); largest single "
      f"process {int(field('Maximum resident set size (kbytes)')) / 1024:,.0f} MiB (time -v)")
group, truth = {}, {}
with (d / "arrivals.jsonl").open(encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        group[r["id"]] = r.get("group", "?")
        truth[r["id"]] = (r.get("truth"), r.get("dob_kind"))
alerted, right, hits = set(), set(), 0
with (d / "hits.csv").open(encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        hits += 1
        alerted.add(row["query_id"])
        if truth.get(row["query_id"], (None,))[0] == row["candidate_id"]:
            right.add(row["query_id"])
n = len(group)
print(f"hits: {hits:,} for {n:,} arrivals ({1000 * hits / n:.1f} per 1,000 rows); arrivals alerted: {len(alerted):,}")
for g in sorted(set(group.values())):
    ids = [i for i, x in group.items() if x == g]
    a = sum(1 for i in ids if i in alerted)
    extra = f"; with the right wanted person {sum(1 for i in ids if i in right):,}" if g == "planted" else ""
    print(f"  {g:10s} {len(ids):9,} arrivals, alerted {a:9,} ({100 * a / len(ids):5.1f} %){extra}")
    if g == "planted":
        for kind in sorted({truth[i][1] for i in ids}):
            sub = [i for i in ids if truth[i][1] == kind]
            k = sum(1 for i in sub if i in right)
            print(f"    date {kind:15s} {len(sub):7,}: found with the right person {k:7,} ({100 * k / len(sub):5.1f} %)")
PY
