#include "report/report_html.h"

#include <algorithm>

#include "report/html_text.h"
#include "report/svg_chart.h"

namespace fides::report {
namespace {
using host::MoneyTotal;

constexpr const char* kStyle = R"(
body{margin:0;background:#f5f7fa;color:#1f2933;font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px 20px 40px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid #4e79a7}
h3{font-size:15px;margin:20px 0 8px}
.sub,.note{color:#52606d}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{flex:1 1 150px;background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:10px 14px}
.card b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.card span{color:#52606d;font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0}
th,td{border:1px solid #dde2e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e9eef4;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.code{font-family:"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
tr:nth-child(even) td{background:#fafbfc}
svg.chart{display:block;width:100%;height:auto;background:#fff;border:1px solid #dde2e8;margin:6px 0}
svg.bar{display:block}
svg text{font:12px "Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;fill:#1f2933}
svg text.part{fill:#fff;font-weight:600}
.legend>span{margin-right:18px;white-space:nowrap}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
footer{margin-top:36px;color:#7b8794;font-size:12px}
)";

std::string money(MoneyTotal v) { return grouped_number(host::money_total_text(v)); }
double as_double(MoneyTotal v) { return static_cast<double>(v); }

std::string severity_zh(const std::string& s) {
  if (s == "info") return "提示";
  if (s == "low") return "低";
  if (s == "medium") return "中";
  if (s == "high") return "高";
  if (s == "critical") return "严重";
  return s;
}

std::string cell(const std::string& text, const char* cls = nullptr) {
  return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + html_escape(text) + "</td>";
}
std::string number_cell(const std::string& grouped) { return "<td class=\"n\">" + grouped + "</td>"; }
std::string header_row(std::initializer_list<const char*> names) {
  std::string out = "<tr>";
  for (const char* n : names) out += std::string("<th>") + n + "</th>";
  return out + "</tr>";
}
std::string card(const std::string& value, const char* label) {
  return "<div class=\"card\"><b>" + value + "</b><span>" + label + "</span></div>";
}

std::string heading(const RunRecord& run) {
  return "<h1>医保基金监管报告</h1><p class=\"sub\">规则包 " + html_escape(run.pack) + " " +
         html_escape(run.version) + " · 内容哈希 <code>" + html_escape(run.hash.substr(0, 12)) + "</code></p>";
}

std::string key_figures(const RunRecord& run, const OutputRows& errors) {
  int64_t rows = 0, loaded = 0, scored = 0;
  for (const InputRecord& in : run.inputs) {
    rows += in.rows;
    loaded += in.loaded;
  }
  for (const host::ScorecardOverview& c : run.overview.scorecards) scored += c.scores;
  host::FindingTotals t = host::totals_of(run.overview.rules);
  return "<section class=\"cards\">" + card(grouped_count(rows), "输入行") + card(grouped_count(loaded), "载入行") +
         card(grouped_count(run.rejects), "拒收行") + card(grouped_count(t.findings), "疑点") +
         card(money(t.amount), "疑点金额（元）") + card(grouped_count(scored), "评分主体") +
         card(grouped_count(errors.total), "无法评估") + "</section>";
}

std::string by_category(const RunRecord& run) {
  std::vector<host::CategoryOverview> categories = host::categories_of(run.overview.rules);
  MoneyTotal top = 0;
  for (const auto& c : categories) top = std::max(top, c.amount);
  std::string out = "<h2>疑点按类别</h2><table>" + std::string(header_row({"类别", "疑点数", "金额（元）", "金额占比"}));
  for (const auto& c : categories)
    out += "<tr>" + cell(c.category.empty() ? "（未分类）" : c.category) + number_cell(grouped_count(c.findings)) +
           number_cell(money(c.amount)) + "<td>" +
           svg_bar(top > 0 ? as_double(c.amount) / as_double(top) : 0, 220, palette_color(0)) + "</td></tr>";
  return out + "</table>";
}

std::string by_rule(const RunRecord& run) {
  int64_t top = 0;
  for (const auto& r : run.overview.rules) top = std::max(top, r.findings);
  std::string out = "<h2>疑点按规则</h2><table>" +
                    std::string(header_row({"规则", "名称", "类别", "严重程度", "疑点数", "金额（元）", "无法评估", ""}));
  for (const auto& r : run.overview.rules)
    out += "<tr>" + cell(r.id, "code") + cell(r.name) + cell(r.category) + cell(severity_zh(r.severity)) +
           number_cell(grouped_count(r.findings)) + number_cell(money(r.amount)) +
           number_cell(grouped_count(r.errors)) + "<td>" +
           svg_bar(top > 0 ? static_cast<double>(r.findings) / static_cast<double>(top) : 0, 120, palette_color(1)) +
           "</td></tr>";
  return out + "</table>";
}

std::string over_time(const RunRecord& run) {
  std::string out = "<h2>疑点时间分布</h2>";
  std::vector<Column> columns;
  const host::MonthOverview* undated = nullptr;
  for (const auto& m : run.overview.months) {
    if (m.month.empty()) undated = &m;
    else columns.push_back({m.month, grouped_count(m.findings), static_cast<double>(m.findings)});
  }
  if (columns.empty() && !undated) return out + "<p class=\"note\">本次运行没有疑点。</p>";
  out += "<p class=\"note\">按疑点发生的月份（就诊、结算或费用明细等事件的日期）计数。</p>";
  out += svg_columns(columns, "每月疑点数");
  out += "<table>" + std::string(header_row({"月份", "疑点数", "金额（元）"}));
  for (const auto& m : run.overview.months)
    out += "<tr>" + cell(m.month.empty() ? "无日期（机构、人员层面的疑点）" : m.month) +
           number_cell(grouped_count(m.findings)) + number_cell(money(m.amount)) + "</tr>";
  return out + "</table>";
}

// The record as supervisors name it: its label, else its name.
std::string record_text(const host::ScorecardOverview& c) {
  return html_escape(c.record_label.empty() ? c.record : c.record_label);
}

std::string grades(const host::ScorecardOverview& c) {
  std::vector<Part> parts;
  for (const auto& g : c.grades) parts.push_back({g.grade, static_cast<double>(g.subjects)});
  std::string out = svg_parts(parts, c.name + " 各等级主体数") + "<p class=\"legend\">";
  for (size_t i = 0; i < c.grades.size(); ++i)
    out += "<span><span class=\"swatch\" style=\"background:" + std::string(palette_color(i)) + "\"></span>" +
           html_escape(c.grades[i].grade) + " " + grouped_count(c.grades[i].subjects) + "</span>";
  return out + "</p>";
}

std::string scorecards(const RunRecord& run) {
  std::string out;
  for (const auto& c : run.overview.scorecards) {
    if (c.listing == host::Listing::first_grade) continue;
    out += "<h3>" + html_escape(c.name) + "（" + grouped_count(c.scores) + " 个" + record_text(c) + (c.errors ? "，" + grouped_count(c.errors) + " 个无法评估" : "") + "）</h3>";
    if (!c.grades.empty()) out += grades(c);
    if (c.subjects.empty()) continue;
    out += std::string("<p class=\"note\">") +
           (c.listing == host::Listing::highest ? "记分最高（记分越高越需关注）" : "得分最低") + "的 " +
           grouped_count(static_cast<int64_t>(c.subjects.size())) + " 个主体及主要原因：</p><table>" +
           header_row({"序号", "编码", "名称", "得分", "等级", "主要原因"});
    for (size_t i = 0; i < c.subjects.size(); ++i) {
      const host::ListedSubject& s = c.subjects[i];
      out += "<tr>" + number_cell(std::to_string(i + 1)) + cell(s.key, "code") + cell(s.name) +
             number_cell(html_escape(grouped_number(s.score))) + cell(s.grade) + cell(s.reasons) + "</tr>";
    }
    out += "</table>";
  }
  return out.empty() ? out : "<h2>信用评分</h2>" + out;
}

std::string selections(const RunRecord& run) {
  std::string out;
  for (const auto& c : run.overview.scorecards) {
    if (c.listing != host::Listing::first_grade) continue;
    out += "<h3>" + html_escape(c.name) + "：" + html_escape(c.grades[0].grade) + " " + grouped_count(c.listable) +
           " 个（共 " + grouped_count(c.scores) + " 个" + record_text(c) + "）</h3>";
    if (c.subjects.empty()) continue;
    out += "<table>" + std::string(header_row({"序号", "编码", "名称"}));
    for (size_t i = 0; i < c.subjects.size(); ++i)
      out += "<tr>" + number_cell(std::to_string(i + 1)) + cell(c.subjects[i].key, "code") +
             cell(c.subjects[i].name) + "</tr>";
    out += "</table>";
    if (c.listable > static_cast<int64_t>(c.subjects.size()))
      out += "<p class=\"note\">另有 " + grouped_count(c.listable - static_cast<int64_t>(c.subjects.size())) +
             " 个，完整名单见 scores.csv（等级为“" + html_escape(c.grades[0].grade) + "”的行）。</p>";
  }
  return out.empty() ? out : "<h2>抽查名单</h2>" + out;
}

std::string run_inputs(const RunRecord& run) {
  auto row = [](const char* name, const std::string& value, const char* cls = nullptr) {
    return std::string("<tr><th>") + name + "</th>" + cell(value, cls) + "</tr>";
  };
  std::string out = "<h2>运行信息</h2><table>" + row("规则包", run.pack + " " + run.version) +
                    row("内容哈希", run.hash, "code") +
                    row("包文件 SHA-256", run.pack_sha256.empty() ? "（解释执行，无包文件）" : run.pack_sha256, "code") +
                    row("签名", run.is_signed ? "已验证，密钥 " + run.key_id : "未验证签名") +
                    row("编译器", run.compiler) + row("输入编码", run.encoding) + "</table>";
  out += "<h3>输入文件</h3><table>" +
         std::string(header_row({"记录", "文件", "编码", "行数", "载入", "拒收", "SHA-256"}));
  for (const InputRecord& in : run.inputs)
    out += "<tr>" + cell(in.record) + cell(in.file) + cell(in.encoding) + number_cell(grouped_count(in.rows)) +
           number_cell(grouped_count(in.loaded)) + number_cell(grouped_count(in.rejected)) + cell(in.sha256, "code") +
           "</tr>";
  out += "</table>";
  if (!run.params.empty()) {
    out += "<h3>参数</h3><table>" + std::string(header_row({"参数", "取值"}));
    for (const ParamRecord& p : run.params) out += "<tr>" + cell(p.name, "code") + cell(p.value) + "</tr>";
    out += "</table>";
  }
  if (!run.tables.empty()) {
    out += "<h3>知识库表</h3><table>" + std::string(header_row({"表", "来源", "条目数"}));
    for (const TableRecord& t : run.tables)
      out += "<tr>" + cell(t.name, "code") + cell(t.source == "embedded" ? "内嵌于规则包" : t.source) +
             number_cell(grouped_count(t.entries)) + "</tr>";
    out += "</table>";
  }
  if (!run.warnings.empty()) {
    out += "<h3>警告</h3><ul>";
    for (const std::string& w : run.warnings) out += "<li>" + html_escape(w) + "</li>";
    out += "</ul>";
  }
  return out;
}

// The first rows of a CSV output, with how many there are in all.
std::string csv_rows(const char* title, const char* file, const OutputRows& rows,
                     std::initializer_list<const char*> header, std::initializer_list<size_t> code_columns) {
  std::string out = std::string("<h2>") + title + "</h2>";
  if (rows.total == 0) return out + "<p class=\"note\">无。</p>";
  out += "<p class=\"note\">共 " + grouped_count(rows.total) + " 行（" + file + "）" +
         (rows.total > static_cast<int64_t>(rows.rows.size()) ? "，以下为前 " + grouped_count(static_cast<int64_t>(rows.rows.size())) + " 行" : "") +
         "。</p><table>" + header_row(header);
  for (const auto& r : rows.rows) {
    out += "<tr>";
    for (size_t i = 0; i < r.size(); ++i)
      out += cell(r[i], std::find(code_columns.begin(), code_columns.end(), i) != code_columns.end() ? "code" : nullptr);
    out += "</tr>";
  }
  return out + "</table>";
}
}  // namespace

std::string report_html(const RunRecord& run, const OutputRows& rejects, const OutputRows& errors) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>医保基金监管报告 " +
                    html_escape(run.pack) + " " + html_escape(run.version) + "</title>\n<style>" + kStyle +
                    "</style>\n</head>\n<body>\n<main>\n";
  out += heading(run) + "\n" + key_figures(run, errors) + "\n" + by_category(run) + "\n" + by_rule(run) + "\n" +
         over_time(run) + "\n" + scorecards(run) + "\n" + selections(run) + "\n" + run_inputs(run) + "\n" +
         csv_rows("拒收行", "rejects.csv", rejects, {"文件", "行", "列", "原因", "原文"}, {4}) + "\n" +
         csv_rows("无法评估", "errors.csv", errors, {"类型", "规则或评分", "记录", "编码", "原因"},
                  {3}) +
         "\n<footer>由 fides report 根据 run.json、rejects.csv、errors.csv 生成；疑点明细见 findings.csv，"
         "全部评分见 scores.csv。</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace fides::report
