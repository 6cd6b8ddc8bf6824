#include "lsp/symbol.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "diag/phrase.h"
#include "sema/builtins.h"

namespace fides::lsp {
namespace {

using ast::ExprId;
using sema::RefKind;
using sema::Resolution;

template <class T>
const T* at(const std::vector<T>& v, uint32_t i) {
  return i < v.size() ? &v[i] : nullptr;
}

bool covers(Span s, FileId file, uint32_t offset) {
  return s.file == file && s.begin <= offset && offset <= s.end;
}

std::string type_text(const sema::Program& p, const sema::Type& t) {
  return t.is_error() ? "" : sema::type_name(p, t);
}

Localized owned_by(Phrase kind, const std::string& name) { return say(Phrase::named, say(kind), name); }

std::string builtin_param_text(std::string_view code) {
  if (code == "dec") return "num";
  if (code == "opt") return "T?";
  if (code == "row") return "R";
  return std::string(code);
}

// "(text, int): text", one line per overload.
std::string builtin_signatures(std::string_view name) {
  std::string out;
  for (const sema::BuiltinInfo& b : sema::all_builtins()) {
    if (b.name != name) continue;
    if (!out.empty()) out += '\n';
    out += '(';
    std::string_view params = b.params;
    for (bool first = true; !params.empty(); first = false) {
      size_t comma = params.find(',');
      if (!first) out += ", ";
      out += builtin_param_text(params.substr(0, comma));
      params = comma == std::string_view::npos ? std::string_view() : params.substr(comma + 1);
    }
    out += "): ";
    out += b.result == "$num" ? "num" : std::string(b.result);
  }
  return out;
}

// A name declared nowhere: a severity (`high`), an aggregate's keyword (`sum`).
Symbol keyword_like(SymbolKind kind, std::string name, std::string type) {
  Symbol s;
  s.kind = kind;
  s.name = std::move(name);
  s.type = std::move(type);
  return s;
}

// A symbol named by a name as written: its kind, the name and where it is declared.
Symbol named(SymbolKind kind, const ast::Ident& name) {
  Symbol s;
  s.kind = kind;
  s.name = name.text;
  s.decl = name.span;
  return s;
}

Symbol builtin_symbol(std::string_view name) {
  Symbol s;
  s.kind = SymbolKind::builtin;
  s.name = name;
  s.type = builtin_signatures(name);
  return s;
}

std::string def_signature(const sema::Program& p, const sema::Def& d) {
  std::string s = "(";
  for (size_t i = 0; i < d.params.size(); ++i) {
    if (i) s += ", ";
    s += d.params[i].name + ": " + type_text(p, d.params[i].type);
  }
  return s + "): " + type_text(p, d.result);
}

class Finder {
 public:
  explicit Finder(const Analysis& a) : a_(a), m_(a.module), p_(*a.program) {}

  Symbol field(uint32_t record, uint32_t index) const {
    Symbol s;
    s.kind = SymbolKind::field;
    const sema::Record* r = at(p_.records, record);
    const sema::Field* f = r ? at(r->fields, index) : nullptr;
    if (!f) return s;
    s.name = f->name;
    s.type = type_text(p_, f->type);
    s.owner = Localized::same(r->name);
    if (const ast::GroupDecl* g = group_of(*r)) {
      const ast::GroupKey* k = at(g->keys, index);
      s.decl = k ? k->name.span : g->name.span;  // `rows` is the group's own
    } else if (const ast::FieldDecl* fd = r->decl ? at(r->decl->fields, index) : nullptr) {
      s.decl = fd->name.span;
    }
    return s;
  }

  Symbol record(uint32_t index) const {
    Symbol s;
    const sema::Record* r = at(p_.records, index);
    if (!r) return s;
    s.name = r->name;
    s.label = r->label;
    if (const ast::GroupDecl* g = group_of(*r)) {
      s.kind = SymbolKind::group;
      s.decl = g->name.span;
    } else if (r->decl) {
      s.decl = r->decl->name.span;
    }
    return s;
  }

  Symbol rule(uint32_t i) const {
    const ast::RuleDecl& d = m_.rules[i];
    Symbol s = named(SymbolKind::rule, d.id);
    if (d.title) s.label = d.title->value;
    return s;
  }

  Symbol scorecard(uint32_t i) const {
    const ast::ScorecardDecl& d = m_.scorecards[i];
    Symbol s = named(SymbolKind::scorecard, d.name);
    if (d.title) s.label = d.title->value;
    return s;
  }

  // The subject `x` of `for x: R` in a rule, scorecard or group.
  Symbol subject(const ast::ForClause& f, Phrase owner_kind, const std::string& owner) const {
    Symbol s = named(SymbolKind::variable, f.var);
    if (std::optional<sema::RecordId> r = p_.find_record(f.record.text)) s.type = p_.records[r->index].name;
    s.owner = owned_by(owner_kind, owner);
    return s;
  }

  Symbol let(const ast::LetDecl& d, const sema::Let* checked, Localized owner) const {
    Symbol s = named(SymbolKind::let, d.name);
    if (checked) s.type = type_text(p_, checked->type);
    s.owner = std::move(owner);
    return s;
  }

  Symbol param(uint32_t i) const {
    const ast::ParamDecl& d = m_.params[i];
    Symbol s = named(SymbolKind::param, d.name);
    if (d.label) s.label = d.label->value;
    if (const sema::Param* c = at(p_.params, i)) s.type = type_text(p_, c->type);
    return s;
  }

  Symbol table(uint32_t i) const {
    Symbol s = named(SymbolKind::table, m_.tables[i].name);
    if (const sema::Table* c = at(p_.tables, i)) s.type = type_text(p_, c->type);
    return s;
  }

  Symbol global_let(uint32_t i) const { return let(m_.lets[i], at(p_.lets, i), {}); }

  Symbol def(uint32_t i) const {
    Symbol s = named(SymbolKind::def, m_.defs[i].name);
    if (const sema::Def* c = at(p_.defs, i)) s.type = def_signature(p_, *c);
    return s;
  }

  Symbol def_param(uint32_t def, uint32_t i) const {
    Symbol s = named(SymbolKind::def_param, m_.defs[def].params[i].name);
    const sema::Def* c = at(p_.defs, def);
    if (const sema::DefParam* cp = c ? at(c->params, i) : nullptr) s.type = type_text(p_, cp->type);
    s.owner = owned_by(Phrase::decl_def, m_.defs[def].name.text);
    return s;
  }

  Symbol rule_let(uint32_t rule, uint32_t i) const {
    const sema::Rule* r = at(p_.rules, rule);
    return let(m_.rules[rule].lets[i], r ? at(r->lets, i) : nullptr,
               owned_by(Phrase::decl_rule, m_.rules[rule].id.text));
  }

  Symbol scorecard_let(uint32_t card, uint32_t i) const {
    const sema::Scorecard* s = at(p_.scorecards, card);
    return let(m_.scorecards[card].lets[i], s ? at(s->lets, i) : nullptr,
               owned_by(Phrase::decl_scorecard, m_.scorecards[card].name.text));
  }

  Symbol group_let(uint32_t group, uint32_t i) const {
    const sema::Group* g = at(p_.groups, group);
    return let(m_.groups[group].lets[i], g ? at(g->lets, i) : nullptr,
               owned_by(Phrase::decl_group, m_.groups[group].name.text));
  }

  // `score` in a grade band of scorecard i.
  Symbol score(uint32_t i) const {
    Symbol s = named(SymbolKind::score, m_.scorecards[i].name);
    s.name = "score";
    if (const sema::Scorecard* c = at(p_.scorecards, i)) s.type = type_text(p_, c->score_type);
    s.owner = owned_by(Phrase::decl_scorecard, m_.scorecards[i].name.text);
    return s;
  }

  Symbol finding_field(uint32_t i) const {
    Symbol s;
    s.kind = SymbolKind::finding_field;
    s.name = sema::kFindingFieldNames[i];
    s.type = type_text(p_, sema::finding_field_type(static_cast<sema::FindingField>(i)));
    s.owner = say(Phrase::symbol_finding);
    return s;
  }

  // The variable of an aggregate (`x` of `count(x in C)`), typed by its collection.
  Symbol aggregate_variable(ExprId aggregate) const {
    const ast::Expr& x = m_.expr(aggregate);
    std::string type;
    if (!x.kids.empty()) {
      const sema::Type& c = p_.type(x.kids[0]);
      if (c.kind == sema::TypeKind::list)
        type = c.elem == sema::TypeKind::finding ? "finding" : type_text(p_, sema::Type::rec(c.record));
    }
    Symbol s;
    s.kind = SymbolKind::variable;
    s.name = x.name;
    s.type = type;
    s.decl = x.name_span;
    return s;
  }

  // The `for` subject a use of it names: the one of the declaration around the use.
  std::optional<Symbol> subject_around(Span use, const std::string& name) const {
    auto match = [&](const auto& d) {
      return d.for_ && d.for_->var.text == name && covers(d.span, use.file, use.begin);
    };
    for (const ast::RuleDecl& d : m_.rules)
      if (match(d)) return subject(*d.for_, Phrase::decl_rule, d.id.text);
    for (const ast::ScorecardDecl& d : m_.scorecards)
      if (match(d)) return subject(*d.for_, Phrase::decl_scorecard, d.name.text);
    for (const ast::GroupDecl& d : m_.groups)
      if (match(d)) return subject(*d.for_, Phrase::decl_group, d.name.text);
    return std::nullopt;
  }

  std::optional<Symbol> resolved(ExprId e) const {
    const Resolution& r = p_.resolution(e);
    const ast::Expr& x = m_.expr(e);
    switch (r.kind) {
      case RefKind::none: return std::nullopt;
      case RefKind::rule_let: return rule_let(r.index, r.sub);
      case RefKind::scorecard_let: return scorecard_let(r.index, r.sub);
      case RefKind::group_let: return group_let(r.index, r.sub);
      case RefKind::global_let: return global_let(r.index);
      case RefKind::param: return param(r.index);
      case RefKind::table: return table(r.index);
      case RefKind::def: return def(r.index);
      case RefKind::def_param: return def_param(r.index, r.sub);
      case RefKind::for_var: return subject_around(m_.span(e), x.name);
      case RefKind::aggregate_var: return aggregate_variable(ExprId(r.index));
      case RefKind::record_rows: return record(r.index);
      case RefKind::severity_lit: return keyword_like(SymbolKind::severity, x.name, "severity");
      case RefKind::score: return score(r.index);
      case RefKind::builtin: return builtin_symbol(sema::builtin_info(static_cast<sema::BuiltinId>(r.index)).name);
      case RefKind::field: return field(r.index, r.sub);
      case RefKind::finding_field: return finding_field(r.index);
    }
    return std::nullopt;
  }

  std::optional<Symbol> used(const sema::NameUse& u) const {
    switch (u.kind) {
      case sema::NameUse::Kind::record: return record(u.index);
      case sema::NameUse::Kind::field: return field(u.index, u.sub);
      case sema::NameUse::Kind::rule: return rule(u.index);
      case sema::NameUse::Kind::scorecard: return scorecard(u.index);
    }
    return std::nullopt;
  }

  // Every declaration of the file: its symbol (`decl` is its name) and the
  // span of the whole declaration.
  template <class Visit>
  void declarations(FileId file, Visit&& visit) const {
    auto in_file = [&](Span s) { return s.file == file; };
    for (uint32_t i = 0; i < m_.records.size(); ++i) {
      const ast::RecordDecl& d = m_.records[i];
      if (!in_file(d.span)) continue;
      visit(record(i), d.span);
      for (uint32_t k = 0; k < d.fields.size(); ++k) visit(field(i, k), d.fields[k].span);
    }
    for (uint32_t i = 0; i < m_.groups.size(); ++i) {
      const ast::GroupDecl& d = m_.groups[i];
      if (!in_file(d.span)) continue;
      uint32_t rec = static_cast<uint32_t>(m_.records.size()) + i;
      visit(record(rec), d.span);
      for (uint32_t k = 0; k < d.keys.size(); ++k) visit(field(rec, k), d.keys[k].span);
      if (d.for_) visit(subject(*d.for_, Phrase::decl_group, d.name.text), d.for_->span);
      for (uint32_t k = 0; k < d.lets.size(); ++k) visit(group_let(i, k), d.lets[k].span);
    }
    for (uint32_t i = 0; i < m_.params.size(); ++i)
      if (in_file(m_.params[i].span)) visit(param(i), m_.params[i].span);
    for (uint32_t i = 0; i < m_.tables.size(); ++i)
      if (in_file(m_.tables[i].span)) visit(table(i), m_.tables[i].span);
    for (uint32_t i = 0; i < m_.lets.size(); ++i)
      if (in_file(m_.lets[i].span)) visit(global_let(i), m_.lets[i].span);
    for (uint32_t i = 0; i < m_.defs.size(); ++i) {
      if (!in_file(m_.defs[i].span)) continue;
      visit(def(i), m_.defs[i].span);
      for (uint32_t k = 0; k < m_.defs[i].params.size(); ++k)
        visit(def_param(i, k), m_.defs[i].params[k].name.span);
    }
    for (uint32_t i = 0; i < m_.rules.size(); ++i) {
      const ast::RuleDecl& d = m_.rules[i];
      if (!in_file(d.span)) continue;
      visit(rule(i), d.span);
      if (d.for_) visit(subject(*d.for_, Phrase::decl_rule, d.id.text), d.for_->span);
      for (uint32_t k = 0; k < d.lets.size(); ++k) visit(rule_let(i, k), d.lets[k].span);
    }
    for (uint32_t i = 0; i < m_.scorecards.size(); ++i) {
      const ast::ScorecardDecl& d = m_.scorecards[i];
      if (!in_file(d.span)) continue;
      visit(scorecard(i), d.span);
      if (d.for_) visit(subject(*d.for_, Phrase::decl_scorecard, d.name.text), d.for_->span);
      for (uint32_t k = 0; k < d.lets.size(); ++k) visit(scorecard_let(i, k), d.lets[k].span);
    }
    for (const ast::TestDecl& d : m_.tests)
      if (in_file(d.span)) visit(named(SymbolKind::test, ast::Ident{d.name.value, d.name.span}), d.span);
  }

  // The keyword of an aggregate: the name it starts with (`sum` of `sum(…)`).
  Span aggregate_keyword(ExprId e) const {
    Span s = m_.span(e);
    std::string_view text = a_.sources->text(s.file);
    uint32_t end = s.begin;
    auto letter = [&](uint32_t i) { return std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_'; };
    while (end < s.end && end < text.size() && letter(end)) ++end;
    return {s.file, s.begin, end};
  }

  std::optional<Occurrence> at_offset(FileId file, uint32_t offset) const {
    std::optional<Occurrence> best;
    // The smallest name around the offset; of two, the one the offset is inside
    // rather than just after.
    auto consider = [&](Span s, auto&& symbol) {
      if (!covers(s, file, offset)) return;
      if (best) {
        bool inside = offset < s.end, best_inside = offset < best->span.end;
        if (best_inside && !inside) return;
        if (inside == best_inside && s.end - s.begin >= best->span.end - best->span.begin) return;
      }
      if (std::optional<Symbol> sym = symbol()) best = Occurrence{std::move(*sym), s};
    };
    for (uint32_t i = 0; i < m_.exprs.size(); ++i) {
      if (m_.expr_spans[i].file != file) continue;
      ExprId e(i);
      const ast::Expr& x = m_.expr(e);
      switch (x.kind) {
        case ast::ExprKind::name: consider(m_.span(e), [&] { return resolved(e); }); break;
        case ast::ExprKind::field:
        case ast::ExprKind::call: consider(x.name_span, [&] { return resolved(e); }); break;
        case ast::ExprKind::aggregate: {
          consider(x.name_span, [&] { return std::optional<Symbol>(aggregate_variable(e)); });
          Span kw = aggregate_keyword(e);
          std::string word(a_.sources->text(kw.file).substr(kw.begin, kw.end - kw.begin));
          consider(kw, [&] { return std::optional<Symbol>(keyword_like(SymbolKind::aggregate, word, "")); });
          break;
        }
        default: break;
      }
    }
    for (const sema::NameUse& u : p_.name_uses) consider(u.span, [&] { return used(u); });
    declarations(file, [&](const Symbol& sym, Span) {
      consider(sym.decl, [&] { return std::optional<Symbol>(sym); });
    });
    return best;
  }

  std::vector<Symbol> in_scope(FileId file, uint32_t offset) const {
    std::vector<Symbol> out;
    auto around = [&](const auto& d) { return covers(d.span, file, offset); };
    auto lets_before = [&](const std::vector<ast::LetDecl>& lets, auto&& symbol) {
      for (uint32_t k = 0; k < lets.size(); ++k)
        if (lets[k].span.end <= offset) out.push_back(symbol(k));
    };
    for (uint32_t i = 0; i < m_.rules.size(); ++i) {
      const ast::RuleDecl& d = m_.rules[i];
      if (!around(d)) continue;
      if (d.for_) out.push_back(subject(*d.for_, Phrase::decl_rule, d.id.text));
      lets_before(d.lets, [&](uint32_t k) { return rule_let(i, k); });
    }
    for (uint32_t i = 0; i < m_.scorecards.size(); ++i) {
      const ast::ScorecardDecl& d = m_.scorecards[i];
      if (!around(d)) continue;
      if (d.for_) out.push_back(subject(*d.for_, Phrase::decl_scorecard, d.name.text));
      lets_before(d.lets, [&](uint32_t k) { return scorecard_let(i, k); });
      out.push_back(score(i));
    }
    for (uint32_t i = 0; i < m_.groups.size(); ++i) {
      const ast::GroupDecl& d = m_.groups[i];
      if (!around(d)) continue;
      if (d.for_) out.push_back(subject(*d.for_, Phrase::decl_group, d.name.text));
      lets_before(d.lets, [&](uint32_t k) { return group_let(i, k); });
    }
    for (uint32_t i = 0; i < m_.defs.size(); ++i)
      if (around(m_.defs[i]))
        for (uint32_t k = 0; k < m_.defs[i].params.size(); ++k) out.push_back(def_param(i, k));
    for (uint32_t i = 0; i < m_.exprs.size(); ++i)
      if (m_.exprs[i].kind == ast::ExprKind::aggregate && covers(m_.expr_spans[i], file, offset) &&
          !m_.exprs[i].name.empty())
        out.push_back(aggregate_variable(ExprId(i)));
    for (uint32_t i = 0; i < m_.params.size(); ++i) out.push_back(param(i));
    for (uint32_t i = 0; i < m_.tables.size(); ++i) out.push_back(table(i));
    for (uint32_t i = 0; i < m_.lets.size(); ++i) out.push_back(global_let(i));
    for (uint32_t i = 0; i < m_.defs.size(); ++i) out.push_back(def(i));
    for (uint32_t i = 0; i < p_.records.size(); ++i) out.push_back(record(i));
    std::set<std::string_view> builtins;
    for (const sema::BuiltinInfo& b : sema::all_builtins())
      if (builtins.insert(b.name).second) out.push_back(builtin_symbol(b.name));
    return out;
  }

  std::vector<Symbol> fields_of(const sema::Type& t) const {
    std::vector<Symbol> out;
    if (t.kind == sema::TypeKind::record) {
      if (const sema::Record* r = at(p_.records, t.record.index))
        for (uint32_t k = 0; k < r->fields.size(); ++k) out.push_back(field(t.record.index, k));
    } else if (t.kind == sema::TypeKind::finding) {
      for (uint32_t k = 0; k < std::size(sema::kFindingFieldNames); ++k) out.push_back(finding_field(k));
    }
    return out;
  }

 private:
  // The declaration of a record that is a group, else null.
  const ast::GroupDecl* group_of(const sema::Record& r) const {
    const sema::Group* g = r.is_group() ? at(p_.groups, static_cast<uint32_t>(r.group)) : nullptr;
    return g ? g->decl : nullptr;
  }

  const Analysis& a_;
  const ast::Module& m_;
  const sema::Program& p_;
};

}  // namespace

std::optional<Occurrence> symbol_at(const Analysis& a, FileId file, uint32_t offset) {
  if (!a.program) return std::nullopt;
  return Finder(a).at_offset(file, offset);
}

std::vector<Declaration> declarations_in(const Analysis& a, FileId file) {
  std::vector<Declaration> out;
  if (a.program) Finder(a).declarations(file, [&](const Symbol& s, Span whole) { out.push_back({s, whole}); });
  return out;
}

std::vector<Symbol> field_symbols(const Analysis& a, const sema::Type& of) {
  if (!a.program) return {};
  return Finder(a).fields_of(of);
}

std::vector<Symbol> symbols_in_scope(const Analysis& a, FileId file, uint32_t offset) {
  if (!a.program) return {};
  return Finder(a).in_scope(file, offset);
}

}  // namespace fides::lsp
