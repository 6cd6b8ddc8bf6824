// Records: names, fields, keys, references and `via` collections.
#include <fmt/format.h>

#include "sema/checker.h"

namespace fides::sema::detail {

void Checker::collect_records() {
  for (uint32_t i = 0; i < m_.records.size(); ++i) {
    const ast::RecordDecl& d = m_.records[i];
    Record r;
    r.name = d.name.text;
    r.label = d.label ? d.label->value : "";
    r.decl = &d;
    auto [it, fresh] = record_by_name_.emplace(r.name, i);
    if (!fresh) duplicate(Phrase::decl_record, r.name, d.name.span, m_.records[it->second].name.span);
    p_.records.push_back(std::move(r));
  }
  // Groups are record types too, numbered after the input records.
  for (uint32_t i = 0; i < m_.groups.size(); ++i) {
    const ast::GroupDecl& d = m_.groups[i];
    Record r;
    r.name = d.name.text;
    r.label = d.label ? d.label->value : "";
    r.group = static_cast<int32_t>(i);
    auto index = static_cast<uint32_t>(p_.records.size());
    auto [it, fresh] = record_by_name_.emplace(r.name, index);
    if (!fresh) {
      Span first = it->second < m_.records.size() ? m_.records[it->second].name.span
                                                  : m_.groups[it->second - m_.records.size()].name.span;
      duplicate(Phrase::decl_record, r.name, d.name.span, first);
    }
    p_.records.push_back(std::move(r));
  }
}

namespace {
// A `from` file is named relative to the data folder and stays inside it: no
// absolute path, no `..`, no backslash (read as a separator on some systems),
// nothing a shell or a file system treats specially.
bool is_data_file_name(const std::string& file) {
  if (file.empty() || file.front() == '/' || file.back() == '/') return false;
  for (unsigned char c : file)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  size_t start = 0;
  while (start <= file.size()) {
    size_t end = file.find('/', start);
    if (end == std::string::npos) end = file.size();
    std::string part = file.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}
}  // namespace

// Every input record reads one file of the data folder: `from "…"` or <name>.csv.
void Checker::check_input_files() {
  std::unordered_map<std::string, uint32_t> reader;  // file → first record reading it
  for (uint32_t i = 0; i < m_.records.size(); ++i) {
    const ast::RecordDecl& d = m_.records[i];
    Record& r = p_.records[i];
    r.input_file = d.input_file ? d.input_file->value : r.name + ".csv";
    if (record_by_name_.at(r.name) != i) continue;  // a second record of one name: E0101 already says so
    if (d.input_file && !is_data_file_name(r.input_file)) {
      diags_.error(DiagKind::bad_input_file, d.input_file->span, r.name, r.input_file)
          .with_help(say(Phrase::help_input_file_name));
      continue;
    }
    auto [it, fresh] = reader.emplace(r.input_file, i);
    if (fresh) continue;
    const ast::RecordDecl& first = m_.records[it->second];
    Span at = d.input_file ? d.input_file->span : d.name.span;
    Span first_at = first.input_file ? first.input_file->span : first.name.span;
    diags_.error(DiagKind::shared_input_file, at, first.name.text, r.name, r.input_file)
        .with_note(first_at, say(Phrase::note_first_reader))
        .with_help(say(Phrase::help_own_input_file));
  }
}

void Checker::check_record_fields() {
  // Pass 1: field names and types.
  for (uint32_t ri = 0; ri < m_.records.size(); ++ri) {
    const ast::RecordDecl& d = m_.records[ri];
    Record& r = p_.records[ri];
    std::unordered_map<std::string, Span> seen;
    std::unordered_map<std::string, std::string> columns;  // column → field
    for (const ast::FieldDecl& fd : d.fields) {
      Field f;
      f.name = fd.name.text;
      f.column = fd.column ? fd.column->value : f.name;
      f.span = fd.span;
      auto [it, fresh] = seen.emplace(f.name, fd.name.span);
      if (!fresh) duplicate(Phrase::decl_field, f.name, fd.name.span, it->second);
      f.type = resolve_type_ref(fd.type);
      if ((f.type.kind == TypeKind::record || f.type.kind == TypeKind::list) &&
          p_.records[f.type.record.index].is_group()) {
        diags_.error(DiagKind::record_refers_to_group, fd.type.span, f.name, r.name, p_.records[f.type.record.index].name)
            .with_help(say(Phrase::help_group_reach));
        f.type = Type::error();
      }
      if (!f.type.is_error()) {
        if (f.type.kind == TypeKind::set || f.type.kind == TypeKind::map) {
          diags_.error(DiagKind::bad_field_type, fd.type.span, f.name, tn(f.type))
              .with_help(say(Phrase::help_table_for_reference));
          f.type = Type::error();
        } else if (f.type.kind == TypeKind::list && !fd.via) {
          diags_.error(DiagKind::list_without_via, fd.type.span, f.name)
              .with_help(say(Phrase::help_list_via, fd.type.name, fd.type.name, r.name));
        } else if (f.type.kind != TypeKind::list && fd.via) {
          diags_.error(DiagKind::via_without_list, fd.via->span, f.name, tn(f.type))
              .with_help(say(Phrase::help_collect_via, tn(f.type), fd.via->text));
        }
      }
      if (fd.personal && !f.type.is_error()) {
        if (f.type.kind == TypeKind::text)
          f.personal = true;
        else if (f.type.kind == TypeKind::list)
          diags_.error(DiagKind::personal_not_text, *fd.personal, f.name, tn(f.type))
              .with_help(say(Phrase::help_personal_collection, fd.type.name));
        else if (f.type.kind != TypeKind::record)  // a reference: pass 2 says what to mark instead
          diags_.error(DiagKind::personal_not_text, *fd.personal, f.name, tn(f.type))
              .with_help(say(Phrase::help_personal_text));
      }
      if (f.type.kind != TypeKind::list) {
        auto [cit, cfresh] = columns.emplace(f.column, f.name);
        if (!cfresh && fresh)
          diags_.error(DiagKind::duplicate_column, fd.column ? fd.column->span : fd.name.span, f.column, cit->second,
                       f.name)
              .with_help(say(Phrase::help_own_column));
      }
      r.fields.push_back(std::move(f));
    }
    // The key.
    bool found = false;
    for (uint32_t fi = 0; fi < r.fields.size(); ++fi) {
      if (r.fields[fi].name != d.key.text) continue;
      found = true;
      r.key_field = fi;
      note_use(NameUse::Kind::field, ri, fi, d.key.span);
      const Type& kt = r.fields[fi].type;
      bool ok = kt.is_error() || (!kt.optional && (kt.kind == TypeKind::text || kt.kind == TypeKind::int_ ||
                                                   kt.kind == TypeKind::date));
      if (!ok) diags_.error(DiagKind::bad_key_type, d.key.span, d.key.text, r.name, tn(kt));
      break;
    }
    if (!found) {
      std::vector<std::string> names;
      for (auto& f : r.fields) names.push_back(f.name);
      unknown(DiagKind::key_not_a_field, d.key.span, d.key.text, names, r.name);
    }
  }
  // Pass 2: `[R] via f` — f must be a reference field of R back to this record.
  for (uint32_t ri = 0; ri < m_.records.size(); ++ri) {
    const ast::RecordDecl& d = m_.records[ri];
    Record& r = p_.records[ri];
    for (size_t fi = 0; fi < d.fields.size(); ++fi) {
      const ast::FieldDecl& fd = d.fields[fi];
      Field& f = r.fields[fi];
      if (fd.personal && f.type.kind == TypeKind::record) check_personal_reference(fd, f);
      if (f.type.kind != TypeKind::list || !fd.via) continue;
      const Record& src = p_.records[f.type.record.index];
      bool found = false;
      for (uint32_t si = 0; si < src.fields.size(); ++si) {
        if (src.fields[si].name != fd.via->text) continue;
        found = true;
        note_use(NameUse::Kind::field, f.type.record.index, si, fd.via->span);
        const Type& st = src.fields[si].type;
        if (st.is_error()) break;
        if (st.kind != TypeKind::record || st.record.index != ri) {
          diags_.error(DiagKind::via_not_back_reference, fd.via->span, fd.via->text, src.name, tn(st), r.name)
              .with_note(src.fields[si].span, say(Phrase::note_declared_here, fd.via->text))
              .with_help(say(Phrase::help_via_field, src.name, r.name, r.name));
          break;
        }
        f.via_record = f.type.record;
        f.via_field = si;
        break;
      }
      if (!found) {
        std::vector<std::string> names;
        for (auto& sf : src.fields)
          if (sf.type.kind == TypeKind::record) names.push_back(sf.name);
        auto& diag = diags_.error(DiagKind::via_unknown_field, fd.via->span, src.name, fd.via->text);
        Localized help = did_you_mean(fd.via->text, names);
        if (!help.empty()) diag.with_help(help);
      }
    }
  }
}

// A reference holds its target's key, so it is personal exactly when that key
// is (lower/ marks it): `personal` written on it is refused, naming the key to mark.
void Checker::check_personal_reference(const ast::FieldDecl& fd, const Field& f) {
  const Record& target = p_.records[f.type.record.index];
  const std::string& key = target.decl->key.text;
  bool key_personal = false;
  for (const Field& tf : target.fields) key_personal |= tf.name == key && tf.personal;
  auto& diag = diags_.error(DiagKind::personal_reference, *fd.personal, f.name, target.name);
  if (key_personal)
    diag.with_help(say(Phrase::help_personal_already, key, target.name));
  else
    diag.with_help(say(Phrase::help_personal_mark_key, key, target.name));
}

}  // namespace fides::sema::detail
