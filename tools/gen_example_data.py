#!/usr/bin/env python3
"""Generate the credit files of the Hunan example pack, deterministically.

Writes examples/hunan/data/{Institution,Doctor,Person,Settlement,Line,Event}.csv
(one file per record type, Chinese column names as in examples/hunan/records.fides)
and the knowledge-base tables examples/hunan/tables/*.csv from one catalogue,
so that the rules, tables and data agree.

The data are fictitious. Most rows are clean; a known number of deliberate
violations is planted so that every rule of the pack fires a few times, and a
handful of malformed rows exercise rejects.csv. The same seed always gives
byte-identical files:

    python3 tools/gen_example_data.py            # writes into examples/hunan
    python3 tools/gen_example_data.py --out DIR  # writes DIR/data and DIR/tables
"""
import argparse
import csv
import datetime as dt
import os
import random

SEED = 20240601
YEAR = 2024

# ----------------------------------------------------------------------------- catalogue
# code, name, category, unit price, flags
#   cap=X   price cap (最高限价) for services
#   once    billed at most once a day (stdlib once_daily_items)
#   bed     bed fee
#   F / M / K   female-only / male-only / children-only
#   lvl=N   only at hospitals of level N or above
#   inp     inpatient only (drugs)
#   scope=P restricted payment scope: main diagnosis must match like-pattern P
SERVICES = [
    ("001102000010000", "门诊诊查费", "诊疗", "8.00", "cap=10.00 once"),
    ("001102000050000", "住院诊察费", "诊疗", "20.00", "cap=25.00 once"),
    ("001103000010000", "普通病房床位费", "床位", "40.00", "cap=50.00 once bed"),
    ("001104000020000", "二级护理", "护理", "25.00", "cap=30.00 once"),
    ("002501000010000", "血细胞分析（血常规）", "化验", "20.00", "cap=25.00"),
    ("002502010010000", "肝功能检查", "化验", "60.00", "cap=70.00"),
    ("002502030010000", "糖化血红蛋白测定", "化验", "50.00", "cap=55.00"),
    ("002402000010000", "X线摄影（DR）", "检查", "60.00", "cap=80.00"),
    ("002101000010000", "X线计算机体层（CT）平扫", "检查", "150.00", "cap=150.00 lvl=2"),
    ("002103000010000", "磁共振（MRI）平扫", "检查", "400.00", "cap=450.00 lvl=3"),
    ("003101000010000", "静脉输液", "治疗", "10.00", "cap=12.00"),
    ("003302000010000", "阑尾切除术", "治疗", "1800.00", "cap=2000.00 lvl=2"),
    ("003105010010000", "阴道镜检查", "检查", "60.00", "F"),
    ("003105020010000", "宫颈细胞学检查", "检查", "80.00", "F"),
    ("002503020140000", "前列腺特异性抗原测定", "化验", "65.00", "M"),
    ("003107010020000", "精液常规检查", "化验", "40.00", "M"),
    ("004401000010000", "小儿推拿", "治疗", "35.00", "K"),
    ("002401000020000", "新生儿听力筛查", "检查", "50.00", "K"),
]
DRUGS = [
    ("XA10BAD001A001010101234", "二甲双胍片", "药品", "1.20", "scope=E11%"),
    ("XJ01DDA001B002010102345", "注射用头孢曲松钠", "药品", "12.00", "scope=J1%"),
    ("XB01ACA001A001010103456", "阿司匹林肠溶片", "药品", "0.50", ""),
    ("XJ01CRA001B001010101111", "注射用哌拉西林钠他唑巴坦钠", "药品", "18.00", ""),
    ("XC09AAA001A001010104567", "卡托普利片", "药品", "0.30", ""),
    ("XN02BEA001A001010105678", "对乙酰氨基酚片", "药品", "0.20", ""),
    ("XL01XCA001B001010106789", "利妥昔单抗注射液", "药品", "2200.00", "inp scope=C8%"),
    ("XB05AAA001B001010107890", "人血白蛋白注射液", "药品", "380.00", "inp scope=K7%"),
    ("XG03CAA001A001010108901", "戊酸雌二醇片", "药品", "2.00", "F"),
    ("XG04CAA001A001010109012", "盐酸坦索罗辛缓释胶囊", "药品", "3.00", "M"),
    ("XR05CBA002A001010100124", "小儿氨酚黄那敏颗粒", "药品", "1.50", "K"),
    ("ZA12BAA001A001010101235", "血栓通注射液", "药品", "25.00", "inp scope=I6%"),
    ("ZA04CAA001A001010102346", "连花清瘟胶囊", "药品", "0.80", ""),
    ("ZA09AAA001A001010103457", "复方丹参滴丸", "药品", "0.60", ""),
]
CONSUMABLES = [
    ("C14010100100000012345", "一次性使用输液器", "材料", "3.00", ""),
]
CATALOGUE = {c[0]: c for c in SERVICES + DRUGS + CONSUMABLES}


def flag(code, name):
    for f in CATALOGUE[code][4].split():
        if f == name:
            return True
        if f.startswith(name + "="):
            return f.split("=", 1)[1]
    return None


def codes_with(name):
    return [c for c in CATALOGUE if flag(c, name)]


# ----------------------------------------------------------------------------- helpers
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def certno(region, birth, seq, gender):
    """An 18-character ID number with a valid GB 11643 check digit."""
    seq = seq % 100 * 10 + (1 if gender == "男" else 2) + rng.choice([0, 2, 4, 6])
    body = "%s%s%03d" % (region, birth.strftime("%Y%m%d"), seq % 1000)
    return body + CHECK[sum(int(a) * w for a, w in zip(body, W)) % 11]


def money(x):
    return "%.2f" % x


def d(s):
    return dt.date.fromisoformat(s)


def day_in_year(lo=dt.date(YEAR, 1, 2), hi=dt.date(YEAR, 11, 30)):
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许邓冯韩曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
GIVEN_M = "伟强磊军洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志军湘"
GIVEN_F = "芳娜敏静丽艳娟霞秀燕玲桂英丹萍红玉兰琳雪慧颖婷倩洁佳琴云莲梅湘"


def person_name(gender):
    pool = GIVEN_M if gender == "男" else GIVEN_F
    return rng.choice(SURNAMES) + "".join(rng.choice(pool) for _ in range(rng.choice([1, 2])))


REGIONS = [
    ("430102", "长沙市芙蓉区"), ("430103", "长沙市天心区"), ("430104", "长沙市岳麓区"),
    ("430105", "长沙市开福区"), ("430111", "长沙市雨花区"), ("430202", "株洲市荷塘区"),
    ("430302", "湘潭市雨湖区"), ("430406", "衡阳市雁峰区"), ("430602", "岳阳市岳阳楼区"),
    ("430702", "常德市武陵区"),
]

# ----------------------------------------------------------------------------- generation


def main():
    global rng
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "examples", "hunan"))
    args = ap.parse_args()
    rng = random.Random(SEED)

    # --- institutions: 14 hospitals (H + 11), 3 clinics (H + 11), 3 pharmacies (P + 11)
    inst = []
    hosp_words = ["人民医院", "中医医院", "康宁医院", "仁和医院", "博爱医院", "济民医院", "妇幼保健院"]
    levels = [3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]
    for n, lv in enumerate(levels):
        code, rname = REGIONS[n % len(REGIONS)]
        name = rname + hosp_words[n % len(hosp_words)]
        if lv == 3 and n == 0:
            name = "湖南省示范第一人民医院"
        inst.append({"机构编码": "H%s%05d" % (code, n + 1), "机构名称": name, "机构类型": "医院",
                     "医院等级": lv, "行政区划": code})
    for n in range(3):
        code, rname = REGIONS[(n + 4) % len(REGIONS)]
        inst.append({"机构编码": "H%s%05d" % (code, 101 + n), "机构名称": rname + ["仁心", "杏林", "康泰"][n] + "诊所",
                     "机构类型": "诊所", "医院等级": 0, "行政区划": code})
    for n in range(3):
        code, rname = REGIONS[n]
        inst.append({"机构编码": "P%s%05d" % (code, 201 + n), "机构名称": "益康大药房（%s店）" % rname[3:],
                     "机构类型": "药店", "医院等级": 0, "行政区划": code})
    hospitals = [i for i in inst if i["机构类型"] == "医院"]
    level1 = [i for i in hospitals if i["医院等级"] == 1]
    clinics = [i for i in inst if i["机构类型"] == "诊所"]
    pharmacies = [i for i in inst if i["机构类型"] == "药店"]
    by_code = {i["机构编码"]: i for i in inst}

    # --- doctors: 40, at hospitals and clinics; three suspended in 2024
    docs = []
    titles = ["住院医师", "主治医师", "副主任医师", "主任医师"]
    places = hospitals + clinics
    for n in range(40):
        i = places[n % len(places)]
        g = rng.choice(["男", "女"])
        docs.append({"医师编码": "D%s%05d" % (i["行政区划"], n + 1), "医师姓名": person_name(g),
                     "执业机构编码": i["机构编码"], "职称": rng.choice(titles),
                     "暂停起始日期": "", "暂停终止日期": ""})
    suspended = [docs[3], docs[10], docs[21]]
    suspended[0].update({"暂停起始日期": "2024-05-01", "暂停终止日期": "2024-07-31"})
    suspended[1].update({"暂停起始日期": "2024-08-15", "暂停终止日期": ""})
    suspended[2].update({"暂停起始日期": "2024-03-01", "暂停终止日期": "2024-04-30"})
    docs_at = {}
    for doc in docs:
        if doc not in suspended:
            docs_at.setdefault(doc["执业机构编码"], []).append(doc)

    # --- persons: 200; 8 children, 5 who die in 2024, 4 with a bad or mismatched ID number
    persons = []
    for n in range(200):
        g = "男" if n % 2 == 0 else "女"
        if n < 8:
            birth = dt.date(2012 + n, rng.randrange(1, 13), rng.randrange(1, 29))
        else:
            birth = dt.date(rng.randrange(1940, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
        region = REGIONS[n % len(REGIONS)][0]
        persons.append({"人员编号": "4301%010d" % (n + 1), "证件号码": certno(region, birth, n, g),
                        "姓名": person_name(g), "性别": g, "出生日期": birth.isoformat(), "死亡日期": "",
                        "险种类型": rng.choice(["职工基本医疗保险", "城乡居民基本医疗保险"])})
    children = persons[:8]
    adults = persons[8:]
    dying = [persons[n] for n in (20, 41, 63, 88, 120)]
    for k, p in enumerate(dying):
        p["死亡日期"] = dt.date(YEAR, 6 + k, 10).isoformat()
    # SF001: wrong check digit, wrong registered sex, wrong registered birth date, too short
    bad_id = [persons[n] for n in (150, 151, 152, 153)]
    c = bad_id[0]["证件号码"]
    bad_id[0]["证件号码"] = c[:17] + CHECK[(CHECK.index(c[17]) + 1) % 11]
    bad_id[1]["性别"] = "女" if bad_id[1]["性别"] == "男" else "男"
    bad_id[2]["出生日期"] = (d(bad_id[2]["出生日期"]) + dt.timedelta(days=1)).isoformat()
    bad_id[3]["证件号码"] = bad_id[3]["证件号码"][:15]
    males = [p for p in adults if p["性别"] == "男" and p not in dying and p not in bad_id]
    females = [p for p in adults if p["性别"] == "女" and p not in dying and p not in bad_id]

    def last_safe_day(p):
        return d(p["死亡日期"]) - dt.timedelta(days=1) if p["死亡日期"] else dt.date(YEAR, 11, 30)

    # --- settlements and lines
    setts, lines = [], []

    def new_settlement(p, i, kind, admit, discharge, diagnosis, doctor="auto"):
        if doctor == "auto":
            pool = docs_at.get(i["机构编码"], [])
            doctor = rng.choice(pool) if pool and rng.random() < 0.9 else None
        s = {"结算ID": "S%d%06d" % (YEAR, len(setts) + 1), "人员编号": p["人员编号"],
             "定点机构编码": i["机构编码"], "主诊医师编码": doctor["医师编码"] if doctor else "",
             "就诊类型": kind, "入院日期": admit.isoformat(), "出院日期": discharge.isoformat(),
             "主诊断编码": diagnosis, "总费用": 0.0, "基金支付": 0.0, "_doctor": doctor}
        setts.append(s)
        return s

    def add_line(s, code, qty, date, days=None, price=None, amount=None, doctor="same"):
        _, name, cat, std_price, _ = CATALOGUE[code]
        price = float(std_price) if price is None else price
        amount = round(price * qty, 2) if amount is None else amount
        if doctor == "same":
            doctor = s["_doctor"]
        l = {"明细流水号": "L%d%07d" % (YEAR, len(lines) + 1), "结算ID": s["结算ID"], "医保目录编码": code,
             "医保目录名称": name, "收费类别": cat, "数量": qty, "单价": money(price), "明细金额": money(amount),
             "费用发生日期": date.isoformat(), "用药天数": "" if days is None else days,
             "开单医师编码": doctor["医师编码"] if doctor else ""}
        lines.append(l)
        s["总费用"] += amount
        return l

    def close(s, ratio):
        s["基金支付"] = round(s["总费用"] * ratio, 2)

    OUT_DX = [("J06.9", ["ZA04CAA001A001010102346", "XN02BEA001A001010105678"]),
              ("J20.9", ["ZA04CAA001A001010102346"]),
              ("I10", ["XC09AAA001A001010104567", "XB01ACA001A001010103456"]),
              ("E11.9", ["XA10BAD001A001010101234"]),
              ("I25.1", ["ZA09AAA001A001010103457", "XB01ACA001A001010103456"]),
              ("K29.7", []), ("M54.5", [])]
    OUT_TESTS = ["002501000010000", "002402000010000", "002502010010000", "002502030010000"]

    def outpatient(p, i, date, kind="门诊", dx=None):
        dx_code, drugs = dx or rng.choice(OUT_DX)
        s = new_settlement(p, i, kind, date, date, dx_code)
        if i["机构类型"] != "药店":
            add_line(s, "001102000010000", 1, date)
            for code in rng.sample(OUT_TESTS, rng.choice([0, 1, 1, 2])):
                if code == "002502030010000" and dx_code != "E11.9":
                    continue
                add_line(s, code, 1, date)
        limit = 3 if kind == "急诊" else 7
        for code in drugs:
            days = rng.randrange(2, limit + 1)
            add_line(s, code, days * 2, date, days=days)
        if not drugs:
            add_line(s, "003101000010000", 1, date)
        close(s, 0.5)
        return s

    IN_DX = [("J18.9", ["XJ01DDA001B002010102345", "XN02BEA001A001010105678"], []),
             ("I63.9", ["ZA12BAA001A001010101235", "XB01ACA001A001010103456"], ["002101000010000"]),
             ("K35.8", ["XJ01CRA001B001010101111"], ["003302000010000"]),
             ("K74.6", ["XB05AAA001B001010107890"], []),
             ("E11.9", ["XA10BAD001A001010101234"], ["002502030010000"])]

    def inpatient(p, i, admit, stay, dx=None, bed_qty=None):
        dx_code, drugs, extra = dx or rng.choice(IN_DX)
        discharge = admit + dt.timedelta(days=stay)
        s = new_settlement(p, i, "住院", admit, discharge, dx_code)
        add_line(s, "001103000010000", stay if bed_qty is None else bed_qty, admit)
        add_line(s, "001102000050000", stay, admit)
        add_line(s, "001104000020000", stay, admit)
        add_line(s, "002501000010000", 1, admit)
        for code in extra:
            if flag(code, "lvl") and i["医院等级"] < int(flag(code, "lvl")):
                continue
            add_line(s, code, 1, admit + dt.timedelta(days=1))
        for code in drugs:
            add_line(s, code, max(1, stay - 1), admit + dt.timedelta(days=1))
        add_line(s, "003101000010000", stay, admit)
        add_line(s, "C14010100100000012345", stay, admit)
        close(s, 0.75)
        return s

    # normal outpatient, emergency and pharmacy visits
    clean_people = [p for p in persons if p not in bad_id]
    for _ in range(470):
        p = rng.choice(clean_people)
        i = rng.choice(hospitals + clinics)
        date = day_in_year(hi=last_safe_day(p))
        if p in children:
            outpatient(p, i, date, dx=("J06.9", ["XR05CBA002A001010100124"]))
        else:
            outpatient(p, i, date)
    for _ in range(70):
        p = rng.choice(clean_people)
        outpatient(p, rng.choice(hospitals), day_in_year(hi=last_safe_day(p)), kind="急诊")
    for _ in range(40):
        p = rng.choice(adults)
        outpatient(p, rng.choice(pharmacies), day_in_year(hi=last_safe_day(p)), kind="药店购药",
                   dx=("I10", ["XC09AAA001A001010104567"]))
    # normal admissions: at most one per person, so no accidental readmission or overlap
    planted = [adults[n] for n in list(range(80, 84)) + list(range(100, 104)) + list(range(110, 114))
               + list(range(130, 136)) + list(range(140, 143)) + list(range(160, 163))]
    admitted = rng.sample([p for p in adults if p not in dying and p not in planted], 125)
    for p in admitted:
        stay = rng.randrange(3, 11)
        admit = day_in_year(hi=dt.date(YEAR, 11, 15))
        inpatient(p, rng.choice(hospitals[:9]), admit, stay)

    # ------------------------------------------------------------------ planted violations
    H3 = hospitals[0]

    # XB001 / XB002: sex-restricted items for the other sex
    for k in range(4):
        s = outpatient(males[k], hospitals[3 + k], dt.date(YEAR, 3, 4 + k), dx=("N76.0", []))
        add_line(s, ["003105010010000", "003105020010000", "XG03CAA001A001010108901", "003105010010000"][k], 1,
                 d(s["入院日期"]))
    for k in range(4):
        s = outpatient(females[k], hospitals[4 + k], dt.date(YEAR, 4, 8 + k), dx=("N40", []))
        add_line(s, ["002503020140000", "003107010020000", "XG04CAA001A001010109012", "002503020140000"][k], 1,
                 d(s["入院日期"]))
    # NL001: children's items for adults
    for k in range(4):
        s = outpatient(adults[10 + k], clinics[k % 3], dt.date(YEAR, 5, 6 + k), dx=("M54.5", []))
        add_line(s, ["004401000010000", "XR05CBA002A001010100124", "004401000010000", "002401000020000"][k], 1,
                 d(s["入院日期"]))
    # JG001: price above the cap
    for k, (code, price) in enumerate([("002402000010000", 95.00), ("002101000010000", 180.00),
                                       ("001102000010000", 15.00), ("002502010010000", 88.00),
                                       ("003101000010000", 18.00)]):
        s = outpatient(adults[20 + k], hospitals[k], dt.date(YEAR, 6, 3 + k), dx=("M54.5", []))
        add_line(s, code, 2, d(s["入院日期"]), price=price)
    # XD001: restricted-scope drugs outside their diagnoses
    for k in range(5):
        s = outpatient(adults[30 + k], hospitals[k + 1], dt.date(YEAR, 7, 1 + k), dx=("J06.9", []))
        code = ["XJ01DDA001B002010102345", "XA10BAD001A001010101234"][k % 2]
        add_line(s, code, 4, d(s["入院日期"]), days=2)
    # XD002: inpatient-only drugs in outpatient care (with a matching diagnosis)
    for k, (code, dx) in enumerate([("ZA12BAA001A001010101235", "I63.9"), ("XB05AAA001B001010107890", "K74.6"),
                                    ("ZA12BAA001A001010101235", "I67.9"), ("XL01XCA001B001010106789", "C83.3")]):
        s = outpatient(adults[40 + k], hospitals[k], dt.date(YEAR, 8, 5 + k), dx=(dx, []))
        add_line(s, code, 1, d(s["入院日期"]), days=1)
    # XD003: CT / MRI / surgery at level-1 hospitals
    for k, code in enumerate(["002101000010000", "002103000010000", "002101000010000", "003302000010000"]):
        i = level1[k]
        s = outpatient(adults[50 + k], i, dt.date(YEAR, 9, 2 + k), dx=("M54.5", []))
        add_line(s, code, 1, d(s["入院日期"]))
    # YS001: lines of suspended doctors during their suspension (and one emergency, exempt)
    for k, (doc, date, kind) in enumerate([(suspended[0], "2024-05-20", "门诊"), (suspended[0], "2024-07-02", "门诊"),
                                           (suspended[1], "2024-09-10", "门诊"), (suspended[2], "2024-03-15", "门诊"),
                                           (suspended[2], "2024-04-20", "急诊"), (suspended[0], "2024-08-20", "门诊")]):
        i = by_code[doc["执业机构编码"]]
        s = new_settlement(adults[60 + k], i, kind, d(date), d(date), "J06.9", doctor=doc)
        add_line(s, "001102000010000", 1, d(date))
        add_line(s, "ZA04CAA001A001010102346", 6, d(date), days=3)
        close(s, 0.5)
    # SW001 / SW002: care after death
    for k, p in enumerate(dying):
        after = d(p["死亡日期"]) + dt.timedelta(days=5 + 7 * k)
        outpatient(p, hospitals[k], after)
        if k < 2:
            s = outpatient(p, hospitals[k + 5], d(p["死亡日期"]) - dt.timedelta(days=1))
            add_line(s, "XB01ACA001A001010103456", 10, d(p["死亡日期"]) + dt.timedelta(days=2), days=5)
    # MZ001: outpatient supply beyond 7 days, emergency beyond 3
    for k, (kind, days) in enumerate([("门诊", 14), ("门诊", 30), ("门诊", 10), ("门诊", 28), ("急诊", 5), ("急诊", 7)]):
        s = outpatient(adults[70 + k], hospitals[k], dt.date(YEAR, 10, 8 + k), kind=kind, dx=("I10", []))
        add_line(s, "XC09AAA001A001010104567", days * 3, d(s["入院日期"]), days=days)
    # RQ001: charges dated outside the stay
    for k in range(4):
        s = inpatient(adults[80 + k], hospitals[k], dt.date(YEAR, 2, 5 + k), 5)
        add_line(s, "002402000010000", 1, d(s["出院日期"]) + dt.timedelta(days=3 + k))
    # JE001: amount differs from price × quantity
    for k in range(4):
        s = outpatient(adults[90 + k], hospitals[k + 2], dt.date(YEAR, 11, 4 + k), dx=("M54.5", []))
        add_line(s, "002501000010000", 2, d(s["入院日期"]), amount=[60.00, 45.00, 100.00, 20.50][k])
    # CF001: a daily item twice on one day in one settlement
    for k in range(4):
        s = inpatient(adults[100 + k], hospitals[k + 1], dt.date(YEAR, 3, 11 + k), 4)
        code = ["001102000050000", "001104000020000", "001103000010000", "001102000050000"][k]
        add_line(s, code, 1, d(s["入院日期"]))
    # CW001: bed days beyond the stay
    for k in range(4):
        inpatient(adults[110 + k], hospitals[k + 2], dt.date(YEAR, 4, 15 + k), 6, bed_qty=9 + k)
    # FZ001: readmission to the same hospital within 15 days, same ICD-10 category
    for k in range(4):
        p, i = adults[130 + k], hospitals[k]
        first = inpatient(p, i, dt.date(YEAR, 5, 2 + k), 6, dx=IN_DX[k % 3])
        gap = [5, 9, 12, 14][k]
        dx = IN_DX[k % 3]
        dx2 = (dx[0][:3] + ".2" if dx[0] != "I63.9" else "I63.5", dx[1], dx[2])
        inpatient(p, i, d(first["出院日期"]) + dt.timedelta(days=gap), 5, dx=dx2)
    # ... and two that must not fire: planned chemotherapy, and a gap of 20 days
    p, i = adults[134], hospitals[0]
    first = inpatient(p, i, dt.date(YEAR, 6, 3), 7, dx=("C34.9", ["XN02BEA001A001010105678"], []))
    inpatient(p, i, dt.date(YEAR, 6, 17), 3, dx=("Z51.1", ["XN02BEA001A001010105678"], []))
    p = adults[135]
    first = inpatient(p, hospitals[1], dt.date(YEAR, 6, 3), 5, dx=IN_DX[0])
    inpatient(p, hospitals[1], dt.date(YEAR, 6, 28), 5, dx=IN_DX[0])
    # ZY001: low-cost admissions with tests only
    for k in range(3):
        p, i = adults[140 + k], hospitals[9 + k]
        s = new_settlement(p, i, "住院", dt.date(YEAR, 7, 15 + k), dt.date(YEAR, 7, 17 + k), "R10.4")
        add_line(s, "001103000010000", 2, d(s["入院日期"]))
        add_line(s, "002501000010000", 1, d(s["入院日期"]))
        add_line(s, "002502010010000", 1, d(s["入院日期"]))
        add_line(s, "002402000010000", 1, d(s["入院日期"]))
        close(s, 0.75)
    # HS001: overlapping stays at two hospitals
    for k in range(3):
        p = adults[160 + k]
        inpatient(p, hospitals[k], dt.date(YEAR, 8, 10 + k), 8)
        inpatient(p, hospitals[k + 4], dt.date(YEAR, 8, 13 + k), 4)
    # SF001 persons also see a doctor once (so they are real insured persons)
    for p in bad_id:
        outpatient(p, rng.choice(hospitals), day_in_year())

    # --- credit-file events: 60
    events = []

    def event(kind, date, note, institution=None, doctor=None, person=None, amount=None, points=None):
        events.append({"事件编号": "E%d%04d" % (YEAR, len(events) + 1), "事件类型": kind,
                       "机构编码": institution["机构编码"] if institution else "",
                       "医师编码": doctor["医师编码"] if doctor else "",
                       "人员编号": person["人员编号"] if person else "",
                       "发生日期": date, "涉及金额": "" if amount is None else money(amount),
                       "记分": "" if points is None else points, "事件说明": note})

    notes = {"行政处罚": "飞行检查查实违法使用医保基金，处以罚款", "协议处理": "违反医保服务协议，约谈并限期整改",
             "投诉查实": "参保人投诉经核查属实", "欠缴": "未按时足额缴纳医疗保险费",
             "自查退款": "自查自纠主动退回违规金额", "表彰": "年度医保工作先进单位"}
    plan = [("行政处罚", 7), ("协议处理", 12), ("投诉查实", 10), ("欠缴", 6), ("自查退款", 10), ("表彰", 8)]
    for kind, n in plan:
        for k in range(n):
            i = inst[(k * 7 + len(kind)) % len(inst)]
            date = day_in_year().isoformat() if k % 5 else "2023-%02d-15" % (k % 12 + 1)
            amt = rng.choice([5000, 12000, 30000, 80000]) if kind in ("行政处罚", "自查退款") else None
            event(kind, date, notes[kind], institution=i, amount=amt)
    # doctors' scheme: tier points (1–3, 4–6, 7–9, 10–12)
    event("投诉查实", "2024-03-18", "串换项目收费，负次要责任", doctor=docs[5], institution=by_code[docs[5]["执业机构编码"]], points=3)
    event("行政处罚", "2024-06-21", "虚构医药服务项目，负主要责任", doctor=docs[5], points=6)
    event("投诉查实", "2024-04-02", "分解住院，负主要责任", doctor=docs[12], points=9)
    event("行政处罚", "2024-09-09", "伪造医疗文书骗取医保基金", doctor=docs[17], points=12)
    event("投诉查实", "2023-10-11", "上一年度记分，本年度不累计", doctor=docs[17], points=4)
    event("协议处理", "2024-05-06", "超量开药", doctor=docs[25], points=2)
    # insured persons
    event("欠缴", "2024-02-01", "城乡居民医保费欠缴", person=persons[30])
    event("投诉查实", "2024-07-19", "冒用他人医保凭证就医", person=persons[161], amount=4200.00)
    # knock-out: serious dishonesty list
    event("严重失信", "2024-10-30", "列入医保领域严重失信主体名单", institution=hospitals[12])
    event("表彰", "2024-12-20", "医保基金监管社会监督员", person=persons[77])

    # ------------------------------------------------------------------ planted violations, second batch
    # Added after the events and drawn from a random stream of their own, so every row
    # above stays as it was; only the IDs of the orphan settlement and its line move.
    main_rng, rng = rng, random.Random(SEED + 1)

    def purchase(p, i, date, code, days, kind="门诊", dx="I10"):
        """One prescription of `days` days (two units a day) of drug `code`, at institution i."""
        date = d(date)
        s = new_settlement(p, i, kind, date, date, dx)
        if i["机构类型"] != "药店":
            add_line(s, "001102000010000", 1, date)
        add_line(s, code, days * 2, date, days=days)
        close(s, 0.5)
        return s

    # PF001: more than 8 clinic visits within 30 days (any institution); one person at 6 must not fire
    for k, (start, n, step) in enumerate([("2024-10-01", 10, 3), ("2024-03-04", 11, 2), ("2024-06-03", 6, 4)]):
        p = adults[170 + k]
        for v in range(n):
            outpatient(p, places[(5 * k + v) % len(places)], d(start) + dt.timedelta(days=v * step),
                       kind="急诊" if v == 4 else "门诊", dx=("J06.9", []))
    # DY001: one drug's supply days over 30 days beyond 30 + 5, spread over pharmacies and hospitals
    CAPTOPRIL, METFORMIN, ASPIRIN = "XC09AAA001A001010104567", "XA10BAD001A001010101234", "XB01ACA001A001010103456"
    p = adults[175]
    for k, date in enumerate(["2024-08-01", "2024-08-06", "2024-08-10", "2024-08-15", "2024-08-20", "2024-08-26"]):
        purchase(p, [pharmacies[0], pharmacies[1], hospitals[3], pharmacies[2], clinics[0], pharmacies[0]][k],
                 date, CAPTOPRIL, 7, kind="门诊" if k in (2, 4) else "药店购药")
    p = adults[176]
    for k, date in enumerate(["2024-09-02", "2024-09-07", "2024-09-12", "2024-09-17", "2024-09-22", "2024-09-27"]):
        purchase(p, [hospitals[5], clinics[1], hospitals[6], hospitals[5], clinics[2], hospitals[7]][k],
                 date, METFORMIN, 7, dx="E11.9")
    p = adults[177]
    for k, date in enumerate(["2024-05-06", "2024-05-08", "2024-05-10", "2024-05-12", "2024-05-14", "2024-05-16",
                              "2024-05-18"]):
        purchase(p, [hospitals[1], pharmacies[1], hospitals[2], pharmacies[2], clinics[0], hospitals[8],
                     hospitals[4]][k], date, ASPIRIN, 7, kind="药店购药" if k in (1, 3) else "门诊", dx="I25.1")
    # ... and a steady weekly supply, which must not fire: at most 35 days in any 30
    p = adults[178]
    for k in range(9):
        purchase(p, pharmacies[k % 3], (dt.date(YEAR, 2, 1) + dt.timedelta(days=7 * k)).isoformat(), CAPTOPRIL, 7,
                 kind="药店购药")
    # CJ001: a clinic whose visits cost far more than those of the other clinics
    for k in range(8):
        p = adults[180 + k]
        date = dt.date(YEAR, 2, 6) + dt.timedelta(days=29 * k)
        s = new_settlement(p, clinics[2], "门诊", date, date, "J20.9")
        add_line(s, "001102000010000", 1, date)
        add_line(s, "002502010010000", 1, date)
        add_line(s, "002402000010000", 1, date)
        add_line(s, "XJ01CRA001B001010101111", 10, date, days=5)
        add_line(s, "003101000010000", 5, date)
        add_line(s, "C14010100100000012345", 5, date)
        close(s, 0.5)
    rng = main_rng

    # --- deliberately bad rows (each becomes a row of rejects.csv)
    bad_lines = []
    base = dict(lines[5])
    bad = dict(base, 明细流水号="L%d9000001" % YEAR, 费用发生日期="2024-02-30"); bad_lines.append(bad)      # bad date
    bad = dict(base, 明细流水号="L%d9000002" % YEAR, 单价="12.3.4"); bad_lines.append(bad)                # bad number
    bad = dict(base, 明细流水号="L%d9000003" % YEAR, 结算ID="S%d999999" % YEAR); bad_lines.append(bad)   # unresolved
    bad = dict(lines[100]); bad_lines.append(bad)                                                          # duplicate key
    bad = dict(base, 明细流水号="L%d9000005" % YEAR, 数量="两"); bad_lines.append(bad)                    # bad number
    short = dict(base, 明细流水号="L%d9000006" % YEAR)
    short_row = [short[k] for k in LINE_COLS][:-2]                                                         # wrong column count
    # a settlement whose institution does not exist, and a line that refers to it (rejected in turn)
    orphan = new_settlement(adults[5], hospitals[0], "门诊", dt.date(YEAR, 3, 3), dt.date(YEAR, 3, 3), "J06.9")
    orphan["定点机构编码"] = "H43099900001"
    add_line(orphan, "001102000010000", 1, dt.date(YEAR, 3, 3))
    close(orphan, 0.5)
    bad_person = dict(persons[199], 人员编号="4301%010d" % 999, 出生日期="1985-13-01")
    bad_inst = dict(inst[5], 机构编码="H43010299999", 医院等级="二级")
    bad_doc = dict(docs[0], 医师编码="D43010299999", 暂停起始日期="2024/05/01")
    dup_event = dict(events[3])

    # --- write
    data = os.path.join(args.out, "data")
    os.makedirs(data, exist_ok=True)

    def write(name, cols, rows, extra=(), raw=()):
        with open(os.path.join(data, name + ".csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for r in list(rows) + list(extra):
                w.writerow([money(r[c]) if isinstance(r[c], float) else r[c] for c in cols])
            for r in raw:
                w.writerow(r)

    write("Institution", INST_COLS, inst, [bad_inst])
    write("Doctor", DOC_COLS, docs, [bad_doc])
    write("Person", PERSON_COLS, persons, [bad_person])
    write("Settlement", SETT_COLS, setts)
    write("Line", LINE_COLS, lines, bad_lines, raw=[short_row])
    write("Event", EVENT_COLS, events, [dup_event])

    # --- knowledge-base tables of the pack
    tables = os.path.join(args.out, "tables")
    os.makedirs(tables, exist_ok=True)

    def table(name, cols, rows):
        with open(os.path.join(tables, name + ".csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            w.writerows(rows)

    table("female_only", ["项目编码", "项目名称"], [(c, CATALOGUE[c][1]) for c in codes_with("F")])
    table("male_only", ["项目编码", "项目名称"], [(c, CATALOGUE[c][1]) for c in codes_with("M")])
    table("child_only", ["项目编码", "项目名称"], [(c, CATALOGUE[c][1]) for c in codes_with("K")])
    table("price_cap", ["项目编码", "项目名称", "最高限价"], [(c, CATALOGUE[c][1], flag(c, "cap")) for c in codes_with("cap")])
    scope_note = {"E11%": "限2型糖尿病", "J1%": "限下呼吸道感染", "C8%": "限淋巴瘤", "K7%": "限肝硬化腹水等肝病",
                  "I6%": "限脑血管病"}
    table("drug_scope", ["药品编码", "药品名称", "限定诊断", "限定说明"],
          [(c, CATALOGUE[c][1], flag(c, "scope"), scope_note[flag(c, "scope")]) for c in codes_with("scope")])
    table("inpatient_only", ["药品编码", "药品名称"], [(c, CATALOGUE[c][1]) for c in codes_with("inp")])
    table("level_restricted", ["项目编码", "项目名称", "最低医院等级"],
          [(c, CATALOGUE[c][1], flag(c, "lvl")) for c in codes_with("lvl")])

    print("institutions %d, doctors %d, persons %d, settlements %d, lines %d, events %d"
          % (len(inst), len(docs), len(persons), len(setts), len(lines), len(events)))


INST_COLS = ["机构编码", "机构名称", "机构类型", "医院等级", "行政区划"]
DOC_COLS = ["医师编码", "医师姓名", "执业机构编码", "职称", "暂停起始日期", "暂停终止日期"]
PERSON_COLS = ["人员编号", "证件号码", "姓名", "性别", "出生日期", "死亡日期", "险种类型"]
SETT_COLS = ["结算ID", "人员编号", "定点机构编码", "主诊医师编码", "就诊类型", "入院日期", "出院日期",
             "主诊断编码", "总费用", "基金支付"]
LINE_COLS = ["明细流水号", "结算ID", "医保目录编码", "医保目录名称", "收费类别", "数量", "单价", "明细金额",
             "费用发生日期", "用药天数", "开单医师编码"]
EVENT_COLS = ["事件编号", "事件类型", "机构编码", "医师编码", "人员编号", "发生日期", "涉及金额", "记分", "事件说明"]

rng = None

if __name__ == "__main__":
    main()
