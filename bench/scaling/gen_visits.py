#!/usr/bin/env python3
"""Writes Org.csv and Visit.csv for bench/scaling/visits.fides.

gen_visits.py --visits N --out DIR [--seed S]
About N/4 persons (so ~4 visits each), 200 institutions, days over one year.
"""
import argparse, csv, os, random

ap = argparse.ArgumentParser()
ap.add_argument("--visits", type=int, required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--seed", type=int, default=1)
a = ap.parse_args()
rng = random.Random(a.seed)
os.makedirs(a.out, exist_ok=True)
n_orgs = 200
with open(os.path.join(a.out, "Org.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["机构编号", "等级"])
    for i in range(n_orgs):
        w.writerow([f"O{i:04d}", 1 + i % 3])
persons = max(1, a.visits // 4)
with open(os.path.join(a.out, "Visit.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["就诊编号", "人员编号", "机构编号", "就诊日期", "费用"])
    for i in range(a.visits):
        day = 1 + rng.randrange(365)
        m, d = divmod(day - 1, 28)
        w.writerow([f"V{i:07d}", f"P{rng.randrange(persons):06d}", f"O{rng.randrange(n_orgs):04d}",
                    f"2024-{min(m + 1, 12):02d}-{d + 1:02d}", f"{rng.randrange(1, 500000) / 100:.2f}"])
