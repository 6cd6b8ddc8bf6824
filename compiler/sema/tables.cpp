// Tables: types, and their contents read at build time from CSV files or
// inline literals.
#include <cassert>
#include <fmt/format.h>

#include <filesystem>
#include <unordered_map>

#include "data/csv.h"
#include "diag/file_problem.h"
#include "sema/checker.h"

namespace fides::sema::detail {
namespace {

// A malformed line of a table file, in words (E0402).
Localized csv_problem(const data::CsvError& err) {
  switch (err.kind) {
    case data::CsvError::Kind::unterminated_quote: return say(Phrase::csv_unterminated_quote);
    case data::CsvError::Kind::text_after_quote: return say(Phrase::csv_text_after_quote);
    case data::CsvError::Kind::quote_in_unquoted: return say(Phrase::csv_quote_in_unquoted);
  }
  return Localized::same(err.reason);
}

}  // namespace

void Checker::check_tables() {
  for (const ast::TableDecl& d : m_.tables) {
    Table t;
    t.name = d.name.text;
    t.decl = &d;
    Type ty = resolve_type_ref(d.type);
    if (!ty.is_error() && ty.kind != TypeKind::set && ty.kind != TypeKind::map) {
      diags_.error(DiagKind::bad_table_type, d.type.span, tn(ty))
          .with_help(say(Phrase::help_table_type));
      ty = Type::error();
    }
    t.type = ty;
    if (!ty.is_error()) {
      assert((d.from || d.inline_value.valid()) && "the grammar requires from or = {…}");
      if (d.from) load_table_file(t, d);
      else load_inline_table(t, d);
    }
    p_.tables.push_back(std::move(t));
  }
}

void Checker::load_table_file(Table& t, const ast::TableDecl& d) {
  namespace fs = std::filesystem;
  fs::path base = fs::path(sm_.path(d.span.file)).parent_path();
  fs::path full = base / d.from->value;
  t.source_path = full.lexically_normal().string();
  Span at = d.from->span;
  // Checked by stat before anything is opened: a FIFO or device never blocks,
  // and a file outside the pack's folders or too large is never read.
  CheckedFile file = check_file(full, &access_, kMaxTableBytes);
  std::string text;
  if (file.problem != FileProblem::none || !read_checked_file(file, kMaxTableBytes, text)) {
    if (!report_file_problem(diags_, at, t.source_path, file, DiagKind::table_too_large))
      diags_.error(DiagKind::table_file_unreadable, at, t.source_path, why_unreadable(file))
          .with_help(say(Phrase::help_from_relative));
    return;
  }
  bool is_map = t.type.kind == TypeKind::map;
  data::CsvParser csv(text);
  data::CsvRecord rec;
  data::CsvError err;
  bool malformed = false;
  if (!csv.next(rec, err, malformed)) {
    diags_.error(DiagKind::table_malformed, at, t.source_path, 1, say(Phrase::table_empty));
    return;
  }
  if (malformed) {
    diags_.error(DiagKind::table_malformed, at, t.source_path, err.line, csv_problem(err));
    return;
  }
  std::vector<std::string> header = rec.cells;
  auto find_column = [&](const std::optional<ast::StrLit>& name, int& out) {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name->value) { out = static_cast<int>(i); return true; }
    diags_.error(DiagKind::table_unknown_column, name->span, t.source_path, name->value)
        .with_help(say(Phrase::help_table_columns, quoted_list(header)));
    return false;
  };
  int key_col = -1, value_col = -1;
  if (!is_map && (d.key || d.value)) {
    const ast::StrLit& wrong = d.key ? *d.key : *d.value;
    diags_.error(DiagKind::table_clause_mismatch, wrong.span, "set", say(Phrase::want_one_column),
                 d.key ? "key" : "value")
        .with_help(say(Phrase::help_set_column));
    return;
  }
  if (is_map && d.column) {
    diags_.error(DiagKind::table_clause_mismatch, d.column->span, "map", say(Phrase::want_key_and_value), "column")
        .with_help(say(Phrase::help_map_key_value));
    return;
  }
  // The grammar requires `column` for a set and `key` … `value` for a map;
  // a clause of the other kind was reported above.
  if (!is_map) {
    assert(d.column);
    t.column = d.column->value;
    if (!find_column(d.column, key_col)) return;
  } else {
    assert(d.key && d.value);
    t.key_column = d.key->value;
    t.value_column = d.value->value;
    bool ok = find_column(d.key, key_col);
    if (!find_column(d.value, value_col) || !ok) return;
  }
  TypeKind kk = t.type.elem, vk = t.type.value;
  std::unordered_map<std::string, uint32_t> first_line;  // key text → line
  size_t errors = 0;
  auto cell_value = [&](const data::CsvRecord& r, int col, TypeKind k, Value& out) {
    const std::string& cell = r.cells[col];
    if (!parse_value(k, cell, out)) {
      if (errors++ < 10)
        diags_.error(DiagKind::table_bad_value, at, t.source_path, r.line, r.columns[col], cell, kind_name(k))
            .with_help(say(cell.empty() ? Phrase::help_fill_cell : Phrase::help_correct_cell));
      return false;
    }
    return true;
  };
  while (csv.next(rec, err, malformed)) {
    if (malformed) {
      if (errors++ < 10) diags_.error(DiagKind::table_malformed, at, t.source_path, err.line, csv_problem(err));
      continue;
    }
    if (rec.cells.size() == 1 && rec.cells[0].empty() && header.size() > 1) continue;  // blank line
    if (rec.cells.size() != header.size()) {
      if (errors++ < 10)
        diags_.error(DiagKind::table_cell_count, at, t.source_path, rec.line, rec.cells.size(), header.size());
      continue;
    }
    Value kv, vv;
    bool ok = cell_value(rec, key_col, kk, kv);
    if (is_map) ok = cell_value(rec, value_col, vk, vv) && ok;
    if (!ok) continue;
    auto [it, fresh] = first_line.emplace(rec.cells[key_col], rec.line);
    if (!fresh) {
      if (is_map && errors++ < 10)
        diags_.error(DiagKind::table_duplicate_key, at, t.source_path, rec.line, rec.cells[key_col], it->second);
      continue;  // sets: a repeated element is harmless
    }
    t.keys.push_back(std::move(kv));
    if (is_map) t.values.push_back(std::move(vv));
  }
}

void Checker::load_inline_table(Table& t, const ast::TableDecl& d) {
  t.inline_ = true;
  const ast::Expr& x = m_.expr(d.inline_value);
  bool is_map = t.type.kind == TypeKind::map;
  ast::ExprKind want = is_map ? ast::ExprKind::map_lit : ast::ExprKind::set_lit;
  // An empty `{}` may come as either literal kind.
  if (x.kind != want && !(x.kids.empty() && (x.kind == ast::ExprKind::set_lit || x.kind == ast::ExprKind::map_lit))) {
    diags_.error(DiagKind::type_mismatch, m_.span(d.inline_value), say(Phrase::place_table_value, t.name),
                 say(is_map ? Phrase::want_map_literal : Phrase::want_set_literal), describe(d.inline_value));
    return;
  }
  std::vector<std::string> seen;
  p_.types[d.inline_value.index] = t.type;
  size_t stride = is_map ? 2 : 1;
  for (size_t i = 0; i + stride <= x.kids.size(); i += stride) {
    Value kv, vv;
    bool ok = true;
    for (size_t j = 0; j < stride; ++j) {
      TypeKind k = j == 0 ? t.type.elem : t.type.value;
      Value& v = j == 0 ? kv : vv;
      if (!constant(x.kids[i + j], k, v)) {
        diags_.error(DiagKind::table_bad_element, m_.span(x.kids[i + j]), t.name, kind_name(k),
                     describe(x.kids[i + j]));
        ok = false;
      } else {
        p_.types[x.kids[i + j].index] = Type::of(k);
      }
    }
    if (!ok) continue;
    std::string shown = format_value(kv);
    if (std::find(seen.begin(), seen.end(), shown) != seen.end()) {
      if (is_map)
        diags_.error(DiagKind::table_inline_duplicate_key, m_.span(x.kids[i]), text_of(x.kids[i]), t.name);
      continue;  // sets: a repeated element is harmless
    }
    seen.push_back(shown);
    t.keys.push_back(std::move(kv));
    if (is_map) t.values.push_back(std::move(vv));
  }
}

}  // namespace fides::sema::detail
