#include "catalogue.h"

#include <algorithm>

#include "util.h"

namespace fides::gen {

namespace {

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// A western (X) or Chinese patent (Z) drug code of the national format:
// prefix, a five-character category, then a serial (23 characters in all).
std::string drug_code(char prefix, const char* cat5, int serial) {
  std::string s(1, prefix);
  s += cat5;
  s += 'A';
  append_padded(s, static_cast<uint64_t>(serial), 3);
  s += "A001";
  s += "0102";
  append_padded(s, static_cast<uint64_t>((serial * 7919 + 4111) % 100000), 5);
  return s;
}

struct ServiceSpec {
  const char* code;
  const char* name;
  const char* fee;
  int price;  // cents
  Role role;
  int real_min_level;
};

// Common service items (15-digit codes of the national catalogue's shape).
const ServiceSpec kServices[] = {
    {"001102000010100", "普通门诊诊查费", "02", 1000, R_OUT_CONSULT, 0},
    {"001102000030100", "急诊诊查费", "02", 1500, R_EMERG_CONSULT, 0},
    {"001102000050100", "住院诊查费", "02", 2000, R_INP_CONSULT, 0},
    {"001102000060100", "一般诊疗费", "12", 1000, R_GEN_CONSULT, 0},
    {"001103000010100", "普通病房床位费（三人间）", "01", 3500, R_BED, 0},
    {"001104000020100", "二级护理", "07", 2200, R_NURSING, 0},
    {"002501000010100", "血细胞分析（全血细胞计数+五分类）", "04", 2000, R_CBC, 0},
    {"002501000020100", "尿液分析（尿常规）", "04", 1000, R_URINE, 0},
    {"002501000030100", "粪便常规检查", "04", 600, R_STOOL, 0},
    {"002502000010100", "血清葡萄糖测定", "04", 800, R_GLUCOSE, 0},
    {"002503040010100", "血脂四项测定", "04", 4000, R_LIPID, 1},
    {"002503050010100", "C反应蛋白测定（CRP）", "04", 3000, R_CRP, 0},
    {"002502050010100", "凝血功能四项", "04", 4500, R_COAG, 1},
    {"002503060010100", "电解质四项测定", "04", 3000, R_ELECTROLYTE, 1},
    {"002504000010100", "甲型/乙型流感病毒抗原检测", "04", 6000, R_FLU, 1},
    {"002503070010100", "心肌酶谱测定", "04", 5500, R_CARDIAC, 1},
    {"002402000010100", "数字化X线摄影（DR）", "03", 6000, R_XRAY, 1},
    {"002403000010100", "彩色多普勒超声检查", "03", 12000, R_US, 1},
    {"003102000010100", "常规心电图检查", "03", 2000, R_ECG, 0},
    {"002201010030100", "X线计算机体层（CT）平扫（多排）", "03", 20000, R_CT, 2},
    {"002203010030100", "磁共振平扫（1.5T）", "03", 45000, R_MRI, 3},
    {"003101000010100", "静脉输液（第一组）", "05", 1000, R_IV, 0},
    {"003101000040100", "肌肉注射", "05", 300, R_IM, 0},
    {"003103000010100", "雾化吸入", "05", 1500, R_NEB, 0},
    {"003103000020100", "氧气吸入（每小时）", "05", 300, R_OXYGEN, 1},
    {"003106000010100", "大换药", "05", 2500, R_DRESSING, 0},
    {"004201000010100", "中频脉冲电治疗", "05", 2500, R_PHYSIO, 0},
    {"004101000010100", "普通针刺", "05", 3000, R_ACUPUNCTURE, 0},
    {"003107000010100", "心电监测（每小时）", "05", 400, R_MONITOR, 1},
    {"003111000020100", "床旁快速血糖检测", "04", 500, R_BEDSIDE_GLUCOSE, 1},
    {"003106000020100", "清创缝合术（小）", "06", 8000, R_SUTURE, 0},
    {"003302000030100", "阑尾切除术", "06", 150000, R_APPENDECTOMY, 1},
    {"003310000100100", "胫骨骨折切开复位内固定术", "06", 320000, R_FRACTURE, 2},
    {"003305000010100", "子宫下段剖宫产术", "06", 220000, R_CESAREAN, 1},
    {"003305000020100", "单胎顺产接生", "06", 80000, R_DELIVERY, 1},
    {"003303000010100", "全身麻醉", "06", 90000, R_ANESTHESIA, 1},
    {"003111000010100", "静脉化疗给药", "05", 5000, R_CHEMO_ADMIN, 2},
    {"002201020030100", "X线计算机体层（CT）增强扫描", "03", 38000, R_EXAM_EXPENSIVE, 2},
    {"002402000050100", "数字化胃肠造影", "03", 22000, R_EXAM_EXPENSIVE, 1},
    {"003103000050100", "高压氧舱治疗", "05", 18000, R_EXAM_EXPENSIVE, 1},
    {"002403000050100", "心脏彩色多普勒超声", "03", 26000, R_EXAM_EXPENSIVE, 1},
};

struct ConsumableSpec {
  const char* code;  // C + 26 characters
  const char* name;
  int price;
  Role role;
};

const ConsumableSpec kConsumables[] = {
    {"C14010101000000000000000101", "一次性使用输液器（带针）", 800, R_CON_IVSET},
    {"C14010201000000000000000102", "一次性使用静脉留置针", 2500, R_CON_CANNULA},
    {"C12030101000000000000000103", "医用无菌敷贴", 600, R_CON_DRESSING},
    {"C13040101000000000000000104", "可吸收外科缝线", 12000, R_CON_SUTURE},
    {"C13050101000000000000000105", "锁定接骨板（胫骨）", 380000, R_CON_PLATE},
    {"C14030101000000000000000106", "一次性使用吸引管", 4500, R_CON_SUCTION},
};

struct DrugSpec {
  char prefix;
  const char* cat;
  const char* name;
  int price;  // cents per unit (box)
  int days;   // days of supply per unit
  int group;
  char pay;
};

const DrugSpec kDrugs[] = {
    {'Z', "A01AA", "连花清瘟胶囊", 1800, 4, G_RESP, '1'},
    {'Z', "A01AB", "感冒灵颗粒", 1200, 3, G_RESP, '1'},
    {'X', "R03DA", "复方甲氧那明胶囊", 2000, 5, G_RESP, '2'},
    {'X', "R05CB", "盐酸氨溴索片", 800, 5, G_RESP, '1'},
    {'X', "J01DC", "头孢克洛胶囊", 2500, 5, G_RESP, '1'},
    {'X', "J01FA", "阿奇霉素片", 2200, 3, G_RESP, '1'},
    {'Z', "A03BA", "蓝芩口服液", 2500, 4, G_RESP, '2'},
    {'X', "A02BC", "奥美拉唑肠溶胶囊", 1500, 7, G_GI, '1'},
    {'X', "A02AD", "铝碳酸镁咀嚼片", 1800, 7, G_GI, '2'},
    {'X', "A07BC", "蒙脱石散", 1200, 3, G_GI, '1'},
    {'X', "A07FA", "枯草杆菌二联活菌肠溶胶囊", 3000, 5, G_GI, '2'},
    {'Z', "A04BB", "香砂养胃丸", 1500, 7, G_GI, '1'},
    {'X', "M01AB", "双氯芬酸钠缓释片", 1200, 10, G_MSK, '1'},
    {'X', "M01AX", "盐酸氨基葡萄糖胶囊", 4500, 15, G_MSK, '3'},
    {'Z', "A06CA", "活血止痛胶囊", 2000, 7, G_MSK, '2'},
    {'X', "M01AE", "洛索洛芬钠片", 1500, 7, G_MSK, '2'},
    {'X', "M01AF", "布洛芬缓释胶囊", 1000, 5, G_MSK, '1'},
    {'X', "J01XE", "呋喃妥因肠溶片", 1000, 5, G_URO, '1'},
    {'Z', "A10AB", "三金片", 1600, 5, G_URO, '1'},
    {'X', "S01AA", "妥布霉素滴眼液", 1200, 7, G_EYE, '1'},
    {'X', "D07AC", "糠酸莫米松乳膏", 2000, 10, G_DERM, '2'},
    {'X', "D04AX", "炉甘石洗剂", 600, 7, G_DERM, '1'},
    {'Z', "A09CA", "天麻头痛片", 1200, 5, G_NEURO, '2'},
    {'X', "N07CA", "盐酸氟桂利嗪胶囊", 1000, 10, G_NEURO, '1'},
    {'X', "R06AX", "氯雷他定片", 1500, 6, G_ALLERGY, '1'},
    {'X', "R03DC", "孟鲁司特钠片", 4000, 5, G_ALLERGY, '2'},
    {'X', "C08CA", "苯磺酸左旋氨氯地平片", 900, 14, G_HTN, '1'},
    {'X', "C08CB", "硝苯地平控释片", 1200, 7, G_HTN, '1'},
    {'X', "C09CA", "缬沙坦胶囊", 1100, 14, G_HTN, '1'},
    {'X', "C09CB", "厄贝沙坦片", 800, 14, G_HTN, '1'},
    {'X', "C07AB", "酒石酸美托洛尔缓释片", 1500, 14, G_HTN, '2'},
    {'X', "A10BA", "盐酸二甲双胍缓释片", 600, 15, G_DM, '1'},
    {'X', "A10BB", "格列美脲片", 1000, 15, G_DM, '1'},
    {'X', "A10BF", "阿卡波糖片", 1800, 10, G_DM, '1'},
    {'X', "B01AC", "阿司匹林肠溶片", 800, 30, G_CHD, '1'},
    {'X', "C10AA", "瑞舒伐他汀钙片", 1000, 14, G_CHD, '1'},
    {'X', "C01DA", "单硝酸异山梨酯缓释片", 1200, 14, G_CHD, '1'},
    {'Z', "A12AB", "复方丹参滴丸", 2500, 10, G_CHD, '1'},
    {'X', "R03AK", "沙美特罗替卡松吸入粉雾剂", 9000, 30, G_COPD, '2'},
    {'X', "R03DB", "茶碱缓释片", 1200, 12, G_COPD, '1'},
    {'X', "N06AB", "盐酸舍曲林片", 2500, 14, G_DEP, '2'},
    {'X', "N06AC", "草酸艾司西酞普兰片", 3000, 14, G_DEP, '2'},
    {'X', "C10AB", "阿托伐他汀钙片", 700, 14, G_LIPID, '1'},
    {'X', "C10AC", "非诺贝特胶囊", 2000, 10, G_LIPID, '2'},
    {'X', "N02BE", "小儿氨酚黄那敏颗粒", 1000, 4, G_CHILD, '1'},
    {'X', "J01CR", "阿莫西林克拉维酸钾干混悬剂", 3000, 5, G_CHILD, '1'},
    {'X', "M01AG", "布洛芬混悬液", 2000, 5, G_CHILD, '1'},
    {'Z', "A02CA", "小儿肺热咳喘口服液", 2800, 4, G_CHILD, '2'},
    {'X', "B05BB", "氯化钠注射液（0.9%，250ml）", 500, 0, G_INP_BASE, '1'},
    {'X', "B05BA", "葡萄糖注射液（5%，250ml）", 500, 0, G_INP_BASE, '1'},
    {'X', "A02BD", "注射用泮托拉唑钠", 2800, 0, G_INP_BASE, '2'},
    {'X', "B01AB", "依诺肝素钠注射液", 4000, 0, G_INP_BASE, '2'},
    {'X', "J01DD", "注射用头孢他啶", 3500, 0, G_INP_ABX, '1'},
    {'X', "J01CG", "注射用哌拉西林钠舒巴坦钠", 4500, 0, G_INP_ABX, '2'},
    {'X', "J01MA", "盐酸莫西沙星氯化钠注射液", 6000, 0, G_INP_ABX, '2'},
    {'X', "N06BX", "胞磷胆碱钠注射液", 2000, 0, G_INP_NEURO, '2'},
    {'Z', "A12BA", "丹红注射液", 5000, 0, G_INP_NEURO, '2'},
    {'X', "B05BC", "甘露醇注射液", 800, 0, G_INP_NEURO, '1'},
    {'X', "C01DB", "注射用单硝酸异山梨酯", 3000, 0, G_INP_CARDIO, '2'},
    {'X', "C03CA", "呋塞米注射液", 300, 0, G_INP_CARDIO, '1'},
    {'X', "L01XA", "顺铂注射液", 8000, 0, G_CHEMO, '1'},
    {'X', "L01CD", "多西他赛注射液", 60000, 0, G_CHEMO, '2'},
    {'X', "A04AA", "注射用盐酸昂丹司琼", 2500, 0, G_CHEMO, '2'},
    {'X', "H01BB", "缩宫素注射液", 600, 0, G_OBST, '1'},
    {'X', "J01DB", "注射用头孢唑林钠", 1200, 0, G_OBST, '1'},
    {'X', "M01AH", "注射用帕瑞昔布钠", 6000, 0, G_POSTOP, '2'},
    {'X', "R03BA", "吸入用布地奈德混悬液", 1500, 0, G_INP_RESP, '2'},
    {'X', "R03DE", "多索茶碱注射液", 2000, 0, G_INP_RESP, '2'},
};

struct DiagSpec {
  const char* code;
  const char* name;
  uint8_t settings;
  char gender;
  int min_age, max_age;
  std::vector<int> groups;
  int surgery;
  bool planned;
};

const std::vector<DiagSpec>& diag_specs() {
  static const std::vector<DiagSpec> v = {
      {"J06.9", "急性上呼吸道感染", S_OUT | S_EMERG, 0, 0, 120, {G_RESP}, -1, false},
      {"J02.9", "急性咽炎", S_OUT, 0, 3, 120, {G_RESP}, -1, false},
      {"J20.9", "急性支气管炎", S_OUT, 0, 0, 120, {G_RESP}, -1, false},
      {"J30.4", "变应性鼻炎", S_OUT, 0, 6, 120, {G_ALLERGY}, -1, false},
      {"K29.7", "胃炎", S_OUT, 0, 12, 120, {G_GI}, -1, false},
      {"K52.9", "非感染性胃肠炎和结肠炎", S_OUT | S_EMERG, 0, 0, 120, {G_GI}, -1, false},
      {"M54.5", "腰痛", S_OUT, 0, 18, 120, {G_MSK}, -1, false},
      {"M17.9", "膝关节病", S_OUT, 0, 45, 120, {G_MSK}, -1, false},
      {"N39.0", "泌尿道感染", S_OUT, 0, 1, 120, {G_URO}, -1, false},
      {"H10.9", "结膜炎", S_OUT, 0, 0, 120, {G_EYE}, -1, false},
      {"L30.9", "皮炎", S_OUT, 0, 0, 120, {G_DERM}, -1, false},
      {"R51", "头痛", S_OUT, 0, 12, 120, {G_NEURO}, -1, false},
      {"R50.9", "发热", S_EMERG, 0, 0, 120, {G_RESP}, -1, false},
      {"A09.9", "胃肠炎和结肠炎", S_EMERG, 0, 0, 120, {G_GI}, -1, false},
      {"S61.0", "手指开放性伤口", S_EMERG, 0, 3, 120, {G_DERM}, R_SUTURE, false},
      {"T78.4", "变态反应", S_EMERG, 0, 0, 120, {G_ALLERGY}, -1, false},
      {"R10.4", "腹痛", S_EMERG, 0, 6, 120, {G_GI}, -1, false},
      {"I10", "特发性（原发性）高血压", S_CHRONIC | S_OUT, 0, 35, 120, {G_HTN}, -1, false},
      {"E11.9", "2型糖尿病", S_CHRONIC | S_OUT | S_INP, 0, 30, 120, {G_DM}, -1, false},
      {"I25.1", "动脉硬化性心脏病", S_CHRONIC | S_OUT, 0, 45, 120, {G_CHD}, -1, false},
      {"J44.9", "慢性阻塞性肺病", S_CHRONIC, 0, 50, 120, {G_COPD}, -1, false},
      {"F32.9", "抑郁发作", S_CHRONIC, 0, 18, 120, {G_DEP}, -1, false},
      {"E78.5", "高脂血症", S_CHRONIC | S_OUT, 0, 35, 120, {G_LIPID}, -1, false},
      {"J18.9", "肺炎", S_INP | S_EMERG, 0, 0, 120, {G_INP_ABX, G_INP_RESP}, -1, false},
      {"I63.9", "脑梗死", S_INP, 0, 50, 120, {G_INP_NEURO}, -1, false},
      {"K35.8", "急性阑尾炎", S_INP, 0, 10, 70, {G_INP_ABX, G_POSTOP}, R_APPENDECTOMY, false},
      {"S82.2", "胫骨骨干骨折", S_INP, 0, 12, 90, {G_POSTOP}, R_FRACTURE, false},
      {"J44.1", "慢性阻塞性肺病伴急性加重", S_INP, 0, 50, 120, {G_INP_RESP, G_INP_ABX}, -1, false},
      {"I50.9", "心力衰竭", S_INP, 0, 55, 120, {G_INP_CARDIO}, -1, false},
      {"K80.2", "胆囊结石不伴胆囊炎", S_INP, 0, 30, 90, {G_INP_ABX}, -1, false},
      {"C34.9", "支气管和肺恶性肿瘤", S_INP, 0, 50, 90, {G_CHEMO}, -1, false},
      {"Z51.1", "肿瘤化学治疗疗程", 0, 0, 50, 90, {G_CHEMO}, R_CHEMO_ADMIN, true},
      {"O80.0", "单胎顺产", S_INP, '2', 20, 40, {G_OBST}, R_DELIVERY, false},
      {"O82.0", "经选择性剖宫产术的分娩", S_INP, '2', 20, 40, {G_OBST}, R_CESAREAN, false},
      {"N40", "前列腺增生", S_INP, '1', 55, 120, {G_INP_ABX}, -1, false},
      {"A08.4", "病毒性肠炎", S_INP, 0, 0, 14, {G_INP_BASE}, -1, false},
  };
  return v;
}

// Fee type of a service item guessed from its name.
std::string fee_type_from_name(const std::string& n, const std::string& fallback) {
  if (contains(n, "床位")) return "01";
  if (contains(n, "护理")) return "07";
  if (contains(n, "诊查") || contains(n, "诊察")) return "02";
  if (contains(n, "一般诊疗")) return "12";
  if (contains(n, "挂号")) return "13";
  if (contains(n, "术") && !contains(n, "技术")) return "06";
  if (contains(n, "测定") || contains(n, "检验") || contains(n, "化验") || contains(n, "血常规") || contains(n, "尿常规") ||
      contains(n, "功能") || contains(n, "抗原") || contains(n, "抗体") || contains(n, "血红蛋白"))
    return "04";
  if (contains(n, "检查") || contains(n, "CT") || contains(n, "磁共振") || contains(n, "超声") || contains(n, "摄影") ||
      contains(n, "造影") || contains(n, "镜") || contains(n, "心电图") || contains(n, "扫描") || contains(n, "X线"))
    return "03";
  return fallback;
}

Daily daily_from_name(const std::string& n) {
  if (contains(n, "床位")) return Daily::Bed;
  if (contains(n, "护理")) return Daily::Nursing;
  if (contains(n, "诊查") || contains(n, "诊察")) {
    if (contains(n, "住院")) return Daily::InpConsult;
    if (contains(n, "急诊")) return Daily::Other;
    return Daily::OutConsult;
  }
  return Daily::Other;
}

}  // namespace

std::string Catalogue::category(const std::string& code) {
  std::string_view t = trim(code);
  std::string out;
  for (size_t i = 0; i < t.size() && out.size() < 3; ++i) {
    char c = t[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out.push_back(c);
  }
  return out;
}

int Catalogue::add(CodeInfo c) {
  int i = static_cast<int>(codes_.size());
  const std::string& s = c.code;
  c.service_item = s.size() == 15 && !(s[0] == 'X' || s[0] == 'Z' || s[0] == 'C');
  index_.emplace(c.code, i);
  codes_.push_back(std::move(c));
  return i;
}

// A code named by a table: created when the built-in catalogue lacks it.
int Catalogue::ensure(const std::string& code, const std::string& name) {
  int i = find(code);
  if (i >= 0) {
    codes_[static_cast<size_t>(i)].in_table = true;
    return i;
  }
  CodeInfo c;
  c.code = code;
  c.name = name.empty() ? "医保目录项目" + code.substr(code.size() > 6 ? code.size() - 6 : 0) : name;
  char p = code.empty() ? '0' : code[0];
  c.kind = p == 'X' || p == 'Z' ? Kind::Drug : p == 'C' ? Kind::Consumable : Kind::Service;
  c.in_table = true;
  c.pay_class = (fnv1a(code) % 5 == 0) ? '2' : '1';
  return add(std::move(c));
}

// Fee type, price and supply of a code the built-in catalogue does not hold,
// once every table has said what the code is.
void Catalogue::finish_table_code(int i) {
  CodeInfo& c = codes_[static_cast<size_t>(i)];
  if (c.builtin) return;
  uint64_t h = fnv1a(c.code);
  auto pick = [&](int lo, int hi) { return static_cast<int64_t>(lo + static_cast<int>(h % static_cast<uint64_t>(hi - lo + 1))) * 100; };
  if (c.kind == Kind::Drug) {
    c.fee_type = c.code[0] == 'Z' ? "11" : "09";
    c.price = pick(8, 80);
    c.days_per_unit = 7;
  } else if (c.kind == Kind::Consumable) {
    c.fee_type = "08";
    c.price = c.consumable_proc >= 0 ? pick(300, 3000) : pick(5, 60);
  } else {
    std::string fallback = "05";
    if (c.is_panel || c.panel >= 0 || c.min_interval >= 0) fallback = "04";
    if (!c.consumables.empty()) fallback = "06";
    c.fee_type = fee_type_from_name(c.name, fallback);
    if (c.is_panel || c.panel >= 0) c.fee_type = fee_type_from_name(c.name, "04") == "06" ? "04" : fee_type_from_name(c.name, "04");
    const std::string& f = c.fee_type;
    if (f == "01") c.price = pick(30, 60);
    else if (f == "02") c.price = pick(10, 25);
    else if (f == "03") c.price = pick(50, 300);
    else if (f == "04") c.price = pick(8, 60);
    else if (f == "06") c.price = pick(800, 4000);
    else if (f == "07") c.price = pick(15, 30);
    else if (f == "12") c.price = 1000;
    else c.price = pick(10, 100);
  }
  if (c.once_daily && c.daily == Daily::None) c.daily = daily_from_name(c.name);
}

Catalogue::Catalogue(const Knowledge& k) : k_(k) {
  // Built-in codes.
  for (const ServiceSpec& s : kServices) {
    CodeInfo c;
    c.code = s.code;
    c.name = s.name;
    c.kind = Kind::Service;
    c.fee_type = s.fee;
    c.price = s.price;
    c.builtin = true;
    c.real_min_level = s.real_min_level;
    roles_[s.role].push_back(add(std::move(c)));
  }
  for (const ConsumableSpec& s : kConsumables) {
    CodeInfo c;
    c.code = s.code;
    c.name = s.name;
    c.kind = Kind::Consumable;
    c.fee_type = "08";
    c.price = s.price;
    c.builtin = true;
    c.pay_class = s.price > 100000 ? '2' : '1';
    roles_[s.role].push_back(add(std::move(c)));
  }
  drug_groups_.assign(G_COUNT, {});
  int serial = 11;
  for (const DrugSpec& s : kDrugs) {
    CodeInfo c;
    c.code = drug_code(s.prefix, s.cat, serial++);
    c.name = s.name;
    c.kind = Kind::Drug;
    c.fee_type = s.prefix == 'Z' ? "11" : "09";
    c.price = s.price;
    c.days_per_unit = s.days;
    c.group = s.group;
    c.pay_class = s.pay;
    c.builtin = true;
    int i = add(std::move(c));
    drug_groups_[static_cast<size_t>(s.group)].push_back(i);
  }

  // Every code of every table, with what the table says of it.
  auto scan_codes = [&](const Table& t) {
    for (const TableRow& r : t.rows) ensure(r.code, r.name);
  };
  for (const Table* t : k.all())
    if (t != &k.gender_diagnoses && t != &k.panel_size && t != &k.panel_price) scan_codes(*t);

  auto class_index = [&](const std::string& name) {
    for (size_t i = 0; i < classes_.size(); ++i)
      if (classes_[i] == name) return static_cast<int>(i);
    classes_.push_back(name);
    first_by_class_.emplace_back();
    return static_cast<int>(classes_.size() - 1);
  };

  for (const TableRow& r : k.gender_items.rows)
    if (r.value == "1" || r.value == "2") at(find(r.code)).gender_only = r.value[0];
  for (const TableRow& r : k.child_items.rows) at(find(r.code)).child_only = true;
  for (const TableRow& r : k.adult_items.rows) at(find(r.code)).adult_only = true;
  for (const TableRow& r : k.diagnosis_scope.rows) {
    CodeInfo& c = at(find(r.code));
    c.has_scope = true;
    for (const std::string& w : split_ws(r.value)) c.scope.push_back(category(w));
  }
  for (const TableRow& r : k.inpatient_emergency_items.rows) at(find(r.code)).inp_emerg = true;
  for (const TableRow& r : k.min_level_items.rows) {
    int64_t v;
    if (parse_int(r.value, v)) at(find(r.code)).min_level = static_cast<int>(v);
  }
  for (const TableRow& r : k.insutype_items.rows) at(find(r.code)).insutype_only = r.value;
  for (const TableRow& r : k.price_caps.rows) {
    int64_t v;
    if (parse_money(r.value, v)) at(find(r.code)).cap = v;
  }
  for (const TableRow& r : k.second_line_drugs.rows) at(find(r.code)).second_class = class_index(r.value);
  for (const TableRow& r : k.first_line_drugs.rows) {
    int ci = class_index(r.value);
    at(find(r.code)).first_class = ci;
    first_by_class_[static_cast<size_t>(ci)].push_back(find(r.code));
  }
  // Panels: the panel codes themselves are billable (as a package at the panel price).
  for (const TableRow& r : k.panel_of.rows) {
    const TableRow* sz = k.panel_size.find(r.value);
    int p = ensure(r.value, sz ? sz->name : "");
    int c = find(r.code);
    at(c).panel = p;
    at(p).is_panel = true;
    at(p).components.push_back(c);
  }
  for (const TableRow& r : k.panel_size.rows) {
    int64_t v;
    int p = ensure(r.code, r.name);
    at(p).is_panel = true;
    if (parse_int(r.value, v)) at(p).panel_size = static_cast<int>(v);
  }
  for (const TableRow& r : k.panel_price.rows) {
    int64_t v;
    int p = ensure(r.code, r.name);
    at(p).is_panel = true;
    if (parse_money(r.value, v)) at(p).panel_price = v;
  }
  for (const TableRow& r : k.included_in.rows) {
    int m = ensure(r.value, "");
    int s = find(r.code);
    at(s).included_main = m;
    at(m).included_subs.push_back(s);
  }
  for (const TableRow& r : k.surcharge_main.rows) {
    int m = ensure(r.value, "");
    int s = find(r.code);
    at(s).surcharge_main = m;
    at(m).surcharges.push_back(s);
  }
  for (const TableRow& r : k.consumable_procedure.rows) {
    int p = ensure(r.value, "");
    int c = find(r.code);
    at(c).consumable_proc = p;
    at(p).consumables.push_back(c);
  }
  for (const TableRow& r : k.once_daily_items.rows) {
    CodeInfo& c = at(find(r.code));
    c.once_daily = true;
    c.daily = daily_from_name(c.name);
  }
  for (const TableRow& r : k.course_limited_drugs.rows) {
    int64_t v;
    if (parse_int(r.value, v)) at(find(r.code)).course_days = static_cast<int>(v);
  }
  for (const TableRow& r : k.min_interval_items.rows) {
    int64_t v;
    if (parse_int(r.value, v)) at(find(r.code)).min_interval = static_cast<int>(v);
  }
  for (const TableRow& r : k.gender_diagnoses.rows)
    if (r.value == "1" || r.value == "2") gender_by_category_[category(r.code)] = r.value[0];

  // Names of mains and procedures that no table row named: borrow from the
  // role they play.
  for (size_t i = 0; i < codes_.size(); ++i) {
    CodeInfo& c = codes_[i];
    if (c.builtin || !starts_with(c.name, "医保目录项目")) continue;
    if (!c.consumables.empty()) c.name = "手术操作（" + c.code.substr(9) + "）";
    else if (!c.included_subs.empty()) c.name = "诊疗项目（含子项目，" + c.code.substr(9) + "）";
    else if (!c.surcharges.empty()) c.name = "诊疗项目（主项目，" + c.code.substr(9) + "）";
  }
  for (size_t i = 0; i < codes_.size(); ++i) finish_table_code(static_cast<int>(i));

  // Panel component prices: any panel_size distinct components cost well
  // above the panel price (so that unbundling is worth flagging).
  for (size_t i = 0; i < codes_.size(); ++i) {
    CodeInfo& p = codes_[i];
    if (!p.is_panel) continue;
    if (p.panel_price > 0) p.price = p.panel_price;
    if (p.panel_size <= 0 || p.panel_price <= 0) continue;
    int64_t each = (p.panel_price * 14 / 10 + p.panel_size - 1) / p.panel_size;
    each = (each + 49) / 50 * 50;
    for (int c : p.components) {
      CodeInfo& comp = codes_[static_cast<size_t>(c)];
      if (!comp.builtin) comp.price = each;
    }
  }
  // Surcharges cost a share of their main item.
  for (size_t i = 0; i < codes_.size(); ++i) {
    CodeInfo& c = codes_[i];
    if (c.surcharge_main >= 0 && !c.builtin)
      c.price = std::max<int64_t>(500, codes_[static_cast<size_t>(c.surcharge_main)].price * 3 / 10 / 100 * 100);
  }
  // Capped codes: half at the cap exactly, half a little below.
  for (size_t i = 0; i < codes_.size(); ++i) {
    CodeInfo& c = codes_[i];
    if (c.cap < 0) continue;
    if (fnv1a(c.code) % 2 == 0) c.price = c.cap;
    else c.price = std::min(c.price, c.cap * 9 / 10);
    if (c.price <= 0) c.price = c.cap;
  }

  // Once-daily roles: the table's codes come first.
  auto prefer = [&](Role r, Daily d) {
    std::vector<int> front;
    for (const TableRow& row : k.once_daily_items.rows) {
      int i = find(row.code);
      if (at(i).daily == d) front.push_back(i);
    }
    // "普通" beds and "二级" nursing are the everyday ones.
    std::stable_sort(front.begin(), front.end(), [&](int a, int b) {
      auto rank = [&](int x) {
        const std::string& n = at(x).name;
        return (contains(n, "普通") || contains(n, "二级")) ? 0 : 1;
      };
      return rank(a) < rank(b);
    });
    for (int i : roles_[r]) front.push_back(i);
    roles_[r] = front;
  };
  prefer(R_BED, Daily::Bed);
  prefer(R_NURSING, Daily::Nursing);
  prefer(R_INP_CONSULT, Daily::InpConsult);
  prefer(R_OUT_CONSULT, Daily::OutConsult);

  // Pools.
  drug_index_.assign(codes_.size(), -1);
  for (size_t i = 0; i < codes_.size(); ++i) {
    CodeInfo& c = codes_[i];
    if (c.is_drug()) drug_index_[i] = static_cast<int>(drug_count_++);
    if (c.in_table) {
      table_codes_.push_back(static_cast<int>(i));
      if (c.is_drug()) table_drugs_.push_back(static_cast<int>(i));
    }
    if (c.has_scope) scope_drugs_.push_back(static_cast<int>(i));
    bool plain = c.builtin && !c.in_table && c.cap < 0 && !c.restricted();
    if (plain && c.is_drug() && c.days_per_unit > 0) plain_drugs_.push_back(static_cast<int>(i));
    if (plain && c.service_item && c.fee_type != "01" && c.fee_type != "06" && c.real_min_level == 0)
      plain_services_.push_back(static_cast<int>(i));
  }
  // Built-in groups keep only codes no table restricts (a table code is used
  // only where its condition holds, by the special path).
  for (auto& g : drug_groups_) {
    std::vector<int> keep;
    for (int i : g)
      if (!at(i).restricted() && !at(i).in_table) keep.push_back(i);
    g = keep;
  }
  for (int r = 0; r < R_COUNT; ++r) {
    if (r == R_BED || r == R_NURSING || r == R_INP_CONSULT || r == R_OUT_CONSULT) continue;
    std::vector<int> keep;
    for (int i : roles_[static_cast<size_t>(r)])
      if (!at(i).in_table) keep.push_back(i);
    if (keep.empty()) notes.push_back("role " + std::to_string(r) + " has only table codes");
    roles_[static_cast<size_t>(r)] = keep.empty() ? roles_[static_cast<size_t>(r)] : keep;
  }

  for (const DiagSpec& s : diag_specs()) {
    DiagInfo d;
    d.code = s.code;
    d.name = s.name;
    d.settings = s.settings;
    d.gender = s.gender;
    d.min_age = s.min_age;
    d.max_age = s.max_age;
    d.groups = s.groups;
    d.surgery = s.surgery;
    d.planned = s.planned;
    char g = diagnosis_gender(d.code);
    if (g) d.gender = g;
    diags_.push_back(std::move(d));
  }
}

char Catalogue::diagnosis_gender(const std::string& code) const {
  auto it = gender_by_category_.find(category(code));
  if (it != gender_by_category_.end()) return it->second;
  for (const DiagSpec& s : diag_specs())
    if (code == s.code && s.gender) return s.gender;
  return 0;
}

int64_t Catalogue::price_at(int code, int level) const {
  const CodeInfo& c = at(code);
  int64_t p = c.price;
  if (c.kind == Kind::Service && !c.is_panel && c.panel < 0) {
    static const int permille[] = {900, 950, 1000, 1100};
    int l = level < 0 ? 0 : level > 3 ? 3 : level;
    p = (p * permille[l] + 500) / 1000;
    if (p >= 1000) p = (p + 50) / 100 * 100;  // whole yuan for larger prices
  }
  if (c.cap >= 0 && p > c.cap) p = c.cap;
  return p;
}

}  // namespace fides::gen
