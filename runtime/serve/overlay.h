// One worker's view of the history with one request's rows added, built in
// the worker's copy-on-write mapping of the history image (history_image.h):
//   1. the rows are written after the history's rows of their record;
//   2. every index over an input record gets them (csr_patch.h);
//   3. eval_group runs over the request's rows only; a row whose key
//      combination has a loaded group joins it, any other forms a new group
//      after the history's (groups are ordered by their first member, and a
//      request's rows come last); the groups' indexes get them;
//   4. the indexes over groups get the new groups.
// Nothing of the history is copied: work is proportional to the request,
// plus, for an index, the rows of the groups after the first one it
// changes (the ABI's layout moves them). reset() puts the history back.
//
// Only requests that add rows, or repeat a loaded row unchanged, are built
// here; one that changes a loaded row is rebuilt (rebuild.h). A row repeated
// unchanged keeps its loaded groups: the overlay assumes a group's keys and
// `where` read only its own row and the rows its references reach, which the
// request does not change (docs/serve.md, "Exactness").
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "data/text_arena.h"
#include "serve/csr_patch.h"
#include "serve/history.h"
#include "serve/request_rows.h"
#include "serve/review_data.h"

namespace fides::serve {

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
  // Patches index `index` (its offsets and rows) with new groups and rows.
  void write_patch(uint32_t index, const CsrNumbering& numbering, std::vector<CsrAddition>& additions);

  const History& history_;
  const fides_pack& pack_;
  PrivateImage image_;
  std::vector<std::vector<fides_column>> columns_;  // [record][field], into image_
  std::vector<fides_record_data> records_;
  std::vector<fides_index_data> indexes_;
  std::vector<std::vector<fides_str>> added_keys_;  // [record] keys of the rows after the history's
  std::unique_ptr<data::TextArena> text_;           // new groups' keys
  const StagedRequest* request_ = nullptr;
};

}  // namespace fides::serve
