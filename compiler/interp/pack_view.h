// An in-memory fides_pack built from a lower::PackDescription, so the host
// library (loader, scheduler, output writers) runs the interpreter with the
// descriptor a native pack of the same program would export. Every pointer
// in the fides_pack points into storage this object owns. Its eval_rule and
// eval_scorecard are stubs returning 1 (the host::Evaluator carries the real
// callables; the stubs exist only because the loader's descriptor check
// requires non-null entry points).
#pragma once

#include <memory>
#include <vector>

#include "fides/pack_abi.h"
#include "lower/pack_description.h"

namespace fides::interp {

class PackView {
 public:
  explicit PackView(const lower::PackDescription& description);
  PackView(const PackView&) = delete;
  PackView& operator=(const PackView&) = delete;

  const fides_pack& pack() const { return pack_; }
  const fides_pack* get() const { return &pack_; }
  const lower::PackDescription& description() const { return description_; }

 private:
  lower::PackDescription description_;  // owned copy: the strings the views point into
  std::vector<fides_source_desc> sources_;
  std::vector<std::vector<fides_field_desc>> fields_;
  std::vector<fides_record_desc> records_;
  std::vector<fides_param_desc> params_;
  std::vector<fides_table_desc> tables_;
  std::vector<fides_rule_desc> rules_;
  std::vector<std::vector<const char*>> items_, grades_;
  std::vector<fides_scorecard_desc> scorecards_;
  std::vector<fides_index_desc> indexes_;
  fides_pack pack_{};
};

}  // namespace fides::interp
