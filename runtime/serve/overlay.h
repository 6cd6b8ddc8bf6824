// One worker's view of the history with one request's rows added, built in
// the worker's copy-on-write mapping of the history image (history_image.h):
//   1. the rows are written after the history's rows of their record;
//   2. every index over an input record gets them (csr_patch.h);
//   3. eval_group runs over the request's rows only; a row whose key
//      combination has a loaded group joins it, any other forms a new group
//      after the history's (groups are ordered by their first member, and a
//      request's rows come last); the groups' indexes get them;
//   4. the indexes over groups get the new groups.
// Nothing of the history is copied but the groups a request joins: work is
// proportional to the request and to those groups (each is copied with the
// request's rows after the history's rows, with its own end: ABI 5's ends),
// never to the history. reset() puts the history back.
//
// Only requests that add rows, or repeat a loaded row unchanged, are built
// here; one that changes a loaded row is rebuilt (rebuild.h). A row repeated
// unchanged keeps its loaded groups: the overlay assumes a group's keys and
// `where` read only its own row and the rows its references reach, which the
// request does not change (docs/serve.md, "Exactness").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/text_arena.h"
#include "serve/csr_patch.h"
#include "serve/history.h"
#include "serve/request_rows.h"
#include "serve/review_data.h"

namespace fides::serve {

// The values of a BY_FIELD index that only a request's rows hold: their
// groups come after the history's, and the index's find() (ABI 5) looks here
// after a binary search over the history's groups.
struct NewValues {
  const fides_index_data* history = nullptr;
  bool is_text = false;
  std::unordered_map<std::string_view, int64_t> texts;  // value → group
  std::unordered_map<int64_t, int64_t> values;
  int64_t history_group(int64_t value, std::string_view text) const;
  static int64_t find(const fides_index_data* index, int64_t value, const char* text, int64_t text_len);
};

class Overlay : public ReviewData {
 public:
  explicit Overlay(const History& history);
  // Maps the history for this worker.
  bool open(std::string& error);

  // Joins the request's rows to the history. False with a message when an
  // entry point could not run; the overlay must be reset() either way.
  bool apply(const StagedRequest& request, std::string& error);
  void reset();

  fides_eval_ctx context() const override;
  std::string_view key_of(uint32_t record, int64_t row) const override;

 private:
  template <typename T>
  T* array(int64_t id) {
    return id < 0 ? nullptr : reinterpret_cast<T*>(image_.base() + history_.image().array(static_cast<size_t>(id)).offset);
  }
  void write_rows(uint32_t record, const std::vector<RequestRow>& rows);
  void add_to_index(uint32_t index);
  void add_to_by_field(uint32_t index);
  bool form_groups(std::string& error);
  // Gives index `index` `groups` groups and the rows of `additions` (csr_patch.h).
  void add_rows(uint32_t index, int64_t groups, std::vector<CsrAddition>& additions);

  const History& history_;
  const fides_pack& pack_;
  PrivateImage image_;
  std::vector<std::vector<fides_column>> columns_;  // [record][field], into image_
  std::vector<fides_record_data> records_;
  std::vector<fides_index_data> indexes_;
  std::vector<NewValues> new_values_;  // [index]
  std::vector<std::vector<fides_str>> added_keys_;  // [record] keys of the rows after the history's
  std::unique_ptr<data::TextArena> text_;           // new groups' keys
  const StagedRequest* request_ = nullptr;
};

}  // namespace fides::serve
