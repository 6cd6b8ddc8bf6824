#include "serve/answer_json.h"

#include <nlohmann/json.hpp>

#include "data/cell_value.h"
#include "data/descriptor_check.h"
#include "data/typed_value.h"
#include "data/utf8.h"
#include "data/values.h"

namespace fides::serve {
namespace {
using Json = nlohmann::ordered_json;

const char* str_or_empty(const char* s) { return s ? s : ""; }

std::string utf8(std::string_view s) { return data::utf8_valid(s) ? std::string(s) : data::utf8_repair(s); }

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

const char* type_word(const fides_pack& pack, const fides_field_desc& f) {
  return f.type == FIDES_TYPE_REF ? pack.records[f.ref_record].name : data::type_name(f.type);
}
}  // namespace

std::string answer_json(const History& history, const Answer& answer, const StagedRequest& request) {
  const fides_pack& pack = history.pack();
  Json findings = Json::array();
  for (const AnswerFinding& f : answer.findings) {
    const fides_rule_desc& rule = pack.rules[f.rule];
    Json attributed = Json::object();
    for (const auto& [record, keys] : f.attributed) attributed[pack.records[record].name] = keys;
    findings.push_back({{"rule_id", str_or_empty(rule.id)},
                        {"rule_name", str_or_empty(rule.name)},
                        {"category", str_or_empty(rule.category)},
                        {"severity", data::format_severity_value(rule.severity)},
                        {"verdict", rule.verdict ? "definite" : "suspicious"},
                        {"record", pack.records[rule.subject_record].name},
                        {"key", f.key},
                        {"amount", data::format_money_value(f.amount)},
                        {"points", f.points},
                        {"message", utf8(f.message)},
                        {"attributed", std::move(attributed)}});
  }
  Json errors = Json::array();
  for (const AnswerError& e : answer.errors)
    errors.push_back({{"kind", e.kind}, {"id", e.id}, {"record", e.record}, {"key", e.key}, {"message", utf8(e.message)}});
  Json rejects = Json::array();
  for (const RequestReject& r : request.rejects)
    rejects.push_back(
        {{"record", pack.records[r.record].name}, {"index", r.index}, {"column", r.column}, {"reason", r.reason}});
  Json out = {{"findings", std::move(findings)},
              {"errors", std::move(errors)},
              {"rejects", std::move(rejects)},
              {"pack", {{"name", str_or_empty(pack.name)}, {"version", str_or_empty(pack.version)},
                        {"hash", str_or_empty(pack.hash)}}}};
  return dump(out);
}

std::string pack_json(const History& history, const trust::PackOrigin& origin) {
  const fides_pack& pack = history.pack();
  const data::Dataset& data = history.dataset();
  const uint32_t inputs = data::input_record_count(pack);
  Json records = Json::array(), groups = Json::array();
  for (uint32_t r = 0; r < pack.n_records; ++r) {
    const fides_record_desc& desc = pack.records[r];
    Json fields = Json::array();
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      Json one = {{"field", str_or_empty(field.name)}};
      if (r < inputs) one["column"] = data::column_name(field);
      one["type"] = type_word(pack, field);
      one["optional"] = field.optional != 0;
      fields.push_back(std::move(one));
    }
    if (r < inputs) {
      const char* file = desc.input_file && *desc.input_file ? desc.input_file : nullptr;
      records.push_back({{"name", desc.name},
                         {"label", str_or_empty(desc.label)},
                         {"file", file ? std::string(file) : std::string(desc.name) + ".csv"},
                         {"key", data::column_name(desc.fields[desc.key_field])},
                         {"loaded", history.rows(r)},
                         {"columns", std::move(fields)}});
    } else {
      groups.push_back({{"name", desc.name},
                        {"label", str_or_empty(desc.label)},
                        {"for", pack.records[desc.group_source].name},
                        {"loaded", history.rows(r)},
                        {"keys", std::move(fields)}});
    }
  }
  Json params = Json::array();
  for (uint32_t i = 0; i < pack.n_params; ++i) {
    const fides_param_desc& p = pack.params[i];
    Json one = {{"name", str_or_empty(p.name)},
                {"label", str_or_empty(p.label)},
                {"type", data::type_name(p.type)},
                {"value", i < data.param_texts.size() ? data.param_texts[i] : ""},
                {"default", str_or_empty(p.default_literal)}};
    if (p.has_range) one["range"] = {str_or_empty(p.range_low), str_or_empty(p.range_high)};
    params.push_back(std::move(one));
  }
  Json tables = Json::array();
  for (uint32_t i = 0; i < pack.n_tables; ++i)
    tables.push_back({{"name", str_or_empty(pack.tables[i].name)},
                      {"kind", pack.tables[i].is_map ? "map" : "set"},
                      {"source", i < data.table_sources.size() ? data.table_sources[i] : "embedded"},
                      {"entries", data.table_data[i].n}});
  Json rules = Json::array();
  for (uint32_t i = 0; i < pack.n_rules; ++i) {
    const fides_rule_desc& rule = pack.rules[i];
    rules.push_back({{"id", str_or_empty(rule.id)},
                     {"name", str_or_empty(rule.name)},
                     {"category", str_or_empty(rule.category)},
                     {"severity", data::format_severity_value(rule.severity)},
                     {"verdict", rule.verdict ? "definite" : "suspicious"},
                     {"record", pack.records[rule.subject_record].name},
                     {"uses_hits", rule.uses_hits != 0}});
  }
  Json out = {{"name", str_or_empty(pack.name)},
              {"version", str_or_empty(pack.version)},
              {"hash", str_or_empty(pack.hash)},
              {"compiler", str_or_empty(pack.compiler)},
              {"pack_sha256", origin.sha256},
              {"signed", origin.is_signed},
              {"key_id", origin.is_signed ? Json(origin.key_id) : Json(nullptr)},
              {"records", std::move(records)},
              {"groups", std::move(groups)},
              {"params", std::move(params)},
              {"tables", std::move(tables)},
              {"rules", std::move(rules)}};
  return dump(out);
}

std::string error_json(const std::string& message) { return dump(Json{{"error", utf8(message)}}); }

}  // namespace fides::serve
