#include "lower/plan.h"

#include <cassert>
#include <filesystem>

#include "hash/pack_hash.h"
#include "lower/access_plan.h"
#include "lower/row_cache_plan.h"
#include "lower/table_csv.h"

namespace fides::lower {
namespace {

AbiType abi_type(const sema::Type& t) {
  switch (t.kind) {
    case sema::TypeKind::bool_: return AbiType::Bool;
    case sema::TypeKind::int_: return AbiType::Int;
    case sema::TypeKind::decimal: return AbiType::Decimal;
    case sema::TypeKind::money: return AbiType::Money;
    case sema::TypeKind::text: return AbiType::Text;
    case sema::TypeKind::date: return AbiType::Date;
    case sema::TypeKind::severity: return AbiType::Severity;
    case sema::TypeKind::record: return AbiType::Ref;
    default: break;
  }
  assert(false && "sema only admits scalar and reference fields, params and table elements");
  return AbiType::Text;
}

AbiType abi_kind(sema::TypeKind k) { return abi_type(sema::Type::of(k)); }

Severity abi_severity(sema::Severity s) { return static_cast<Severity>(static_cast<uint32_t>(s)); }

Verdict abi_verdict(sema::Verdict v) {
  return v == sema::Verdict::definite ? Verdict::Definite : Verdict::Suspicious;
}

// A file's name in the descriptor: relative to the main file's folder when it
// lies inside it, else to the standard library when it lies inside that, else
// relative to the main file's folder again (`../shared/x.fides`).
std::string source_name(const std::filesystem::path& file, const std::filesystem::path& main_dir,
                        const std::filesystem::path& stdlib_dir) {
  auto within = [](const std::filesystem::path& rel) {
    return !rel.empty() && rel.native().rfind("..", 0) != 0;
  };
  std::filesystem::path in_main = file.lexically_relative(main_dir);
  if (within(in_main)) return in_main.generic_string();
  if (!stdlib_dir.empty()) {
    std::filesystem::path in_stdlib = file.lexically_relative(stdlib_dir);
    if (within(in_stdlib)) return in_stdlib.generic_string();
  }
  return in_main.generic_string();
}

std::filesystem::path canonical_or_absolute(const std::string& p) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(p, ec);
  if (ec) return std::filesystem::path(p).lexically_normal();
  std::filesystem::path c = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : c;
}

void describe_sources(const ast::Module& module, const SourceManager& sm, const std::string& stdlib_dir,
                      PackDescription& d) {
  namespace fs = std::filesystem;
  fs::path main_dir = canonical_or_absolute(sm.path(module.files.back().id)).parent_path();
  fs::path stdlib = stdlib_dir.empty() ? fs::path() : canonical_or_absolute(stdlib_dir);
  for (const ast::File& f : module.files)
    d.sources.push_back({source_name(canonical_or_absolute(sm.path(f.id)), main_dir, stdlib), std::string(sm.text(f.id))});
  if (const auto& header = module.files.back().header) {
    d.name = header->name.value;
    d.version = header->version.value;
  }
}

void describe_records(const sema::Program& p, Plan& plan) {
  PackDescription& d = plan.description;
  for (const sema::Record& r : p.records) {
    RecordDescription rd{r.name, r.label, r.input_file, 0, {}};
    std::vector<int32_t> columns(r.fields.size(), -1);
    for (uint32_t f = 0; f < r.fields.size(); ++f) {
      const sema::Field& field = r.fields[f];
      if (field.type.kind == sema::TypeKind::list) continue;
      columns[f] = static_cast<int32_t>(rd.fields.size());
      FieldDescription fd{field.name, field.column, abi_type(field.type), field.type.optional, -1, field.personal};
      if (field.type.kind == sema::TypeKind::record)
        fd.ref_record = static_cast<int32_t>(field.type.record.index);
      rd.fields.push_back(std::move(fd));
    }
    rd.key_field = static_cast<uint32_t>(columns[r.key_field]);
    if (r.is_group()) {
      rd.group_source = static_cast<int32_t>(p.groups[r.group].source.index);
      rd.n_keys = static_cast<uint32_t>(rd.fields.size());
    }
    d.records.push_back(std::move(rd));
    plan.columns.push_back(std::move(columns));
  }
  // A reference holds its target's key: personal when that key is.
  for (RecordDescription& rd : d.records)
    for (FieldDescription& fd : rd.fields)
      if (fd.type == AbiType::Ref) {
        const RecordDescription& target = d.records[fd.ref_record];
        fd.personal = target.fields[target.key_field].personal;
      }
  // Every `[R] via f` field reads a reverse-reference index over R.f, built
  // once per run; a group's `rows` reads the group-rows index the host fills
  // when it forms the group.
  for (uint32_t r = 0; r < p.records.size(); ++r) {
    std::vector<int32_t> slots(p.records[r].fields.size(), -1);
    for (uint32_t f = 0; f < p.records[r].fields.size(); ++f) {
      const sema::Field& field = p.records[r].fields[f];
      if (field.type.kind != sema::TypeKind::list) continue;
      uint32_t source = field.via_record.index;
      slots[f] = static_cast<int32_t>(d.indexes.size());
      if (field.via_field == sema::kGroupRows)
        d.indexes.push_back({IndexKind::GroupRows, r, 0});
      else
        d.indexes.push_back({IndexKind::ReverseRef, source,
                             static_cast<uint32_t>(plan.columns[source][field.via_field])});
    }
    plan.via_indexes.push_back(std::move(slots));
  }
}

void describe_params(const sema::Program& p, PackDescription& d) {
  for (const sema::Param& param : p.params)
    d.params.push_back({param.name, param.label, abi_type(param.type), literal_of(param.default_value),
                        param.range_low.has_value(), param.range_low ? literal_of(*param.range_low) : "",
                        param.range_high ? literal_of(*param.range_high) : ""});
}

void describe_tables(const sema::Program& p, PackDescription& d) {
  for (const sema::Table& t : p.tables) {
    TableDescription td;
    td.name = t.name;
    td.is_map = t.type.kind == sema::TypeKind::map;
    td.key_type = abi_kind(t.type.elem);
    td.source = t.inline_ ? "" : t.decl->from->value;
    td.key_column = table_key_column(t);
    if (td.is_map) {
      td.value_type = abi_kind(t.type.value);
      td.value_column = table_value_column(t);
    }
    td.csv = table_csv(t);
    d.tables.push_back(std::move(td));
  }
}

void describe_rules(const sema::Program& p, PackDescription& d) {
  for (const sema::Rule& r : p.rules)
    d.rules.push_back({r.id, r.title, r.category, abi_severity(r.severity), abi_verdict(r.verdict),
                       r.record.index, r.uses_hits});
}

void describe_scorecards(const sema::Program& p, PackDescription& d) {
  for (const sema::Scorecard& s : p.scorecards) {
    ScorecardDescription sd;
    sd.name = s.name;
    sd.title = s.title;
    sd.subject_record = s.record.index;
    sd.score_is_decimal = s.score_type.kind != sema::TypeKind::int_;
    for (const sema::ScoreItem& item : s.items) sd.items.push_back(item.label);
    for (const sema::Grade& g : s.grades) sd.grades.push_back(g.grade);
    sd.reasons = static_cast<uint32_t>(s.reasons);
    sd.reasons_highest = s.reasons_highest;
    d.scorecards.push_back(std::move(sd));
  }
}

std::string content_hash(const PackDescription& d) {
  std::vector<hash::NamedText> sources, tables;
  for (const SourceDescription& s : d.sources) sources.emplace_back(s.path, s.text);
  for (const TableDescription& t : d.tables) tables.emplace_back(t.name, t.csv);
  return hash::pack_content_hash(sources, tables);
}

}  // namespace

Plan lower(const sema::Program& program, const SourceManager& sources, const LowerOptions& options) {
  Plan plan;
  plan.program = &program;
  PackDescription& d = plan.description;
  d.compiler = options.compiler;
  describe_sources(*program.module, sources, options.stdlib_dir, d);
  describe_records(program, plan);
  describe_params(program, d);
  describe_tables(program, d);
  describe_rules(program, d);
  describe_scorecards(program, d);
  // After the via indexes: BY_FIELD index slots follow them.
  plan_aggregates(program, plan, options.access_plans);
  plan_row_caches(program, plan);
  d.hash = content_hash(d);
  return plan;
}

}  // namespace fides::lower
