#include "lsp/workspace.h"

#include <filesystem>
#include <system_error>

#include "lsp/uri.h"
#include "syntax/load_pack.h"

namespace fides::lsp {
namespace {

namespace fs = std::filesystem;

// Documents and packs are known by their paths with symlinks resolved, as the loader knows files.
std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::path(path), ec);
  return ec ? fs::path(path).lexically_normal().string() : c.string();
}

std::optional<std::string> canonical_path(const std::string& uri) {
  std::optional<std::string> path = path_of_uri(uri);
  if (!path) return std::nullopt;
  return canonical(*path);
}

bool inside(const fs::path& dir, const fs::path& root) {
  auto [r, d] = std::mismatch(root.begin(), root.end(), dir.begin(), dir.end());
  return r == root.end();
}

}  // namespace

void Workspace::set_roots(const std::vector<std::string>& roots) {
  roots_.clear();
  for (const std::string& r : roots) roots_.push_back(canonical(r));
}

void Workspace::open(const std::string& uri, std::string text, int64_t version) {
  Document& doc = docs_[uri];
  doc = Document{uri, canonical_path(uri), std::move(text), version, "", false};
  if (doc.path) {
    unsaved_[*doc.path] = doc.text;
    mark_stale(*doc.path);
  }
}

bool Workspace::change(const std::string& uri, const std::vector<Edit>& edits, int64_t version) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return false;
  Document& doc = it->second;
  for (const Edit& e : edits) {
    if (!e.range) {
      doc.text = e.text;
      continue;
    }
    LineIndex lines(doc.text);
    uint32_t begin = lines.offset(e.range->first), end = lines.offset(e.range->second);
    if (end < begin) std::swap(begin, end);
    doc.text.replace(begin, end - begin, e.text);
  }
  doc.version = version;
  if (doc.path) {
    unsaved_[*doc.path] = doc.text;
    mark_stale(*doc.path);
    // A header written or removed changes which pack the document belongs to.
    bool own_main = doc.main == *doc.path && packs_.count(doc.main) && !packs_.at(doc.main)->standalone();
    if (syntax::starts_with_pack_header(doc.text) != own_main) doc.assigned = false;
  }
  return true;
}

void Workspace::close(const std::string& uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  if (std::optional<std::string> path = it->second.path) {
    docs_.erase(it);
    unsaved_.erase(*path);
    mark_stale(*path);  // the file on disk stands for it again
    return;
  }
  docs_.erase(it);
}

void Workspace::mark_stale(const std::string& path) {
  for (auto& [main, p] : packs_)
    if (main == path || (p->last() && p->last()->file(path))) p->touch();
}

Pack& Workspace::pack(const std::string& main, bool standalone) {
  std::unique_ptr<Pack>& p = packs_[main];
  if (!p || p->standalone() != standalone) {
    p = std::make_unique<Pack>(main, standalone);
    reported_check_.erase(main);  // the new pack counts its checks from the start
  }
  return *p;
}

// `main.fides` in the file's folder and every folder above it, up to the
// workspace folder holding the file (or the root when none does), nearest first.
std::vector<std::string> Workspace::main_candidates(const std::string& path) const {
  fs::path dir = fs::path(path).parent_path();
  fs::path stop = dir.root_path();
  for (const std::string& r : roots_) {
    fs::path root(r);
    if (inside(dir, root) && std::distance(root.begin(), root.end()) > std::distance(stop.begin(), stop.end()))
      stop = root;
  }
  std::vector<std::string> out;
  for (;;) {
    fs::path candidate = dir / "main.fides";
    std::error_code ec;
    if (candidate.string() != path && fs::is_regular_file(candidate, ec)) out.push_back(candidate.string());
    if (dir == stop || dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return out;
}

void Workspace::assign(Document& doc) {
  doc.assigned = true;
  const std::string& path = *doc.path;
  if (syntax::starts_with_pack_header(doc.text)) {
    doc.main = path;
    pack(path, false);
    return;
  }
  for (auto& [main, p] : packs_) {
    if (main == path || p->standalone()) continue;
    if (holds(*p, path)) {
      doc.main = main;
      return;
    }
  }
  for (const std::string& candidate : main_candidates(path)) {
    bool existed = packs_.count(candidate) > 0;
    if (holds(pack(candidate, false), path)) {
      doc.main = candidate;
      return;
    }
    if (!existed) packs_.erase(candidate);
  }
  doc.main = path;
  pack(path, true);
}

std::string Workspace::uri_of(const std::string& path) const {
  for (const auto& [uri, doc] : docs_)
    if (doc.path == path) return uri;
  return uri_of_path(path);
}

void Workspace::report(Pack& p, std::vector<FileDiagnostics>& out) {
  const Analysis& a = analysis(p);
  std::map<std::string, FileDiagnostics> by_uri;
  // The main file first: diagnostics without a file (it could not be read) go there.
  std::string main_uri = uri_of(p.main_path());
  by_uri[main_uri] = {main_uri, &a, a.file(p.main_path()).value_or(FileId()), {}};
  for (const auto& [path, id] : a.files) {
    std::string uri = uri_of(path);
    by_uri[uri] = {uri, &a, id, {}};
  }
  std::map<uint32_t, std::string> uri_by_file;
  for (const auto& [uri, f] : by_uri)
    if (f.file.valid()) uri_by_file[f.file.index] = uri;
  for (const Diagnostic& d : a.diags.all()) {
    // A document checked alone is no pack's main file and needs no header.
    if (p.standalone() && d.kind == DiagKind::missing_pack_header) continue;
    auto it = d.span.file.valid() ? uri_by_file.find(d.span.file.index) : uri_by_file.end();
    by_uri[it == uri_by_file.end() ? main_uri : it->second].diags.push_back(&d);
  }
  reported_check_[p.main_path()] = p.checks();
  std::set<std::string>& before = reported_[p.main_path()];
  for (const std::string& uri : before)
    if (!by_uri.count(uri)) out.push_back({uri, nullptr, FileId(), {}});
  before.clear();
  for (auto& [uri, f] : by_uri) {
    before.insert(uri);
    out.push_back(std::move(f));
  }
}

std::vector<FileDiagnostics> Workspace::refresh() {
  std::vector<FileDiagnostics> out;
  for (auto& [uri, doc] : docs_) {
    if (!doc.path) continue;
    auto p = packs_.find(doc.main);
    // A pack that no longer imports the document gives it up.
    if (doc.assigned && p != packs_.end() && doc.main != *doc.path && !holds(*p->second, *doc.path))
      doc.assigned = false;
    if (!doc.assigned || p == packs_.end()) assign(doc);
  }
  std::set<std::string> needed;
  for (const auto& [uri, doc] : docs_)
    if (doc.path) needed.insert(doc.main);
  for (auto it = packs_.begin(); it != packs_.end();) {
    if (needed.count(it->first)) {
      ++it;
      continue;
    }
    for (const std::string& uri : reported_[it->first]) out.push_back({uri, nullptr, FileId(), {}});
    reported_.erase(it->first);
    reported_check_.erase(it->first);
    it = packs_.erase(it);
  }
  for (auto& [main, p] : packs_) {
    analysis(*p);
    auto seen = reported_check_.find(main);
    if (seen == reported_check_.end() || seen->second != p->checks()) report(*p, out);
  }
  return out;
}

std::optional<View> Workspace::view(const std::string& uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end() || !it->second.path) return std::nullopt;
  auto p = packs_.find(it->second.main);
  if (p == packs_.end()) return std::nullopt;
  const Analysis& a = analysis(*p->second);
  std::optional<FileId> file = a.file(*it->second.path);
  if (!file) return std::nullopt;
  return View{&it->second, &a, *file};
}

std::unique_ptr<Analysis> Workspace::check_with_insertion(const std::string& uri, uint32_t offset,
                                                          std::string_view insert) {
  auto it = docs_.find(uri);
  if (it == docs_.end() || !it->second.path) return nullptr;
  auto p = packs_.find(it->second.main);
  if (p == packs_.end()) return nullptr;
  Unsaved typed = unsaved_;
  std::string& text = typed[*it->second.path];
  text.insert(std::min<size_t>(offset, text.size()), insert);
  return p->second->check_once(options_, typed);
}

}  // namespace fides::lsp
