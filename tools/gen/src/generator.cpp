// fides-gen: the region, the stream of persons, and the files.
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "gen_internal.h"
#include "idcard.h"
#include "shuffle.h"

namespace fides::gen {

namespace {

// Average fee lines per person, measured (used to size the region).
constexpr double kLinesPerPerson = 36.0;

struct CitySpec {
  const char* code;
  const char* name;
  double weight;
  std::vector<const char*> districts;
};

const std::vector<CitySpec>& city_specs() {
  static const std::vector<CitySpec> v = {
      {"4301", "长沙市", 3.0, {"430102", "430103", "430104", "430105", "430111", "430121", "430181"}},
      {"4304", "衡阳市", 1.5, {"430405", "430406", "430407", "430408", "430421", "430481"}},
      {"4306", "岳阳市", 1.3, {"430602", "430603", "430611", "430621", "430681"}},
      {"4305", "邵阳市", 1.3, {"430502", "430503", "430511", "430521", "430581"}},
      {"4302", "株洲市", 1.2, {"430202", "430203", "430204", "430211", "430281"}},
      {"4307", "常德市", 1.2, {"430702", "430703", "430721", "430781"}},
      {"4310", "郴州市", 1.1, {"431002", "431003", "431021", "431081"}},
      {"4311", "永州市", 1.1, {"431102", "431103", "431121", "431122"}},
      {"4303", "湘潭市", 1.0, {"430302", "430304", "430321", "430381"}},
      {"4309", "益阳市", 1.0, {"430902", "430903", "430921", "430981"}},
      {"4312", "怀化市", 1.0, {"431202", "431221", "431281"}},
      {"4313", "娄底市", 0.9, {"431302", "431321", "431381", "431382"}},
      {"4308", "张家界市", 0.5, {"430802", "430811", "430821"}},
  };
  return v;
}

// Insured regions outside the province (persons living here, insured there).
const char* const kOtherProvinces[] = {"440106", "420102", "360102", "110105", "450103", "500103"};

const char* const kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋",
    "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪",
    "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷",
    "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔",
    "向", "汤", "易", "文", "欧阳"};
const char* const kMale[] = {"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏",
                             "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙",
                             "林", "阳", "建", "国", "志", "文", "海", "峰", "亮", "成", "荣", "湘"};
const char* const kFemale[] = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "燕", "玲", "桂", "丹", "萍",
                               "红", "玉", "兰", "琴", "英", "梅", "莉", "婷", "雪", "慧", "颖", "洁", "佳", "倩",
                               "月", "珍", "湘", "蓉", "琳", "欣", "怡"};
const char* const kPhonePrefixes[] = {"138", "139", "137", "150", "151", "152", "158", "159", "186", "187", "188", "177", "199", "135", "182"};

const char* const kL3Names[] = {"中心医院", "第一人民医院", "第二人民医院", "中医医院", "第三人民医院", "妇幼保健院"};
const char* const kAreas[] = {"城区", "开发区", "高新区", "经开区", "河西", "河东", "城北", "城南", "江北", "湘江新区"};
const char* const kTowns[] = {"白沙", "青山", "金桥", "花桥", "石门", "龙潭", "桃源", "大同", "新塘", "黄土", "双江",
                              "清水", "永安", "长乐", "太平", "东山", "西湖", "柳林", "枫树", "竹山"};
const char* const kStreets[] = {"解放路", "人民路", "五一路", "建设路", "韶山路", "劳动路", "芙蓉路", "湘府路",
                                "东风路", "迎宾路", "新华路", "朝阳路", "书院路", "桂花路", "金星路"};
const char* const kChains[] = {"老百姓大药房", "益丰大药房", "养天和大药房", "千金大药房", "九芝堂大药房", "湘雅大药房"};

template <class T, size_t N>
constexpr size_t countof(const T (&)[N]) {
  return N;
}

long peak_rss_kb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

const char* scenario_name(int scen) {
  if (scen >= 0 && scen < RULE_COUNT) return rule_id(scen);
  static const char* const names[] = {"B_L09", "B_L10", "B_V02", "B_V03", "B_V06", "B_V07", "B_P01", "B_P03", "B_P04",
                                      "B_P05", "B_P06", "B_P07", "B_P08", "B_P10", "B_P12", "B_R02", "B_R03"};
  if (scen >= B_FIRST && scen < B_END) return names[scen - B_FIRST];
  return "clean";
}

const std::vector<FileSpec>& file_specs() {
  static const std::vector<FileSpec> v = {
      {"FIXMEDINS_B.csv", "Institution", {"fixmedins_code", "fixmedins_name", "fixmedins_type", "hosp_lv", "admdvs"}},
      {"PRAC_PSN_B.csv",
       "Staff",
       {"prac_psn_code", "prac_psn_name", "prac_psn_type", "fixmedins_code", "pay_elig_stas", "susp_begn_date",
        "susp_end_date"}},
      {"PSN_INFO_B.csv",
       "Person",
       {"psn_no", "certno", "psn_name", "gend", "brdy", "tel", "insu_admdvs", "insutype", "dead_date"}},
      {"MDTRT_D.csv",
       "Visit",
       {"mdtrt_id", "psn_no", "certno", "gend", "age", "insutype", "fixmedins_code", "hosp_lv", "begntime", "endtime",
        "med_type", "dscg_maindiag_code", "ipt_days", "atddr_no"}},
      {"SETL_D.csv",
       "Settlement",
       {"setl_id", "mdtrt_id", "psn_no", "fixmedins_code", "setl_time", "med_type", "medfee_sumamt",
        "fulamt_ownpay_amt", "inscp_amt", "fund_pay_sumamt", "acct_pay", "cash_payamt"}},
      {"FEE_LIST_D.csv",
       "FeeLine",
       {"feedetl_sn", "setl_id", "mdtrt_id", "psn_no", "fee_ocur_time", "cnt", "pric", "det_item_fee_sumamt",
        "pric_uplmt_amt", "chrgitm_lv", "hilist_code", "hilist_name", "med_chrgitm_type", "bilg_dr_codg", "prd_days",
        "dise_codg"}},
      {"SETL_LIST_DIAG_D.csv",
       "Diagnosis",
       {"setl_list_diag_id", "setl_id", "mdtrt_id", "diag_type", "maindiag_flag", "diag_code"}},
      {"DRUG_STOCK_D.csv",
       "StockMove",
       {"invt_id", "fixmedins_code", "med_list_codg", "stat_month", "init_cnt", "pur_cnt", "sel_cnt", "fnl_cnt"}},
      {"CRED_EVT_D.csv",
       "CreditEvent",
       {"evt_id", "evt_type", "fixmedins_code", "prac_psn_code", "psn_no", "evt_date", "evt_amt", "evt_pnt", "memo"}},
      {"APPEAL_D.csv", "Appeal", {"appeal_id", "rule_id", "record", "subject_key", "outcome", "decide_date"}},
      {"truth.csv", "", {"rule_id", "record", "key"}},
      {"truth_side.csv", "", {"rule_id", "record", "key", "because"}},
  };
  return v;
}

// ---------------------------------------------------------------- ids

namespace ids {
inline void psn(std::string& o, uint64_t s) {
  o += "4300";
  append_padded(o, s, 16);
}
}  // namespace ids

// ---------------------------------------------------------------- setup

Gen::Gen(const Options& o) : opt_(o), know_(Knowledge::load(o.tables_dir)), cat_(know_) {
  year_ = o.year;
  y0_ = days_from_civil(year_, 1, 1);
  y1_ = days_from_civil(year_, 12, 31);
  ndays_ = y1_ - y0_ + 1;
  ystr_ = std::to_string(year_);
  sched_.reseed(derive_seed(o.seed, 0x5343484544ULL));
  for (const std::string& w : know_.warnings) sum_.warnings.push_back(w);
  for (const std::string& n : cat_.notes) sum_.warnings.push_back("catalogue: " + n);
  sum_.truth_per_rule.assign(RULE_COUNT, 0);
  scen_count_.assign(B_END, 0);
  forced_tries_.assign(B_END, 0);
}

std::string Gen::make_name(Rng& r, char gender, const std::string& surname) {
  std::string n = surname.empty() ? kSurnames[r.below(countof(kSurnames))] : surname;
  int len = r.chance(0.7) ? 2 : 1;
  for (int i = 0; i < len; ++i)
    n += gender == '1' ? kMale[r.below(countof(kMale))] : kFemale[r.below(countof(kFemale))];
  return n;
}

// A phone number no one else has: the suffix is a bijection of a counter.
std::string Gen::next_phone(Rng& r) {
  uint64_t s = ++phone_seq_;
  std::string p = kPhonePrefixes[r.below(countof(kPhonePrefixes))];
  append_padded(p, (s * 48271ULL + 13579ULL) % 100000000ULL, 8);
  return p;
}

void Gen::build_world() {
  Rng r(derive_seed(opt_.seed, 0x574F524C44ULL));
  persons_est_ = std::max<uint64_t>(60, static_cast<uint64_t>(static_cast<double>(opt_.lines) / kLinesPerPerson));
  // Institutions grow slower than the population, so that each one's
  // averages rest on enough visits (I02 and I05 compare them).
  const double growth = std::pow(std::max(1.0, static_cast<double>(persons_est_) / 600.0), 0.45);
  const int n_type1 = std::clamp(static_cast<int>(24 * growth), 24, 3000);
  const int n_pharm = std::clamp(static_cast<int>(12 * growth), 12, 1500);
  const int n_cities = std::clamp(n_type1 / 6, 4, 13);
  double wsum = 0;
  for (int c = 0; c < n_cities; ++c) wsum += city_specs()[static_cast<size_t>(c)].weight;

  int hseq = 0, pseq = 0, sseq = 0;
  auto add_staff = [&](int inst, char type, int n) {
    for (int i = 0; i < n; ++i) {
      Staff s;
      s.type = type;
      s.inst = inst;
      const char* pre = type == '1' ? "D" : type == '2' ? "Y" : type == '3' ? "N" : "J";
      s.code = pre + insts_[static_cast<size_t>(inst)].region;
      append_padded(s.code, static_cast<uint64_t>(++sseq), 6);
      char g = r.chance(type == '3' ? 0.9 : 0.45) ? '2' : '1';
      s.name = make_name(r, g, "");
      int idx = static_cast<int>(staff_.size());
      staff_.push_back(s);
      Institution& in = insts_[static_cast<size_t>(inst)];
      if (type == '1') in.doctors.push_back(idx);
      else if (type == '2') in.pharmacists.push_back(idx);
      else if (type == '3') in.nurses.push_back(idx);
    }
  };

  city_type1_.assign(static_cast<size_t>(n_cities), {});
  city_pharm_.assign(static_cast<size_t>(n_cities), {});
  city_inp_.assign(static_cast<size_t>(n_cities), {});
  for (int c = 0; c < n_cities; ++c) {
    const CitySpec& cs = city_specs()[static_cast<size_t>(c)];
    City city;
    city.code4 = cs.code;
    city.name = cs.name;
    city.weight = cs.weight;
    for (const char* d : cs.districts) city.districts.push_back(d);
    cities_.push_back(city);
    const double share = cs.weight / wsum;
    const int nc = std::max(4, static_cast<int>(std::lround(n_type1 * share)));
    const int np = std::max(1, static_cast<int>(std::lround(n_pharm * share)));
    int n3 = c < 3 ? std::max(1, static_cast<int>(std::lround(nc * 0.12))) : (nc >= 8 ? static_cast<int>(std::lround(nc * 0.10)) : 0);
    int n2 = std::max(1, static_cast<int>(std::lround(nc * 0.22)));
    int n1 = std::max(1, static_cast<int>(std::lround(nc * 0.26)));
    int n0 = std::max(1, nc - n3 - n2 - n1);
    int k3 = 0, k2 = 0, k1 = 0, k0 = 0;
    auto add_inst = [&](int level) {
      Institution in;
      in.type = '1';
      in.level = level;
      in.city = c;
      in.region = city.districts[r.below(city.districts.size())];
      in.code = "H" + in.region;
      append_padded(in.code, static_cast<uint64_t>(++hseq), 5);
      std::string cn = city.name;
      if (level == 3) {
        in.name = k3 < static_cast<int>(countof(kL3Names)) ? cn + kL3Names[k3] : cn + "第" + std::to_string(k3 + 1) + "人民医院";
        ++k3;
      } else if (level == 2) {
        in.name = k2 < static_cast<int>(countof(kAreas)) ? cn + kAreas[k2] + "人民医院" : cn + "第" + std::to_string(k2 + 1) + "医院";
        ++k2;
      } else if (level == 1) {
        in.name = k1 < static_cast<int>(countof(kTowns)) ? cn + kTowns[k1] + "镇卫生院" : cn + "第" + std::to_string(k1 + 1) + "乡镇卫生院";
        ++k1;
      } else {
        in.name = k0 < static_cast<int>(countof(kStreets)) ? cn + kStreets[k0] + "社区卫生服务中心"
                                                           : cn + kSurnames[k0 % countof(kSurnames)] + "氏诊所（" + std::to_string(k0 + 1) + "）";
        ++k0;
      }
      static const double cap[] = {1.5, 2.0, 4.0, 8.0};
      in.capacity = cap[level] * (0.7 + 0.6 * r.real());
      int idx = static_cast<int>(insts_.size());
      insts_.push_back(in);
      static const int doc_lo[] = {2, 3, 6, 10}, doc_hi[] = {3, 5, 10, 16};
      int nd = r.range(doc_lo[level], doc_hi[level]);
      add_staff(idx, '1', nd);
      add_staff(idx, '3', std::max(1, nd - r.range(0, 2)));
      add_staff(idx, '2', level == 0 ? r.range(0, 1) : r.range(1, 2));
      if (level >= 2) add_staff(idx, '4', r.range(1, 2));
      city_type1_[static_cast<size_t>(c)].push_back(idx);
      if (level >= 1) city_inp_[static_cast<size_t>(c)].push_back(idx);
      type1_.push_back(idx);
    };
    for (int i = 0; i < n3; ++i) add_inst(3);
    for (int i = 0; i < n2; ++i) add_inst(2);
    for (int i = 0; i < n1; ++i) add_inst(1);
    for (int i = 0; i < n0; ++i) add_inst(0);
    for (int i = 0; i < np; ++i) {
      Institution in;
      in.type = '2';
      in.level = 0;
      in.city = c;
      in.region = city.districts[r.below(city.districts.size())];
      in.code = "P" + in.region;
      append_padded(in.code, static_cast<uint64_t>(++pseq), 5);
      in.name = std::string(kChains[r.below(countof(kChains))]) + "（" + city.name + "第" + std::to_string(i + 1) + "分店）";
      in.capacity = 0.7 + 0.6 * r.real();
      int idx = static_cast<int>(insts_.size());
      insts_.push_back(in);
      add_staff(idx, '2', r.range(2, 3));
      city_pharm_[static_cast<size_t>(c)].push_back(idx);
    }
  }
  pharm_index_.assign(insts_.size(), -1);
  for (size_t i = 0; i < insts_.size(); ++i)
    if (insts_[i].type == '2') pharm_index_[i] = n_pharm_++;

  // Suspended and terminated doctors (L09): about 2% and 0.6%, at least 4 and 2.
  std::vector<int> docs;
  for (int i : type1_)
    for (int d : insts_[static_cast<size_t>(i)].doctors) docs.push_back(d);
  auto suspend = [&](int d, char status) {
    Staff& s = staff_[static_cast<size_t>(d)];
    if (s.status != '1') return false;
    s.status = status;
    if (status == '2') {
      s.from = y0_ + r.range(40, 230);
      s.to = std::min(y1_ - 20, s.from + r.range(30, 120));
    } else {
      s.from = y0_ + r.range(60, 280);
      s.to = -1;
    }
    suspended_.push_back(d);
    return true;
  };
  for (int d : docs) {
    double u = r.real();
    if (u < 0.02) suspend(d, '2');
    else if (u < 0.026) suspend(d, '3');
  }
  int n2 = 0, n3 = 0;
  for (int d : suspended_) (staff_[static_cast<size_t>(d)].status == '2' ? n2 : n3)++;
  for (int guard = 0; (n2 < 4 || n3 < 2) && guard < 1000; ++guard) {
    int d = docs[r.below(docs.size())];
    if (insts_[static_cast<size_t>(staff_[static_cast<size_t>(d)].inst)].doctors.size() < 3) continue;
    char st = n2 < 4 ? '2' : '3';
    if (suspend(d, st)) (st == '2' ? n2 : n3)++;
  }

  docday_.assign(staff_.size() * static_cast<size_t>(ndays_), 0);
  stock_.assign(static_cast<size_t>(n_pharm_) * cat_.drug_count() * 12, 0);
}

// I02 and I05: a few hospitals of each level bill far more per visit, or far
// more drugs, than their peers.
void Gen::plan_institution_plants() {
  std::array<std::vector<int>, 4> by_level;
  for (int i : type1_) by_level[static_cast<size_t>(insts_[static_cast<size_t>(i)].level)].push_back(i);
  const int want = std::max(3, static_cast<int>(type1_.size() * 3 / 100));
  // Levels with enough peers, the largest groups first; drug share plants at
  // hospitals (clinics bill mostly drugs anyway).
  auto levels_for = [&](bool hospitals) {
    std::vector<int> levels;
    for (int l = hospitals ? 1 : 0; l < 4; ++l)
      if (by_level[static_cast<size_t>(l)].size() >= 4) levels.push_back(l);
    std::stable_sort(levels.begin(), levels.end(), [&](int a, int b) { return by_level[static_cast<size_t>(a)].size() > by_level[static_cast<size_t>(b)].size(); });
    return levels;
  };
  auto place = [&](bool i05) {
    std::vector<int> levels = levels_for(i05);
    if (levels.empty()) levels = levels_for(false);
    int placed = 0;
    for (int round = 0; placed < want && round < 64; ++round) {
      auto& g = by_level[static_cast<size_t>(levels[static_cast<size_t>(round) % levels.size()])];
      int planted = 0;
      for (int i : g) planted += insts_[static_cast<size_t>(i)].plant_i02 || insts_[static_cast<size_t>(i)].plant_i05;
      // at most two in five of a level, and a second of a kind only among six
      // or more: the median stays a clean institution's
      int same = 0;
      for (int i : g) same += i05 ? insts_[static_cast<size_t>(i)].plant_i05 : insts_[static_cast<size_t>(i)].plant_i02;
      if ((same > 0 && g.size() < 6) || same >= 2 || planted + 1 > std::max(1, static_cast<int>(g.size()) * 2 / 5)) continue;
      int best = -1;
      for (int i : g) {
        const Institution& in = insts_[static_cast<size_t>(i)];
        if (in.plant_i02 || in.plant_i05) continue;
        // its city keeps at least two clean hospitals (stays go there)
        int clean = 0;
        for (int j : city_type1_[static_cast<size_t>(in.city)]) {
          const Institution& o = insts_[static_cast<size_t>(j)];
          if (j != i && o.level >= 1 && !o.plant_i02 && !o.plant_i05) ++clean;
        }
        if (clean < 2) continue;
        if (best < 0 || in.capacity > insts_[static_cast<size_t>(best)].capacity) best = i;
      }
      if (best < 0) continue;
      Institution& in = insts_[static_cast<size_t>(best)];
      (i05 ? in.plant_i05 : in.plant_i02) = true;
      in.capacity *= 1.3;
      ++placed;
    }
    if (placed < 3)
      sum_.warnings.push_back(std::string("only ") + std::to_string(placed) + " institutions planted for " + (i05 ? "I05" : "I02"));
  };
  if (type1_.size() < 10) return;
  place(true);  // drug share first: it needs hospitals
  place(false);
}

// I03: doctor-days with more visits than any doctor can see.
void Gen::plan_doc_targets() {
  Rng r(derive_seed(opt_.seed, 0x444F43ULL));
  std::vector<int> docs;
  for (int i : type1_) {
    const Institution& in = insts_[static_cast<size_t>(i)];
    if (in.plant_i02 || in.plant_i05) continue;
    for (int d : in.doctors)
      if (staff_[static_cast<size_t>(d)].status == '1') docs.push_back(d);
  }
  const int extra = static_cast<int>(persons_est_ / 20000);
  const int total = 4 + extra;
  for (int k = 0; k < total && !docs.empty(); ++k) {
    DocTarget t;
    for (int guard = 0; guard < 100; ++guard) {
      t.staff = docs[r.below(docs.size())];
      t.day = y0_ + r.range(20, ndays_ - 21);
      bool clash = false;
      for (const DocTarget& o : targets_)
        if ((o.staff == t.staff) || o.day == t.day) clash = true;
      if (!clash) break;
    }
    t.boundary = k == 1;
    t.quota = t.boundary ? par_.max_daily_visits : par_.max_daily_visits + 1 + r.range(0, 6);
    t.open_at = k < 4 ? 0 : static_cast<uint64_t>(k - 3) * persons_est_ / static_cast<uint64_t>(extra + 1);
    docday_[static_cast<size_t>(t.staff) * static_cast<size_t>(ndays_) + static_cast<size_t>(t.day - y0_)] = 255;
    targets_.push_back(t);
  }
}

void Gen::write_event(const char* kind, int inst, int staff, const std::string& person, int day, int64_t amount,
                      int points, const std::string& memo) {
  f_event_.cell_id("EV", ystr_, ++evt_seq_, 8)
      .cell(kind)
      .cell(inst_code(inst))
      .cell(staff_code(staff))
      .cell(person)
      .cell_date(day)
      .cell_money_opt(amount)
      .cell_int_opt(points)
      .cell(memo)
      .end_row();
}

void Gen::write_world() {
  Rng r(derive_seed(opt_.seed, 0x4556454E54ULL));
  for (const Institution& in : insts_) {
    f_inst_.cell(in.code).cell(in.name).cell_char(in.type).cell_int(in.level).cell(in.region).end_row();
  }
  for (const Staff& s : staff_) {
    f_staff_.cell(s.code)
        .cell(s.name)
        .cell_char(s.type)
        .cell(insts_[static_cast<size_t>(s.inst)].code)
        .cell_char(s.status)
        .cell_date_opt(s.from)
        .cell_date_opt(s.to)
        .end_row();
  }
  // Credit events of institutions and staff.
  auto event = [&](const char* kind, int inst, int staff, int day, int64_t amount, int points, const std::string& memo) {
    write_event(kind, inst, staff, "", day, amount, points, memo);
  };
  struct EvSpec {
    const char* kind;
    double p;
    int64_t lo, hi;  // amount in yuan, -1 none
    const char* memo;
  };
  static const EvSpec specs[] = {
      {"行政处罚", 0.06, 5000, 200000, "飞行检查查实违法使用医保基金，处以罚款"},
      {"协议处理", 0.10, 1000, 50000, "违反服务协议，约谈并追回违规费用"},
      {"投诉查实", 0.07, -1, -1, "参保人投诉重复收费，经核查属实"},
      {"欠缴", 0.03, 1000, 20000, "未按时足额缴纳职工医疗保险费"},
      {"自查退款", 0.10, 500, 30000, "自查自纠主动退回违规使用的医保基金"},
      {"表彰", 0.06, -1, -1, "年度医保服务质量考核优秀"},
  };
  int serious = 0;
  for (size_t i = 0; i < insts_.size(); ++i) {
    for (const EvSpec& e : specs)
      if (r.chance(e.p)) {
        int day = y0_ + r.range(0, ndays_ - 1);
        int64_t amt = e.lo < 0 ? -1 : r.range64(e.lo, e.hi) / 100 * 10000;
        if (amt == 0) amt = e.lo * 100;
        event(e.kind, static_cast<int>(i), -1, day, amt, -1, e.memo);
      }
    if (r.chance(0.008) || (serious == 0 && i + 1 == insts_.size())) {
      ++serious;
      const int64_t amount = r.range64(5, 50) * 1000000;
      const int day = y0_ + r.range(30, ndays_ - 1);
      event("严重失信", static_cast<int>(i), -1, day, amount, -1, "列入医疗保障严重失信主体名单");
    }
  }
  // Staff points (记分): suspended doctors reached 9, terminated ones 12,
  // before their suspension; a few others have a point or two.
  for (size_t i = 0; i < staff_.size(); ++i) {
    const Staff& s = staff_[i];
    if (s.status == '2' || s.status == '3') {
      int need = s.status == '2' ? r.range(9, 11) : r.range(12, 14);
      int day = std::max(y0_, s.from - r.range(20, 60));
      while (need > 0) {
        int pts = std::min(need, r.range(3, 6));
        event("记分", s.inst, static_cast<int>(i), day, -1, pts, "违规开具处方，按医保支付资格管理办法记分");
        need -= pts;
        day = std::min(s.from - 1, day + r.range(3, 15));
        if (day < y0_) day = y0_;
      }
    } else if (s.type == '1' && r.chance(0.03)) {
      const int pts = r.range(1, 6);
      const int day = y0_ + r.range(0, ndays_ - 1);
      event("记分", s.inst, static_cast<int>(i), day, -1, pts, "病历书写不规范，记分");
    }
  }
}

// The median cost of an ordinary stay at each level, from a sample of stays
// built the same way as the real ones (R01 plants are sized against it).
void Gen::estimate_medians() {
  for (int level = 1; level <= 3; ++level) {
    std::vector<int64_t> totals;
    std::vector<int> insts;
    for (int i : type1_)
      if (insts_[static_cast<size_t>(i)].level == level && !insts_[static_cast<size_t>(i)].plant_i02) insts.push_back(i);
    if (insts.empty()) continue;
    for (int k = 0; k < 150; ++k) {
      PersonBuild b;
      b.rng.reseed(derive_seed(opt_.seed, 0x4D4544ULL, static_cast<uint64_t>(level), static_cast<uint64_t>(k)));
      Slot slot;
      slot.role = b.rng.chance(0.6) ? 1 : 2;
      slot.city = insts_[static_cast<size_t>(insts[0])].city;
      slot.region = insts_[static_cast<size_t>(insts[0])].region;
      make_base(b, slot);
      b.p.death = -1;
      int inst = insts[b.rng.below(insts.size())];
      int los = los_draw(b.rng);
      int begin = y0_ + b.rng.range(10, ndays_ - los - 10);
      int d = pick_diag(b, S_INP, age_at(b, begin));
      if (d < 0) continue;
      Visit& v = plan_visit(b, M_INP, inst, begin, begin + los, cat_.diagnoses()[static_cast<size_t>(d)].code, T_CLEAN);
      v.doctor = -1;
      content(b, v);
      int64_t t = 0;
      for (const Line& l : v.lines) t += l.amount;
      totals.push_back(t);
    }
    std::sort(totals.begin(), totals.end());
    if (!totals.empty()) median_est_[static_cast<size_t>(level)] = totals[totals.size() / 2];
  }
}

Slot Gen::random_slot(Rng& r, int role) {
  Slot s;
  s.role = role;
  // the city where the person lives, by the capacity of its institutions
  std::vector<double> w;
  for (size_t c = 0; c < cities_.size(); ++c) {
    double cap = 0;
    for (int i : city_type1_[c]) cap += insts_[static_cast<size_t>(i)].capacity;
    w.push_back(cap);
  }
  s.city = static_cast<int>(r.weighted(w));
  const City& city = cities_[static_cast<size_t>(s.city)];
  s.region = city.districts[r.below(city.districts.size())];
  if (r.chance(0.03)) {
    // insured elsewhere, living here: every visit is cross-region care
    s.cross_resident = true;
    if (r.chance(0.35)) {
      s.region = kOtherProvinces[r.below(countof(kOtherProvinces))];
    } else {
      int oc = static_cast<int>(r.below(cities_.size()));
      if (oc == s.city) oc = (oc + 1) % static_cast<int>(cities_.size());
      const City& o = cities_[static_cast<size_t>(oc)];
      s.region = o.districts[r.below(o.districts.size())];
    }
  }
  s.surname = kSurnames[r.below(countof(kSurnames))];
  s.phone = r.chance(0.04) ? "" : next_phone(r);
  return s;
}

// ---------------------------------------------------------------- the stream

void Gen::write_truth(int rule, const std::string& record, const std::string& key, int date) {
  f_truth_.cell(rule_id(rule)).cell(record).cell(key).end_row();
  ++sum_.truth_rows;
  ++sum_.truth_per_rule[static_cast<size_t>(rule)];
  // Some findings were appealed: about one in twenty, and the first finding
  // of the first eight rules (alternately overturned and upheld).
  bool appeal = false, overturned = false;
  if (appeals_forced_left_ > 0 &&
      std::find(appeal_forced_.begin(), appeal_forced_.end(), rule) == appeal_forced_.end()) {
    appeal = true;
    appeal_forced_.push_back(rule);
    --appeals_forced_left_;
    overturned = appeal_forced_.size() % 2 == 1;
  } else if (sched_.chance(0.05)) {
    appeal = true;
    overturned = sched_.chance(0.4);
  }
  if (!appeal) return;
  f_appeal_.cell_id("AP", ystr_, ++appeal_seq_, 8)
      .cell(rule_id(rule))
      .cell(record)
      .cell(key)
      .cell(overturned ? "撤销" : "维持")
      .cell_date(std::max(date, y0_) + 30 + static_cast<int>(sched_.below(60)))
      .end_row();
  ++sum_.appeals;
}

void Gen::emit(PersonBuild& b) {
  Person& p = b.p;
  // Person
  {
    f_person_.cell(p.id)
        .cell(p.certno)
        .cell(p.name)
        .cell_char(p.gender)
        .cell_date(p.birth)
        .cell(p.phone)
        .cell(p.region)
        .cell(p.insutype)
        .cell_date_opt(p.death)
        .end_row();
  }
  std::string vid, sid;
  for (Visit& v : p.visits) {
    Institution& in = insts_[static_cast<size_t>(v.inst)];
    vid.clear();
    vid += "MD";
    vid += ystr_;
    append_padded(vid, v.seq, 12);
    sid.clear();
    sid += "ST";
    sid += ystr_;
    append_padded(sid, v.seq, 12);
    const char* med = v.med == M_OUT ? "11" : v.med == M_EMERG ? "13" : v.med == M_CHRONIC ? "14" : v.med == M_INP ? "21" : "41";
    {
      f_visit_.cell(vid)
          .cell(p.id)
          .cell(p.certno)
          .cell_char(p.gender)
          .cell_int(std::max(0, age_on(p.birth, v.begin)))
          .cell(p.insutype)
          .cell(in.code)
          .cell_int(in.level)
          .cell_date(v.begin)
          .cell_date(v.end)
          .cell(med)
          .cell(v.diag)
          .cell_int(v.ipt_days)
          .cell(staff_code(v.doctor))
          .end_row();
    }
    {
      f_setl_.cell(sid)
          .cell(vid)
          .cell(p.id)
          .cell(in.code)
          .cell_date(v.end)
          .cell(med)
          .cell_money(v.total)
          .cell_money(v.self_paid)
          .cell_money(v.covered)
          .cell_money(v.fund)
          .cell_money(v.account)
          .cell_money(v.cash)
          .end_row();
    }
    if (opt_.broken > 0 && broken_anchor_.person.empty() && !v.lines.empty())
      broken_anchor_ = {p.id, v.seq, v.lines.front().seq, v.begin};
    for (const Line& l : v.lines) {
      const CodeInfo& c = cat_.at(l.code);
      f_line_.cell_id("FD", ystr_, l.seq, 14)
          .cell(sid)
          .cell(vid)
          .cell(p.id)
          .cell_date(l.date)
          .cell_int(l.qty)
          .cell_money(l.price)
          .cell_money(l.amount)
          .cell_money_opt(l.cap)
          .cell_char(c.pay_class)
          .cell(c.code)
          .cell(c.name)
          .cell(c.fee_type)
          .cell(staff_code(l.doctor))
          .cell_int_opt(l.supply)
          .cell(v.diag)
          .end_row();
      ++lines_written_;
      // trackers
      in.line_amount += l.amount;
      if (c.is_drug()) in.drug_amount += l.amount;
      if (in.type == '2' && c.is_drug() && l.date >= y0_ && l.date <= y1_) {
        int pi = pharm_index_[static_cast<size_t>(v.inst)];
        int di = cat_.drug_index(l.code);
        int m = static_cast<int>(civil_from_days(l.date).m) - 1;
        stock_[(static_cast<size_t>(pi) * cat_.drug_count() + static_cast<size_t>(di)) * 12 + static_cast<size_t>(m)] +=
            static_cast<uint32_t>(l.qty);
      }
    }
    uint64_t ds = v.diag_seq;
    for (size_t k = 0; k < v.diags.size(); ++k) {
      // diag_type 1 (西医) for all; maindiag_flag 1 for the first diagnosis, the main one
      f_diag_.cell_id("DG", ystr_, ds++, 14)
          .cell(sid)
          .cell(vid)
          .cell("1")
          .cell(k == 0 ? "1" : "0")
          .cell(v.diags[k])
          .end_row();
      ++sum_.diagnoses;
    }
    ++sum_.visits;
    if (in.type == '1') {
      int64_t drug = 0;
      for (const Line& l : v.lines)
        if (cat_.at(l.code).is_drug()) drug += l.amount;
      const int cls = v.med == M_OUT ? 0 : v.med == M_EMERG ? 1 : v.med == M_CHRONIC ? 2 : v.med == M_INP ? 3 : 4;
      TypeStats& ts = type_stats_[static_cast<size_t>(cls)][static_cast<size_t>(in.level)];
      ts.cost += static_cast<double>(v.total);
      ts.drug += static_cast<double>(drug);
      ts.days += v.med == M_INP ? stay_days(v.begin, v.end) : 1;
      ++ts.n;
      if (cls < 4) ++in.mix[static_cast<size_t>(cls)];
      if (v.med == M_INP) in.inp_total += v.total;
      if (!in.plant_i02 && !in.plant_i05) {
        LevelStats& ls = level_stats_[static_cast<size_t>(in.level)];
        ls.total += static_cast<double>(v.total);
        ls.n += 1;
        ls.drug += static_cast<double>(drug);
        ls.line += static_cast<double>(v.total);
        if (cls < 4) ls.mix[static_cast<size_t>(cls)] += 1;
        if (v.med == M_INP) {
          ls.inp_total += static_cast<double>(v.total);
          ls.inp_n += 1;
          ls.inp_days += stay_days(v.begin, v.end);
        }
      }
    }
    in.visits += 1;
    in.total += v.total;
    if (v.med == M_INP) {
      in.inp_visits += 1;
      if (v.cross) {
        bool planted = false;
        for (const auto& d : b.deferred)
          if (d.rule == R01 && &p.visits[static_cast<size_t>(d.visit)] == &v) planted = true;
        cross_stays_.push_back({v.seq, in.level, v.total, planted, v.end});
      } else {
        inp_totals_[static_cast<size_t>(in.level)].push_back(v.total);
      }
    } else if (v.doctor >= 0 && v.tag != T_I03) {
      uint8_t& c = docday_[static_cast<size_t>(v.doctor) * static_cast<size_t>(ndays_) + static_cast<size_t>(v.begin - y0_)];
      if (c < 250) ++c;
    }
  }
  // Insured persons found to have defrauded the fund (骗保): some of those
  // with planted impersonation, drug reselling or identity findings, and a
  // very few others.
  {
    const int sc = b.scen;
    const bool suspect = sc == P08 || sc == P09 || sc == P10 || sc == P11 || sc == R02 || sc == R03 || sc == P05;
    if (!p.visits.empty() && (b.rng.chance(suspect ? 0.3 : 0.0008))) {
      const Visit& v = p.visits[b.rng.below(p.visits.size())];
      static const char* const memos[] = {"冒用他人医保凭证就医，追回医保基金", "倒卖医保药品，追回医保基金并暂停联网结算",
                                          "伪造就医材料骗取医保基金"};
      const char* memo = memos[b.rng.below(3)];
      const int64_t amount = b.rng.range64(5, 200) * 10000;
      const int day = std::min(y1_, v.end + b.rng.range(10, 60));
      write_event("骗保", v.inst, -1, p.id, day, amount, -1, memo);
    }
  }
  for (int t : b.i03_targets) {
    DocTarget& tg = targets_[static_cast<size_t>(t)];
    if (++tg.count >= tg.quota) tg.done = true;
  }

  // Truth rows of this person's findings.
  std::string key;
  for (const Finding& fd : b.intended) {
    key.clear();
    auto line_key = [&](int vi, int li) {
      key += "FD";
      key += ystr_;
      append_padded(key, p.visits[static_cast<size_t>(vi)].lines[static_cast<size_t>(li)].seq, 14);
    };
    auto visit_key = [&](int vi) {
      key += "MD";
      key += ystr_;
      append_padded(key, p.visits[static_cast<size_t>(vi)].seq, 12);
    };
    int date = y0_;
    const std::string rec = rule_record(fd.rule);
    if (rec == "FeeLine") {
      line_key(fd.a, fd.b);
      date = p.visits[static_cast<size_t>(fd.a)].lines[static_cast<size_t>(fd.b)].date;
    } else if (rec == "Visit") {
      visit_key(fd.a);
      date = p.visits[static_cast<size_t>(fd.a)].end;
    } else if (rec == "Person") {
      key = p.id;
      date = p.visits.empty() ? y0_ : p.visits.back().end;
    } else if (rec == "VisitPanel" || rec == "VisitDailyItem") {
      visit_key(fd.a);
      key += '|';
      key += cat_.at(fd.b).code;
      date = p.visits[static_cast<size_t>(fd.a)].end;
    } else if (rec == "PersonCourse") {
      key = p.id + "|" + cat_.at(fd.b).code;
      date = p.visits.empty() ? y0_ : p.visits.back().end;
    } else if (rec == "PersonItemDay" || rec == "PersonDrugMonth") {
      key = p.id + "|" + cat_.at(fd.b).code + "|";
      append_date(key, fd.c);
      date = fd.c;
    } else if (rec == "CrossRegionPurchases" || rec == "PersonDay") {
      key = p.id + "|";
      append_date(key, fd.c);
      date = fd.c;
    }
    write_truth(fd.rule, rec, key, date);
  }
  ++sum_.persons;
}

// A cluster of persons sharing one phone (I04): a plant (fund at least the
// threshold) or the boundary (as many persons, fund below it).
bool Gen::make_cluster(bool plant, bool boundary, int size) {
  Rng r(derive_seed(opt_.seed, 0x434C5553ULL, units_));
  for (int attempt = 0; attempt < 12; ++attempt) {
    Slot base = random_slot(r, 1);
    base.cross_resident = false;
    base.region = cities_[static_cast<size_t>(base.city)].districts[0];
    base.phone = next_phone(r);
    std::vector<PersonBuild> members(static_cast<size_t>(size));
    int64_t fund = 0;
    bool ok = true;
    uint64_t save_psn = psn_seq_, save_visit = visit_seq_, save_line = line_seq_, save_diag = diag_seq_;
    for (int k = 0; k < size && ok; ++k) {
      Slot s = base;
      s.surname = kSurnames[r.below(countof(kSurnames))];
      s.role = r.chance(0.3) ? 2 : 1;
      s.light = boundary;
      s.heavy = plant;
      ok = make_person(-1, 0, s, false, members[static_cast<size_t>(k)]);
      for (const Visit& v : members[static_cast<size_t>(k)].p.visits) fund += v.fund;
    }
    bool fits = ok && (plant ? fund >= par_.shared_phone_fund : fund < par_.shared_phone_fund);
    if (!fits) {
      psn_seq_ = save_psn, visit_seq_ = save_visit, line_seq_ = save_line, diag_seq_ = save_diag;
      ++sum_.retries;
      continue;
    }
    for (PersonBuild& m : members) emit(m);
    if (plant) write_truth(I04, "SharedPhone", base.phone, y1_);
    return true;
  }
  sum_.warnings.push_back("a shared-phone cluster could not be built");
  return false;
}

// Builds one person (with retries); on success out holds the person, ids assigned.
bool Gen::make_person(int scen, int variant, const Slot& slot, bool forced, PersonBuild& out) {
  const uint64_t index = psn_seq_ + 1;
  const int max_attempts = scen < 0 ? 40 : 24;
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    uint64_t save_visit = visit_seq_, save_line = line_seq_, save_diag = diag_seq_;
    out = PersonBuild{};
    if (build(out, scen, forced ? variant + attempt / 3 : variant + attempt, slot, index, attempt)) {
      psn_seq_ = index;
      return true;
    }
    visit_seq_ = save_visit, line_seq_ = save_line, diag_seq_ = save_diag;
    if (attempt > 0 || scen < 0) ++sum_.retries;
  }
  return false;
}

void Gen::schedule() {
  // Forced plants: every person-level rule three times, every boundary once,
  // interleaved so that a small run has all of them early.
  std::vector<int> person_rules;
  for (int r = 0; r < RULE_COUNT; ++r)
    if (r != I01 && r != I02 && r != I03 && r != I04 && r != I05) person_rules.push_back(r);
  for (int round = 0; round < 3; ++round) {
    for (int r : person_rules) forced_.push_back({r, round});
    if (round == 0)
      for (int bnd = B_FIRST; bnd < B_END; ++bnd) forced_.push_back({bnd, 0});
  }
  // Shared-phone clusters: three plants and the boundary early, more later.
  clusters_.push_back({true, false, 5, 3, false});
  clusters_.push_back({false, true, 5, 9, false});
  clusters_.push_back({true, false, 6, 15, false});
  clusters_.push_back({true, false, 7, 21, false});
  for (uint64_t k = 1; k <= persons_est_ / 15000; ++k)
    clusters_.push_back({true, false, 5 + static_cast<int>(k % 3), k * 15000, false});

}

void Gen::run_persons(uint64_t target_lines) {
  std::vector<int> person_rules;
  for (int r = 0; r < RULE_COUNT; ++r)
    if (r != I01 && r != I02 && r != I03 && r != I04 && r != I05) person_rules.push_back(r);
  const double p_plant = 0.035, p_bound = 0.008;
  const uint64_t safety = persons_est_ * 40 + 10000;
  auto pending_forced = [&]() {
    if (!forced_.empty()) return true;
    for (const DocTarget& t : targets_)
      if (t.open_at == 0 && !t.done) return true;
    for (const Cluster& c : clusters_)
      if (c.open_at < 100 && !c.done) return true;
    return false;
  };
  while ((lines_written_ < target_lines || pending_forced()) && sum_.persons < safety) {
    ++units_;
    // clusters due
    bool did_cluster = false;
    for (Cluster& c : clusters_)
      if (!c.done && sum_.persons >= c.open_at && units_ % 3 == 0) {
        c.done = true;
        make_cluster(c.plant, c.boundary, c.size);
        did_cluster = true;
        break;
      }
    if (did_cluster) continue;
    Rng& r = sched_;
    int scen = -1, variant = 0;
    bool forced = false;
    if (!forced_.empty() && units_ % 2 == 1) {
      scen = forced_.front().first;
      variant = forced_.front().second;
      forced_.pop_front();
      forced = true;
    } else {
      double u = r.real();
      if (u < p_plant) {
        scen = person_rules[r.below(person_rules.size())];
        variant = static_cast<int>(r.below(1000));
      } else if (u < p_plant + p_bound) {
        scen = B_FIRST + static_cast<int>(r.below(B_END - B_FIRST));
        variant = static_cast<int>(r.below(1000));
      }
    }
    if (scen >= 0) {
      Slot slot = random_slot(r, r.chance(0.2) ? 2 : 1);
      slot.phone = next_phone(r);
      PersonBuild b;
      if (make_person(scen, variant, slot, forced, b)) {
        emit(b);
        ++scen_count_[static_cast<size_t>(scen)];
      } else if (forced && ++forced_tries_[static_cast<size_t>(scen)] < 4) {
        forced_.push_back({scen, variant + 7});
      } else {
        ++sum_.dropped_plants;
        sum_.warnings.push_back(std::string("plant ") + scenario_name(scen) + " given up");
      }
      continue;
    }
    // A clean household of one to four persons sharing a phone.
    int size = 1 + static_cast<int>(r.weighted({0.36, 0.30, 0.20, 0.14}));
    Slot head = random_slot(r, r.chance(0.25) ? 2 : 1);
    for (int k = 0; k < size; ++k) {
      Slot s = head;
      if (k > 0) {
        s.role = head.role == 2 ? (r.chance(0.6) ? 2 : 1) : (r.chance(0.65) ? 0 : (r.chance(0.5) ? 1 : 2));
        if (s.role != 0 && r.chance(0.3)) s.surname = kSurnames[r.below(countof(kSurnames))];
      }
      PersonBuild b;
      if (make_person(-1, 0, s, false, b)) emit(b);
      else sum_.warnings.push_back("a clean person could not be built without a finding (skipped)");
    }
  }
  if (sum_.persons >= safety) sum_.warnings.push_back("stopped at the safety limit of persons");
}

// ---------------------------------------------------------------- dilution

// I02 and I05 compare each hospital's average cost and drug share with the
// median of its level. Balancing keeps clean institutions near their peers;
// what chance leaves (a few costly stays at a small hospital) is corrected
// here, as the rules would see it: a clean institution above 1.3 times its
// peers' median cost gets persons whose outpatient care is there (cheap
// visits), one whose drug share is 0.18 above the median gets examination and
// treatment visits. Returns false when some remain beyond the thresholds.
bool Gen::dilute(uint64_t max_lines, bool final_pass) {
  Rng r(derive_seed(opt_.seed, 0x44494C55ULL, final_pass ? 2 : 1));
  for (int round = 0; round < 200000; ++round) {
    std::array<std::vector<double>, 4> avgs, shares;
    for (int i : type1_) {
      const Institution& in = insts_[static_cast<size_t>(i)];
      if (in.visits < par_.peer_min_visits || in.line_amount <= 0) continue;
      avgs[static_cast<size_t>(in.level)].push_back(static_cast<double>(in.total) / static_cast<double>(in.visits));
      shares[static_cast<size_t>(in.level)].push_back(static_cast<double>(in.drug_amount) / static_cast<double>(in.line_amount));
    }
    auto median = [](std::vector<double> v) {
      if (v.empty()) return -1.0;
      std::sort(v.begin(), v.end());
      double h = (static_cast<double>(v.size()) - 1) * 0.5;
      size_t f = static_cast<size_t>(h);
      return f + 1 < v.size() ? v[f] + (h - static_cast<double>(f)) * (v[f + 1] - v[f]) : v[f];
    };
    std::array<double, 4> ma{}, ms{};
    for (int l = 0; l < 4; ++l) ma[static_cast<size_t>(l)] = median(avgs[static_cast<size_t>(l)]), ms[static_cast<size_t>(l)] = median(shares[static_cast<size_t>(l)]);
    int worst = -1;
    bool share_mode = false;
    double worst_excess = 0;
    for (int i : type1_) {
      const Institution& in = insts_[static_cast<size_t>(i)];
      if (in.visits < par_.peer_min_visits - 5 || in.line_amount <= 0) continue;
      const double m = ma[static_cast<size_t>(in.level)], sh = ms[static_cast<size_t>(in.level)];
      if (m <= 0) continue;
      const double avg = static_cast<double>(in.total) / static_cast<double>(in.visits);
      const double share = static_cast<double>(in.drug_amount) / static_cast<double>(in.line_amount);
      // the first pass corrects from 1.3 times the median (0.18 above it);
      // the last one whatever still comes near the thresholds
      const double ec = avg / m - (final_pass ? 1.4 : 1.3), es = (share - sh - (final_pass ? 0.22 : 0.18)) * 4;
      // a planted institution is corrected only on its other measure
      if (ec > worst_excess && !in.plant_i02) worst_excess = ec, worst = i, share_mode = false;
      if (es > worst_excess && !in.plant_i05) worst_excess = es, worst = i, share_mode = true;
    }
    if (worst < 0) return true;
    if (lines_written_ >= max_lines) return false;  // finish() reports any that reach the rules' thresholds
    const Institution& in = insts_[static_cast<size_t>(worst)];
    Slot s = random_slot(r, r.chance(0.3) ? 2 : 1);
    s.city = in.city;
    s.region = cities_[static_cast<size_t>(in.city)].districts[r.below(cities_[static_cast<size_t>(in.city)].districts.size())];
    s.cross_resident = false;
    s.force_inst = worst;
    s.no_drugs = share_mode;
    PersonBuild b;
    ++units_;
    if (make_person(-1, 0, s, false, b)) emit(b);
  }
  return false;
}

// ---------------------------------------------------------------- the end

void Gen::finish() {
  Rng r(derive_seed(opt_.seed, 0x46494E49ULL));
  // I01: the pharmacies' monthly stock ledger, consistent with what was
  // billed, except for planted rows whose purchases are understated.
  {
    const size_t nd = cat_.drug_count();
    uint64_t rows_with_sales = 0;
    for (int pi = 0; pi < n_pharm_; ++pi)
      for (size_t d = 0; d < nd; ++d)
        for (int m = 0; m < 12; ++m)
          if (stock_[(static_cast<size_t>(pi) * nd + d) * 12 + static_cast<size_t>(m)] > 0) ++rows_with_sales;
    // forced plants: the first three rows with sales, then one in a hundred
    std::vector<int> pharm_inst(static_cast<size_t>(n_pharm_));
    for (size_t i = 0; i < insts_.size(); ++i)
      if (pharm_index_[i] >= 0) pharm_inst[static_cast<size_t>(pharm_index_[i])] = static_cast<int>(i);
    std::vector<int> drug_code(nd, -1);
    for (size_t c = 0; c < cat_.size(); ++c)
      if (cat_.drug_index(static_cast<int>(c)) >= 0) drug_code[static_cast<size_t>(cat_.drug_index(static_cast<int>(c)))] = static_cast<int>(c);
    uint64_t seq = 0;
    int planted = 0;
    uint64_t seen_sales = 0;
    const uint64_t spacing = std::max<uint64_t>(1, rows_with_sales / 3);
    for (int pi = 0; pi < n_pharm_; ++pi) {
      const Institution& in = insts_[static_cast<size_t>(pharm_inst[static_cast<size_t>(pi)])];
      for (size_t d = 0; d < nd; ++d) {
        const uint32_t* q = &stock_[(static_cast<size_t>(pi) * nd + d) * 12];
        bool any = false;
        for (int m = 0; m < 12; ++m) any = any || q[m] > 0;
        if (!any) continue;
        int64_t opening = r.range(10, 80);
        for (int m = 0; m < 12; ++m) {
          int64_t billed = q[m];
          bool plant = false;
          if (billed > 0) {
            ++seen_sales;
            plant = (planted < 3 && seen_sales % spacing == spacing / 2) || r.chance(0.01);
          }
          // declared sales: what was billed, plus some sold for cash (not on plants)
          int64_t sold = billed + (plant || r.chance(0.5) ? 0 : r.range(0, 8));
          int64_t target = r.range(10, 60);
          int64_t purchased = std::max<int64_t>(0, sold + target - opening);
          int64_t closing = opening + purchased - sold;
          int64_t pur_written = purchased;
          if (plant) {
            // purchases understated: billed exceeds what the stock allows
            int64_t k = std::min<int64_t>(std::max<int64_t>(1, billed / 2 + r.range(1, 10)), purchased + closing);
            if (k <= 0) plant = false;
            else pur_written = purchased - k;
            if (pur_written < 0) {
              closing += -pur_written;  // keep counts non-negative: a higher closing stock
              pur_written = 0;
            }
          }
          std::string id = "IV" + ystr_;  // also the truth key of an I01 plant
          append_padded(id, ++seq, 10);
          f_stock_.cell(id)
              .cell(in.code)
              .cell(cat_.at(drug_code[d]).code)
              .cell_date(days_from_civil(year_, static_cast<unsigned>(m + 1), 1))
              .cell_int(opening)
              .cell_int(pur_written)
              .cell_int(sold)
              .cell_int(closing)
              .end_row();
          ++sum_.stock_rows;
          if (plant && billed > opening + pur_written - closing) {
            ++planted;
            write_truth(I01, "StockMove", id, days_from_civil(year_, static_cast<unsigned>(m + 1), 1));
          } else if (billed > opening + pur_written - closing) {
            sum_.warnings.push_back("accidental I01 on " + id);
          }
          opening = closing;
        }
      }
    }
  }

  // I02 and I05 against the exact peer medians.
  {
    struct Peer {
      int inst;
      double avg, share;
    };
    std::array<std::vector<Peer>, 4> groups;
    for (int i : type1_) {
      const Institution& in = insts_[static_cast<size_t>(i)];
      if (in.visits < par_.peer_min_visits) continue;
      double avg = static_cast<double>(in.total) / static_cast<double>(in.visits);
      double share = in.line_amount > 0 ? static_cast<double>(in.drug_amount) / static_cast<double>(in.line_amount) : 0;
      groups[static_cast<size_t>(in.level)].push_back({i, avg, share});
    }
    auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      size_t n = v.size();
      double h = (static_cast<double>(n) - 1) * 0.5;
      size_t f = static_cast<size_t>(h);
      return f + 1 < n ? v[f] + (h - static_cast<double>(f)) * (v[f + 1] - v[f]) : v[f];
    };
    for (auto& g : groups) {
      if (g.empty()) continue;
      std::vector<double> avgs, shares;
      for (const Peer& p : g) avgs.push_back(p.avg), shares.push_back(p.share);
      double ma = median(avgs), ms = median(shares);
      for (const Peer& p : g) {
        const Institution& in = insts_[static_cast<size_t>(p.inst)];
        bool f02 = p.avg > par_.peer_cost_ratio * ma;
        bool f05 = p.share > ms + par_.drug_share_margin;
        if (in.plant_i02 && f02) write_truth(I02, "Institution", in.code, y1_);
        else if (in.plant_i02) sum_.warnings.push_back("planted I02 did not reach its threshold: " + in.code);
        else if (f02) sum_.warnings.push_back("accidental I02 on " + in.code);
        if (in.plant_i05 && f05) write_truth(I05, "Institution", in.code, y1_);
        else if (in.plant_i05) sum_.warnings.push_back("planted I05 did not reach its threshold: " + in.code);
        else if (f05) sum_.warnings.push_back("accidental I05 on " + in.code);
        if (!opt_.quiet && std::getenv("FIDES_GEN_DEBUG"))
          std::fprintf(stderr, "peer L%d %s visits=%lld avg=%.1f (%.2fx) share=%.3f (median %.3f)%s%s\n", in.level,
                       in.code.c_str(), static_cast<long long>(in.visits), p.avg, p.avg / ma, p.share, ms,
                       in.plant_i02 ? " I02" : "", in.plant_i05 ? " I05" : "");
      }
    }
    for (int i : type1_) {
      const Institution& in = insts_[static_cast<size_t>(i)];
      if ((in.plant_i02 || in.plant_i05) && in.visits < par_.peer_min_visits)
        sum_.warnings.push_back("planted institution " + in.code + " has fewer than peer_min_visits visits");
    }
  }

  // R01 against the exact median of ordinary stays per level.
  {
    std::array<double, 4> med{};
    for (int l = 0; l < 4; ++l) {
      auto& v = inp_totals_[static_cast<size_t>(l)];
      std::sort(v.begin(), v.end());
      if (v.empty()) {
        med[static_cast<size_t>(l)] = -1;
        continue;
      }
      size_t n = v.size();
      med[static_cast<size_t>(l)] = n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2;
    }
    for (const CrossStay& s : cross_stays_) {
      double m = med[static_cast<size_t>(s.level)];
      bool fires = m >= 0 && static_cast<double>(s.total) > par_.cross_region_cost_ratio * m;
      std::string key = "MD" + ystr_;
      append_padded(key, s.visit_seq, 12);
      if (s.planted && fires) write_truth(R01, "Visit", key, s.date);
      else if (s.planted) sum_.warnings.push_back("planted R01 did not reach its threshold: " + key);
      else if (fires) sum_.warnings.push_back("accidental R01 on " + key);
    }
  }

  // I03: the doctor-days.
  for (const DocTarget& t : targets_) {
    std::string key = staff_[static_cast<size_t>(t.staff)].code + "|" + date_text(t.day);
    if (t.boundary) {
      if (t.count > par_.max_daily_visits) sum_.warnings.push_back("boundary doctor-day exceeded: " + key);
      continue;
    }
    if (t.count > par_.max_daily_visits) write_truth(I03, "DoctorDay", key, t.day);
    else if (t.count > 0) sum_.warnings.push_back("doctor-day target not reached: " + key);
  }
}

Summary Gen::run() {
  auto t0 = std::chrono::steady_clock::now();
  // mkdir -p
  for (size_t i = 1; i <= opt_.out_dir.size(); ++i)
    if (i == opt_.out_dir.size() || opt_.out_dir[i] == '/') ::mkdir(opt_.out_dir.substr(0, i).c_str(), 0777);
  struct stat st {};
  if (::stat(opt_.out_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw std::runtime_error("cannot create the output folder " + opt_.out_dir);
  CsvOut* files[] = {&f_inst_, &f_staff_, &f_person_, &f_visit_, &f_setl_, &f_line_, &f_diag_, &f_stock_, &f_event_, &f_appeal_, &f_truth_, &f_side_};
  const auto& specs = file_specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    files[i]->open(opt_.out_dir + "/" + specs[i].file, opt_.encoding);
    for (const char* column : specs[i].columns) files[i]->cell(column);
    files[i]->end_row();
  }
  build_world();
  plan_institution_plants();
  plan_doc_targets();
  write_world();
  estimate_medians();
  schedule();
  // Most of the lines, then diluting persons for any clean institution that
  // strays from its peers, the rest, and a last correction.
  const uint64_t first = opt_.lines * 96 / 100;
  run_persons(first);
  // (a small run may already hold more lines than asked: the forced plants)
  uint64_t base = std::max(opt_.lines, lines_written_);
  dilute(base + std::max<uint64_t>(base / 25, 400), false);
  run_persons(opt_.lines);
  base = std::max(opt_.lines, lines_written_);
  dilute(base + std::max<uint64_t>(base / 20, 500), true);
  finish();
  sum_.institutions = insts_.size();
  sum_.staff = staff_.size();
  sum_.lines = lines_written_;
  sum_.stock_rows = f_stock_.rows() - 1;
  sum_.events = f_event_.rows() - 1;
  sum_.side_rows = f_side_.rows() - 1;
  // After the counts above: they are of the well-formed rows.
  if (opt_.broken > 0) plant_broken();
  for (CsvOut* f : files) f->close();
  if (opt_.shuffle) shuffle_csv_rows(opt_.out_dir + "/FEE_LIST_D.csv", derive_seed(opt_.seed, 0x5348554646ULL));
  sum_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  sum_.peak_rss_kb = peak_rss_kb();
  return sum_;
}

Summary generate(const Options& opts) {
  Gen g(opts);
  return g.run();
}

}  // namespace fides::gen
