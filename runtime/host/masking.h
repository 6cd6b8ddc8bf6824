// `fides-score --mask KEYFILE`: what a run prints of the values that identify
// a person. The pack marks those fields (FIDES_FIELD_PERSONAL: `personal` in
// the schema, and every reference to a record whose key is personal); every
// writer passes what it prints through here, and without --mask (the default
// Masking) everything passes unchanged.
//
// Where a value is printed as itself (a subject's key, an attributed key, a
// personal cell of a rejected row) it becomes its pseudonym (trust::MaskKey).
// Text that may quote values (messages, error messages, other keys, reject
// reasons and the other cells of rejected rows) is searched for every value of
// every personal field the run read, in loaded rows and in rejected ones, and
// each occurrence is replaced by the value's pseudonym. The host does not ask
// the pack which parts of a message came from personal fields: a message is
// built by expressions (lets, defs, `if`, concatenation, group keys, `first`
// …) that could carry a value along any path, and the final text is the one
// place where every path ends. Values shorter than 2 characters are not
// searched for (they would erase digits and letters everywhere) but are still
// masked where printed as themselves.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "data/dataset.h"
#include "fides/pack_abi.h"
#include "trust/mask_key.h"

namespace fides::host {

// Every field the pack marks personal, as "Record.field" (for run.json).
std::vector<std::string> personal_fields(const fides_pack& pack);

class Masking {
 public:
  Masking() = default;  // masks nothing
  // Reads the personal values of `dataset`'s rows and rejects now; `key`,
  // `pack` and `dataset` must outlive it.
  Masking(const trust::MaskKey& key, const fides_pack& pack, const data::Dataset& dataset);
  Masking(const Masking&) = delete;
  Masking& operator=(const Masking&) = delete;

  bool active() const { return key_ != nullptr; }

  // A row's key as printed: its pseudonym when the record's key is personal
  // (a group's: when it is one personal key), else text(key).
  std::string key(uint32_t record, std::string_view key) const;
  // A field's value as printed: its pseudonym when the field is personal, else text(value).
  std::string value(uint32_t record, uint32_t field, std::string_view value) const;
  // Free text with every known personal value in it replaced, longest first.
  std::string text(std::string_view s) const;
  // A rejected row with its reason and text masked: the row's personal cells
  // become pseudonyms when its cells line up with its file's header; when
  // they do not (a wrong cell count, broken quoting) no cell can be trusted to
  // be what its place says, and every comma-separated piece becomes one.
  data::Reject reject(const data::Reject& r) const;

 private:
  // An input file's header, as far as masking needs it.
  struct Layout {
    uint32_t cells = 0;
    std::vector<bool> personal;  // per cell
  };
  void add_value(std::string_view v);
  void add_owned_value(std::string v);
  // The cells of a rejected row of `layout`, when they line up with its header.
  static bool aligned_cells(const Layout& layout, std::string_view text, std::vector<std::string>& cells);

  const trust::MaskKey* key_ = nullptr;
  const fides_pack* pack_ = nullptr;
  std::vector<bool> personal_key_;                       // per record
  std::unordered_map<std::string, Layout> layouts_;      // by the file as shown in rejects
  std::unordered_set<std::string_view> values_;          // views into the dataset or owned_
  std::deque<std::string> owned_;                        // values read from rejected rows
  std::vector<size_t> lengths_;                          // distinct value lengths in bytes, longest first
  std::vector<bool> starts_;                             // [65536]: the first two bytes of some value
};

}  // namespace fides::host
