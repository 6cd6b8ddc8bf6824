#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/html_text.h"

namespace fides::report {
namespace {
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The smallest of 1, 2, 5 × 10^k at or above v (1 for v ≤ 0): a step of a value axis.
double nice_ceiling(double v) {
  if (!(v > 0)) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

// About how wide `text` is drawn at 12 px: a Latin character 7 px, a Chinese one 13 px.
double text_width(std::string_view text) {
  double w = 0;
  for (unsigned char c : text) {
    if (c < 0x80) w += 7;
    else if (c >= 0xC0) w += 13;
  }
  return w;
}

std::string axis_value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return grouped_number(buf);
}
}  // namespace

const char* palette_color(size_t i) {
  static const char* const kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                         "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
}

std::string svg_bar(double fraction, int width, const char* color) {
  fraction = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  std::string w = std::to_string(width);
  return "<svg class=\"bar\" width=\"" + w + "\" height=\"12\" viewBox=\"0 0 " + w +
         " 12\" aria-hidden=\"true\"><rect width=\"" + w + "\" height=\"12\" fill=\"#edf0f4\"/><rect width=\"" +
         num(fraction * width) + "\" height=\"12\" fill=\"" + color + "\"/></svg>";
}

std::string svg_columns(const std::vector<Column>& columns, const std::string& title) {
  constexpr double kWidth = 960, kHeight = 240, kLeft = 56, kRight = 8, kTop = 16, kBottom = 36;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  // Four steps of a round whole number (the values are counts) up to the largest value.
  double largest = 0;
  for (const Column& c : columns) largest = std::max(largest, c.value);
  const double top = 4 * std::max(1.0, nice_ceiling(largest / 4));
  std::string out = "<svg class=\"chart\" width=\"" + num(kWidth) + "\" height=\"" + num(kHeight) +
                    "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) + "\" role=\"img\" aria-label=\"" +
                    html_escape(title) + "\">";
  for (int i = 0; i <= 4; ++i) {
    double y = kTop + plot_h - plot_h * i / 4;
    out += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(y) + "\" y2=\"" +
           num(y) + "\" stroke=\"#dde2e8\"/>";
    out += "<text x=\"" + num(kLeft - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\" class=\"tick\">" +
           axis_value(top * i / 4) + "</text>";
  }
  if (columns.empty()) return out + "</svg>";
  const double step = plot_w / static_cast<double>(columns.size());
  const double bar = std::max(1.0, std::min(step * 0.7, 48.0));
  // Every k-th label, so that labels (about 56 px) never overlap.
  const size_t every = static_cast<size_t>(std::ceil(60.0 / step));
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    double h = plot_h * std::max(0.0, c.value) / top;
    double x = kLeft + step * static_cast<double>(i) + (step - bar) / 2;
    double mid = x + bar / 2;
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(kTop + plot_h - h) + "\" width=\"" + num(bar) + "\" height=\"" +
           num(h) + "\" fill=\"" + palette_color(0) + "\"><title>" + html_escape(c.label + ": " + c.value_text) +
           "</title></rect>";
    if (step >= 28)
      out += "<text x=\"" + num(mid) + "\" y=\"" + num(kTop + plot_h - h - 4) + "\" text-anchor=\"middle\" "
             "class=\"value\">" + html_escape(c.value_text) + "</text>";
    if (i % every == 0)
      out += "<text x=\"" + num(mid) + "\" y=\"" + num(kHeight - kBottom + 18) + "\" text-anchor=\"middle\" "
             "class=\"tick\">" + html_escape(c.label) + "</text>";
  }
  return out + "</svg>";
}

std::string svg_parts(const std::vector<Part>& parts, const std::string& title) {
  constexpr double kWidth = 960, kHeight = 30;
  double total = 0;
  for (const Part& p : parts) total += std::max(0.0, p.value);
  std::string out = "<svg class=\"chart\" width=\"" + num(kWidth) + "\" height=\"" + num(kHeight) +
                    "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) + "\" role=\"img\" aria-label=\"" +
                    html_escape(title) + "\"><rect width=\"" + num(kWidth) + "\" height=\"" + num(kHeight) +
                    "\" fill=\"#edf0f4\"/>";
  if (total <= 0) return out + "</svg>";
  double x = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    double w = kWidth * std::max(0.0, parts[i].value) / total;
    if (w <= 0) continue;
    std::string text = parts[i].label + " " + axis_value(parts[i].value);
    out += "<rect x=\"" + num(x) + "\" width=\"" + num(w) + "\" height=\"" + num(kHeight) + "\" fill=\"" +
           palette_color(i) + "\"><title>" + html_escape(text) + "</title></rect>";
    if (w >= text_width(text) + 12)
      out += "<text x=\"" + num(x + w / 2) + "\" y=\"20\" text-anchor=\"middle\" class=\"part\">" + html_escape(text) +
             "</text>";
    x += w;
  }
  return out + "</svg>";
}

}  // namespace fides::report
