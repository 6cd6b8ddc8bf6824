// Values as output files print them (spec §8), and value comparison.
#include <cstring>

#include "interp/eval.h"

namespace fides::interp {

using sema::TypeKind;

void Eval::print(const V& v, const sema::Type& t, std::string& out) const {
  if (!v.present) return;
  char buf[32];
  size_t n = 0;
  switch (t.kind) {
    case TypeKind::bool_: n = fides_format_bool(v.i != 0, buf); break;
    case TypeKind::int_: n = fides_format_int(v.i, buf); break;
    case TypeKind::decimal: n = fides_format_decimal(v.i, buf); break;
    case TypeKind::money: n = fides_format_money(v.i, buf); break;
    case TypeKind::date: n = fides_format_date(static_cast<int32_t>(v.i), buf); break;
    case TypeKind::text:
      if (v.s.len > 0) out.append(v.s.ptr, static_cast<size_t>(v.s.len));
      return;
    case TypeKind::severity: out += fides_severity_name(static_cast<int>(v.i)); return;
    case TypeKind::record: {  // a record prints as its key
      const sema::Record& r = p_.records[t.record.index];
      const fides_column& c = column(t.record.index, r.key_field);
      sema::Type kt = r.fields[r.key_field].type;
      V key = kt.kind == TypeKind::text ? V::text(c.texts[v.i]) : V::of(c.values[v.i]);
      print(key, kt.non_optional(), out);
      return;
    }
    default: return;
  }
  out.append(buf, n);
}

bool Eval::text_in_arena(ExprId at, const std::string& s, V& out) {
  void* p = fides_arena_alloc(&arena_, s.size());
  if (!p) return fail(at, FIDES_ERR_NOMEM);
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  out = V::text({static_cast<const char*>(p), static_cast<int64_t>(s.size())});
  return true;
}

int Eval::compare(const V& a, const V& b, TypeKind k) {
  if (k == TypeKind::text) return fides_text_cmp(a.s, b.s);
  return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
}

bool Eval::equal(const V& a, const V& b, TypeKind k) {
  if (k == TypeKind::text) return fides_text_eq(a.s, b.s);
  return a.i == b.i;
}

}  // namespace fides::interp
