// `test` declarations: givens checked against record schemas, expectations
// resolved to rules and scorecards.
#include <fmt/format.h>

#include <map>

#include "sema/checker.h"

namespace fides::sema::detail {

// `expect [no] hit|error R on "K"` must name a subject the test forms, else it
// passes or fails vacuously (a typo in K). The subject of a rule over an input
// record is a given row with that key; a group subject will be checked here too.
void Checker::check_subject_given(const Rule& rule, const ast::StrLit& key, const GivenKeys& keys) {
  if (!rule.record.valid()) return;
  const Record& rec = p_.records[rule.record.index];
  // A group's keys are known only once it is formed from the given rows:
  // `fides test` checks them (compiler/driver/pack_tests.cpp).
  if (rec.is_group()) return;
  if (keys.count({rule.record.index, key.value})) return;
  std::vector<std::string> given;
  for (const auto& [k, span] : keys)
    if (k.first == rule.record.index) given.push_back(k.second);
  diags_.error(DiagKind::expect_unknown_subject, key.span, rule.id, rec.name, rec.name, key.value)
      .with_help(given.empty() ? say(Phrase::help_add_given_key, rec.name, key.value)
                               : say(Phrase::help_test_gives, rec.name, quoted_list(given)));
}

void Checker::check_tests() {
  std::unordered_map<std::string, Span> names;
  std::vector<std::string> rule_names, card_names, record_names;
  for (auto& r : m_.rules) rule_names.push_back(r.id.text);
  for (auto& s : m_.scorecards) card_names.push_back(s.name.text);
  for (auto& r : p_.records) record_names.push_back(r.name);

  for (const ast::TestDecl& td : m_.tests) {
    auto [nit, fresh] = names.emplace(td.name.value, td.name.span);
    if (!fresh) duplicate(Phrase::decl_test, td.name.value, td.name.span, nit->second);
    Test t;
    t.name = td.name.value;
    t.span = td.span;
    // (record, key) → span of the given, to find duplicates and resolve references.
    GivenKeys keys;
    struct PendingRef { uint32_t target; std::string key; Span at; std::string field; };
    std::vector<PendingRef> refs;

    for (const ast::GivenClause& g : td.givens) {
      auto rit = record_by_name_.find(g.record.text);
      if (rit == record_by_name_.end()) {
        unknown(DiagKind::unknown_record, g.record.span, g.record.text, record_names);
        continue;
      }
      const Record& rec = p_.records[rit->second];
      note_use(NameUse::Kind::record, rit->second, 0, g.record.span);
      if (rec.is_group()) {
        const Group& grp = p_.groups[rec.group];
        Localized source = grp.source.valid() ? Localized::same(p_.records[grp.source.index].name)
                                              : say(Phrase::group_for_record);
        diags_.error(DiagKind::given_group, g.record.span, rec.name)
            .with_help(say(Phrase::help_give_group_rows, source));
        continue;
      }
      Given given;
      given.record = RecordId(rit->second);
      given.fields.resize(rec.fields.size());
      // A reference field holds its target's key, so it has the key's kind.
      auto value_kind = [&](const Type& ft) {
        if (ft.kind != TypeKind::record) return ft.kind;
        const Record& target = p_.records[ft.record.index];
        return target.fields.empty() ? TypeKind::text : target.fields[target.key_field].type.kind;
      };
      for (size_t fi = 0; fi < rec.fields.size(); ++fi)
        given.fields[fi] = Value::absent_of(value_kind(rec.fields[fi].type));
      std::vector<uint8_t> set(rec.fields.size(), 0);
      std::unordered_map<std::string, Span> seen;
      bool unknown_given = false;  // a misspelt field: do not also call the real one missing
      for (const ast::FieldInit& fin : g.fields) {
        auto [sit, sfresh] = seen.emplace(fin.field.text, fin.field.span);
        if (!sfresh) {
          duplicate(Phrase::decl_field, fin.field.text, fin.field.span, sit->second);
          continue;
        }
        int fi = -1;
        for (size_t k = 0; k < rec.fields.size(); ++k)
          if (rec.fields[k].name == fin.field.text) fi = static_cast<int>(k);
        if (fi < 0) {
          std::vector<std::string> fnames;
          for (auto& f : rec.fields) fnames.push_back(f.name);
          unknown(DiagKind::unknown_field, fin.field.span, fin.field.text, fnames, rec.name);
          unknown_given = true;
          continue;
        }
        const Field& f = rec.fields[fi];
        note_use(NameUse::Kind::field, rit->second, static_cast<uint32_t>(fi), fin.field.span);
        set[fi] = 1;
        if (f.type.is_error()) continue;
        if (f.type.kind == TypeKind::list) {
          diags_.error(DiagKind::given_collection_field, fin.field.span, f.name, rec.name)
              .with_help(say(Phrase::help_give_rows_separately, p_.records[f.type.record.index].name));
          continue;
        }
        Value v;
        if (f.type.kind == TypeKind::record) {
          // A reference takes the target's key, written as a string (or as the key's own literal).
          const Record& target = p_.records[f.type.record.index];
          TypeKind kk = target.fields.empty() ? TypeKind::text : target.fields[target.key_field].type.kind;
          bool ok = false;
          const ast::Expr& x = m_.expr(fin.value);
          if (x.kind == ast::ExprKind::string_lit) {
            ok = parse_value(kk, x.text, v);
          } else {
            ok = constant(fin.value, kk, v);
          }
          if (!ok) {
            diags_.error(DiagKind::given_not_constant, m_.span(fin.value), f.name, rec.name,
                         say(Phrase::want_key_of, target.name), describe(fin.value));
            continue;
          }
          p_.types[fin.value.index] = Type::of(kk);
          refs.push_back({f.type.record.index, format_value(v), m_.span(fin.value), f.name});
        } else if (!constant(fin.value, f.type.kind, v)) {
          diags_.error(DiagKind::given_not_constant, m_.span(fin.value), f.name, rec.name, tn(f.type.non_optional()),
                       describe(fin.value));
          continue;
        } else {
          p_.types[fin.value.index] = Type::of(v.kind);
        }
        given.fields[fi] = std::move(v);
      }
      std::vector<std::string> missing;
      for (size_t fi = 0; fi < rec.fields.size(); ++fi) {
        const Type& ft = rec.fields[fi].type;
        if (!set[fi] && !ft.optional && ft.kind != TypeKind::list && !ft.is_error()) missing.push_back(rec.fields[fi].name);
      }
      if (!missing.empty() && !unknown_given)
        diags_.error(DiagKind::given_missing_fields, g.record.span, rec.name, quoted_list(missing))
            .with_help(say(Phrase::help_give_every_field));
      if (set[rec.key_field] && !given.fields[rec.key_field].absent) {
        std::string key = format_value(given.fields[rec.key_field]);
        auto [kit, kfresh] = keys.emplace(std::make_pair(given.record.index, key), g.span);
        if (!kfresh)
          diags_.error(DiagKind::given_duplicate_key, g.span, rec.name, key)
              .with_note(kit->second, say(Phrase::note_first_given));
      }
      t.givens.push_back(std::move(given));
    }
    for (const PendingRef& r : refs) {
      if (!keys.count({r.target, r.key}))
        diags_.error(DiagKind::given_unresolved_reference, r.at, r.field, p_.records[r.target].name, r.key)
            .with_help(say(Phrase::help_add_given_with_key, p_.records[r.target].name));
    }

    for (const ast::Expectation& ed : td.expects) {
      Expect x;
      x.kind = ed.kind;
      x.span = ed.span;
      if (ed.key) x.key = ed.key->value;
      if (ed.kind == ast::Expectation::Kind::score) {
        auto it = scorecard_by_name_.find(ed.target.text);
        if (it == scorecard_by_name_.end()) {
          unknown(DiagKind::unknown_scorecard, ed.target.span, ed.target.text, card_names);
          continue;
        }
        x.target = it->second;
        note_use(NameUse::Kind::scorecard, it->second, 0, ed.target.span);
        const Scorecard& sc = p_.scorecards[it->second];
        if (ed.score.valid()) {
          Value v;
          if (constant(ed.score, sc.score_type.kind, v)) {
            x.score = v;
            p_.types[ed.score.index] = sc.score_type;
          } else {
            diags_.error(DiagKind::expect_not_constant, m_.span(ed.score), say(Phrase::place_score),
                         describe(ed.score))
                .with_help(say(Phrase::help_score_type, sc.name, tn(sc.score_type)));
          }
        }
        if (ed.grade) {
          bool known = false;
          std::vector<std::string> grades;
          for (auto& g : sc.grades) {
            known = known || g.grade == ed.grade->value;
            grades.push_back(g.grade);
          }
          if (!known) {
            auto& d = diags_.error(DiagKind::unknown_grade, ed.grade->span, sc.name, ed.grade->value);
            d.with_help(grades.empty() ? say(Phrase::help_no_grade_clause)
                                       : say(Phrase::help_grades_are, quoted_list(grades)));
          }
          x.grade = ed.grade->value;
        }
      } else {
        auto it = rule_by_name_.find(ed.target.text);
        if (it == rule_by_name_.end()) {
          unknown(DiagKind::unknown_rule, ed.target.span, ed.target.text, rule_names);
          continue;
        }
        x.target = it->second;
        note_use(NameUse::Kind::rule, it->second, 0, ed.target.span);
        if (ed.key) check_subject_given(p_.rules[it->second], *ed.key, keys);
        if (ed.count.valid()) {
          Value v;
          if (!constant(ed.count, TypeKind::int_, v)) {
            diags_.error(DiagKind::expect_not_constant, m_.span(ed.count), say(Phrase::place_count),
                         describe(ed.count));
          } else if (v.i < 0) {
            diags_.error(DiagKind::expect_count_negative, m_.span(ed.count), format_value(v));
          } else {
            x.count = v.i;
            p_.types[ed.count.index] = Type::of(TypeKind::int_);
          }
        }
        if (ed.amount.valid()) {
          Value v;
          if (constant(ed.amount, TypeKind::money, v)) {
            x.amount = v;
            p_.types[ed.amount.index] = Type::of(TypeKind::money);
          } else {
            diags_.error(DiagKind::expect_not_constant, m_.span(ed.amount), say(Phrase::place_amount),
                         describe(ed.amount));
          }
        }
      }
      t.expects.push_back(std::move(x));
    }
    p_.tests.push_back(std::move(t));
  }
}

}  // namespace fides::sema::detail
