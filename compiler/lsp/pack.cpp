#include "lsp/pack.h"

#include "sema/check.h"
#include "support/file_access.h"
#include "syntax/load_pack.h"

namespace fides::lsp {

std::optional<FileId> Analysis::file(const std::string& path) const {
  auto it = files.find(path);
  if (it == files.end()) return std::nullopt;
  return it->second;
}

const Analysis& Pack::analysis(const PackOptions& options, const Unsaved& unsaved) {
  if (!last_) last_ = check_once(options, unsaved);
  return *last_;
}

std::unique_ptr<Analysis> Pack::check_once(const PackOptions& options, const Unsaved& unsaved) {
  last_.reset();  // its spans point into texts this check may replace
  ++checks_;
  auto a = std::make_unique<Analysis>();
  syntax::LoadOptions load{options.stdlib_dir, options.allowed_dirs, &unsaved};
  syntax::load_pack(main_path_, load, cache_, a->module, a->diags);
  a->sources = &cache_.sources();
  if (!a->module.files.empty()) {
    FileAccess access(main_path_, options.stdlib_dir, options.allowed_dirs);
    a->program = sema::check(a->module, cache_.sources(), a->diags, access);
  }
  for (const ast::File& f : a->module.files) a->files.emplace(cache_.sources().path(f.id), f.id);
  return a;
}

}  // namespace fides::lsp
