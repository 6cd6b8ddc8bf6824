#!/usr/bin/env python3
"""Writes data/*.csv for the institution_credit example, deterministically.

    python3 examples/institution_credit/gen_data.py

The credit files are invented: Chinese names, 18-character ID numbers with
valid GB 11643 check digits, hospital codes H + 11 characters. Clean
settlements are drawn from a seeded generator; the violations, credit events
and two malformed rows are planted by hand below, so the golden outputs in
expected/ can be checked by reading this file.
"""
import csv
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20250101)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def certno(region, birth, seq, male):
    """18-character ID number: region, birth date, sequence (odd = male), check digit."""
    seq = seq * 2 + (1 if male else 0)  # third sequence digit carries the sex
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def write(name, header, rows):
    with open(os.path.join(HERE, "data", name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ------------------------------------------------------------------ institutions
INSTITUTIONS = [
    # code, name, kind, level, region
    ("H15010200001", "内蒙古示范第一人民医院", "医院", 3, "150102"),
    ("H15010200002", "呼和浩特市新城区康宁医院", "医院", 2, "150102"),
    ("H15020300003", "包头市昆都仑区仁和医院", "医院", 2, "150203"),
    ("H15040200004", "赤峰市红山区济民医院", "医院", 1, "150402"),
    ("H15060200005", "鄂尔多斯市东胜区博爱医院", "医院", 1, "150602"),
    ("H15070200006", "呼伦贝尔市海拉尔区安康医院", "医院", 2, "150702"),
    ("H15010300007", "呼和浩特市回民区同心医院", "医院", 2, "150103"),
    ("H15080200008", "巴彦淖尔市临河区惠民医院", "医院", 1, "150802"),
    ("P15010200101", "草原康泰大药房（新城店）", "药店", 0, "150102"),
    ("P15020300102", "北疆益民大药房（昆区店）", "药店", 0, "150203"),
]
HOSPITALS = [i for i in INSTITUTIONS if i[2] == "医院"]
PHARMACIES = [i for i in INSTITUTIONS if i[2] == "药店"]

# ------------------------------------------------------------------ persons
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
MALE_NAMES = ["伟", "强", "军", "磊", "斌", "志刚", "建国", "巴特尔", "额尔敦", "海军"]
FEMALE_NAMES = ["芳", "敏", "丽", "静", "娜", "秀英", "桂兰", "其其格", "萨仁", "玉梅"]
REGIONS = ["150102", "150103", "150203", "150402", "150602", "150702", "150802"]

persons = []
for n in range(1, 41):
    male = n % 2 == 1
    birth = datetime.date(1945 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28))
    name = rng.choice(SURNAMES) + rng.choice(MALE_NAMES if male else FEMALE_NAMES)
    persons.append((f"150000000{n:05d}", certno(rng.choice(REGIONS), birth, n % 100, male), name,
                    "男" if male else "女", birth.isoformat()))
MEN = [p for p in persons if p[3] == "男"]
WOMEN = [p for p in persons if p[3] == "女"]

# ------------------------------------------------------------------ settlements and lines
# Ordinary items, charged at or below their caps.
CLINIC_ITEMS = [
    ("001102000010000", "门诊诊查费", 8.00),
    ("002501000010000", "血细胞分析（血常规）", 20.00),
    ("002402000010000", "X线摄影（DR）", 60.00),
    ("002502010010000", "肝功能检查", 65.00),
    ("XC09AAA001A001010104567", "卡托普利片", 0.30),
    ("XB01ACA001A001010103456", "阿司匹林肠溶片", 0.50),
]
WARD_ITEMS = [
    ("001103000010000", "普通病房床位费", 40.00),
    ("001102000050000", "住院诊察费", 20.00),
    ("003101000010000", "静脉输液", 10.00),
    ("002101000010000", "X线计算机体层（CT）平扫", 150.00),
]
PHARMACY_ITEMS = [
    ("XC09AAA001A001010104567", "卡托普利片", 0.30),
    ("XB01ACA001A001010103456", "阿司匹林肠溶片", 0.50),
    ("ZA12BAA001A001010101235", "复方丹参滴丸", 0.25),
]
DIAGNOSES = ["J06.9", "I10", "E11.9", "K29.7", "M54.5"]

settlements, lines = [], []


def add_settlement(person, inst, kind, day, diagnosis, items):
    """items: (code, name, qty, price, amount[, date])."""
    sid = f"S2025{len(settlements) + 1:06d}"
    total = 0
    for it in items:
        code, name, qty, price, amount = it[:5]
        when = it[5] if len(it) > 5 else day
        lines.append((f"L2025{len(lines) + 1:07d}", sid, code, name, qty, f"{price:.2f}", f"{amount:.2f}",
                      when.isoformat()))
        total += amount
    settlements.append((sid, person[0], inst[0], kind, day.isoformat(), diagnosis, f"{total:.2f}",
                        f"{total / 2:.2f}"))
    return sid


def clean_items(kind):
    if kind == "住院":
        days = 2 + rng.randrange(6)
        return [(c, n, days if c == "001103000010000" else 1 + rng.randrange(3), p, 0) for c, n, p in WARD_ITEMS]
    pool = PHARMACY_ITEMS if kind == "药店购药" else CLINIC_ITEMS
    return [(c, n, 1 if p > 1 else 6 + rng.randrange(20), p, 0) for c, n, p in rng.sample(pool, 2)]


start = datetime.date(2025, 1, 1)
for k in range(110):
    inst = rng.choice(INSTITUTIONS)
    kind = "药店购药" if inst[2] == "药店" else ("住院" if rng.randrange(5) == 0 else "门诊")
    day = start + datetime.timedelta(days=rng.randrange(365))
    items = [(c, n, q, p, round(q * p, 2)) for c, n, q, p, _ in clean_items(kind)]
    add_settlement(rng.choice(persons), inst, kind, day, rng.choice(DIAGNOSES), items)

# Planted violations (each one line; the amounts are what the rules find).
I = {i[0]: i for i in INSTITUTIONS}
d = datetime.date
# JG001 超最高限价: (price - cap) × qty
add_settlement(MEN[1], I["H15010200002"], "门诊", d(2025, 3, 4), "J06.9",
               [("001102000010000", "门诊诊查费", 1, 15.00, 15.00)])
add_settlement(WOMEN[2], I["H15060200005"], "住院", d(2025, 6, 10), "S06.0",
               [("002101000010000", "X线计算机体层（CT）平扫", 4, 320.00, 1280.00),
                ("001103000010000", "普通病房床位费", 6, 80.00, 480.00)])
add_settlement(MEN[3], I["H15060200005"], "住院", d(2025, 9, 2), "I63.9",
               [("002101000010000", "X线计算机体层（CT）平扫", 30, 450.00, 13500.00)])
add_settlement(WOMEN[4], I["H15080200008"], "门诊", d(2025, 11, 18), "K29.7",
               [("002502010010000", "肝功能检查", 1, 90.00, 90.00)])
# XB001 限女性项目用于男性患者
add_settlement(MEN[5], I["H15020300003"], "门诊", d(2025, 4, 22), "R10.4",
               [("003105010010000", "阴道镜检查", 1, 60.00, 60.00)])
add_settlement(MEN[6], I["H15040200004"], "门诊", d(2025, 7, 7), "N95.1",
               [("XG03CAA001A001010108901", "戊酸雌二醇片", 14, 2.00, 28.00)])
# XB002 限男性项目用于女性患者（药店）
add_settlement(WOMEN[7], I["P15020300102"], "药店购药", d(2025, 8, 15), "N40",
               [("XG04CAA001A001010109012", "盐酸坦索罗辛缓释胶囊", 2, 30.00, 60.00)])
# JE001 明细金额与单价数量不符
add_settlement(MEN[8], I["H15080200008"], "门诊", d(2025, 5, 19), "J06.9",
               [("002501000010000", "血细胞分析（血常规）", 1, 20.00, 200.00)])
add_settlement(WOMEN[9], I["P15010200101"], "药店购药", d(2025, 10, 3), "I10",
               [("XC09AAA001A001010104567", "卡托普利片", 30, 0.30, 9.90)])
# 上一年度的超限价明细：不在评价年度内，不评价
add_settlement(MEN[10], I["H15070200006"], "门诊", d(2024, 12, 28), "J06.9",
               [("001102000010000", "门诊诊查费", 1, 15.00, 15.00)])

# ------------------------------------------------------------------ credit events
events = [
    # id, kind, institution, date, amount, note
    ("E2025001", "表彰", "H15010200001", "2025-04-30", "", "年度医保工作先进单位"),
    ("E2025002", "自查退款", "H15010200001", "2025-06-12", "3200.00", "自查自纠主动退回重复收费"),
    ("E2025003", "投诉查实", "H15010200002", "2025-02-17", "", "多收挂号费"),
    ("E2025004", "协议处理", "H15010200002", "2025-09-08", "", "约谈并限期整改"),
    ("E2025005", "协议处理", "H15020300003", "2025-03-26", "", "拒付违规费用"),
    ("E2025006", "协议处理", "H15020300003", "2025-10-14", "", "拒付违规费用"),
    ("E2025007", "投诉查实", "H15020300003", "2025-11-02", "", "未按规定核验医保凭证"),
    ("E2025008", "行政处罚", "H15040200004", "2025-05-09", "20000.00", "串换诊疗项目，处以罚款"),
    ("E2025009", "欠缴", "H15040200004", "2025-06-30", "38600.00", "欠缴职工基本医疗保险费"),
    ("E2025010", "自查退款", "H15040200004", "2025-08-21", "6100.00", "自查自纠主动退回"),
    ("E2025022", "行政处罚", "H15040200004", "2025-10-27", "12000.00", "超标准收费，处以罚款"),
    ("E2025023", "协议处理", "H15040200004", "2025-10-27", "", "拒付违规费用"),
    ("E2025011", "行政处罚", "H15060200005", "2025-02-25", "45000.00", "虚记住院费用，处以罚款"),
    ("E2025012", "行政处罚", "H15060200005", "2025-07-18", "30000.00", "分解住院，处以罚款"),
    ("E2025013", "协议处理", "H15060200005", "2025-07-18", "", "暂停医保结算三个月"),
    ("E2025014", "欠缴", "H15060200005", "2025-12-31", "12500.00", "欠缴职工基本医疗保险费"),
    ("E2025015", "行政处罚", "H15070200006", "2024-09-03", "15000.00", "上一年度处罚，本年度不扣分"),
    ("E2025016", "表彰", "H15070200006", "2025-05-20", "", "家庭医生签约服务先进"),
    ("E2025017", "严重失信", "H15010300007", "2024-12-06", "", "列入医保领域严重失信主体名单"),
    ("E2025018", "表彰", "H15010300007", "2025-03-15", "", "基层医疗服务先进"),
    ("E2025019", "投诉查实", "H15080200008", "2025-01-22", "", "未告知自费项目"),
    ("E2025020", "投诉查实", "P15010200101", "2025-04-11", "", "以药换药"),
    ("E2025021", "自查退款", "P15020300102", "2025-09-30", "860.00", "自查退回超量销售药品费用"),
]

# ------------------------------------------------------------------ two malformed rows (end in rejects.csv)
bad_line = ("L2025999001", settlements[0][0], "001102000010000", "门诊诊查费", 1, "8.00", "8.00", "2025-02-30")
bad_event = ("E2025999", "协议处理", "H15099900001", "2025-03-01", "", "机构编码不存在")

write("Institution.csv", ["机构编码", "机构名称", "机构类型", "医院等级", "行政区划"], INSTITUTIONS)
write("Person.csv", ["人员编号", "证件号码", "姓名", "性别", "出生日期"], persons)
write("Settlement.csv", ["结算ID", "人员编号", "定点机构编码", "就诊类型", "结算日期", "主诊断编码", "总费用", "基金支付"],
      settlements)
write("Line.csv", ["明细流水号", "结算ID", "医保目录编码", "医保目录名称", "数量", "单价", "明细金额", "费用发生日期"],
      lines + [bad_line])
write("Event.csv", ["事件编号", "事件类型", "机构编码", "发生日期", "涉及金额", "事件说明"], events + [bad_event])
