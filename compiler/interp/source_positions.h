// Where an expression is, as an evaluation error names it:
// "<path>:<line>:<column>" with the descriptor's source path of the span's
// file and the column in code points (the same counting as SourceManager).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "lower/pack_description.h"

namespace fides::interp {

class SourcePositions {
 public:
  // Files of `module`, in order, are the descriptor's sources, in order.
  SourcePositions(const ast::Module& module, const lower::PackDescription& description);

  // "path:line:column" of the start of `span`; "?" for an unknown file.
  std::string describe(Span span) const;

 private:
  struct Source {
    const std::string* path = nullptr;
    const std::string* text = nullptr;
    std::vector<uint32_t> line_starts;
  };
  std::vector<Source> sources_;
  std::vector<int32_t> source_of_file_;  // FileId index → sources_ index, or -1
};

}  // namespace fides::interp
