#include "interp/pack_view.h"

namespace fides::interp {

template <class T>
static const T* data_or_null(const std::vector<T>& v) {
  return v.empty() ? nullptr : v.data();
}

PackView::PackView(const lower::PackDescription& description) : description_(description) {
  const lower::PackDescription& d = description_;
  for (const auto& s : d.sources) sources_.push_back({s.path.c_str(), s.text.data(), s.text.size()});

  fields_.resize(d.records.size());
  for (size_t r = 0; r < d.records.size(); ++r) {
    for (const auto& f : d.records[r].fields)
      fields_[r].push_back({f.name.c_str(), f.column.c_str(), static_cast<uint32_t>(f.type),
                            f.optional ? 1u : 0u, f.ref_record, f.abi_flags()});
  }
  for (size_t r = 0; r < d.records.size(); ++r) {
    const auto& rd = d.records[r];
    records_.push_back({rd.name.c_str(), rd.label.c_str(), rd.key_field, static_cast<uint32_t>(fields_[r].size()),
                        data_or_null(fields_[r]), rd.group_source, rd.n_keys,
                        rd.input_file.empty() ? nullptr : rd.input_file.c_str()});
  }
  for (const auto& p : d.params)
    params_.push_back({p.name.c_str(), p.label.c_str(), static_cast<uint32_t>(p.type), p.has_range ? 1u : 0u,
                       p.default_literal.c_str(), p.range_low.c_str(), p.range_high.c_str()});
  for (const auto& t : d.tables) {
    fides_table_desc td{};
    td.name = t.name.c_str();
    td.is_map = t.is_map ? 1 : 0;
    td.key_type = static_cast<uint32_t>(t.key_type);
    td.value_type = t.value_type ? static_cast<uint32_t>(*t.value_type) : 0;
    td.key_column = t.key_column.c_str();
    td.value_column = t.value_column ? t.value_column->c_str() : nullptr;
    td.source = t.source.c_str();
    td.csv = t.csv.data();
    td.csv_len = t.csv.size();
    tables_.push_back(td);
  }
  for (const auto& r : d.rules)
    rules_.push_back({r.id.c_str(), r.name.c_str(), r.category.c_str(), static_cast<uint32_t>(r.severity),
                      static_cast<uint32_t>(r.verdict), r.subject_record, r.uses_hits ? 1u : 0u});
  items_.resize(d.scorecards.size());
  grades_.resize(d.scorecards.size());
  for (size_t s = 0; s < d.scorecards.size(); ++s) {
    for (const auto& i : d.scorecards[s].items) items_[s].push_back(i.c_str());
    for (const auto& g : d.scorecards[s].grades) grades_[s].push_back(g.c_str());
  }
  for (size_t s = 0; s < d.scorecards.size(); ++s) {
    const auto& sd = d.scorecards[s];
    fides_scorecard_desc c{};
    c.name = sd.name.c_str();
    c.title = sd.title.c_str();
    c.subject_record = sd.subject_record;
    c.score_is_decimal = sd.score_is_decimal ? 1 : 0;
    c.n_items = static_cast<uint32_t>(items_[s].size());
    c.n_grades = static_cast<uint32_t>(grades_[s].size());
    c.items = data_or_null(items_[s]);
    c.grades = data_or_null(grades_[s]);
    c.reasons = sd.reasons;
    c.reasons_highest = sd.reasons_highest ? 1 : 0;
    scorecards_.push_back(c);
  }
  for (const auto& i : d.indexes)
    indexes_.push_back({static_cast<uint32_t>(i.kind), i.record, i.field, static_cast<uint32_t>(i.path.size()),
                        data_or_null(i.path)});

  pack_.abi_version = FIDES_ABI_VERSION;
  pack_.name = d.name.c_str();
  pack_.version = d.version.c_str();
  pack_.compiler = d.compiler.c_str();
  pack_.hash = d.hash.c_str();
  pack_.n_sources = static_cast<uint32_t>(sources_.size());
  pack_.n_records = static_cast<uint32_t>(records_.size());
  pack_.n_params = static_cast<uint32_t>(params_.size());
  pack_.n_tables = static_cast<uint32_t>(tables_.size());
  pack_.n_rules = static_cast<uint32_t>(rules_.size());
  pack_.n_scorecards = static_cast<uint32_t>(scorecards_.size());
  pack_.n_indexes = static_cast<uint32_t>(indexes_.size());
  pack_.sources = data_or_null(sources_);
  pack_.records = data_or_null(records_);
  pack_.params = data_or_null(params_);
  pack_.tables = data_or_null(tables_);
  pack_.rules = data_or_null(rules_);
  pack_.scorecards = data_or_null(scorecards_);
  pack_.indexes = data_or_null(indexes_);
  // The interpreter's entry points are the Evaluator's callables, not pointers here.
  pack_.eval_rule = nullptr;
  pack_.eval_scorecard = nullptr;
  pack_.eval_group = nullptr;
}

}  // namespace fides::interp
