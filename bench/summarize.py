#!/usr/bin/env python3
"""Prints bench/run.sh's results as Markdown tables with the issue-9 ratios.

Usage: summarize.py RESULTS_DIR
Reads runs.tsv (one line per run; run 0 is the warm-up and is left out),
sizes.tsv and versions.txt. Times in seconds, memory in MiB (2^20 bytes),
sizes in MB (10^6 bytes).
"""
import csv
import os
import statistics
import sys

res = sys.argv[1]
rows = [r for r in csv.DictReader(open(os.path.join(res, "runs.tsv")), delimiter="\t")
        if r["run"] != "0"]
sizes = {}
if os.path.exists(os.path.join(res, "sizes.tsv")):
    for line in open(os.path.join(res, "sizes.tsv")):
        n, kf, kb, hf, hb, mf, mb = line.split()
        sizes[int(n)] = dict(kf=int(kf), kb=int(kb), hf=int(hf), hb=int(hb), mf=int(mf), mb=int(mb))


def runs(tool, n):
    return [r for r in rows if r["tool"] == tool and int(r["n"]) == n]


def med(tool, n, key):
    xs = [float(r[key]) for r in runs(tool, n)]
    return statistics.median(xs) if xs else None


def wall(tool, n):
    xs = [float(r["wall_s"]) for r in runs(tool, n)]
    if not xs:
        return "–"
    return f"{statistics.median(xs):.3f} s ({min(xs):.3f}–{max(xs):.3f})"


def cpu(tool, n):
    xs = [float(r["user_s"]) + float(r["sys_s"]) for r in runs(tool, n)]
    return statistics.median(xs) if xs else None


def rss(tool, n):
    xs = [int(r["maxrss_kb"]) for r in runs(tool, n)]
    return max(xs) / 1024 if xs else None


def check(ok):
    return "yes" if ok else "**no**"


print(open(os.path.join(res, "versions.txt")).read().rstrip())
print()
ns = sorted({int(r["n"]) for r in rows if int(r["n"]) > 0})
print("| N | tool | wall, median (min–max) | CPU (user+sys) | peak RSS | output |")
print("| ---: | --- | ---: | ---: | ---: | ---: |")
for n in ns:
    s = sizes.get(n, {})
    outs = {"kapstok": f"{s.get('kf', 0)} files, {s.get('kb', 0) / 1e6:.1f} MB",
            "hugo": f"{s.get('hf', 0)} files, {s.get('hb', 0) / 1e6:.1f} MB",
            "cmark-floor": f"input {s.get('mf', 0)} files, {s.get('mb', 0) / 1e6:.1f} MB"}
    for tool in ("kapstok", "hugo", "cmark-floor"):
        c = cpu(tool, n)
        m = rss(tool, n)
        print(f"| {n} | {tool} | {wall(tool, n)} | "
              f"{'–' if c is None else f'{c:.2f} s'} | "
              f"{'–' if m is None else f'{m:.0f} MiB'} | {outs[tool]} |")
hb = runs("kapstok-handbook", 0)
if hb:
    print(f"| handbook | kapstok | {wall('kapstok-handbook', 0)} | "
          f"{cpu('kapstok-handbook', 0):.2f} s | {rss('kapstok-handbook', 0):.0f} MiB | |")
print()

print("| target (issue 9) | measured | met |")
print("| --- | ---: | :---: |")
big = max(ns) if ns else None
if big is not None:
    k, h, c = med("kapstok", big, "wall_s"), med("hugo", big, "wall_s"), med("cmark-floor", big, "wall_s")
    if k and h:
        print(f"| N={big}: Hugo ÷ Kapstok wall ≥ 8 | {h / k:.2f}× ({h:.2f} s ÷ {k:.2f} s) | {check(h / k >= 8)} |")
    km, hm = rss("kapstok", big), rss("hugo", big)
    if km and hm:
        print(f"| N={big}: Kapstok ÷ Hugo peak memory ≤ 0.5 | {km / hm:.2f} ({km:.0f} ÷ {hm:.0f} MiB) | {check(km / hm <= 0.5)} |")
    if k and c:
        print(f"| N={big}: Kapstok ÷ cmark-gfm floor ≤ 2 | {k / c:.2f}× ({k:.2f} s ÷ {c:.2f} s) | {check(k / c <= 2)} |")
    kc, hc = cpu("kapstok", big), cpu("hugo", big)
    if kc and hc:
        print(f"| (CPU time, for reference) Hugo ÷ Kapstok CPU | {hc / kc:.2f}× ({hc:.2f} s ÷ {kc:.2f} s) | |")
if len(ns) >= 2:
    lo, hi = ns[0], ns[-1]
    a, b = med("kapstok", lo, "wall_s"), med("kapstok", hi, "wall_s")
    if a and b:
        print(f"| Kapstok {hi} ÷ {lo} wall ≤ {hi / lo * 1.1:.0f} | {b / a:.2f} | {check(b / a <= hi / lo * 1.1)} |")
if hb:
    t = med("kapstok-handbook", 0, "wall_s")
    print(f"| handbook cold build < 100 ms | {t * 1000:.0f} ms | {check(t < 0.1)} |")
loads = [float(r["load1"]) for r in rows]
if loads:
    print()
    print(f"Load average (1 min) at the start of the runs: median {statistics.median(loads):.1f}, "
          f"max {max(loads):.1f} on {os.cpu_count()} cores. With other work on the machine, "
          f"wall times stretch; the CPU column and the ratios of alternating runs are steadier.")
