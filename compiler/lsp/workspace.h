// The open documents and the packs they are checked in.
//
// Each open document is checked as part of one pack, its *main file*:
//   1. the document itself when it starts with a `pack` header;
//   2. else a pack the server checks already (the main file of another open
//      document) that imports it, directly or through other files;
//   3. else the nearest `main.fides` in its folder or a folder above (up to
//      the workspace folder that holds it) that imports it;
//   4. else the document alone, without asking for a `pack` header.
// The texts of open documents stand for the files on disk, in every pack.
// A change marks the packs holding the document stale; `refresh` checks them
// again and says what to publish.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/line_index.h"
#include "lsp/pack.h"

namespace fides::lsp {

struct Document {
  std::string uri;
  std::optional<std::string> path;  // canonical; none for a URI that is not `file:`
  std::string text;
  int64_t version = 0;
  std::string main;       // the main file of the pack it is checked in ("" until assigned)
  bool assigned = false;  // `main` is chosen for the present text
};

// An edit of a document: a range replaced, or the whole text when `range` is empty.
struct Edit {
  std::optional<std::pair<Position, Position>> range;
  std::string text;
};

// The diagnostics of one file as a check found them.
struct FileDiagnostics {
  std::string uri;
  const Analysis* analysis = nullptr;  // null: no diagnostics (the file left every pack)
  FileId file;                         // in analysis->sources; invalid for a file the check could not read
  std::vector<const Diagnostic*> diags;
};

// What a request is answered from: the document and the last check of its pack.
struct View {
  const Document* doc = nullptr;
  const Analysis* analysis = nullptr;
  FileId file;
};

class Workspace {
 public:
  explicit Workspace(PackOptions options) : options_(std::move(options)) {}

  // Folders that bound the search for a `main.fides` (the client's workspace folders).
  void set_roots(const std::vector<std::string>& roots);

  void open(const std::string& uri, std::string text, int64_t version);
  // False when the document is not open.
  bool change(const std::string& uri, const std::vector<Edit>& edits, int64_t version);
  void close(const std::string& uri);

  // Checks every stale pack an open document needs and returns the
  // diagnostics of each file of each pack checked (and an empty list for a
  // file that is no longer in the pack it was reported in).
  std::vector<FileDiagnostics> refresh();

  // The document and its pack's last check; call `refresh` first.
  std::optional<View> view(const std::string& uri);

  // A check of the document's pack with `insert` typed in at `offset`, not
  // kept (completion after a `.` that has no name after it yet).
  std::unique_ptr<Analysis> check_with_insertion(const std::string& uri, uint32_t offset, std::string_view insert);

  // The URI a file of a pack is shown by: the open document's when it is open.
  std::string uri_of(const std::string& path) const;

 private:
  Pack& pack(const std::string& main, bool standalone);
  const Analysis& analysis(Pack& p) { return p.analysis(options_, unsaved_); }
  void assign(Document& doc);
  bool holds(Pack& p, const std::string& path) { return analysis(p).file(path).has_value(); }
  void mark_stale(const std::string& path);
  std::vector<std::string> main_candidates(const std::string& path) const;
  void report(Pack& p, std::vector<FileDiagnostics>& out);

  PackOptions options_;
  std::vector<std::string> roots_;
  std::map<std::string, Document> docs_;  // by URI
  Unsaved unsaved_;                       // the open documents' texts by path
  std::map<std::string, std::unique_ptr<Pack>> packs_;      // by main file
  std::map<std::string, std::set<std::string>> reported_;   // main file → URIs its last check reported
  std::map<std::string, uint64_t> reported_check_;           // main file → the check reported (Pack::checks)
};

}  // namespace fides::lsp
