#!/usr/bin/env python3
"""Writes data/*.csv for the staff_points example, deterministically.

    python3 examples/staff_points/gen_data.py

Invented credit files: Chinese names, 18-character ID numbers with valid
GB 11643 check digits, hospital codes H + 11 characters. Clean visits come
from a seeded generator; suspensions, violations, scoring events and one
malformed row are planted by hand below.
"""
import csv
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240023)

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


def birthday(lo, hi):
    return datetime.date(lo + rng.randrange(hi - lo), 1 + rng.randrange(12), 1 + rng.randrange(28))


INSTITUTIONS = [
    ("H51010400001", "成都市锦江区仁爱医院", 2, "510104"),
    ("H51010500002", "成都市青羊区康宁医院", 3, "510105"),
    ("H51010600003", "成都市金牛区济民医院", 1, "510106"),
    ("H51011200004", "成都市龙泉驿区博爱医院", 2, "510112"),
]
REGIONS = ["510104", "510105", "510106", "510107", "510112", "510114"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
MALE = ["伟", "强", "军", "磊", "斌", "志刚", "建国", "俊杰", "浩然", "德明"]
FEMALE = ["芳", "敏", "丽", "静", "娜", "秀英", "桂兰", "雪梅", "晓燕", "婷"]
TITLES = ["住院医师", "主治医师", "副主任医师", "主任医师"]

# ------------------------------------------------------------------ doctors
# Two planted suspensions: 暂停 1 March – 31 May 2025 (from 2024's points),
# and from 1 October 2025 with no end date yet.
SUSPENSIONS = {3: ("2025-03-01", "2025-05-31"), 10: ("2025-10-01", "")}
doctors = []
for n in range(1, 17):
    inst = INSTITUTIONS[(n - 1) % len(INSTITUTIONS)]
    male = n % 3 != 0
    b = birthday(1960, 1995)
    name = rng.choice(SURNAMES) + rng.choice(MALE if male else FEMALE)
    frm, to = SUSPENSIONS.get(n, ("", ""))
    doctors.append((f"D{inst[3]}{n:05d}", name, certno(inst[3], b, n, male), inst[0], rng.choice(TITLES), frm, to))
DOC = {i + 1: d for i, d in enumerate(doctors)}

# ------------------------------------------------------------------ persons
persons = []
for n in range(1, 31):
    male = n % 2 == 1
    b = birthday(1940, 2015)
    name = rng.choice(SURNAMES) + rng.choice(MALE if male else FEMALE)
    persons.append((f"510000000{n:05d}", certno(rng.choice(REGIONS), b, n, male), name, "男" if male else "女",
                    b.isoformat()))

# ------------------------------------------------------------------ visits
ITEMS = [  # code, name, price, is_drug
    ("001102000010000", "门诊诊查费", 8.00, False),
    ("002501000010000", "血细胞分析（血常规）", 20.00, False),
    ("002502010010000", "肝功能检查", 65.00, False),
    ("XC09AAA001A001010104567", "卡托普利片", 0.30, True),
    ("XB01ACA001A001010103456", "阿司匹林肠溶片", 0.50, True),
    ("XJ01CAA001A001010101111", "阿莫西林胶囊", 1.00, True),
]
DIAGNOSES = ["J06.9", "I10", "E11.9", "K29.7", "M54.5"]
settlements, lines = [], []


def visit(person, doctor, kind, day, items, diagnosis="J06.9"):
    """items: (code, name, qty, price, days)."""
    sid = f"S2025{len(settlements) + 1:06d}"
    total = 0
    for code, name, qty, price, days in items:
        amount = round(qty * price, 2)
        lines.append((f"L2025{len(lines) + 1:07d}", sid, doctor[0], code, name, qty, f"{price:.2f}", f"{amount:.2f}",
                      day.isoformat(), "" if days is None else days))
        total += amount
    settlements.append((sid, person[0], doctor[3], kind, day.isoformat(), diagnosis, f"{total:.2f}",
                        f"{total / 2:.2f}"))
    return sid


start = datetime.date(2025, 1, 1)
for k in range(100):
    doctor = rng.choice([d for n, d in DOC.items() if n not in SUSPENSIONS])
    kind = "急诊" if rng.randrange(8) == 0 else "门诊"
    day = start + datetime.timedelta(days=rng.randrange(365))
    items = []
    for code, name, price, drug in rng.sample(ITEMS, 2):
        days = (1 + rng.randrange(3 if kind == "急诊" else 7)) if drug else None
        items.append((code, name, 3 * days if drug else 1, price, days))
    visit(rng.choice(persons), doctor, kind, day, items, rng.choice(DIAGNOSES))

d = datetime.date
P = persons
consult = ("001102000010000", "门诊诊查费", 1, 8.00, None)
# YS001: D3 suspended 1 March – 31 May 2025: billed before, during (门诊 twice, 急诊 once), after.
visit(P[0], DOC[3], "门诊", d(2025, 2, 20), [consult])
visit(P[1], DOC[3], "门诊", d(2025, 3, 12), [consult, ("002501000010000", "血细胞分析（血常规）", 1, 20.00, None)])
visit(P[2], DOC[3], "急诊", d(2025, 4, 2), [consult, ("002502010010000", "肝功能检查", 1, 65.00, None)])
visit(P[3], DOC[3], "门诊", d(2025, 5, 31), [consult])
visit(P[4], DOC[3], "门诊", d(2025, 6, 1), [consult])
# YS001: D10 suspended from 1 October 2025, not yet restored.
visit(P[5], DOC[10], "门诊", d(2025, 9, 30), [consult])
visit(P[6], DOC[10], "门诊", d(2025, 11, 15), [consult, ("XC09AAA001A001010104567", "卡托普利片", 21, 0.30, 7)])
# CL001: D5 prescribes beyond 7 days (outpatient) and 3 days (emergency), three times in 2025, once in 2024.
visit(P[7], DOC[5], "门诊", d(2025, 2, 3), [("XC09AAA001A001010104567", "卡托普利片", 90, 0.30, 30)], "I10")
visit(P[8], DOC[5], "门诊", d(2025, 6, 9), [("XB01ACA001A001010103456", "阿司匹林肠溶片", 28, 0.50, 28)], "I63.9")
visit(P[9], DOC[5], "急诊", d(2025, 8, 17), [("XJ01CAA001A001010101111", "阿莫西林胶囊", 21, 1.00, 7)], "J20.9")
visit(P[7], DOC[5], "门诊", d(2024, 12, 26), [("XC09AAA001A001010104567", "卡托普利片", 90, 0.30, 30)], "I10")
# JC001: D7 repeats liver-function tests for the same person within 7 days, twice; D8 once.
liver = ("002502010010000", "肝功能检查", 1, 65.00, None)
visit(P[10], DOC[7], "门诊", d(2025, 4, 1), [liver], "K76.0")
visit(P[10], DOC[7], "门诊", d(2025, 4, 4), [liver], "K76.0")
visit(P[10], DOC[7], "门诊", d(2025, 4, 9), [liver], "K76.0")
visit(P[10], DOC[7], "门诊", d(2025, 5, 20), [liver], "K76.0")   # 41 days later: not a repeat
visit(P[11], DOC[8], "门诊", d(2025, 9, 1), [("002501000010000", "血细胞分析（血常规）", 1, 20.00, None)])
visit(P[11], DOC[8], "门诊", d(2025, 9, 5), [("002501000010000", "血细胞分析（血常规）", 1, 20.00, None)])

# ------------------------------------------------------------------ scoring events (认定)
def ev(n, doc, behavior, degree, day, note, points=""):
    return (f"E2025{n:04d}", DOC[doc][0], behavior, degree, day, points, note)


events = [
    ev(1, 1, "W101", "较轻", "2025-03-18", "未按规定核验参保人员医保凭证"),
    ev(2, 2, "W102", "一般", "2025-04-09", "重复开药"),
    ev(3, 2, "W203", "一般", "2025-07-22", "过度检查"),
    ev(4, 3, "W201", "较重", "2024-06-11", "串换诊疗项目（上一年度，已导致 2025 年暂停）"),
    ev(5, 3, "W301", "一般", "2024-09-27", "自费项目纳入医保结算（上一年度）"),
    ev(6, 4, "W202", "较重", "2025-05-14", "挂床住院"),
    ev(7, 4, "W103", "一般", "2025-06-02", "处方未按规定保存"),
    ev(8, 4, "W102", "较轻", "2025-11-19", "超量开药"),
    ev(9, 5, "W102", "一般", "2025-09-03", "超量开药"),
    ev(10, 6, "W402", "较轻", "2025-08-08", "虚构医药服务项目"),
    ev(11, 7, "W203", "较轻", "2025-06-16", "过度检查"),
    ev(12, 9, "W301", "较重", "2025-02-27", "自费项目纳入医保结算"),
    ev(13, 9, "W201", "较轻", "2025-10-10", "串换药品"),
    ev(14, 10, "W302", "一般", "2025-07-01", "出具虚假证明材料"),
    ev(15, 10, "W101", "较重", "2025-08-30", "未按规定核验医保凭证"),
    ev(16, 11, "W403", "一般", "2025-12-12", "协助他人冒名就医", "12"),
    ev(17, 12, "W103", "较轻", "2025-01-08", "病历资料不全"),
    ev(18, 13, "W401", "较轻", "2024-12-31", "伪造医疗文书（上一年度）"),
]
# One malformed row: 认定日期 that is not a date.
bad_event = ("E20259999", DOC[14][0], "W101", "较轻", "2025/03/01", "", "日期格式错误")

write("Institution.csv", ["机构编码", "机构名称", "医院等级", "行政区划"], INSTITUTIONS)
write("Doctor.csv", ["医师编码", "姓名", "证件号码", "执业机构编码", "职称", "暂停起始日期", "暂停终止日期"], doctors)
write("Person.csv", ["人员编号", "证件号码", "姓名", "性别", "出生日期"], persons)
write("Settlement.csv", ["结算ID", "人员编号", "定点机构编码", "就诊类型", "就诊日期", "主诊断编码", "总费用", "基金支付"],
      settlements)
write("Line.csv", ["明细流水号", "结算ID", "开单医师编码", "医保目录编码", "医保目录名称", "数量", "单价", "明细金额",
                   "费用发生日期", "用药天数"], lines)
write("Event.csv", ["事件编号", "医师编码", "违规行为编码", "情节", "认定日期", "认定记分", "事件说明"],
      events + [bad_event])
