// fides-gen: the catalogue of codes the generator bills — its own common
// service items, drugs and consumables, merged with every code the knowledge
// tables name (each with the restrictions the tables put on it) — and the
// diagnoses it assigns.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "tables.h"

namespace fides::gen {

enum class Kind : uint8_t { Service, Drug, Consumable };

// The role a once-daily item plays in a stay, guessed from its name.
enum class Daily : uint8_t { None, Bed, Nursing, InpConsult, OutConsult, Other };

// Drug groups: which drugs suit which diagnoses.
enum DrugGroup : int {
  G_RESP, G_GI, G_MSK, G_URO, G_EYE, G_DERM, G_NEURO, G_ALLERGY,
  G_HTN, G_DM, G_CHD, G_COPD, G_DEP, G_LIPID, G_CHILD,
  G_INP_BASE, G_INP_ABX, G_INP_NEURO, G_INP_CARDIO, G_CHEMO, G_OBST, G_POSTOP, G_INP_RESP,
  G_COUNT
};

struct CodeInfo {
  std::string code, name;
  Kind kind = Kind::Service;
  std::string fee_type = "05";  // med_chrgitm_type
  char pay_class = '1';         // chrgitm_lv
  int64_t price = 0;            // base price in cents
  int days_per_unit = 0;        // drugs: days of supply per unit
  int group = -1;               // drugs: DrugGroup of the built-in catalogue
  int real_min_level = 0;       // the generator's own realism (CT at level 2 and up…)
  bool builtin = false;
  bool in_table = false;        // named by some knowledge table (any role)
  bool service_item = false;    // 15 characters, not X/Z/C (is_service_item)

  // Restrictions from the tables.
  char gender_only = 0;  // '1' / '2'
  bool child_only = false, adult_only = false;
  bool has_scope = false;
  std::vector<std::string> scope;  // ICD-10 categories
  bool inp_emerg = false;
  int min_level = -1;
  std::string insutype_only;
  int64_t cap = -1;  // price_caps, cents
  int second_class = -1, first_class = -1;
  int panel = -1;  // this is a component of that panel (code index)
  bool is_panel = false;
  int panel_size = 0;
  int64_t panel_price = -1;
  std::vector<int> components;  // of a panel
  int included_main = -1;
  std::vector<int> included_subs;
  int surcharge_main = -1;
  std::vector<int> surcharges;
  int consumable_proc = -1;
  std::vector<int> consumables;
  bool once_daily = false;
  Daily daily = Daily::None;
  int course_days = -1;
  int min_interval = -1;

  bool is_drug() const { return kind == Kind::Drug; }
  // Whether any context-dependent restriction applies to this code.
  bool restricted() const {
    return gender_only || child_only || adult_only || has_scope || inp_emerg || min_level >= 0 ||
           !insutype_only.empty() || second_class >= 0 || panel >= 0 || included_main >= 0 ||
           !included_subs.empty() || surcharge_main >= 0 || consumable_proc >= 0 || once_daily ||
           course_days >= 0 || min_interval >= 0;
  }
};

// Roles of the built-in catalogue; each is a list of codes in order of preference.
enum Role : int {
  R_OUT_CONSULT, R_EMERG_CONSULT, R_INP_CONSULT, R_GEN_CONSULT, R_BED, R_NURSING,
  R_CBC, R_URINE, R_STOOL, R_GLUCOSE, R_LIPID, R_CRP, R_COAG, R_ELECTROLYTE, R_FLU, R_CARDIAC,
  R_XRAY, R_US, R_ECG, R_CT, R_MRI,
  R_IV, R_IM, R_NEB, R_OXYGEN, R_DRESSING, R_PHYSIO, R_ACUPUNCTURE, R_MONITOR, R_BEDSIDE_GLUCOSE,
  R_SUTURE, R_APPENDECTOMY, R_FRACTURE, R_CESAREAN, R_DELIVERY, R_ANESTHESIA, R_CHEMO_ADMIN,
  R_CON_IVSET, R_CON_CANNULA, R_CON_DRESSING, R_CON_SUTURE, R_CON_PLATE, R_CON_SUCTION,
  R_EXAM_EXPENSIVE,  // expensive non-drug items (used by the cost-inflation plant)
  R_COUNT
};

enum Setting : uint8_t { S_OUT = 1, S_EMERG = 2, S_INP = 4, S_CHRONIC = 8 };

struct DiagInfo {
  std::string code, name;
  uint8_t settings = 0;
  char gender = 0;  // '1' / '2' when only that sex can have it
  int min_age = 0, max_age = 120;
  std::vector<int> groups;  // DrugGroup
  int surgery = -1;         // Role of the procedure (inpatient), or -1
  bool planned = false;     // planned chemotherapy (Z51.x)
};

class Catalogue {
 public:
  Catalogue(const Knowledge& k);

  const CodeInfo& at(int i) const { return codes_[static_cast<size_t>(i)]; }
  CodeInfo& at(int i) { return codes_[static_cast<size_t>(i)]; }
  int find(const std::string& code) const {
    auto it = index_.find(code);
    return it == index_.end() ? -1 : it->second;
  }
  size_t size() const { return codes_.size(); }

  // Built-in codes of a role, in order of preference (table codes first for
  // the once-daily roles).
  const std::vector<int>& role(Role r) const { return roles_[r]; }
  // Built-in, unrestricted drugs of a group.
  const std::vector<int>& drugs(int group) const { return drug_groups_[static_cast<size_t>(group)]; }
  // All table codes (for occasional clean use where their condition holds).
  const std::vector<int>& table_codes() const { return table_codes_; }
  const std::vector<int>& table_drugs() const { return table_drugs_; }
  // Drugs with a payment scope.
  const std::vector<int>& scope_drugs() const { return scope_drugs_; }
  // Unrestricted built-in drugs and service items of any kind.
  const std::vector<int>& plain_drugs() const { return plain_drugs_; }
  const std::vector<int>& plain_services() const { return plain_services_; }
  // Drug code → dense index (for the pharmacy stock ledger); -1 for non-drugs.
  int drug_index(int code) const { return drug_index_[static_cast<size_t>(code)]; }
  size_t drug_count() const { return drug_count_; }
  // Class name ↔ index for first/second-line drugs.
  const std::vector<std::string>& classes() const { return classes_; }
  const std::vector<std::vector<int>>& first_line_by_class() const { return first_by_class_; }

  const std::vector<DiagInfo>& diagnoses() const { return diags_; }
  // The only gend a diagnosis category allows (table or built-in), 0 for any.
  char diagnosis_gender(const std::string& code) const;
  // The gend the gender_diagnoses table alone restricts a diagnosis to, or 0 (V08).
  char table_gender(const std::string& code) const {
    auto it = gender_by_category_.find(category(code));
    return it == gender_by_category_.end() ? 0 : it->second;
  }
  // ICD-10 category: first three characters, trimmed and upper-cased.
  static std::string category(const std::string& code);

  // Price of a code at an institution level (cents), never above its cap.
  int64_t price_at(int code, int level) const;

  std::vector<std::string> notes;  // what the merge decided (unused roles…)

 private:
  int add(CodeInfo c);
  int ensure(const std::string& code, const std::string& name);
  void finish_table_code(int i);

  const Knowledge& k_;
  std::vector<CodeInfo> codes_;
  std::unordered_map<std::string, int> index_;
  std::array<std::vector<int>, R_COUNT> roles_;
  std::vector<std::vector<int>> drug_groups_;
  std::vector<int> table_codes_, table_drugs_, scope_drugs_, plain_drugs_, plain_services_;
  std::vector<int> drug_index_;
  size_t drug_count_ = 0;
  std::vector<std::string> classes_;
  std::vector<std::vector<int>> first_by_class_;
  std::vector<DiagInfo> diags_;
  std::unordered_map<std::string, char> gender_by_category_;
};

}  // namespace fides::gen
