#include "ast/printer.h"

#include "ast/chains.h"

#include "builtins/fides_builtins.h"

#include <cstdio>

namespace fides::ast {

const char* binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::add: return "+";
    case BinaryOp::sub: return "-";
    case BinaryOp::mul: return "*";
    case BinaryOp::div: return "/";
    case BinaryOp::eq: return "==";
    case BinaryOp::ne: return "!=";
    case BinaryOp::lt: return "<";
    case BinaryOp::le: return "<=";
    case BinaryOp::gt: return ">";
    case BinaryOp::ge: return ">=";
    case BinaryOp::and_: return "and";
    case BinaryOp::or_: return "or";
    case BinaryOp::coalesce: return "??";
    case BinaryOp::in: return "in";
    case BinaryOp::not_in: return "not in";
    case BinaryOp::like: return "like";
  }
  return "?";
}

namespace {

const char* unit_text(DurationUnit u) {
  switch (u) {
    case DurationUnit::days: return "days";
    case DurationUnit::weeks: return "weeks";
    case DurationUnit::months: return "months";
    case DurationUnit::years: return "years";
  }
  return "?";
}

const char* aggregate_text(AggregateKind k) {
  switch (k) {
    case AggregateKind::count: return "count";
    case AggregateKind::exists: return "exists";
    case AggregateKind::sum: return "sum";
    case AggregateKind::min: return "min";
    case AggregateKind::max: return "max";
    case AggregateKind::avg: return "avg";
    case AggregateKind::count_distinct: return "count distinct";
    case AggregateKind::first: return "first";
    case AggregateKind::last: return "last";
    case AggregateKind::median: return "median";
    case AggregateKind::percentile: return "percentile";
    case AggregateKind::stddev: return "stddev";
  }
  return "?";
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u{%X}", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// value * 10^6 → "0.35", "-12", "1200.5"
std::string decimal_text(int64_t scaled) {
  char buf[FIDES_DECIMAL_BUF];
  return std::string(buf, fides_format_decimal(scaled, buf));
}

std::string date_text(int64_t days) {
  char buf[FIDES_DATE_BUF];
  return std::string(buf, fides_format_date(static_cast<int32_t>(days), buf));
}

std::string type_text(const TypeRef& t) {
  std::string s;
  switch (t.kind) {
    case TypeRef::Kind::named: s = t.name; break;
    case TypeRef::Kind::list: s = "[" + t.name + "]"; break;
    case TypeRef::Kind::set: s = "set<" + (t.args.empty() ? std::string("?") : type_text(t.args[0])) + ">"; break;
    case TypeRef::Kind::map:
      s = "map<" + (t.args.size() < 2 ? std::string("?, ?") : type_text(t.args[0]) + ", " + type_text(t.args[1])) + ">";
      break;
  }
  if (t.optional) s += "?";
  return s;
}

class Printer {
 public:
  Printer(const Module& m, const PrintOptions& o) : m_(m), o_(o) {}

  std::string out;

  // Past kMaxIndent levels (a long operator chain), the level is written as
  // `[N] ` after kMaxIndent levels of spaces, so the dump stays linear in size.
  static constexpr int kMaxIndent = 64;

  void line(int indent, const std::string& text, Span span = Span{}) {
    out.append(static_cast<size_t>(std::min(indent, kMaxIndent)) * 2, ' ');
    if (indent > kMaxIndent) out += "[" + std::to_string(indent) + "] ";
    out += text;
    if (o_.sources && span.file.valid() && span.file.index < o_.sources->size()) {
      LineColumn b = o_.sources->position(span.file, span.begin);
      LineColumn e = o_.sources->position(span.file, span.end);
      out += " @" + std::to_string(b.line) + ":" + std::to_string(b.column) + "-" + std::to_string(e.line) + ":" +
             std::to_string(e.column);
    }
    out += '\n';
  }

  // A labelled child expression: "label" then the expression one level deeper.
  void labelled(int indent, const std::string& label, ExprId id) {
    line(indent, label);
    expr(indent + 1, id);
  }

  // Operator chains without recursion along them (ast/chains.h): a left-deep
  // chain prints its nodes going down and keeps their right operands on a
  // stack, printed on the way back; a `??` chain is a loop to the right.
  void expr(int indent, ExprId id) {
    std::vector<std::pair<int, ExprId>> rights;
    while (id.valid() && id.index < m_.exprs.size() && chain_next(m_, id).valid()) {
      const Expr& e = m_.exprs[id.index];
      line(indent, std::string("binary ") + binary_op_text(e.binary_op), m_.expr_spans[id.index]);
      if (e.binary_op == BinaryOp::coalesce) {
        expr(indent + 1, e.kids[0]);
        id = e.kids[1];
      } else {
        rights.push_back({indent + 1, e.kids[1]});
        id = e.kids[0];
      }
      ++indent;
    }
    expr_node(indent, id);
    for (auto it = rights.rbegin(); it != rights.rend(); ++it) expr(it->first, it->second);
  }

  void expr_node(int indent, ExprId id) {
    if (!id.valid()) {
      line(indent, "<none>");
      return;
    }
    if (id.index >= m_.exprs.size()) {
      line(indent, "<bad id " + std::to_string(id.index) + ">");
      return;
    }
    const Expr& e = m_.exprs[id.index];
    Span s = id.index < m_.expr_spans.size() ? m_.expr_spans[id.index] : Span{};
    auto kids = [&](size_t from = 0) {
      for (size_t i = from; i < e.kids.size(); ++i) expr(indent + 1, e.kids[i]);
    };
    auto kid = [&](size_t i) { return i < e.kids.size() ? e.kids[i] : ExprId(); };
    switch (e.kind) {
      case ExprKind::int_lit: line(indent, "int " + std::to_string(e.int_value), s); break;
      case ExprKind::decimal_lit: line(indent, "decimal " + decimal_text(e.int_value), s); break;
      case ExprKind::string_lit: line(indent, "string " + quote(e.text), s); break;
      case ExprKind::date_lit: line(indent, "date " + date_text(e.int_value), s); break;
      case ExprKind::bool_lit: line(indent, e.int_value ? "bool true" : "bool false", s); break;
      case ExprKind::template_: line(indent, "template", s); kids(); break;
      case ExprKind::name: line(indent, "name " + e.name, s); break;
      case ExprKind::field: line(indent, (e.flag ? "field ?." : "field ") + e.name, s); kids(); break;
      case ExprKind::index: line(indent, e.flag ? "index!" : "index", s); kids(); break;
      case ExprKind::unary:
        line(indent, e.unary_op == UnaryOp::neg ? "unary -" : "unary not", s);
        kids();
        break;
      case ExprKind::binary: line(indent, std::string("binary ") + binary_op_text(e.binary_op), s); kids(); break;
      case ExprKind::if_: line(indent, "if", s); kids(); break;
      case ExprKind::call: line(indent, "call " + e.name, s); kids(); break;
      case ExprKind::duration: line(indent, std::string("duration ") + unit_text(e.duration_unit), s); kids(); break;
      case ExprKind::aggregate:
        line(indent, std::string("aggregate ") + aggregate_text(e.aggregate_kind) + " " + e.name, s);
        if (kid(4).valid()) labelled(indent + 1, "rank", kid(4));
        if (kid(2).valid()) labelled(indent + 1, "value", kid(2));
        labelled(indent + 1, "in", kid(0));
        if (kid(1).valid()) labelled(indent + 1, "where", kid(1));
        if (kid(3).valid()) labelled(indent + 1, "order by", kid(3));
        break;
      case ExprKind::bins: {
        line(indent, "bins", s);
        expr(indent + 1, kid(0));
        size_t i = 1;
        for (size_t b = 0; b < e.band_ops.size(); ++b, i += 2) {
          line(indent + 1, std::string("band ") + binary_op_text(e.band_ops[b]));
          expr(indent + 2, kid(i));
          expr(indent + 2, kid(i + 1));
        }
        labelled(indent + 1, "otherwise", kid(i));
        break;
      }
      case ExprKind::set_lit: line(indent, "set", s); kids(); break;
      case ExprKind::map_lit:
        line(indent, "map", s);
        for (size_t i = 0; i + 1 < e.kids.size(); i += 2) {
          line(indent + 1, "entry");
          expr(indent + 2, e.kids[i]);
          expr(indent + 2, e.kids[i + 1]);
        }
        break;
    }
  }

  std::string opt_label(const std::optional<StrLit>& s) { return s ? " " + quote(s->value) : ""; }

  void let(int indent, const LetDecl& l) {
    line(indent, "let " + l.name.text, l.span);
    expr(indent + 1, l.value);
  }

  void for_clause(int indent, const std::optional<ForClause>& f) {
    if (f) line(indent, "for " + f->var.text + ": " + f->record.text, f->span);
  }

  void module() {
    for (const File& f : m_.files) {
      std::string name = (o_.sources && o_.file_paths && f.id.valid() && f.id.index < o_.sources->size())
                             ? o_.sources->path(f.id)
                             : std::to_string(f.id.index);
      line(0, "file " + name);
      if (f.header) line(1, "pack " + quote(f.header->name.value) + " version " + quote(f.header->version.value), f.header->span);
      for (const Import& i : f.imports) line(1, "import " + quote(i.path.value), i.span);
    }
    for (const RecordDecl& r : m_.records) {
      std::string from = r.input_file ? " from " + quote(r.input_file->value) : "";
      line(0, "record " + r.name.text + opt_label(r.label) + from + " key " + r.key.text, r.span);
      for (const FieldDecl& f : r.fields) {
        std::string s = f.name.text + ": " + type_text(f.type) + opt_label(f.column);
        if (f.via) s += " via " + f.via->text;
        if (f.personal) s += " personal";
        line(1, s, f.span);
      }
    }
    for (const ParamDecl& p : m_.params) {
      line(0, "param " + p.name.text + ": " + type_text(p.type) + opt_label(p.label), p.span);
      expr(1, p.default_value);
      if (p.range_low.valid()) labelled(1, "range", p.range_low);
      if (p.range_high.valid()) labelled(1, "to", p.range_high);
    }
    for (const TableDecl& t : m_.tables) {
      std::string s = "table " + t.name.text + ": " + type_text(t.type);
      if (t.from) s += " from " + quote(t.from->value);
      if (t.column) s += " column " + quote(t.column->value);
      if (t.key) s += " key " + quote(t.key->value);
      if (t.value) s += " value " + quote(t.value->value);
      line(0, s, t.span);
      if (t.inline_value.valid()) expr(1, t.inline_value);
    }
    for (const LetDecl& l : m_.lets) let(0, l);
    for (const DefDecl& d : m_.defs) {
      std::string s = "def " + d.name.text + "(";
      for (size_t i = 0; i < d.params.size(); ++i)
        s += (i ? ", " : "") + d.params[i].name.text + ": " + type_text(d.params[i].type);
      line(0, s + "): " + type_text(d.result), d.span);
      expr(1, d.body);
    }
    for (const RuleDecl& r : m_.rules) {
      line(0, "rule " + r.id.text + opt_label(r.title), r.span);
      if (r.category) line(1, "category " + quote(r.category->value), r.category->span);
      if (r.severity) line(1, "severity " + r.severity->text, r.severity->span);
      if (r.verdict) line(1, "verdict " + r.verdict->text, r.verdict->span);
      for_clause(1, r.for_);
      for (const LetDecl& l : r.lets) let(1, l);
      if (r.when.valid()) labelled(1, "when", r.when);
      if (r.amount.valid()) labelled(1, "amount", r.amount);
      if (r.points.valid()) labelled(1, "points", r.points);
      if (r.message.valid()) labelled(1, "message", r.message);
      if (r.effective) {
        line(1, "effective", r.effective->span);
        if (r.effective->from.valid()) labelled(2, "from", r.effective->from);
        if (r.effective->to.valid()) labelled(2, "to", r.effective->to);
        labelled(2, "by", r.effective->by);
      }
    }
    for (const ScorecardDecl& s : m_.scorecards) {
      line(0, "scorecard " + s.name.text + opt_label(s.title), s.span);
      for_clause(1, s.for_);
      for (const LetDecl& l : s.lets) let(1, l);
      if (s.base.valid()) labelled(1, "base", s.base);
      for (const ScoreItem& i : s.items) {
        line(1, "item " + quote(i.label.value), i.span);
        expr(2, i.value);
        if (i.limit_low.valid() || i.limit_high.valid()) {
          line(2, "limit");
          expr(3, i.limit_low);
          expr(3, i.limit_high);
        }
      }
      if (!s.grades.empty()) {
        line(1, "grade", s.grade_span);
        for (const GradeBand& g : s.grades) {
          if (g.condition.valid()) labelled(2, quote(g.grade.value) + " when", g.condition);
          else line(2, quote(g.grade.value) + " otherwise", g.span);
        }
      }
      if (s.reasons)
        line(1, "reasons " + std::to_string(s.reasons->count) + (s.reasons->highest ? " highest" : ""), s.reasons->span);
    }
    for (const GroupDecl& g : m_.groups) {
      line(0, "group " + g.name.text + opt_label(g.label), g.span);
      for_clause(1, g.for_);
      for (const LetDecl& l : g.lets) let(1, l);
      for (const GroupKey& k : g.keys) labelled(1, "key " + k.name.text + " =", k.value);
      if (g.where.valid()) labelled(1, "where", g.where);
    }
    for (const TestDecl& t : m_.tests) {
      line(0, "test " + quote(t.name.value), t.span);
      for (const GivenClause& g : t.givens) {
        line(1, "given " + g.record.text, g.span);
        for (const FieldInit& f : g.fields) labelled(2, f.field.text + ":", f.value);
      }
      for (const Expectation& e : t.expects) {
        std::string s = "expect ";
        switch (e.kind) {
          case Expectation::Kind::hit: s += "hit " + e.target.text; break;
          case Expectation::Kind::no_hit: s += "no hit " + e.target.text; break;
          case Expectation::Kind::score: s += "score " + e.target.text; break;
          case Expectation::Kind::count: s += "count " + e.target.text; break;
          case Expectation::Kind::error: s += "error " + e.target.text; break;
        }
        if (e.key) s += (e.kind == Expectation::Kind::score ? " of " : " on ") + quote(e.key->value);
        if (e.grade) s += " grade " + quote(e.grade->value);
        line(1, s, e.span);
        if (e.amount.valid()) labelled(2, "amount", e.amount);
        if (e.score.valid()) labelled(2, "==", e.score);
        if (e.count.valid()) labelled(2, "==", e.count);
      }
    }
  }

 private:
  const Module& m_;
  const PrintOptions& o_;
};

}  // namespace

std::string print_module(const Module& module, const PrintOptions& options) {
  Printer p(module, options);
  p.module();
  return std::move(p.out);
}

std::string print_expr(const Module& module, ExprId id, const PrintOptions& options, int indent) {
  Printer p(module, options);
  p.expr(indent, id);
  return std::move(p.out);
}

}  // namespace fides::ast
