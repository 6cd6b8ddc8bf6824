#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string>

#include "builtins/fides_builtins.h"
#include "hash/pack_hash.h"
#include "hash/sha256.h"

using fides::hash::pack_content_hash;
using fides::hash::Sha256;
using fides::hash::sha256_hex;

TEST_CASE("SHA-256 FIPS 180-2 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 is the same however the input is split") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += char('a' + i % 26);
  for (size_t split : {0, 1, 55, 56, 63, 64, 65, 127, 128, 299}) {
    Sha256 h;
    h.update(text.substr(0, split));
    h.update(text.substr(split));
    CHECK(h.hex_digest() == sha256_hex(text));
  }
}

TEST_CASE("the host's SHA-256 (libcrypto) equals the packs' own (builtins/sha256.c)") {
  std::string text;
  uint32_t x = 12345;
  for (size_t n = 0; n < 5000; n += 1 + n / 3) {
    while (text.size() < n) text += static_cast<char>((x = x * 1103515245u + 12345u) >> 24);
    fides_sha256 s;
    fides_sha256_init(&s);
    fides_sha256_update(&s, text.data(), text.size());
    uint8_t out[32];
    fides_sha256_final(&s, out);
    Sha256 h;
    h.update(text);
    auto d = h.digest();
    CHECK(std::equal(d.begin(), d.end(), out));
  }
}

TEST_CASE("pack content hash frames each part with its name and length") {
  // path NUL len(8, LE) text, for each source; then each table likewise.
  std::string framed = std::string("a.fides") + '\0' + std::string("\x03\0\0\0\0\0\0\0", 8) + "abc" +
                       std::string("t") + '\0' + std::string("\x02\0\0\0\0\0\0\0", 8) + "x\n";
  CHECK(pack_content_hash({{"a.fides", "abc"}}, {{"t", "x\n"}}) == sha256_hex(framed));
  // Moving a byte from one part to the next changes the hash.
  CHECK(pack_content_hash({{"a", "bc"}}, {}) != pack_content_hash({{"ab", "c"}}, {}));
  // (A source and a table are framed alike, so only their order tells them apart.)
}

TEST_CASE("pack content hash over a descriptor matches the list form") {
  static const char src[] = "rule R {}";
  static const char csv[] = "k\n1\n";
  fides_source_desc sources[] = {{"main.fides", src, sizeof src - 1}};
  fides_table_desc tables[] = {{"t", 0, FIDES_TYPE_INT, 0, 0, "k", nullptr, "", csv, sizeof csv - 1}};
  fides_pack pack{};
  pack.n_sources = 1;
  pack.sources = sources;
  pack.n_tables = 1;
  pack.tables = tables;
  CHECK(pack_content_hash(pack) == pack_content_hash({{"main.fides", src}}, {{"t", csv}}));
}
