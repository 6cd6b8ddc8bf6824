#include "sema/program.h"

#include <fmt/format.h>

namespace fides::sema {

Type finding_field_type(FindingField f) {
  switch (f) {
    case FindingField::severity: return Type::of(TypeKind::severity);
    case FindingField::amount: return Type::of(TypeKind::money);
    case FindingField::points: return Type::of(TypeKind::int_);
    default: return Type::of(TypeKind::text);
  }
}

std::optional<RecordId> Program::find_record(std::string_view name) const {
  for (size_t i = 0; i < records.size(); ++i)
    if (records[i].name == name) return RecordId(static_cast<uint32_t>(i));
  return std::nullopt;
}

const Let& Program::local_let(const Resolution& r) const {
  switch (r.kind) {
    case RefKind::rule_let: return rules[r.index].lets[r.sub];
    case RefKind::scorecard_let: return scorecards[r.index].lets[r.sub];
    default: return groups[r.index].lets[r.sub];
  }
}

std::string type_name(const Program& p, const Type& t) {
  std::string s;
  auto record_name = [&](RecordId r) {
    return r.valid() && r.index < p.records.size() ? p.records[r.index].name : std::string("?");
  };
  switch (t.kind) {
    case TypeKind::record: s = record_name(t.record); break;
    case TypeKind::list:
      s = t.elem == TypeKind::finding ? "[finding]" : "[" + record_name(t.record) + "]";
      break;
    case TypeKind::set: s = fmt::format("set<{}>", kind_name(t.elem)); break;
    case TypeKind::map: s = fmt::format("map<{}, {}>", kind_name(t.elem), kind_name(t.value)); break;
    default: s = kind_name(t.kind);
  }
  if (t.optional) s += '?';
  return s;
}

}  // namespace fides::sema
