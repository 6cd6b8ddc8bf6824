#include "hash/pack_hash.h"

#include "hash/sha256.h"

namespace fides::hash {
namespace {
void add(Sha256& h, std::string_view name, std::string_view text) {
  h.update(name);
  h.update("\0", 1);
  uint8_t len[8];
  uint64_t n = text.size();
  for (int i = 0; i < 8; ++i) len[i] = uint8_t(n >> (8 * i));
  h.update(len, sizeof len);
  h.update(text);
}

std::string_view view(const char* p, uint64_t len) {
  return p ? std::string_view(p, len) : std::string_view();
}
std::string_view view(const char* p) { return p ? std::string_view(p) : std::string_view(); }
}  // namespace

std::string pack_content_hash(const std::vector<NamedText>& sources,
                              const std::vector<NamedText>& tables) {
  Sha256 h;
  for (const auto& [path, text] : sources) add(h, path, text);
  for (const auto& [name, csv] : tables) add(h, name, csv);
  return h.hex_digest();
}

std::string pack_content_hash(const fides_pack& pack) {
  Sha256 h;
  for (uint32_t i = 0; i < pack.n_sources; ++i)
    add(h, view(pack.sources[i].path), view(pack.sources[i].text, pack.sources[i].len));
  for (uint32_t i = 0; i < pack.n_tables; ++i)
    add(h, view(pack.tables[i].name), view(pack.tables[i].csv, pack.tables[i].csv_len));
  return h.hex_digest();
}

}  // namespace fides::hash
