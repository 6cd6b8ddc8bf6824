#include "lsp/reference.h"

#include <optional>
#include <vector>

namespace fides::lsp {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    lines.push_back(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  }
  return lines;
}

// The first cell of a table row, up to the first `|` that is not escaped.
std::string_view first_cell(std::string_view row) {
  row.remove_prefix(1);
  for (size_t i = 0; i < row.size(); ++i)
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) return row.substr(0, i);
  return row;
}

// A heading's text without its `#`s.
std::string_view heading_text(std::string_view line) {
  size_t start = line.find_first_not_of('#');
  line.remove_prefix(start == std::string_view::npos ? line.size() : start);
  while (line.starts_with(" ")) line.remove_prefix(1);
  return line;
}

// The heading that names `name` in backticks and the paragraph after it.
std::string section_opening(const std::vector<std::string_view>& lines, std::string_view name) {
  std::string quoted = "`" + std::string(name) + "`";
  bool in_fence = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].starts_with("```")) in_fence = !in_fence;
    if (in_fence || !lines[i].starts_with("#") || lines[i].find(quoted) == std::string_view::npos) continue;
    std::string out = "**" + std::string(heading_text(lines[i])) + "**\n\n";
    size_t k = i + 1;
    while (k < lines.size() && lines[k].empty()) ++k;
    auto in_paragraph = [&](std::string_view l) { return !l.empty() && !l.starts_with("#") && !l.starts_with("```"); };
    for (; k < lines.size() && in_paragraph(lines[k]); ++k) out += std::string(lines[k]) + "\n";
    return out;
  }
  return "";
}

}  // namespace

std::string reference_rows(std::string_view reference, std::string_view name) {
  std::string call = "`" + std::string(name) + "(";
  std::vector<std::string_view> lines = lines_of(reference);
  std::string out;
  std::string_view heading;
  bool in_fence = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.starts_with("```")) in_fence = !in_fence;
    if (in_fence) continue;
    if (line.starts_with("#")) {
      heading = heading_text(line);
      continue;
    }
    // A table: a header line, a separator line, then rows.
    bool table_starts = line.starts_with("|") && i + 1 < lines.size() && lines[i + 1].starts_with("| ---");
    if (!table_starts) continue;
    std::string_view header = line, separator = lines[i + 1];
    bool shown = false;
    for (i += 2; i < lines.size() && lines[i].starts_with("|"); ++i) {
      if (first_cell(lines[i]).find(call) == std::string_view::npos) continue;
      if (!shown) {
        if (!out.empty()) out += "\n";
        out += "**" + std::string(heading) + "**\n\n";
        out += std::string(header) + "\n" + std::string(separator) + "\n";
        shown = true;
      }
      out += std::string(lines[i]) + "\n";
    }
    --i;  // the line after the table is looked at again
  }
  return out.empty() ? section_opening(lines, name) : out;
}

}  // namespace fides::lsp
