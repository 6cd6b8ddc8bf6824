#!/usr/bin/env python3
"""Writes data/*.csv for the person_credit example, deterministically.

    python3 examples/person_credit/gen_data.py

Invented credit files: Chinese names, 18-character ID numbers with valid
GB 11643 check digits (except the ones planted for rule SF001), hospital codes
H + 11 characters, pharmacy codes P + 11. Clean visits come from a seeded
generator; the suspicious patterns, confirmed events and one malformed row are
planted by hand below.
"""
import csv
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20251231)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def certno(region, birth, seq, male):
    """18-character ID number: region, birth date, sequence (odd = male), check digit."""
    seq = seq * 2 + (1 if male else 0)
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def write(name, header, rows):
    with open(os.path.join(HERE, "data", name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


INSTITUTIONS = [
    ("H33010200001", "杭州市上城区仁和医院", "医院", "330102"),
    ("H33010600002", "杭州市西湖区康宁医院", "医院", "330106"),
    ("P33010200101", "上城康泰大药房", "药店", "330102"),
    ("P33010500102", "拱墅百姓大药房", "药店", "330105"),
    ("P33010600103", "西湖惠民大药房", "药店", "330106"),
    ("P33010800104", "滨江仁心大药房", "药店", "330108"),
    ("P33011000105", "余杭益丰大药房", "药店", "330110"),
]
HOSPITALS = INSTITUTIONS[:2]
PHARMACIES = INSTITUTIONS[2:]
REGIONS = ["330102", "330105", "330106", "330108", "330110"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
MALE = ["伟", "强", "军", "磊", "斌", "志刚", "建国", "俊杰", "浩然", "德明"]
FEMALE = ["芳", "敏", "丽", "静", "娜", "秀英", "桂兰", "雪梅", "晓燕", "婷"]

# ------------------------------------------------------------------ persons
persons = []
for n in range(1, 41):
    male = n % 2 == 1
    b = datetime.date(1940 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28))
    name = rng.choice(SURNAMES) + rng.choice(MALE if male else FEMALE)
    persons.append([f"330000000{n:05d}", certno(rng.choice(REGIONS), b, n, male), name, "男" if male else "女",
                    b.isoformat(), ""])
P = {n + 1: p for n, p in enumerate(persons)}
# Deaths: P3 died 2025-04-18 (two later settlements below), P4 died 2024-06-30 (settlement in 2024 only).
P[3][5] = "2025-04-18"
P[4][5] = "2024-06-30"
# SF001: P5 with a wrong check digit, P6 one digit short.
c = P[5][1]
P[5][1] = c[:17] + CHECK[(CHECK.index(c[17]) + 1) % 11]
P[6][1] = P[6][1][:17]
# SF002: P7 registered as 女, but the ID number is a man's.
P[7][3] = "女"

# ------------------------------------------------------------------ settlements
CLINIC = [("001102000010000", "门诊诊查费", 8.00), ("002501000010000", "血细胞分析（血常规）", 20.00),
          ("002402000010000", "X线摄影（DR）", 60.00)]
DRUGS = [("XC10AAA005A001010100321", "阿托伐他汀钙片", 30.00), ("XC08CAA001A001010100456", "苯磺酸氨氯地平片", 35.00),
         ("XA10BAD001A001010101234", "二甲双胍片", 12.00), ("XR06AXA013A001010100789", "氯雷他定片", 18.00)]
settlements, lines = [], []


def settle(person, inst, kind, day, items):
    """items: (code, name, qty, price)."""
    sid = f"S2025{len(settlements) + 1:06d}"
    total = 0
    for code, name, qty, price in items:
        amount = round(qty * price, 2)
        lines.append((f"L2025{len(lines) + 1:07d}", sid, code, name, qty, f"{amount:.2f}"))
        total += amount
    settlements.append((sid, person[0], inst[0], kind, day.isoformat(), f"{total:.2f}", f"{total / 2:.2f}"))


start = datetime.date(2025, 1, 1)
living = [p for n, p in P.items() if n not in (3, 4)]
for k in range(110):
    person = rng.choice(living)
    day = start + datetime.timedelta(days=rng.randrange(365))
    if rng.randrange(2):
        settle(person, rng.choice(PHARMACIES), "药店购药", day,
               [(c, n, 1 + rng.randrange(2), p) for c, n, p in rng.sample(DRUGS, 1)])
    else:
        settle(person, rng.choice(HOSPITALS), "门诊", day, [(c, n, 1, p) for c, n, p in rng.sample(CLINIC, 2)])

d = datetime.date
atorva = ("XC10AAA005A001010100321", "阿托伐他汀钙片", 2, 30.00)
lorat = ("XR06AXA013A001010100789", "氯雷他定片", 3, 18.00)
# SW001: P3 after death (2025-04-18): a clinic visit and a pharmacy purchase; one visit before.
settle(P[3], HOSPITALS[0], "门诊", d(2025, 4, 2), [("001102000010000", "门诊诊查费", 1, 8.00)])
settle(P[3], HOSPITALS[1], "门诊", d(2025, 5, 20), [("002402000010000", "X线摄影（DR）", 1, 60.00)])
settle(P[3], PHARMACIES[1], "药店购药", d(2025, 6, 3), [atorva])
# P4 died 2024-06-30: a settlement after death, but before the evaluation period.
settle(P[4], HOSPITALS[0], "门诊", d(2024, 9, 12), [("001102000010000", "门诊诊查费", 1, 8.00)])
# DM001: P8 buys 阿托伐他汀钙片 at five pharmacies in July 2025, and at three in August (within the limit).
for i, day in enumerate([3, 8, 14, 21, 27]):
    settle(P[8], PHARMACIES[i], "药店购药", d(2025, 7, day), [atorva])
for i, day in enumerate([5, 12, 19]):
    settle(P[8], PHARMACIES[i], "药店购药", d(2025, 8, day), [atorva])
# DM001: P9 buys 氯雷他定片 at four pharmacies in November 2025, twice at one of them.
for i, (day, ph) in enumerate([(1, 0), (6, 1), (11, 2), (16, 2), (24, 3)]):
    settle(P[9], PHARMACIES[ph], "药店购药", d(2025, 11, day), [lorat])

# ------------------------------------------------------------------ confirmed events
events = [
    ("E20250001", P[10][0], "冒名就医", "2025-03-14", "4800.00", "冒用他人医保凭证住院"),
    ("E20250002", P[11][0], "倒卖药品", "2025-09-02", "12600.00", "倒卖医保药品"),
    ("E20250003", P[12][0], "欺诈骗保", "2024-08-19", "9800.00", "伪造票据报销（评价期之前认定）"),
    ("E20250004", P[13][0], "转借医保凭证", "2025-05-05", "", "将医保凭证借给他人使用"),
    ("E20250005", P[9][0], "转借医保凭证", "2025-10-30", "", "将医保凭证借给他人使用"),
    ("E20250006", P[14][0], "欺诈骗保", "2025-12-31", "3000.00", "虚构就医记录报销"),
]
bad_event = ("E20259999", "33000000099999", "冒名就医", "2025-01-01", "", "人员编号不存在")

write("Institution.csv", ["机构编码", "机构名称", "机构类型", "行政区划"], INSTITUTIONS)
write("Person.csv", ["人员编号", "证件号码", "姓名", "性别", "出生日期", "死亡日期"], persons)
write("Settlement.csv", ["结算ID", "人员编号", "定点机构编码", "就诊类型", "结算日期", "总费用", "基金支付"], settlements)
write("Line.csv", ["明细流水号", "结算ID", "医保目录编码", "医保目录名称", "数量", "明细金额"], lines)
write("Event.csv", ["事件编号", "人员编号", "事件类型", "认定日期", "涉及金额", "事件说明"], events + [bad_event])
