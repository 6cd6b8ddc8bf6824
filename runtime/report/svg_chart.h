// Charts as inline SVG, drawn here so the report needs no script and no
// library: a bar inside a table cell, columns over time, and one bar split
// into parts (subjects per grade). Coordinates are printed with one decimal,
// so the same data give the same bytes.
#pragma once

#include <string>
#include <vector>

namespace fides::report {

// The i-th colour of a categorical palette (Tableau 10), repeating.
const char* palette_color(size_t i);

// A bar `width` px wide with `fraction` (0…1) of it filled: a table cell's share of the largest.
std::string svg_bar(double fraction, int width, const char* color);

struct Column {
  std::string label;       // under the column (every label that fits)
  std::string value_text;  // above it, when there is room
  double value = 0;
};

// Columns left to right of whole numbers (counts), with a value axis from 0;
// `title` is the chart's accessible name.
std::string svg_columns(const std::vector<Column>& columns, const std::string& title);

struct Part {
  std::string label;
  double value = 0;
};

// One horizontal bar split into parts in palette order; a part wide enough shows its label and value.
std::string svg_parts(const std::vector<Part>& parts, const std::string& title);

}  // namespace fides::report
