// Trusted packs (spec §9.10) end to end: `fides keygen`, `fides build --sign`,
// and fides-score refusing every pack that is not exactly what a trusted key
// signed — before any of its code runs (exit 1, a message, no output) — and
// every pack that is not a well-formed pack, signed or not, without a signal.
#include <doctest/doctest.h>

#include <elf.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <regex>
#include <utility>

#include "hash/sha256.h"
#include "test_support.h"
#include "trust/keys.h"

using namespace fides::test;
namespace fs = std::filesystem;

namespace {
const std::string kFides = FIDES;
const std::string kExamples = FIDES_EXAMPLES_DIR;
// Credit files in the standard schema, which every example pack reads.
const std::string kData = std::string(FIDES_EXAMPLES_DATA_DIR) + "/institution_credit";

struct Packs {
  std::string dir;
  std::string pack;    // institution_credit, signed by alice
  std::string other;   // person_credit, signed by alice
  std::string by_bob;  // institution_credit, signed by bob
};

std::string build(const std::string& example, const std::string& out, const std::string& key) {
  CommandResult r = run_command({kFides, "build", kExamples + "/" + example + "/main.fides", "-o", out, "--sign", key});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return out;
}

const Packs& packs() {
  static Packs p = [] {
    Packs x;
    x.dir = fresh_dir("trust_packs");
    for (const char* who : {"alice", "bob"}) REQUIRE(run_command({kFides, "keygen", x.dir + "/" + who}).status == 0);
    x.pack = build("institution_credit", x.dir + "/ic.so", x.dir + "/alice.key");
    x.other = build("person_credit", x.dir + "/pc.so", x.dir + "/alice.key");
    fs::create_directories(x.dir + "/bob");
    x.by_bob = build("institution_credit", x.dir + "/bob/ic.so", x.dir + "/bob.key");
    return x;
  }();
  return p;
}

std::string alice() { return packs().dir + "/alice.pub"; }
std::string bob() { return packs().dir + "/bob.pub"; }

CommandResult run(const std::string& pack, const std::string& out, const std::vector<std::string>& trusted) {
  std::vector<std::string> extra = {"--quiet"};
  for (const std::string& key : trusted) extra.insert(extra.end(), {"--trust", key});
  return score(kData, out, extra, pack);
}

// A copy of `pack` named `name`, with `signature` (a file, or "" for none)
// beside it, and its bytes passed through `change`.
std::string copy(const std::string& name, const std::string& pack, const std::string& signature,
                 const std::function<void(std::string&)>& change = {}) {
  std::string dir = fresh_dir("trust_" + name), path = dir + "/pack.so";
  std::string bytes = read_file(pack);
  if (change) change(bytes);
  write_file(path, bytes);
  if (!signature.empty()) fs::copy_file(signature, path + ".sig");
  return path;
}

// fides-score refuses `pack` with exit 1 and a message containing `says`, and writes nothing.
void check_refused(const std::string& pack, const std::vector<std::string>& trusted, const std::string& says) {
  std::string out = fs::path(pack).parent_path().string() + "_out";
  CommandResult r = run(pack, out, trusted);
  CHECK_MESSAGE(r.status == 1, r.err);
  CHECK_MESSAGE(r.err.rfind("fides-score: error: refusing pack " + pack + ": ", 0) == 0, r.err);
  CHECK_MESSAGE(contains(r.err, says), r.err);
  CHECK_FALSE(fs::exists(out));
}

// [offset, offset + size) of the named section in an ELF64 file.
std::pair<size_t, size_t> section(const std::string& elf, const char* name) {
  Elf64_Ehdr h;
  std::memcpy(&h, elf.data(), sizeof h);
  auto header = [&](size_t i) {
    Elf64_Shdr s;
    std::memcpy(&s, elf.data() + h.e_shoff + i * sizeof s, sizeof s);
    return s;
  };
  Elf64_Shdr names = header(h.e_shstrndx);
  for (size_t i = 0; i < h.e_shnum; ++i) {
    Elf64_Shdr s = header(i);
    if (std::strcmp(elf.data() + names.sh_offset + s.sh_name, name) == 0) return {s.sh_offset, s.sh_size};
  }
  FAIL("no section " << name);
  return {0, 0};
}

void flip_in(std::string& bytes, size_t offset) { bytes[offset] = char(bytes[offset] ^ 0x01); }

std::string json_value(const std::string& run_json, const std::string& field) {
  std::smatch m;
  std::regex_search(run_json, m, std::regex("\"" + field + "\": (\"[^\"]*\"|true|false|null)"));
  return m.size() > 1 ? m[1].str() : "<no " + field + ">";
}

std::string key_id(const std::string& pub) {
  fides::trust::PublicKey key;
  std::string error;
  REQUIRE_MESSAGE(fides::trust::read_public_key(pub, key, error), error);
  return key.id;
}
}  // namespace

TEST_CASE("fides keygen writes a secret key only its owner can read, and never overwrites one") {
  const Packs& p = packs();
  struct stat st;
  REQUIRE(stat((p.dir + "/alice.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(read_file(p.dir + "/alice.pub").rfind("fides-ed25519-public ", 0) == 0);
  CHECK(key_id(alice()).size() == 16);
  CHECK(key_id(alice()) != key_id(bob()));
  std::string secret = read_file(p.dir + "/alice.key");
  CommandResult again = run_command({kFides, "keygen", p.dir + "/alice"});
  CHECK(again.status == 1);
  CHECK(contains(again.err, p.dir + "/alice.key already exists; not overwriting it"));
  CHECK(read_file(p.dir + "/alice.key") == secret);
}

TEST_CASE("a genuine signed pack runs with --trust, and run.json says who signed which bytes") {
  const Packs& p = packs();
  std::string out = fresh_dir("trust_genuine");
  CommandResult r = run(p.pack, out, {bob(), alice()});  // any one trusted key will do
  REQUIRE_MESSAGE(r.status == 0, r.err);
  std::string run_json = read_file(out + "/run.json");
  CHECK(json_value(run_json, "signed") == "true");
  CHECK(json_value(run_json, "key_id") == "\"" + key_id(alice()) + "\"");
  CHECK(json_value(run_json, "pack_sha256") == "\"" + fides::hash::sha256_hex(read_file(p.pack)) + "\"");
  CHECK(json_value(run_json, "finished") == "true");
  // Without --trust the same pack runs too, and is not called signed: nothing was checked.
  std::string plain = fresh_dir("trust_without");
  REQUIRE(run(p.pack, plain, {}).status == 0);
  std::string unsigned_json = read_file(plain + "/run.json");
  CHECK(json_value(unsigned_json, "signed") == "false");
  CHECK(json_value(unsigned_json, "key_id") == "null");
  CHECK(json_value(unsigned_json, "hash") == json_value(run_json, "hash"));
  CHECK(read_file(plain + "/findings.csv") == read_file(out + "/findings.csv"));
}

TEST_CASE("--trust refuses an unsigned pack") {
  check_refused(copy("unsigned", packs().pack, ""), {alice()}, "it is not signed (cannot read ");
}

TEST_CASE("--trust refuses a pack with one byte changed in its code") {
  const Packs& p = packs();
  std::string pack = copy("flipped_code", p.pack, p.pack + ".sig", [](std::string& bytes) {
    auto [offset, size] = section(bytes, ".text");
    REQUIRE(size > 64);
    flip_in(bytes, offset + size / 2);
  });
  check_refused(pack, {alice()}, "its signature by key " + key_id(alice()) + " does not match its bytes");
}

TEST_CASE("--trust refuses a pack with one byte changed in its descriptor's strings") {
  const Packs& p = packs();
  std::string pack = copy("flipped_data", p.pack, p.pack + ".sig", [](std::string& bytes) {
    size_t at = bytes.find("内蒙古自治区定点医药机构信用评价");  // the pack's name, in .rodata
    REQUIRE(at != std::string::npos);
    auto [offset, size] = section(bytes, ".rodata");
    CHECK((at >= offset && at < offset + size));
    flip_in(bytes, at + 4);
  });
  check_refused(pack, {alice()}, "does not match its bytes");
}

TEST_CASE("--trust refuses a truncated pack") {
  const Packs& p = packs();
  std::string pack = copy("truncated_signed", p.pack, p.pack + ".sig",
                          [](std::string& bytes) { bytes.resize(bytes.size() / 2); });
  check_refused(pack, {alice()}, "does not match its bytes");
}

TEST_CASE("--trust refuses a pack signed by a key it does not trust") {
  check_refused(packs().by_bob, {alice()},
                "it is signed by key " + key_id(bob()) + ", which is not trusted (trusted: " + key_id(alice()) +
                    " (" + alice() + "))");
}

TEST_CASE("--trust refuses a pack beside another pack's signature") {
  const Packs& p = packs();
  check_refused(copy("other_signature", p.pack, p.other + ".sig"), {alice()}, "does not match its bytes");
}

TEST_CASE("a pack whose descriptor claims another pack's content is refused, signed or not") {
  const Packs& p = packs();
  std::string out = fresh_dir("trust_hashes");
  REQUIRE(run(p.pack, out, {}).status == 0);
  std::string own = json_value(read_file(out + "/run.json"), "hash");
  REQUIRE(score(kData, out, {"--quiet"}, p.other).status == 0);
  std::string other = json_value(read_file(out + "/run.json"), "hash");
  REQUIRE(own.size() == 66);
  REQUIRE(own != other);
  auto swap = [&](std::string& bytes) {
    size_t at = bytes.find(own.substr(1, 64));
    REQUIRE(at != std::string::npos);
    bytes.replace(at, 64, other.substr(1, 64));
  };
  check_refused(copy("swapped_signed", p.pack, p.pack + ".sig", swap), {alice()}, "does not match its bytes");
  check_refused(copy("swapped", p.pack, "", swap), {}, "pack content hash does not match its descriptor");
}

TEST_CASE("a malformed pack is refused without a signal, with or without --trust") {
  const Packs& p = packs();
  const std::string bytes = read_file(p.pack);
  Elf64_Ehdr h;
  std::memcpy(&h, bytes.data(), sizeof h);
  // Cut inside the header, the program headers, the segments and the section headers.
  for (size_t size : {size_t(0), size_t(10), sizeof h + 10, size_t(h.e_phoff) + 60, bytes.size() / 3, bytes.size() / 2,
                      bytes.size() - 1}) {
    std::string pack = copy("truncated", p.pack, "", [&](std::string& b) { b.resize(size); });
    check_refused(pack, {}, size < 4 ? "not an ELF file" : "truncated: ");
  }
  auto changed = [&](const char* name, size_t offset, char value) {
    return copy(name, p.pack, "", [&](std::string& b) { b[offset] = value; });
  };
  check_refused(changed("magic", 1, 'X'), {}, "not an ELF file");
  check_refused(changed("class", EI_CLASS, ELFCLASS32), {}, "not a 64-bit little-endian ELF file");
  check_refused(changed("machine", offsetof(Elf64_Ehdr, e_machine), char(EM_AARCH64)), {}, "not built for x86-64");
  check_refused(changed("type", offsetof(Elf64_Ehdr, e_type), char(ET_EXEC)), {}, "not a shared library");
  std::string renamed = copy("no_entry", p.pack, "", [](std::string& b) {
    auto [offset, size] = section(b, ".dynstr");
    size_t at = b.find("fides_pack_v1", offset);
    REQUIRE(at < offset + size);
    b[at] = 'F';
  });
  check_refused(renamed, {}, "it has no fides_pack_v1 entry in its dynamic symbol table; is it a Fides pack?");
}

TEST_CASE("a --trust key that is not a public key is a usage error") {
  std::string dir = fresh_dir("trust_bad_key");
  write_file(dir + "/x.pub", "not a key\n");
  CommandResult r = run(packs().pack, dir + "_out", {dir + "/x.pub"});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "fides-score: --trust: " + dir + "/x.pub is not a Fides public key"));
  CHECK(run(packs().pack, dir + "_out", {packs().dir + "/alice.key"}).status == 2);  // the secret key is not one
  CHECK_FALSE(fs::exists(dir + "_out"));
}

TEST_CASE("the content hash does not depend on where the sources and the standard library are") {
  // institution_credit imports std/schema.fides and std/line.fides: their names must not carry
  // the stdlib's place either.
  std::string root = fresh_dir("trust_moved");
  fs::create_directories(root + "/a/deep");
  fs::create_directories(root + "/b");
  fs::copy(kExamples + "/institution_credit", root + "/a/deep/institution_credit", fs::copy_options::recursive);
  fs::copy(kExamples + "/institution_credit", root + "/b/institution_credit", fs::copy_options::recursive);
  fs::copy(FIDES_STDLIB_DIR, root + "/stdlib", fs::copy_options::recursive);
  std::vector<std::vector<std::string>> builds = {
      {kExamples + "/institution_credit/main.fides"},
      {root + "/a/deep/institution_credit/main.fides"},
      {fs::relative(root + "/b/institution_credit/main.fides").string(), "--stdlib", root + "/stdlib"},
      {root + "/b/institution_credit/./../institution_credit/main.fides", "--stdlib",
       fs::relative(root + "/stdlib").string()},
  };
  std::vector<std::string> hashes;
  for (size_t i = 0; i < builds.size(); ++i) {
    std::string pack = root + "/pack" + std::to_string(i) + ".so", out = root + "/out" + std::to_string(i);
    std::vector<std::string> argv = {kFides, "build"};
    argv.insert(argv.end(), builds[i].begin(), builds[i].end());
    argv.insert(argv.end(), {"-o", pack});
    CommandResult built = run_command(argv);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    REQUIRE(score(kData, out, {"--quiet"}, pack).status == 0);
    hashes.push_back(json_value(read_file(out + "/run.json"), "hash"));
  }
  for (const std::string& h : hashes) CHECK(h == hashes[0]);
  // A changed source is a different pack.
  write_file(root + "/b/institution_credit/main.fides", read_file(root + "/b/institution_credit/main.fides") + "\n");
  std::string changed = root + "/changed.so";
  REQUIRE(run_command({kFides, "build", root + "/b/institution_credit/main.fides", "-o", changed}).status == 0);
  REQUIRE(score(kData, root + "/out_changed", {"--quiet"}, changed).status == 0);
  CHECK(json_value(read_file(root + "/out_changed/run.json"), "hash") != hashes[0]);
}

TEST_CASE("a refused pack never runs any of its code") {
  // The marking fixture's constructor creates $FIDES_FIXTURE_MARK when the loader runs it.
  std::string dir = fresh_dir("trust_marking"), mark = dir + "/ran", signed_pack = dir + "/marking.so";
  fs::copy_file(FIXTURE_PACK_MARKING, signed_pack);
  std::string error;
  REQUIRE_MESSAGE(fides::trust::sign_file(signed_pack, packs().dir + "/alice.key", error), error);
  setenv("FIDES_FIXTURE_MARK", mark.c_str(), 1);
  auto ran = [&](const std::string& pack, const std::vector<std::string>& trusted) {
    fs::remove(mark);
    std::vector<std::string> extra = {"--quiet"};
    for (const std::string& key : trusted) extra.insert(extra.end(), {"--trust", key});
    int status = score(kBasic, dir + "_out", extra, pack).status;
    fs::remove_all(dir + "_out");
    return std::make_pair(status, fs::exists(mark));
  };
  CHECK(ran(signed_pack, {alice()}) == std::make_pair(0, true));  // the mark works
  auto flipped = copy("marking_flipped", signed_pack, signed_pack + ".sig", [](std::string& b) {
    auto [offset, size] = section(b, ".text");
    flip_in(b, offset + size / 2);
  });
  CHECK(ran(flipped, {alice()}) == std::make_pair(1, false));
  CHECK(ran(copy("marking_unsigned", signed_pack, ""), {alice()}) == std::make_pair(1, false));
  CHECK(ran(copy("marking_by_bob", signed_pack, packs().by_bob + ".sig"), {bob()}) == std::make_pair(1, false));
  auto truncated = copy("marking_truncated", signed_pack, "", [](std::string& b) { b.resize(b.size() - 100); });
  CHECK(ran(truncated, {}) == std::make_pair(1, false));
  unsetenv("FIDES_FIXTURE_MARK");
}

TEST_CASE("fides run builds its own pack, so --trust there is a usage error") {
  std::string out = fresh_dir("trust_run") + "_out";
  CommandResult r = run_command({kFides, "run", kExamples + "/institution_credit/main.fides", "--data", kData, "--out",
                                 out, "--trust", alice()});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "fides run: --trust checks a signed pack file"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("fides build never leaves an earlier build's signature beside a new pack") {
  std::string dir = fresh_dir("trust_rebuild"), pack = dir + "/ic.so";
  build("institution_credit", pack, packs().dir + "/alice.key");
  REQUIRE(fs::exists(pack + ".sig"));
  std::string main = kExamples + "/institution_credit/main.fides";
  REQUIRE(run_command({kFides, "build", main, "-o", pack}).status == 0);
  CHECK_FALSE(fs::exists(pack + ".sig"));
  CommandResult no_key = run_command({kFides, "build", main, "-o", pack, "--sign", dir + "/missing.key"});
  CHECK(no_key.status == 1);
  CHECK(contains(no_key.err, "fides build: cannot sign " + pack + ": cannot read " + dir + "/missing.key"));
  CHECK_FALSE(fs::exists(pack + ".sig"));
}
