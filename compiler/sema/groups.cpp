// Groups (spec 9.1): `for`, lets, keys and `where`; the group's record type
// gets one field per key and the list field `rows`.
#include <fmt/format.h>

#include "sema/checker.h"

namespace fides::sema::detail {
namespace {

bool valid_key_type(const Program& p, const Type& t) {
  switch (t.kind) {
    case TypeKind::bool_:
    case TypeKind::int_:
    case TypeKind::decimal:
    case TypeKind::money:
    case TypeKind::text:
    case TypeKind::date: return true;
    case TypeKind::record: return !p.records[t.record.index].is_group();
    default: return false;
  }
}

}  // namespace

void Checker::check_groups() {
  group_deps_.assign(m_.groups.size(), {});
  for (uint32_t i = 0; i < m_.groups.size(); ++i) check_group(i);
}

void Checker::check_group(uint32_t i) {
  const ast::GroupDecl& d = m_.groups[i];
  auto record_index = static_cast<uint32_t>(m_.records.size() + i);
  Group g;
  g.record = RecordId(record_index);
  g.decl = &d;
  g.where = d.where;
  Ctx c;
  c.owner = Ctx::Owner::group;
  c.index = i;
  c.local_lets = &d.lets;
  c.checked_lets = &g.lets;
  bind_for(*this, c, d.for_, Phrase::decl_group, d.name, g.source, g.var);
  if (g.source.valid() && p_.records[g.source.index].is_group()) {
    diags_.error(DiagKind::group_over_group, d.for_->record.span, d.name.text, d.for_->record.text)
        .with_help(say(Phrase::help_group_from_source));
    c.bindings.back().type = Type::error();
    g.source = RecordId();
  }
  check_lets(*this, c, d.lets, g.lets, g.var, d.for_);

  std::vector<Field> fields;
  std::unordered_map<std::string, Span> seen;
  if (d.keys.empty() && d.for_)
    diags_.error(DiagKind::group_without_key, d.name.span, d.name.text)
        .with_help(say(Phrase::help_add_group_key));
  for (const ast::GroupKey& k : d.keys) {
    Field f;
    f.name = k.name.text;
    f.column = f.name;
    f.span = k.span;
    auto [it, fresh] = seen.emplace(f.name, k.name.span);
    if (!fresh) duplicate(Phrase::decl_key, f.name, k.name.span, it->second);
    if (f.name == "rows")
      diags_.error(DiagKind::group_key_named_rows, k.name.span, d.name.text)
          .with_help(say(Phrase::help_rows_reserved));
    Type t = check(k.value, c);
    if (!t.is_error() && !valid_key_type(p_, t)) {
      diags_.error(DiagKind::bad_group_key_type, m_.span(k.value), f.name, d.name.text, tn(t))
          .with_help(say(Phrase::help_group_key_types));
      t = Type::error();
    }
    f.type = t.non_optional();
    // A key that reads a personal field (`key phone = p.phone`) holds its values.
    if (const Resolution& read = p_.resolution(k.value); read.kind == RefKind::field)
      f.personal = p_.records[read.index].fields[read.sub].personal;
    fields.push_back(std::move(f));
    g.keys.push_back(k.value);
  }
  if (d.where.valid()) check_as(d.where, c, Type::of(TypeKind::bool_), say(Phrase::place_group_where));
  if (c.uses_hits)
    diags_.error(DiagKind::group_uses_hits, d.name.span, d.name.text)
        .with_help(say(Phrase::help_groups_no_findings));
  group_deps_[i] = c.deps;

  Field rows;
  rows.name = "rows";
  rows.column = "rows";
  rows.span = d.name.span;
  rows.type = g.source.valid() ? Type::rows(g.source) : Type::error();
  rows.via_record = g.source;
  rows.via_field = kGroupRows;
  fields.push_back(std::move(rows));
  p_.records[record_index].fields = std::move(fields);
  p_.groups.push_back(std::move(g));
}

// A def or global let that a group uses must not use hits() either (known
// once the dependency graph is complete).
void Checker::check_groups_hits_free() {
  for (uint32_t i = 0; i < m_.groups.size(); ++i) {
    for (auto [node, use] : group_deps_[i]) {
      if (!node_uses_hits_[node]) continue;
      diags_.error(DiagKind::group_uses_hits, use, m_.groups[i].name.text)
          .with_help(say(Phrase::help_groups_no_findings));
      break;
    }
  }
}

}  // namespace fides::sema::detail
