"""Peak memory of a process and all its descendants, summed, sampled once a second (issue 15: the
1,000,000 × 100,000 run must stay under 4 GB *for all its processes together*; ``/usr/bin/time -v`` reports
only the largest single process).

    python benchmarks/namematch/procmem.py PID [--interval 1.0] [--out FILE]

Each sample sums, over PID and every process descending from it, the proportional set size (PSS, from
``/proc/N/smaps_rollup``: a page shared by k processes counts 1/k in each, so pages the screening workers share
copy-on-write with their parent count once) and the resident set size (RSS, each process's own count: shared
pages counted in every process, an upper bound). It stops when PID has ended and prints the peaks, in MiB, and
the moment of each (seconds after the start). Linux only.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # the command name (field 2) may hold spaces and parentheses: fields after the last ")" are fixed
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree(root: int) -> list[int]:
    kids = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; (0, 0) once it has ended."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        return 0, 0
    return pss, rss


def sample(root: int) -> tuple[int, int, int]:
    """(summed PSS KiB, summed RSS KiB, processes) of ``root``'s tree now."""
    pss = rss = 0
    pids = _tree(root)
    for pid in pids:
        p, r = _kib(pid)
        pss += p
        rss += r
    return pss, rss, len(pids)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pid", type=int)
    ap.add_argument("--interval", type=float, default=1.0)
    ap.add_argument("--out", type=Path, help="also write the peaks to this file")
    a = ap.parse_args()
    if not Path(f"/proc/{a.pid}").exists():
        raise SystemExit(f"procmem: no process {a.pid}")
    t0 = time.monotonic()
    peak_pss = peak_rss = procs = 0
    at_pss = at_rss = 0.0
    samples = 0
    while Path(f"/proc/{a.pid}").exists():
        pss, rss, n = sample(a.pid)
        samples += 1
        now = time.monotonic() - t0
        if pss > peak_pss:
            peak_pss, at_pss = pss, now
        if rss > peak_rss:
            peak_rss, at_rss, procs = rss, now, n
        time.sleep(a.interval)
    text = (
        f"peak summed PSS {peak_pss / 1024:,.0f} MiB (at {at_pss:.0f} s); peak summed RSS {peak_rss / 1024:,.0f} MiB "
        f"(at {at_rss:.0f} s, {procs} processes); {samples} samples, every {a.interval:g} s"
    )
    print(text)
    if a.out:
        a.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
