// Reading a pack: the main file, then its imports depth-first, each file once.
// Every file is parsed into a module of its own and spliced into the pack's
// module when the walk finishes it, so that declarations come in finishing
// order (a file's imports before the file) while each file is read once.
#include "syntax/load_pack.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "diag/file_problem.h"
#include "support/file_access.h"
#include "syntax/parse_file.h"

namespace fides::syntax {
namespace {

namespace fs = std::filesystem;

fs::path canonical_or_normal(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : c;
}

// Whether anything (even a dangling or looping symlink) is at `p`.
bool something_at(const fs::path& p) {
  std::error_code ec;
  return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

// Where the first declaration of a file starts (past a BOM, blanks and comments).
uint32_t first_token_offset(std::string_view text) {
  size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else {
      break;
    }
  }
  return static_cast<uint32_t>(std::min(i, text.size()));
}

ast::ExprId shifted(ast::ExprId id, uint32_t by) { return id.valid() ? ast::ExprId(id.index + by) : id; }

// Moves a file's declarations into the pack's module, renumbering expressions.
void splice(ast::Module& from, ast::Module& into) {
  uint32_t by = static_cast<uint32_t>(into.exprs.size());
  auto sh = [by](ast::ExprId& id) { id = shifted(id, by); };
  for (ast::Expr& e : from.exprs)
    for (ast::ExprId& k : e.kids) sh(k);
  into.exprs.insert(into.exprs.end(), std::make_move_iterator(from.exprs.begin()),
                    std::make_move_iterator(from.exprs.end()));
  into.expr_spans.insert(into.expr_spans.end(), from.expr_spans.begin(), from.expr_spans.end());
  auto lets = [&](std::vector<ast::LetDecl>& v) {
    for (auto& l : v) sh(l.value);
  };
  for (auto& p : from.params) sh(p.default_value), sh(p.range_low), sh(p.range_high);
  for (auto& t : from.tables) sh(t.inline_value);
  lets(from.lets);
  for (auto& d : from.defs) sh(d.body);
  for (auto& r : from.rules) {
    lets(r.lets);
    sh(r.when), sh(r.amount), sh(r.points), sh(r.message);
    if (r.effective) sh(r.effective->from), sh(r.effective->to), sh(r.effective->by);
  }
  for (auto& s : from.scorecards) {
    lets(s.lets);
    sh(s.base);
    for (auto& i : s.items) sh(i.value), sh(i.limit_low), sh(i.limit_high);
    for (auto& g : s.grades) sh(g.condition);
  }
  for (auto& g : from.groups) {
    lets(g.lets);
    for (auto& k : g.keys) sh(k.value);
    sh(g.where);
  }
  for (auto& t : from.tests) {
    for (auto& g : t.givens)
      for (auto& f : g.fields) sh(f.value);
    for (auto& e : t.expects) sh(e.amount), sh(e.score), sh(e.count);
  }
  auto move_all = [](auto& src, auto& dst) {
    dst.insert(dst.end(), std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
  };
  move_all(from.records, into.records);
  move_all(from.params, into.params);
  move_all(from.tables, into.tables);
  move_all(from.lets, into.lets);
  move_all(from.defs, into.defs);
  move_all(from.rules, into.rules);
  move_all(from.scorecards, into.scorecards);
  move_all(from.groups, into.groups);
  move_all(from.tests, into.tests);
  move_all(from.files, into.files);
}

class Loader {
 public:
  Loader(const std::string& main_path, const LoadOptions& options, SourceManager& sm, ParseCache* cache,
         ast::Module& module, Diagnostics& diags)
      : options_(options),
        access_(main_path, options.stdlib_dir, options.allowed_dirs),
        sm_(sm),
        cache_(cache),
        module_(module),
        diags_(diags) {
    main_dir_ = canonical_or_normal(fs::path(main_path)).parent_path();
    shown_main_dir_ = fs::path(main_path).parent_path();
  }

  void load_main(const std::string& main_path) {
    // The main file names the pack's folder, so only its kind and size are
    // checked, and a file that is not there or not a file is simply unreadable.
    CheckedFile file = check_file(main_path, nullptr, kMaxSourceBytes);
    std::string text;
    if (file.problem != FileProblem::none || !read_text(file, text)) {
      if (file.problem == FileProblem::too_large)
        report_file_problem(diags_, Span{}, main_path, file, DiagKind::source_too_large);
      else
        diags_.error(DiagKind::cannot_read_file, Span{}, main_path, why_unreadable(file));
      return;
    }
    visit(file.resolved, add_source(main_path, std::move(text)), /*is_main=*/true);
  }

 private:
  enum class State { in_progress, done };

  // Parses a registered file, loads its imports, then splices it in.
  void visit(const fs::path& canonical, FileId id, bool is_main) {
    state_[canonical] = State::in_progress;
    stack_.push_back({canonical, id});
    ast::Module own;
    ast::File file = cache_ ? cache_->parse(id, own, diags_) : parse_file(id, sm_, own, diags_);
    if (is_main && !file.header && !starts_with_pack_header(sm_.text(id))) {  // a broken header was reported already
      uint32_t at = first_token_offset(sm_.text(id));
      diags_.error(DiagKind::missing_pack_header, Span{id, at, at}, sm_.path(id))
          .with_help(say(Phrase::help_pack_header));
    } else if (!is_main && file.header) {
      diags_.error(DiagKind::pack_header_in_import, file.header->span, sm_.path(id))
          .with_help(say(Phrase::help_remove_pack_header));
    }
    for (const ast::Import& imp : file.imports) follow(canonical, imp);
    own.files.push_back(std::move(file));
    splice(own, module_);
    stack_.pop_back();
    state_[canonical] = State::done;
  }

  void follow(const fs::path& importer, const ast::Import& imp) {
    const std::string& written = imp.path.value;
    // Beside the importing file first; then `std/…` in the standard library
    // folder (stdlib/README.md): <stdlib_dir>/std/x, or <stdlib_dir>/x.
    std::vector<fs::path> candidates{importer.parent_path() / written};
    if (written.rfind("std/", 0) == 0 && !options_.stdlib_dir.empty()) {
      fs::path dir(options_.stdlib_dir);
      candidates.push_back(dir / written);
      candidates.push_back(dir / written.substr(4));
    }
    auto at = std::find_if(candidates.begin(), candidates.end(), something_at);
    if (at == candidates.end()) {
      auto& d = diags_.error(DiagKind::import_not_found, imp.path.span, written);
      d.with_note(Span{}, say(Phrase::note_looked_for, candidates.front().lexically_normal().string()));
      return;
    }
    CheckedFile file = check_file(*at, &access_, kMaxSourceBytes);
    if (file.problem == FileProblem::missing) {  // a dangling symlink
      diags_.error(DiagKind::import_not_found, imp.path.span, written)
          .with_note(Span{}, say(Phrase::note_dangling_symlink, at->lexically_normal().string()));
      return;
    }
    if (file.problem == FileProblem::none) {
      auto it = state_.find(file.resolved);
      if (it != state_.end()) {
        if (it->second == State::in_progress) report_cycle(file.resolved, imp);
        return;  // each file is read once
      }
    }
    std::string text;
    if (!read_source(file, imp.path.span, written, text)) {
      if (!file.resolved.empty()) state_[file.resolved] = State::done;
      return;
    }
    visit(file.resolved, add_source(display(file.resolved), std::move(text)), /*is_main=*/false);
  }

  // The text of a checked file: the unsaved buffer standing for it, or what is on disk.
  bool read_text(CheckedFile& file, std::string& text) {
    if (options_.unsaved) {
      auto it = options_.unsaved->find(file.resolved.string());
      if (it != options_.unsaved->end()) {
        if (it->second.size() > kMaxSourceBytes) {
          file.problem = FileProblem::too_large;
          file.size = it->second.size();
          return false;
        }
        text = it->second;
        return true;
      }
    }
    return read_checked_file(file, kMaxSourceBytes, text);
  }

  FileId add_source(const std::string& shown, std::string text) {
    return cache_ ? cache_->add(shown, std::move(text)) : sm_.add(shown, std::move(text));
  }

  // Reads a checked file, or reports at `at` why it may not or cannot be read.
  bool read_source(CheckedFile& file, Span at, const std::string& shown, std::string& text) {
    if (file.problem == FileProblem::none && read_text(file, text)) return true;
    if (report_file_problem(diags_, at, shown, file, DiagKind::source_too_large)) return false;
    diags_.error(DiagKind::cannot_read_file, at, shown, why_unreadable(file));
    return false;
  }

  void report_cycle(const fs::path& target, const ast::Import& imp) {
    std::string chain;
    bool on = false;
    for (const auto& [path, id] : stack_) {
      if (path == target) on = true;
      if (!on) continue;
      chain += display(path) + " → ";
    }
    chain += display(target);
    diags_.error(DiagKind::import_cycle, imp.path.span, imp.path.value)
        .with_note(Span{}, say(Phrase::note_cycle, chain))
        .with_help(say(Phrase::help_third_file));
  }

  // A path as diagnostics show it: a file inside the main file's folder is
  // named the way the main file was named (so `fides check dir/main.fides`
  // shows `dir/rules.fides`); any other file by its full path.
  std::string display(const fs::path& p) const {
    fs::path rel = p.lexically_relative(main_dir_);
    if (!rel.empty() && rel.native().rfind("..", 0) != 0) return (shown_main_dir_ / rel).string();
    return p.string();
  }

  const LoadOptions& options_;
  FileAccess access_;
  SourceManager& sm_;
  ParseCache* cache_;  // null: every file is parsed
  ast::Module& module_;
  Diagnostics& diags_;
  fs::path main_dir_;
  fs::path shown_main_dir_;
  std::map<fs::path, State> state_;
  std::vector<std::pair<fs::path, FileId>> stack_;
};

void load_with(const std::string& main_path, const LoadOptions& options, SourceManager& sm, ParseCache* cache,
               ast::Module& module, Diagnostics& diags) {
  try {
    Loader(main_path, options, sm, cache, module, diags).load_main(main_path);
  } catch (const std::exception& e) {
    // Only resource exhaustion (bad_alloc, filesystem errors) can get here.
    diags.error(DiagKind::cannot_read_file, Span{}, main_path, e.what());
  }
}

}  // namespace

void load_pack(const std::string& main_path, const LoadOptions& options, SourceManager& sm,
               ast::Module& module, Diagnostics& diags) {
  load_with(main_path, options, sm, nullptr, module, diags);
}

void load_pack(const std::string& main_path, const LoadOptions& options, ParseCache& cache,
               ast::Module& module, Diagnostics& diags) {
  load_with(main_path, options, cache.sources(), &cache, module, diags);
}

bool starts_with_pack_header(std::string_view text) {
  std::string_view head = text.substr(first_token_offset(text), 5);
  return head.substr(0, 4) == "pack" &&
         (head.size() == 4 || head[4] == ' ' || head[4] == '\t' || head[4] == '\n' || head[4] == '\r' || head[4] == '"');
}

}  // namespace fides::syntax
