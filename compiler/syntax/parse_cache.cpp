#include "syntax/parse_cache.h"

#include "syntax/parse_file.h"

namespace fides::syntax {

FileId ParseCache::add(const std::string& path, std::string text) {
  auto it = by_path_.find(path);
  if (it == by_path_.end()) {
    FileId id = sources_.add(path, std::move(text));
    by_path_.emplace(path, id);
    parsed_.emplace_back();
    return id;
  }
  FileId id = it->second;
  if (sources_.text(id) != text) {
    sources_.replace(id, std::move(text));
    parsed_[id.index] = Parsed{};
  }
  return id;
}

ast::File ParseCache::parse(FileId id, ast::Module& own, Diagnostics& diags) {
  Parsed& p = parsed_[id.index];
  if (!p.current) {
    Diagnostics reported;
    p.module = ast::Module{};
    p.file = parse_file(id, sources_, p.module, reported);
    p.diags = reported.all();
    p.current = true;
  }
  own = p.module;
  for (const Diagnostic& d : p.diags) diags.repeat(d);
  return p.file;
}

}  // namespace fides::syntax
