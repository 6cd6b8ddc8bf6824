// Builds small ast::Modules by hand for sema's unit tests, independent of the
// parser. Every node appends a rendering of itself to a synthetic source text,
// so spans point at real text: messages quote it and positions can be checked.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "sema/check.h"

namespace fides::test {

using namespace fides::ast;

class Builder {
 public:
  explicit Builder(std::string path = "/tmp/fides_sema_test/main.fides") : path_(std::move(path)) {}

  Module m;
  SourceManager sm;
  Diagnostics diags;
  std::unique_ptr<sema::Program> prog;

  // ---- text and spans
  Span emit(const std::string& s) {
    uint32_t b = static_cast<uint32_t>(text_.size());
    text_ += s;
    Span sp{FileId(0), b, static_cast<uint32_t>(text_.size())};
    text_ += ' ';
    return sp;
  }
  Span join(Span a, Span b) { return Span{FileId(0), a.begin, b.end}; }
  void newline() { text_ += '\n'; }
  Ident id(const std::string& n) { return Ident{n, emit(n)}; }
  StrLit str_lit(const std::string& v) { return StrLit{v, emit("\"" + v + "\"")}; }

  // ---- expressions
  ExprId add(Expr e, Span s) { return m.add(std::move(e), s); }
  ExprId int_(int64_t v) { Expr e(ExprKind::int_lit); e.int_value = v; return add(e, emit(std::to_string(v))); }
  ExprId dec(const std::string& s, int64_t scaled) { Expr e(ExprKind::decimal_lit); e.int_value = scaled; return add(e, emit(s)); }
  ExprId str(const std::string& v) { Expr e(ExprKind::string_lit); e.text = v; return add(e, emit("\"" + v + "\"")); }
  ExprId date(const std::string& iso, int64_t days) { Expr e(ExprKind::date_lit); e.int_value = days; return add(e, emit(iso)); }
  ExprId boolean(bool v) { Expr e(ExprKind::bool_lit); e.int_value = v; return add(e, emit(v ? "true" : "false")); }
  ExprId name(const std::string& n) { Expr e(ExprKind::name); e.name = n; return add(e, emit(n)); }
  // `a.b.c` in one go: a name and a chain of fields, spans growing left to right.
  ExprId path(const std::string& dotted) {
    size_t dot = dotted.find('.');
    uint32_t begin = static_cast<uint32_t>(text_.size());
    std::string first = dotted.substr(0, dot);
    Expr n(ExprKind::name);
    n.name = first;
    text_ += first;
    ExprId cur = add(n, Span{FileId(0), begin, static_cast<uint32_t>(text_.size())});
    while (dot != std::string::npos) {
      size_t next = dotted.find('.', dot + 1);
      std::string f = dotted.substr(dot + 1, next == std::string::npos ? std::string::npos : next - dot - 1);
      text_ += '.';
      uint32_t fb = static_cast<uint32_t>(text_.size());
      text_ += f;
      Expr fe(ExprKind::field);
      fe.kids = {cur};
      fe.name = f;
      fe.name_span = Span{FileId(0), fb, static_cast<uint32_t>(text_.size())};
      cur = add(fe, Span{FileId(0), begin, static_cast<uint32_t>(text_.size())});
      dot = next;
    }
    text_ += ' ';
    return cur;
  }
  ExprId field(ExprId base, const std::string& f) {
    Expr e(ExprKind::field);
    e.kids = {base};
    e.name = f;
    e.name_span = emit("." + f);
    return add(e, join(m.span(base), e.name_span));
  }
  ExprId bin(BinaryOp op, ExprId a, ExprId b) {
    Expr e(ExprKind::binary);
    e.binary_op = op;
    e.kids = {a, b};
    return add(e, join(m.span(a), m.span(b)));
  }
  ExprId un(UnaryOp op, ExprId a) {
    Expr e(ExprKind::unary);
    e.unary_op = op;
    e.kids = {a};
    return add(e, m.span(a));
  }
  ExprId call(const std::string& fn, std::vector<ExprId> args) {
    Expr e(ExprKind::call);
    e.name = fn;
    Span ns = emit(fn + "(");
    e.name_span = Span{FileId(0), ns.begin, static_cast<uint32_t>(ns.begin + fn.size())};
    e.kids = std::move(args);
    Span end = emit(")");
    return add(e, join(ns, end));
  }
  ExprId if_(ExprId c, ExprId a, ExprId b) {
    Expr e(ExprKind::if_);
    e.kids = {c, a, b};
    return add(e, join(m.span(c), m.span(b)));
  }
  ExprId index(ExprId map, ExprId key, bool bang = false) {
    Expr e(ExprKind::index);
    e.kids = {map, key};
    e.flag = bang;
    return add(e, join(m.span(map), emit(bang ? "]!" : "]")));
  }
  ExprId duration(ExprId n, DurationUnit u) {
    Expr e(ExprKind::duration);
    e.duration_unit = u;
    e.kids = {n};
    return add(e, join(m.span(n), emit("days")));
  }
  ExprId tmpl(std::vector<ExprId> parts) {
    Expr e(ExprKind::template_);
    e.kids = std::move(parts);
    Span s = emit("\"…\"");
    return add(e, s);
  }
  ExprId agg(AggregateKind k, const std::string& var, ExprId coll, ExprId where = {}, ExprId value = {},
             ExprId order = {}) {
    Expr e(ExprKind::aggregate);
    e.aggregate_kind = k;
    e.name = var;
    e.kids = {coll, where, value, order};
    Span s = emit("agg(" + var + ")");
    return add(e, join(m.span(coll), s));
  }
  // Collection first so that the bound variable's uses come after it in the text.
  ExprId set_lit(std::vector<ExprId> kids, ExprKind kind = ExprKind::set_lit) {
    Expr e(kind);
    e.kids = std::move(kids);
    return add(e, emit("{…}"));
  }
  ExprId bins(ExprId subject, std::vector<std::tuple<BinaryOp, ExprId, ExprId>> bands, ExprId otherwise) {
    Expr e(ExprKind::bins);
    e.kids = {subject};
    for (auto& [op, bound, v] : bands) {
      e.band_ops.push_back(op);
      e.kids.push_back(bound);
      e.kids.push_back(v);
    }
    if (otherwise.valid()) e.kids.push_back(otherwise);
    return add(e, join(m.span(subject), emit("}")));
  }

  // ---- types
  TypeRef ty(const std::string& n, bool opt = false) {
    TypeRef t;
    t.name = n;
    t.optional = opt;
    t.span = emit(n + (opt ? "?" : ""));
    return t;
  }
  TypeRef list(const std::string& r) { TypeRef t; t.kind = TypeRef::Kind::list; t.name = r; t.span = emit("[" + r + "]"); return t; }
  TypeRef set(const std::string& e) {
    TypeRef t;
    t.kind = TypeRef::Kind::set;
    t.args = {ty(e)};
    t.span = join(emit("set<"), emit(">"));
    return t;
  }
  TypeRef map(const std::string& k, const std::string& v) {
    TypeRef t;
    t.kind = TypeRef::Kind::map;
    t.args = {ty(k), ty(v)};
    t.span = join(emit("map<"), emit(">"));
    return t;
  }

  // ---- declarations
  FieldDecl fld(const std::string& n, TypeRef t, const std::string& via = "") {
    FieldDecl f;
    f.name = id(n);
    f.type = std::move(t);
    if (!via.empty()) f.via = id(via);
    f.span = join(f.name.span, f.via ? f.via->span : f.type.span);
    return f;
  }
  RecordDecl& record(const std::string& n, const std::string& key, std::vector<FieldDecl> fields) {
    RecordDecl r;
    r.name = id(n);
    r.key = id(key);
    r.fields = std::move(fields);
    r.span = r.name.span;
    m.records.push_back(std::move(r));
    newline();
    return m.records.back();
  }
  LetDecl let(const std::string& n, ExprId v) {
    LetDecl l;
    l.name = id(n);
    l.value = v;
    l.span = join(l.name.span, m.span(v));
    return l;
  }
  // The let's name comes first in the text, then its value built by `value`.
  template <class F>
  LetDecl let_(const std::string& n, F value) {
    LetDecl l;
    l.name = id(n);
    l.value = value();
    l.span = join(l.name.span, m.span(l.value));
    return l;
  }
  RuleDecl rule(const std::string& rid, const std::string& var, const std::string& rec) {
    RuleDecl r;
    r.id = id(rid);
    r.for_ = ForClause{id(var), id(rec), {}};
    r.span = r.id.span;
    return r;
  }

  // The usual claims schema of the spec: Institution, Person, Settlement, Line.
  void schema() {
    record("Institution", "code", {fld("code", ty("text")), fld("name", ty("text")), fld("level", ty("int"))});
    record("Person", "id",
           {fld("id", ty("text")), fld("gender", ty("text")), fld("birth", ty("date")), fld("death", ty("date", true)),
            fld("settlements", list("Settlement"), "person")});
    record("Settlement", "id",
           {fld("id", ty("text")), fld("person", ty("Person")), fld("institution", ty("Institution")),
            fld("kind", ty("text")), fld("admit", ty("date")), fld("discharge", ty("date")),
            fld("total", ty("money")), fld("days", ty("int", true)), fld("lines", list("Line"), "settlement")});
    record("Line", "id",
           {fld("id", ty("text")), fld("settlement", ty("Settlement")), fld("item", ty("text")),
            fld("qty", ty("int")), fld("price", ty("money")), fld("amount", ty("money")), fld("date", ty("date")),
            fld("ratio", ty("decimal", true))});
  }

  // ---- running and inspecting
  sema::Program& run() {
    sm.add(path_, text_);
    prog = sema::check(m, sm, diags);
    return *prog;
  }
  std::string type_of(ExprId e) const { return sema::type_name(*prog, prog->type(e)); }
  std::string text(Span s) const { return text_.substr(s.begin, s.end - s.begin); }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (auto& d : diags.all())
      if (d.level == DiagLevel::error) out.emplace_back(diag_code(d.kind));
    return out;
  }
  // The only error; fails the test when there is not exactly one.
  const Diagnostic& only_error() const {
    std::vector<const Diagnostic*> errs;
    for (auto& d : diags.all())
      if (d.level == DiagLevel::error) errs.push_back(&d);
    if (errs.size() != 1) {
      for (auto& d : diags.all()) MESSAGE(diag_code(d.kind), ": ", d.message.en);
    }
    REQUIRE(errs.size() == 1);
    return *errs[0];
  }
  void expect_clean() const {
    for (auto& d : diags.all()) MESSAGE(diag_code(d.kind), ": ", d.message.en, " [", text(d.span), "]");
    REQUIRE(!diags.has_errors());
  }

 private:
  std::string path_;
  std::string text_;
};

}  // namespace fides::test
