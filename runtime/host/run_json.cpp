#include "host/run_json.h"

#include <cstdio>

#include "data/utf8.h"
#include "data/values.h"
#include "host/masking.h"

namespace fides::host {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }
}  // namespace

std::string json_string(std::string_view in) {
  std::string s = data::utf8_valid(in) ? std::string(in) : data::utf8_repair(in);
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string run_json(const RunSummary& s) {
  const fides_pack& p = *s.pack;
  std::string j = "{\n";
  auto field = [&](const char* name, const std::string& value, bool comma = true) {
    j += "  " + json_string(name) + ": " + value + (comma ? ",\n" : "\n");
  };
  field("pack", json_string(str_or_empty(p.name)));
  field("version", json_string(str_or_empty(p.version)));
  field("hash", json_string(str_or_empty(p.hash)));
  // No pack file when the interpreter runs the sources: null, not a made-up value.
  field("pack_sha256", s.origin.sha256.empty() ? "null" : json_string(s.origin.sha256));
  field("signed", s.origin.is_signed ? "true" : "false");
  field("key_id", s.origin.is_signed ? json_string(s.origin.key_id) : "null");
  field("compiler", json_string(str_or_empty(p.compiler)));
  field("encoding", json_string(data::encoding_name(s.encoding)));
  field("output_encoding", json_string(output_encoding_name(s.output_encoding)));
  // Only with --mask, so that an unmasked run.json stays as it always was.
  if (s.mask_key) {
    field("masked", "true");
    field("mask_key", json_string(s.mask_key->fingerprint()));
    std::string fields = "[";
    for (const std::string& f : personal_fields(p)) fields += (fields.size() > 1 ? ", " : "") + json_string(f);
    field("masked_fields", fields + "]");
  }
  if (s.dataset) {
    const data::Dataset& d = *s.dataset;
    std::string params = "[";
    for (uint32_t i = 0; i < p.n_params && i < d.param_texts.size(); ++i)
      params += std::string(i ? ",\n" : "\n") + "    {\"name\": " + json_string(p.params[i].name) +
                ", \"value\": " + json_string(d.param_texts[i]) + "}";
    field("params", params + (p.n_params ? "\n  ]" : "]"));
    std::string tables = "[";
    for (uint32_t i = 0; i < p.n_tables && i < d.tables.size(); ++i)
      tables += std::string(i ? ",\n" : "\n") + "    {\"name\": " + json_string(p.tables[i].name) +
                ", \"source\": " + json_string(d.table_sources[i]) +
                ", \"entries\": " + std::to_string(d.table_data[i].n) + "}";
    field("tables", tables + (p.n_tables ? "\n  ]" : "]"));
    std::string inputs = "[";
    for (size_t i = 0; i < d.inputs.size(); ++i) {
      const data::InputStat& in = d.inputs[i];
      inputs += std::string(i ? ",\n" : "\n") + "    {\"record\": " + json_string(in.record) +
                ", \"file\": " + json_string(in.file) + ", \"encoding\": " + json_string(in.encoding) +
                ", \"sha256\": " + json_string(in.sha256) +
                ", \"rows\": " + std::to_string(in.rows) + ", \"loaded\": " + std::to_string(in.loaded) +
                ", \"rejected\": " + std::to_string(in.rejected) + "}";
    }
    field("inputs", inputs + (d.inputs.empty() ? "]" : "\n  ]"));
    field("rejects", std::to_string(d.rejects.size()));
    std::string warnings = "[";
    for (size_t i = 0; i < d.warnings.size(); ++i) warnings += (i ? ", " : "") + json_string(d.warnings[i]);
    field("warnings", warnings + "]");
  }
  if (s.overview) {
    const Overview& o = *s.overview;
    std::string rules = "[";
    for (size_t i = 0; i < o.rules.size(); ++i) {
      const RuleOverview& r = o.rules[i];
      rules += std::string(i ? ",\n" : "\n") + "    {\"id\": " + json_string(r.id) + ", \"name\": " +
               json_string(r.name) + ", \"category\": " + json_string(r.category) +
               ", \"severity\": " + json_string(r.severity) + ", \"findings\": " + std::to_string(r.findings) +
               ", \"amount\": " + money_total_text(r.amount) + ", \"errors\": " + std::to_string(r.errors) + "}";
    }
    field("rules", rules + (o.rules.empty() ? "]" : "\n  ]"));
    std::string months = "[";
    for (size_t i = 0; i < o.months.size(); ++i) {
      const MonthOverview& m = o.months[i];
      months += std::string(i ? ",\n" : "\n") + "    {\"month\": " +
                (m.month.empty() ? "null" : json_string(m.month)) + ", \"findings\": " +
                std::to_string(m.findings) + ", \"amount\": " + money_total_text(m.amount) + "}";
    }
    field("findings_by_month", months + (o.months.empty() ? "]" : "\n  ]"));
    std::string cards = "[";
    for (size_t i = 0; i < o.scorecards.size(); ++i) {
      const ScorecardOverview& c = o.scorecards[i];
      std::string grades, subjects;
      for (const GradeCount& g : c.grades)
        grades += std::string(grades.empty() ? "" : ", ") + "{\"grade\": " + json_string(g.grade) +
                  ", \"subjects\": " + std::to_string(g.subjects) + "}";
      for (const ListedSubject& x : c.subjects)
        subjects += std::string(subjects.empty() ? "\n" : ",\n") + "       {\"key\": " + json_string(x.key) +
                    ", \"name\": " + json_string(x.name) + ", \"score\": " + x.score +
                    ", \"grade\": " + json_string(x.grade) + ", \"reasons\": " + json_string(x.reasons) + "}";
      cards += std::string(i ? ",\n" : "\n") + "    {\"name\": " + json_string(c.name) +
               ", \"record\": " + json_string(c.record) + ", \"record_label\": " + json_string(c.record_label) +
               ", \"scores\": " + std::to_string(c.scores) +
               ", \"errors\": " + std::to_string(c.errors) + ",\n     \"grades\": [" + grades +
               "],\n     \"listing\": " + json_string(listing_name(c.listing)) +
               ", \"listable\": " + std::to_string(c.listable) + ", \"subjects\": [" + subjects +
               (subjects.empty() ? "]}" : "\n     ]}");
    }
    field("scorecards", cards + (o.scorecards.empty() ? "]" : "\n  ]"));
  }
  std::string timings = "{\"threads\": " + std::to_string(s.threads);
  for (const auto& [name, ms] : s.timings) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", ms);
    timings += ", " + json_string(name) + ": " + buf;
  }
  field("timings", timings + "}");
  if (!s.error.empty()) field("error", json_string(s.error));
  field("finished", s.finished ? "true" : "false", false);
  return j + "}\n";
}

}  // namespace fides::host
