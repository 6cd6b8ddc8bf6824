// The text and JSON forms in both languages, and carets under Chinese source.
#include <doctest/doctest.h>

#include "diag/diagnostic.h"

using namespace fides;

namespace {

struct Source {
  SourceManager sm;
  FileId file;
  explicit Source(std::string text) { file = sm.add("规则.fides", std::move(text)); }
  // The span of the first occurrence of `what`.
  Span span_of(std::string_view what) const {
    auto at = static_cast<uint32_t>(sm.text(file).find(what));
    return Span{file, at, at + static_cast<uint32_t>(what.size())};
  }
};

}  // namespace

TEST_CASE("one diagnostic renders in either language") {
  Source s("rule R1 \"限女性\" {\n  when 性别 == \"男\" and p.gendre == 1\n}\n");
  Diagnostics diags;
  diags.error(DiagKind::unknown_field, s.span_of("gendre"), "gendre", "Person")
      .with_help(say(Phrase::help_did_you_mean, "gender"))
      .with_note(s.span_of("rule"), say(Phrase::note_declared_here, "R1"));
  const Diagnostic& d = diags.all()[0];
  // The 23 characters before `gendre` (column 24) take 26 terminal columns:
  // each of the three Chinese characters is two wide.
  std::string caret = "      | " + std::string(26, ' ') + "^^^^^^\n";
  CHECK(render_text(d, s.sm, Lang::en) ==
        "规则.fides:2:24: error[E0104]: unknown field 'gendre' on record Person\n"
        "    2 |   when 性别 == \"男\" and p.gendre == 1\n" +
            caret +
            "  help: did you mean 'gender'?\n"
            "  note: 规则.fides:1:1: 'R1' is declared here\n");
  CHECK(render_text(d, s.sm, Lang::zh) ==
        "规则.fides:2:24: 错误[E0104]：记录 Person 没有字段 'gendre'\n"
        "    2 |   when 性别 == \"男\" and p.gendre == 1\n" +
            caret +
            "  提示：是不是要写 'gender'？\n"
            "  说明：规则.fides:1:1: 'R1' 在这里声明\n");
  CHECK(render_json(d, s.sm, Lang::zh) ==
        "{\"file\":\"规则.fides\",\"line\":2,\"column\":24,\"end_line\":2,\"end_column\":30,"
        "\"severity\":\"error\",\"code\":\"E0104\",\"message\":\"记录 Person 没有字段 'gendre'\","
        "\"help\":\"是不是要写 'gender'？\"}");
  CHECK(render_json(d, s.sm, Lang::en).find("\"message\":\"unknown field 'gendre' on record Person\"") !=
        std::string::npos);
}

TEST_CASE("a caret spans a Chinese name at two columns a character") {
  Source s("let 金额上限 = 未知名称 + 1\n");
  Diagnostics diags;
  diags.error(DiagKind::unknown_name, s.span_of("未知名称"), "未知名称");
  // 11 characters, 15 columns, before the name; its 4 characters take 8.
  CHECK(render_text(diags.all()[0], s.sm, Lang::zh) ==
        "规则.fides:1:12: 错误[E0102]：未知的名称 '未知名称'\n"
        "    1 | let 金额上限 = 未知名称 + 1\n"
        "      | " + std::string(15, ' ') + "^^^^^^^^\n");
}

TEST_CASE("a warning and a file-less diagnostic in Chinese") {
  SourceManager sm;
  Diagnostics diags;
  diags.error(DiagKind::cannot_read_file, Span{}, "main.fides", say(Phrase::file_missing));
  CHECK(render_text(diags.all()[0], sm, Lang::zh) == "错误[E0001]：无法读取文件 'main.fides'：文件不存在\n");
  CHECK(render_text(diags.all()[0], sm, Lang::en) == "error[E0001]: cannot read file 'main.fides': no such file\n");
  Source s("let a = present(b)\n");
  diags.warning(DiagKind::present_not_optional, s.span_of("b)"), "b", "int");
  CHECK(render_text(diags.all()[1], s.sm, Lang::zh).starts_with("规则.fides:1:17: 警告[E0303]：'b' 的类型是 int"));
  CHECK(render_json(diags.all()[1], s.sm, Lang::zh).find("\"severity\":\"warning\"") != std::string::npos);
}
