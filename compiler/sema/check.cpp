// sema::check: the order of the passes, and the declaration checks that do
// not have a file of their own (params, the value namespace, defs, global lets).
#include "sema/check.h"

#include <cassert>

#include <fmt/format.h>

#include <algorithm>

#include "sema/checker.h"

namespace fides::sema {

std::unique_ptr<Program> check(const ast::Module& module, const SourceManager& sm, Diagnostics& diags,
                               const FileAccess& access) {
  auto p = std::make_unique<Program>();
  p->module = &module;
  detail::Checker(module, sm, diags, *p, access).run();
  return p;
}

std::unique_ptr<Program> check(const ast::Module& module, const SourceManager& sm, Diagnostics& diags) {
  // The main file is spliced in last; a module built by hand may list no
  // files, and then the last source registered stands for it.
  FileAccess access;
  if (!module.files.empty()) access = FileAccess(sm.path(module.files.back().id), "", {});
  else if (sm.size() > 0) access = FileAccess(sm.path(FileId(static_cast<uint32_t>(sm.size() - 1))), "", {});
  return check(module, sm, diags, access);
}

namespace detail {

void Checker::run() {
  size_t n = m_.exprs.size();
  p_.types.assign(n, Type::error());
  p_.resolutions.assign(n, Resolution{});
  p_.conversions.assign(n, std::nullopt);
  p_.narrowed.assign(n, 0);
  chain_.assign(n, 0);
  graph_.assign(m_.lets.size() + m_.defs.size(), {});
  node_uses_hits_.assign(graph_.size(), 0);

  collect_records();       // names first: field types may refer to any record
  check_input_files();
  check_record_fields();
  check_params();
  check_tables();
  check_value_namespace();
  check_def_signatures();  // signatures before any body: calls need only them
  check_global_lets();
  check_groups();          // before def bodies and rules: they may read group fields
  check_def_bodies();
  check_dependency_cycles();
  check_groups_hits_free();
  check_rules();
  check_scorecards();
  check_tests();
}

// ---------------------------------------------------------------- helpers

std::string Checker::text_of(Span s) const {
  if (!s.file.valid() || s.file.index >= sm_.size()) return "";
  std::string_view t = sm_.text(s.file);
  if (s.begin > t.size() || s.end > t.size() || s.end < s.begin) return "";
  return std::string(t.substr(s.begin, s.end - s.begin));
}

bool Checker::already_reported(DiagKind k, Span within) const {
  for (const Diagnostic& d : diags_.all())
    if (d.kind == k && d.span.file == within.file && d.span.begin >= within.begin && d.span.begin <= within.end)
      return true;
  return false;
}

void Checker::duplicate(Phrase what, const std::string& name, Span here, Span first) {
  diags_.error(DiagKind::duplicate_declaration, here, say(what), name)
      .with_note(first, say(Phrase::note_first_declared))
      .with_help(say(Phrase::help_rename_or_remove));
}

Diagnostic& Checker::unknown(DiagKind k, Span s, const std::string& name, const std::vector<std::string>& candidates,
                             const std::string& extra_arg) {
  Diagnostic& d = extra_arg.empty() ? diags_.error(k, s, name) : diags_.error(k, s, name, extra_arg);
  Localized help = did_you_mean(name, candidates);
  if (!help.empty()) d.with_help(help);
  return d;
}

Type Checker::resolve_type_ref(const ast::TypeRef& t) {
  using K = ast::TypeRef::Kind;
  auto scalar = [](const std::string& n, TypeKind& out) {
    static const std::pair<const char*, TypeKind> kNames[] = {
        {"bool", TypeKind::bool_}, {"int", TypeKind::int_},   {"decimal", TypeKind::decimal},
        {"money", TypeKind::money}, {"text", TypeKind::text}, {"date", TypeKind::date},
        {"severity", TypeKind::severity}};
    for (auto& [name, k] : kNames)
      if (n == name) { out = k; return true; }
    return false;
  };
  auto unknown_type = [&](const std::string& n, Span s) {
    std::vector<std::string> cands = {"bool", "int", "decimal", "money", "text", "date", "severity"};
    for (auto& r : p_.records) cands.push_back(r.name);
    unknown(DiagKind::unknown_type, s, n, cands);
    return Type::error();
  };
  switch (t.kind) {
    case K::named: {
      TypeKind k;
      if (scalar(t.name, k)) return Type::of(k, t.optional);
      if (auto it = record_by_name_.find(t.name); it != record_by_name_.end()) {
        note_use(NameUse::Kind::record, it->second, 0, t.span);
        return Type::rec(RecordId(it->second), t.optional);
      }
      return unknown_type(t.name, t.span);
    }
    case K::list: {
      auto it = record_by_name_.find(t.name);
      if (it == record_by_name_.end()) {
        std::vector<std::string> cands;
        for (auto& r : p_.records) cands.push_back(r.name);
        unknown(DiagKind::unknown_record, t.span, t.name, cands);
        return Type::error();
      }
      note_use(NameUse::Kind::record, it->second, 0, t.span);
      return Type::rows(RecordId(it->second));
    }
    case K::set:
    case K::map: {
      std::vector<TypeKind> kinds;
      for (const ast::TypeRef& a : t.args) {
        Type at = resolve_type_ref(a);
        if (at.is_error()) return Type::error();
        if (!at.is_scalar() || at.optional) {
          diags_.error(DiagKind::type_mismatch, a.span, say(Phrase::place_element_type),
                       say(Phrase::want_plain_type), tn(at));
          return Type::error();
        }
        kinds.push_back(at.kind);
      }
      if (t.kind == K::set && kinds.size() == 1) return Type::set_of(kinds[0]);
      if (t.kind == K::map && kinds.size() == 2) return Type::map_of(kinds[0], kinds[1]);
      return Type::error();
    }
  }
  return Type::error();
}

bool Checker::constant(ExprId e, TypeKind k, Value& out) const {
  if (!e.valid()) return false;
  const ast::Expr& x = m_.expr(e);
  bool numeric_target = k == TypeKind::int_ || k == TypeKind::decimal || k == TypeKind::money;
  switch (x.kind) {
    case ast::ExprKind::int_lit:
      if (!numeric_target) return false;
      out = Value::of_int(k, k == TypeKind::int_ ? x.int_value : x.int_value * 1000000);
      return k == TypeKind::int_ || (x.int_value <= INT64_MAX / 1000000 && x.int_value >= INT64_MIN / 1000000);
    case ast::ExprKind::decimal_lit:
      if (k != TypeKind::decimal && k != TypeKind::money) return false;
      out = Value::of_int(k, x.int_value);
      return true;
    case ast::ExprKind::string_lit:
      if (k != TypeKind::text) return false;
      out = Value::of_text(x.text);
      return true;
    case ast::ExprKind::date_lit:
      if (k != TypeKind::date) return false;
      out = Value::of_int(k, x.int_value);
      return true;
    case ast::ExprKind::bool_lit:
      if (k != TypeKind::bool_) return false;
      out = Value::of_int(k, x.int_value ? 1 : 0);
      return true;
    case ast::ExprKind::name: {
      Severity s;
      if (k != TypeKind::severity || !severity_from_name(x.name, s)) return false;
      out = Value::of_int(k, static_cast<int64_t>(s));
      return true;
    }
    case ast::ExprKind::unary:
      if (x.unary_op != ast::UnaryOp::neg || !numeric_target) return false;
      if (!constant(x.kids[0], k, out)) return false;
      out.i = -out.i;
      return true;
    default: return false;
  }
}

Localized Checker::describe(ExprId e) const {
  if (!e.valid()) return say(Phrase::found_nothing);
  const ast::Expr& x = m_.expr(e);
  switch (x.kind) {
    case ast::ExprKind::int_lit: return say(Phrase::found_int);
    case ast::ExprKind::decimal_lit: return say(Phrase::found_decimal);
    case ast::ExprKind::string_lit: return say(Phrase::found_text);
    case ast::ExprKind::date_lit: return say(Phrase::found_date);
    case ast::ExprKind::bool_lit: return say(Phrase::found_bool);
    case ast::ExprKind::unary:
      if (x.unary_op == ast::UnaryOp::neg) return describe(x.kids[0]);
      return say(Phrase::found_expression);
    case ast::ExprKind::name: {
      Severity s;
      if (severity_from_name(x.name, s)) return say(Phrase::found_severity);
      return say(Phrase::found_name, x.name);
    }
    default: return say(Phrase::found_expression);
  }
}

// ---------------------------------------------------------------- params

void Checker::check_params() {
  for (const ast::ParamDecl& d : m_.params) {
    Param p;
    p.name = d.name.text;
    p.label = d.label ? d.label->value : "";
    p.decl = &d;
    p.type = resolve_type_ref(d.type);
    if (!p.type.is_error() && (!p.type.is_scalar() || p.type.optional)) {
      diags_.error(DiagKind::bad_param_type, d.type.span, p.name, tn(p.type))
          .with_help(say(Phrase::help_param_types));
      p.type = Type::error();
    }
    assert(d.default_value.valid() && "the grammar requires a default");
    if (!p.type.is_error()) {
      if (!constant(d.default_value, p.type.kind, p.default_value)) {
        diags_.error(DiagKind::bad_param_default, m_.span(d.default_value), p.name, tn(p.type),
                     describe(d.default_value));
      } else {
        p_.types[d.default_value.index] = Type::of(p.default_value.kind);
      }
      if (d.range_low.valid()) check_param_range(d, p);
    }
    p_.params.push_back(std::move(p));
  }
}

// `range lo to hi`: constant bounds of the param's type, in order, holding the
// default. Money and decimal values are both scaled by 10^6, so they compare as is.
void Checker::check_param_range(const ast::ParamDecl& d, Param& p) {
  TypeKind k = p.type.kind;
  if (k != TypeKind::int_ && k != TypeKind::decimal && k != TypeKind::money && k != TypeKind::date) {
    diags_.error(DiagKind::param_range_type, Span{d.span.file, m_.span(d.range_low).begin, m_.span(d.range_high).end},
                 p.name, tn(p.type))
        .with_help(say(Phrase::help_range_types));
    return;
  }
  Value lo, hi;
  bool ok = true;
  for (auto [e, v] : {std::pair{d.range_low, &lo}, std::pair{d.range_high, &hi}}) {
    if (constant(e, k, *v)) {
      p_.types[e.index] = Type::of(k);
      continue;
    }
    diags_.error(DiagKind::bad_param_range_bound, m_.span(e), p.name, tn(p.type), describe(e));
    ok = false;
  }
  if (!ok) return;
  if (lo.i > hi.i) {
    diags_.error(DiagKind::param_range_empty, Span{d.span.file, m_.span(d.range_low).begin, m_.span(d.range_high).end},
                 format_value(lo), format_value(hi), p.name)
        .with_help(say(Phrase::help_lower_bound_first));
    return;
  }
  p.range_low = lo;
  p.range_high = hi;
  const Value& v = p.default_value;
  if (v.kind == k && (v.i < lo.i || v.i > hi.i))
    diags_.error(DiagKind::param_default_out_of_range, m_.span(d.default_value), format_value(v), p.name,
                 format_value(lo), format_value(hi))
        .with_help(say(Phrase::help_widen_range));
}

// Params, tables and global lets share one namespace.
void Checker::check_value_namespace() {
  std::unordered_map<std::string, Span> seen;
  auto add = [&](Phrase what, const ast::Ident& name, uint32_t index,
                 std::unordered_map<std::string, uint32_t>& by) {
    auto [it, fresh] = seen.emplace(name.text, name.span);
    if (!fresh) {
      duplicate(what, name.text, name.span, it->second);
      return;
    }
    by.emplace(name.text, index);
  };
  for (uint32_t i = 0; i < m_.params.size(); ++i) add(Phrase::decl_param, m_.params[i].name, i, param_by_name_);
  for (uint32_t i = 0; i < m_.tables.size(); ++i) add(Phrase::decl_table, m_.tables[i].name, i, table_by_name_);
  for (uint32_t i = 0; i < m_.lets.size(); ++i) add(Phrase::decl_let, m_.lets[i].name, i, let_by_name_);
}

// ---------------------------------------------------------------- defs and global lets

void Checker::check_def_signatures() {
  for (uint32_t i = 0; i < m_.defs.size(); ++i) {
    const ast::DefDecl& d = m_.defs[i];
    Def def;
    def.name = d.name.text;
    def.body = d.body;
    def.decl = &d;
    std::unordered_map<std::string, Span> pseen;
    for (const ast::DefParam& dp : d.params) {
      auto [it, fresh] = pseen.emplace(dp.name.text, dp.name.span);
      if (!fresh) duplicate(Phrase::decl_def_parameter, dp.name.text, dp.name.span, it->second);
      def.params.push_back({dp.name.text, resolve_type_ref(dp.type)});
    }
    def.result = resolve_type_ref(d.result);
    if (is_builtin_name(def.name)) {
      diags_.error(DiagKind::def_shadows_builtin, d.name.span, def.name).with_help(say(Phrase::help_choose_name));
    } else if (auto it = def_by_name_.find(def.name); it != def_by_name_.end()) {
      duplicate(Phrase::decl_def, def.name, d.name.span, m_.defs[it->second].name.span);
    } else {
      def_by_name_.emplace(def.name, i);
    }
    p_.defs.push_back(std::move(def));
  }
}

void Checker::check_global_lets() {
  for (uint32_t i = 0; i < m_.lets.size(); ++i) {
    const ast::LetDecl& d = m_.lets[i];
    Ctx c;
    c.owner = Ctx::Owner::global_let;
    c.index = i;
    c.visible_global_lets = i;
    GlobalLet l;
    l.name = d.name.text;
    l.value = d.value;
    l.decl = &d;
    l.type = check(d.value, c);
    graph_[let_node(i)] = c.deps;
    node_uses_hits_[let_node(i)] = c.uses_hits;
    p_.lets.push_back(std::move(l));
  }
}

void Checker::check_def_bodies() {
  for (uint32_t i = 0; i < m_.defs.size(); ++i) {
    const ast::DefDecl& d = m_.defs[i];
    Def& def = p_.defs[i];
    Ctx c;
    c.owner = Ctx::Owner::def;
    c.index = i;
    for (uint32_t k = 0; k < def.params.size(); ++k)
      c.bindings.push_back({def.params[k].name, {RefKind::def_param, i, k}, def.params[k].type});
    Type body = check(d.body, c);
    if (!body.is_error() && !def.result.is_error()) {
      if (!assignable(body, def.result)) {
        diags_.error(DiagKind::def_result_mismatch, m_.span(d.body), def.name, tn(def.result), tn(body));
      } else if (body.optional && !def.result.optional) {
        require_present(d.body, say(Phrase::verb_returned_as, tn(def.result)));
      } else {
        note_conversion(d.body, def.result);
      }
    }
    graph_[def_node(i)] = c.deps;
    node_uses_hits_[def_node(i)] = c.uses_hits;
  }
}

// Defs may not be recursive, directly or through other defs and global lets,
// nor call each other more than kMaxDefinitionDepth levels deep (spec 9.11:
// every back end expands a call chain by recursion, so its depth must be
// bounded like any other nesting). Also computes which defs and lets use
// hits() transitively. One iterative depth-first pass: the source decides
// how long a chain is, so the walk itself must not recurse.
void Checker::check_dependency_cycles() {
  size_t n = graph_.size();
  auto node_name = [&](uint32_t v) {
    return v < m_.lets.size() ? m_.lets[v].name.text : m_.defs[v - m_.lets.size()].name.text;
  };
  auto node_span = [&](uint32_t v) {
    return v < m_.lets.size() ? m_.lets[v].name.span : m_.defs[v - m_.lets.size()].name.span;
  };
  auto report_cycle = [&](const std::vector<uint32_t>& path, uint32_t w, Span use) {
    auto from = std::find(path.begin(), path.end(), w);
    std::string chain;
    for (auto it = from; it != path.end(); ++it) chain += node_name(*it) + " → ";
    chain += node_name(w);
    // Point at the use that leaves w along the cycle: the first call of its chain.
    uint32_t next = from + 1 == path.end() ? w : *(from + 1);
    Span at = use;
    for (auto [x, s] : graph_[w])
      if (x == next) { at = s; break; }
    diags_.error(DiagKind::recursive_definition, at, node_name(w), chain)
        .with_note(node_span(w), say(Phrase::note_declared_here, node_name(w)))
        .with_help(say(Phrase::help_no_recursion));
  };
  enum : uint8_t { fresh, on_path, done };
  std::vector<uint8_t> state(n, fresh);
  std::vector<uint32_t> depth(n, 0);  // the longest chain of uses starting at the node, counting it
  std::vector<uint32_t> path;         // nodes being visited, outermost first
  std::vector<size_t> next_edge;      // per path entry: the next edge of it to follow
  for (uint32_t root = 0; root < n; ++root) {
    if (state[root] != fresh) continue;
    state[root] = on_path;
    path.push_back(root);
    next_edge.push_back(0);
    while (!path.empty()) {
      uint32_t v = path.back();
      if (next_edge.back() < graph_[v].size()) {
        auto [w, use] = graph_[v][next_edge.back()++];
        if (state[w] == on_path) {
          report_cycle(path, w, use);
        } else if (state[w] == fresh) {
          state[w] = on_path;
          path.push_back(w);
          next_edge.push_back(0);
        }
        continue;
      }
      uint32_t d = 0;
      for (auto [w, use] : graph_[v]) {
        if (state[w] != done) continue;  // a cycle, already reported
        d = std::max(d, depth[w]);
        if (node_uses_hits_[w]) node_uses_hits_[v] = 1;
      }
      depth[v] = d + 1;
      if (depth[v] == kMaxDefinitionDepth + 1)
        diags_.error(DiagKind::definition_too_deep, node_span(v), node_name(v), kMaxDefinitionDepth)
            .with_help(say(Phrase::help_fewer_steps));
      state[v] = done;
      path.pop_back();
      next_edge.pop_back();
    }
  }
  for (uint32_t i = 0; i < p_.defs.size(); ++i) p_.defs[i].uses_hits = node_uses_hits_[def_node(i)];
}

}  // namespace detail
}  // namespace fides::sema
