#include "serve/request_rows.h"

#include <algorithm>
#include <unordered_map>

#include "data/cell_value.h"
#include "data/typed_value.h"

namespace fides::serve {
namespace {

bool key_is_text(const fides_pack& pack, int32_t record) {
  const fides_record_desc& r = pack.records[record];
  return r.fields[r.key_field].type == FIDES_TYPE_TEXT;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Where a reference of a staged row leads: a row of the request (by its
// position among the staged rows of the target) or a loaded row.
struct Link {
  int64_t staged = -1;
  int64_t loaded = -1;
};

struct Staged {
  RequestRow row;
  std::vector<Link> links;  // [field], for references
  int64_t loaded = -1;      // the loaded row with its key, or -1
  bool alive = true;
};

class Stager {
 public:
  Stager(const History& history, const RawRequest& raw, StagedRequest& out)
      : h_(history), pack_(history.pack()), raw_(raw), out_(out), staged_(raw.records.size()),
        keys_(raw.records.size()), rejected_keys_(raw.records.size()) {}

  void run() {
    for (uint32_t r = 0; r < raw_.records.size(); ++r) read_rows(r);
    for (uint32_t r = 0; r < raw_.records.size(); ++r) link(r);
    cascade();
    number_rows();
    std::stable_sort(out_.rejects.begin(), out_.rejects.end(), [](const RequestReject& a, const RequestReject& b) {
      return a.record != b.record ? a.record < b.record : a.index < b.index;
    });
  }

 private:
  void reject(uint32_t r, size_t index, const fides_field_desc& field, std::string reason) {
    out_.rejects.push_back({r, index, data::column_name(field), std::move(reason)});
  }

  // The key a row's key cell names, in printed form; false when it has none.
  bool key_of_cell(const fides_field_desc& key, const std::string& cell, std::string& out) const {
    std::string_view s = key.type == FIDES_TYPE_TEXT ? std::string_view(cell) : data::trim_blanks(cell);
    return !data::trim_blanks(cell).empty() && data::reference_key(key, s, out);
  }

  void read_rows(uint32_t r) {
    const fides_record_desc& desc = pack_.records[r];
    const fides_field_desc& key_field = desc.fields[desc.key_field];
    std::string key;
    for (size_t i = 0; i < raw_.records[r].size(); ++i) {
      const RawRow& cells = raw_.records[r][i];
      Staged s;
      RequestRow& row = s.row;
      row.index = i;
      row.values.assign(desc.n_fields, 0);
      row.texts.assign(desc.n_fields, {"", 0});
      row.present.assign(desc.n_fields, 1);
      s.links.assign(desc.n_fields, {});
      bool ok = true;
      for (uint32_t f = 0; f < desc.n_fields && ok; ++f) {
        const fides_field_desc& field = desc.fields[f];
        bool text_target = field.type == FIDES_TYPE_REF && key_is_text(pack_, field.ref_record);
        data::CellValue cell;
        if (const char* bad = data::read_cell(field, f == desc.key_field, text_target, cells.cells[f], cell)) {
          reject(r, i, field, data::reject_reason(bad, field, cells.cells[f]));
          ok = false;
          break;
        }
        row.values[f] = cell.value;
        row.present[f] = cell.present;
        if (field.type == FIDES_TYPE_TEXT || field.type == FIDES_TYPE_REF) row.texts[f] = out_.text.copy_str(cell.text);
      }
      if (!ok) {
        if (key_of_cell(key_field, cells.cells[desc.key_field], key))
          rejected_keys_[r].emplace(data::view_of(out_.text.copy_str(key)), i);
        staged_[r].push_back(std::move(s));
        staged_[r].back().alive = false;
        continue;
      }
      key = key_field.type == FIDES_TYPE_TEXT ? std::string(data::view_of(row.texts[desc.key_field]))
                                              : data::format_typed(key_field.type, row.values[desc.key_field]);
      row.key = out_.text.copy_str(key);
      auto [first, fresh] = keys_[r].emplace(data::view_of(row.key), staged_[r].size());
      if (!fresh) {
        reject(r, i, key_field,
               "duplicate key in " + std::string(data::column_name(key_field)) + ": " + quoted(key) +
                   " (first at index " + std::to_string(staged_[r][first->second].row.index) + ")");
        staged_[r].push_back(std::move(s));
        staged_[r].back().alive = false;
        continue;
      }
      s.loaded = h_.dataset().records[r].find_row(key);
      staged_[r].push_back(std::move(s));
    }
  }

  // Resolves the references of record r's rows to request or loaded rows.
  void link(uint32_t r) {
    const fides_record_desc& desc = pack_.records[r];
    std::string key;
    // The rows of a claim name the same visit, person and doctor: the last
    // cell each field resolved, and to what, saves looking it up again.
    std::vector<std::string_view> last_cell(desc.n_fields);
    std::vector<Link> last_link(desc.n_fields);
    for (Staged& s : staged_[r]) {
      if (!s.alive) continue;
      for (uint32_t f = 0; f < desc.n_fields && s.alive; ++f) {
        const fides_field_desc& field = desc.fields[f];
        if (field.type != FIDES_TYPE_REF || !s.row.present[f]) continue;
        const auto t = static_cast<uint32_t>(field.ref_record);
        const fides_record_desc& target = pack_.records[t];
        std::string_view cell = data::view_of(s.row.texts[f]);
        if (last_link[f].staged >= 0 || last_link[f].loaded >= 0) {
          if (cell == last_cell[f]) {
            s.links[f] = last_link[f];
            continue;
          }
        }
        last_cell[f] = cell;
        last_link[f] = {};
        bool well_formed = data::reference_key(target.fields[target.key_field], cell, key);
        if (well_formed && t < staged_.size()) {
          if (auto it = keys_[t].find(key); it != keys_[t].end()) {
            s.links[f].staged = static_cast<int64_t>(it->second);
            last_link[f] = s.links[f];
            continue;
          }
          if (auto it = rejected_keys_[t].find(key); it != rejected_keys_[t].end()) {
            reject_reference(r, s, field, target, cell, it->second);
            continue;
          }
        }
        int64_t loaded = well_formed ? h_.dataset().records[t].find_row(key) : -1;
        if (loaded >= 0) {
          s.links[f].loaded = loaded;
          last_link[f] = s.links[f];
          continue;
        }
        s.alive = false;
        reject(r, s.row.index, field,
               "unresolved reference in " + std::string(data::column_name(field)) + ": no " + target.name +
                   " with key " + quoted(cell));
      }
    }
  }

  void reject_reference(uint32_t r, Staged& s, const fides_field_desc& field, const fides_record_desc& target,
                        std::string_view key, size_t target_index) {
    s.alive = false;
    reject(r, s.row.index, field,
           "reference to rejected row in " + std::string(data::column_name(field)) + ": " + target.name + " " +
               quoted(key) + " (request row " + std::to_string(target_index) + ")");
  }

  // Rejects, to a fixed point, the rows that refer to a rejected request row.
  void cascade() {
    for (bool changed = true; changed;) {
      changed = false;
      for (uint32_t r = 0; r < staged_.size(); ++r) {
        const fides_record_desc& desc = pack_.records[r];
        for (Staged& s : staged_[r]) {
          if (!s.alive) continue;
          for (uint32_t f = 0; f < desc.n_fields && s.alive; ++f) {
            if (s.links[f].staged < 0) continue;
            const auto t = static_cast<uint32_t>(desc.fields[f].ref_record);
            const Staged& target = staged_[t][s.links[f].staged];
            if (target.alive) continue;
            reject_reference(r, s, desc.fields[f], pack_.records[t], data::view_of(target.row.key), target.row.index);
            changed = true;
          }
        }
      }
    }
  }

  // Gives every taken row its row number, then writes references as row numbers.
  void number_rows() {
    out_.records.assign(staged_.size(), {});
    out_.added.assign(staged_.size(), 0);
    for (uint32_t r = 0; r < staged_.size(); ++r)
      for (Staged& s : staged_[r]) {
        if (!s.alive) continue;
        s.row.replaces = s.loaded >= 0;
        s.row.row = s.loaded >= 0 ? s.loaded : h_.rows(r) + out_.added[r]++;
      }
    for (uint32_t r = 0; r < staged_.size(); ++r) {
      const fides_record_desc& desc = pack_.records[r];
      for (Staged& s : staged_[r]) {
        if (!s.alive) continue;
        for (uint32_t f = 0; f < desc.n_fields; ++f) {
          if (desc.fields[f].type != FIDES_TYPE_REF || !s.row.present[f]) continue;
          const Link& l = s.links[f];
          s.row.values[f] = l.staged >= 0 ? staged_[desc.fields[f].ref_record][l.staged].row.row : l.loaded;
        }
        if (s.row.replaces) s.row.changes = differs(r, s.row);
        out_.records[r].push_back(std::move(s.row));
      }
    }
  }

  // Whether a replacing row's values differ from the loaded row's.
  bool differs(uint32_t r, const RequestRow& row) const {
    const fides_record_desc& desc = pack_.records[r];
    const fides_column* columns = h_.records()[r].columns;
    const int64_t i = row.row;
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const fides_column& c = columns[f];
      bool present = !c.present || c.present[i];
      if (present != static_cast<bool>(row.present[f])) return true;
      if (!present) continue;
      if (desc.fields[f].type == FIDES_TYPE_TEXT) {
        if (data::view_of(c.texts[i]) != data::view_of(row.texts[f])) return true;
      } else if (c.values[i] != row.values[f]) {
        return true;
      }
    }
    return false;
  }

  const History& h_;
  const fides_pack& pack_;
  const RawRequest& raw_;
  StagedRequest& out_;
  std::vector<std::vector<Staged>> staged_;                            // [record]
  // Keys (in out_.text) of the request's rows: taken ones, and rejected ones
  // whose key could be read (a reference to one is a reference to a rejected row).
  std::vector<std::unordered_map<std::string_view, size_t>> keys_;           // [record] key → staged position
  std::vector<std::unordered_map<std::string_view, size_t>> rejected_keys_;  // [record] key → request index
};
}  // namespace

bool StagedRequest::changes_history() const {
  for (const auto& rows : records)
    for (const RequestRow& row : rows)
      if (row.changes) return true;
  return false;
}

void stage_request(const History& history, const RawRequest& raw, StagedRequest& out) {
  out.records.clear();
  out.added.clear();
  out.rejects.clear();
  Stager(history, raw, out).run();
}

}  // namespace fides::serve
