// A real pack.so: build the sample module, link it with in-process lld,
// dlopen it, and read everything back through the C ABI.
#include <dlfcn.h>
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "codegen/abi_types.h"
#include "codegen/builtins.h"
#include "codegen/emit_descriptor.h"
#include "codegen/finish_pack.h"
#include "fides/pack_abi.h"
#include "link/link_shared_library.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "sample_pack.h"
#ifdef FIDES_HAVE_HASH
#include "hash/pack_hash.h"
#endif

using namespace fides::codegen;
using namespace fides::codegen::testing;

namespace {

std::string str(const char* s) { return s ? std::string(s) : std::string("<null>"); }

struct Finding {
  uint32_t rule;
  int64_t row, amount, points;
  std::string message;
};
struct Error {
  uint32_t kind, index;
  int64_t row;
  std::string message;
};
struct RecordingSink {
  std::vector<Finding> findings;
  std::vector<Error> errors;
  int scores = 0;
};

void on_finding(void* sink, uint32_t rule, int64_t row, int64_t amount, int64_t points,
                const char* message, int64_t message_len) {
  static_cast<RecordingSink*>(sink)->findings.push_back(
      {rule, row, amount, points, std::string(message, message_len)});
}
void on_score(void* sink, uint32_t, int64_t, int64_t, uint32_t, const int64_t*) {
  static_cast<RecordingSink*>(sink)->scores++;
}
void on_error(void* sink, uint32_t kind, uint32_t index, int64_t row, const char* message,
              int64_t message_len) {
  static_cast<RecordingSink*>(sink)->errors.push_back(
      {kind, index, row, std::string(message, message_len)});
}

// A built and loaded sample pack; unloads on destruction.
struct LoadedPack {
  std::string dir, path;
  void* handle = nullptr;
  const fides_pack* pack = nullptr;

  explicit LoadedPack(const SampleOptions& options = SampleOptions()) {
    dir = make_temp_dir();
    path = dir + "/sample.so";
    auto object = build_sample_object(options);
    if (!object) FAIL(llvm::toString(object.takeError()));
    REQUIRE(succeeded(fides::link::link_shared_library(llvm::ArrayRef<char>(*object), path)));
    handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    REQUIRE_MESSAGE(handle, dlerror());
    auto entry = reinterpret_cast<fides_pack_entry_fn>(dlsym(handle, FIDES_PACK_ENTRY));
    REQUIRE(static_cast<bool>(entry));
    pack = entry();
    REQUIRE(pack);
  }
  ~LoadedPack() {
    if (handle) dlclose(handle);
    llvm::sys::fs::remove_directories(dir);
  }
};

}  // namespace

TEST_CASE("descriptor round trip through pack.so") {
  LoadedPack loaded;
  const fides_pack* p = loaded.pack;
  PackDescription want = sample_description();

  CHECK(p->abi_version == FIDES_ABI_VERSION);
  CHECK(str(p->name) == want.name);
  CHECK(str(p->version) == want.version);
  CHECK(str(p->compiler) == want.compiler);
  CHECK(str(p->hash) == want.hash);

  REQUIRE(p->n_sources == want.sources.size());
  for (size_t i = 0; i < want.sources.size(); ++i) {
    CHECK(str(p->sources[i].path) == want.sources[i].path);
    REQUIRE(p->sources[i].len == want.sources[i].text.size());
    CHECK(std::string(p->sources[i].text, p->sources[i].len) == want.sources[i].text);
  }

  REQUIRE(p->n_records == want.records.size());
  for (size_t r = 0; r < want.records.size(); ++r) {
    const fides_record_desc& got = p->records[r];
    const RecordDescription& rec = want.records[r];
    CHECK(str(got.name) == rec.name);
    CHECK(str(got.label) == rec.label);
    CHECK(got.key_field == rec.key_field);
    REQUIRE(got.n_fields == rec.fields.size());
    for (size_t f = 0; f < rec.fields.size(); ++f) {
      CHECK(str(got.fields[f].name) == rec.fields[f].name);
      CHECK(str(got.fields[f].column) == rec.fields[f].column);
      CHECK(got.fields[f].type == static_cast<uint32_t>(rec.fields[f].type));
      CHECK(got.fields[f].optional == rec.fields[f].optional);
      CHECK(got.fields[f].ref_record == rec.fields[f].ref_record);
      CHECK(got.fields[f].flags == (rec.fields[f].personal ? FIDES_FIELD_PERSONAL : 0u));
    }
  }
  CHECK(p->records[1].fields[1].type == FIDES_TYPE_REF);
  CHECK(p->records[1].fields[1].ref_record == 0);
  CHECK(p->records[1].fields[1].flags == FIDES_FIELD_PERSONAL);  // a reference to Person's personal key
  CHECK(p->records[1].fields[0].flags == 0);
  CHECK(str(p->records[0].label) == "参保人");
  CHECK(str(p->records[1].label).empty());

  REQUIRE(p->n_params == want.params.size());
  for (size_t i = 0; i < want.params.size(); ++i) {
    CHECK(str(p->params[i].name) == want.params[i].name);
    CHECK(str(p->params[i].label) == want.params[i].label);
    CHECK(p->params[i].type == static_cast<uint32_t>(want.params[i].type));
    CHECK(str(p->params[i].default_literal) == want.params[i].default_literal);
    CHECK(p->params[i].has_range == (want.params[i].has_range ? 1u : 0u));
    CHECK(str(p->params[i].range_low) == want.params[i].range_low);
    CHECK(str(p->params[i].range_high) == want.params[i].range_high);
  }

  REQUIRE(p->n_tables == 2);
  const fides_table_desc& set = p->tables[0];
  CHECK(str(set.name) == "female_only");
  CHECK(set.is_map == 0);
  CHECK(set.key_type == FIDES_TYPE_TEXT);
  CHECK(set.value_type == 0);
  CHECK(set.value_column == nullptr);
  CHECK(str(set.key_column) == "项目编码");
  CHECK(str(set.source) == "tables/female_only.csv");
  REQUIRE(set.csv_len == want.tables[0].csv.size());
  CHECK(std::string(set.csv, set.csv_len) == want.tables[0].csv);  // embedded NUL included
  CHECK(set.csv[set.csv_len] == '\0');
  const fides_table_desc& map = p->tables[1];
  CHECK(map.is_map == 1);
  CHECK(map.value_type == FIDES_TYPE_MONEY);
  CHECK(str(map.value_column) == "最高限价");
  CHECK(str(map.source).empty());
  CHECK(std::string(map.csv, map.csv_len) == want.tables[1].csv);

  REQUIRE(p->n_rules == 2);
  CHECK(str(p->rules[0].id) == "XB001");
  CHECK(str(p->rules[0].name) == "限女性项目用于男性患者");
  CHECK(str(p->rules[0].category) == "限性别");
  CHECK(p->rules[0].severity == 3);
  CHECK(p->rules[0].verdict == 1);
  CHECK(p->rules[0].subject_record == 1);
  CHECK(p->rules[0].uses_hits == 0);
  CHECK(str(p->rules[1].id) == "限性别_02");
  CHECK(str(p->rules[1].category).empty());
  CHECK(p->rules[1].severity == 0);
  CHECK(p->rules[1].verdict == 0);
  CHECK(p->rules[1].uses_hits == 1);

  REQUIRE(p->n_scorecards == 1);
  const fides_scorecard_desc& sc = p->scorecards[0];
  CHECK(str(sc.name) == "机构信用");
  CHECK(str(sc.title) == "定点医药机构信用评价");
  CHECK(sc.subject_record == 0);
  CHECK(sc.score_is_decimal == 1);
  REQUIRE(sc.n_items == 2);
  CHECK(str(sc.items[0]) == "违规疑点");
  CHECK(str(sc.items[1]) == "违规金额");
  REQUIRE(sc.n_grades == 4);
  CHECK(str(sc.grades[0]) == "A");
  CHECK(str(sc.grades[3]) == "D");
  CHECK(sc.reasons == 3);
  CHECK(sc.reasons_highest == 1);

  REQUIRE(p->n_indexes == 2);
  CHECK(p->indexes[0].kind == FIDES_INDEX_REVERSE_REF);
  CHECK(p->indexes[0].record == 1);
  CHECK(p->indexes[0].field == 1);
  CHECK(p->indexes[1].kind == FIDES_INDEX_BY_FIELD);

  CHECK(static_cast<bool>(p->eval_rule));
  CHECK(!p->eval_scorecard);
}

TEST_CASE("eval_rule reports through the sink") {
  LoadedPack loaded;
  const int64_t amounts[] = {1'000'000, 2'000'000, INT64_MAX / 2, 3'330'001};
  fides_column line_columns[3] = {};
  line_columns[kAmountField].values = amounts;
  fides_record_data records[2] = {{0, nullptr}, {4, line_columns}};
  fides_sink_vtbl vtbl{&on_finding, &on_score, &on_error, nullptr};  // no groups in these packs
  RecordingSink sink;
  fides_eval_ctx ctx{records, nullptr, nullptr, nullptr, nullptr, &sink, &vtbl};

  CHECK(loaded.pack->eval_rule(&ctx, 0, 1, 4) == 0);
  bool checked = builtins_have_dec_mul();
  if (checked) {
    // Rows 1 and 3 give findings; row 2 overflows in fides_dec_mul.
    REQUIRE(sink.findings.size() == 2);
    CHECK(sink.findings[0].row == 1);
    CHECK(sink.findings[0].amount == 5'000'000);
    CHECK(sink.findings[1].row == 3);
    CHECK(sink.findings[1].amount == 8'325'003);  // 3.330001 × 2.5 = 8.3250025 → half-up
    REQUIRE(sink.errors.size() == 1);
    CHECK(sink.errors[0].row == 2);
    CHECK(sink.errors[0].kind == FIDES_ERROR_RULE);
    CHECK(sink.errors[0].message == "arithmetic overflow");
  } else {
    MESSAGE("the built-ins have no fides_dec_mul; checked plain multiplication only");
    REQUIRE(sink.findings.size() == 3);
  }
  for (const Finding& f : sink.findings) {
    CHECK(f.rule == 0);
    CHECK(f.points == 2);
    CHECK(f.message == kSampleMessage);
  }
  CHECK(sink.scores == 0);

  // An empty range calls nothing.
  RecordingSink empty;
  ctx.sink = &empty;
  CHECK(loaded.pack->eval_rule(&ctx, 0, 2, 2) == 0);
  CHECK(empty.findings.empty());
  CHECK(empty.errors.empty());
}

TEST_CASE("pack.so needs only libc and libm and exports one symbol") {
  LoadedPack loaded;
  std::string dynamic = run_command(std::string(FIDES_READELF) + " -d -W " + loaded.path);
  REQUIRE(!dynamic.empty());
  std::vector<std::string> needed;
  for (size_t at = dynamic.find("(NEEDED)"); at != std::string::npos;
       at = dynamic.find("(NEEDED)", at + 1)) {
    size_t open = dynamic.find('[', at), close = dynamic.find(']', open);
    needed.push_back(dynamic.substr(open + 1, close - open - 1));
  }
  for (const std::string& lib : needed) {
    INFO(lib);
    CHECK((lib == "libc.so.6" || lib == "libm.so.6"));
  }
  CHECK(dynamic.find("Library soname: [sample.so]") != std::string::npos);
  CHECK(dynamic.find("BIND_NOW") != std::string::npos);

  // Defined global symbols in .dynsym: only the entry.
  std::string symbols = run_command(std::string(FIDES_READELF) + " --dyn-syms -W " + loaded.path);
  std::vector<std::string> defined;
  size_t start = 0;
  while (start < symbols.size()) {
    size_t end = symbols.find('\n', start);
    if (end == std::string::npos) end = symbols.size();
    std::string line = symbols.substr(start, end - start);
    start = end + 1;
    if (line.find("GLOBAL") == std::string::npos && line.find("WEAK") == std::string::npos)
      continue;
    if (line.find(" UND ") != std::string::npos) continue;
    defined.push_back(line.substr(line.rfind(' ') + 1));
  }
  REQUIRE(defined.size() == 1);
  CHECK(defined[0] == "fides_pack_v1");

  // No executable stack, RELRO present.
  std::string headers = run_command(std::string(FIDES_READELF) + " -l -W " + loaded.path);
  CHECK(headers.find("GNU_RELRO") != std::string::npos);
  size_t stack = headers.find("GNU_STACK");
  REQUIRE(stack != std::string::npos);
  CHECK(headers.substr(stack, headers.find('\n', stack) - stack).find("RWE") == std::string::npos);
}

TEST_CASE("pack.so is deterministic") {
  std::string dir = make_temp_dir();
  std::vector<std::string> bytes;
  for (int i = 0; i < 2; ++i) {
    auto object = build_sample_object();
    if (!object) FAIL(llvm::toString(object.takeError()));
    std::string path = dir + "/pack.so";
    REQUIRE(succeeded(fides::link::link_shared_library(llvm::ArrayRef<char>(*object), path)));
    bytes.push_back(read_file(path));
    llvm::sys::fs::remove(path);
  }
  REQUIRE(!bytes[0].empty());
  CHECK(bytes[0] == bytes[1]);
  llvm::sys::fs::remove_directories(dir);
}

TEST_CASE("--cpu native builds a loadable pack") {
  SampleOptions options;
  options.cpu = "native";
  LoadedPack loaded(options);
  CHECK(loaded.pack->n_rules == 2);
  const int64_t amounts[] = {1'000'000};
  fides_column columns[3] = {};
  columns[kAmountField].values = amounts;
  fides_record_data records[2] = {{0, nullptr}, {1, columns}};
  fides_sink_vtbl vtbl{&on_finding, &on_score, &on_error, nullptr};  // no groups in these packs
  RecordingSink sink;
  fides_eval_ctx ctx{records, nullptr, nullptr, nullptr, nullptr, &sink, &vtbl};
  CHECK(loaded.pack->eval_rule(&ctx, 0, 0, 1) == 0);
  CHECK(sink.findings.size() == 1);
}

#ifdef FIDES_HAVE_HASH
TEST_CASE("the host's content hash of the descriptor matches the compiler's") {
  SampleOptions options;
  std::vector<fides::hash::NamedText> sources, tables;
  for (const SourceDescription& s : options.description.sources)
    sources.emplace_back(s.path, s.text);
  for (const TableDescription& t : options.description.tables) tables.emplace_back(t.name, t.csv);
  options.description.hash = fides::hash::pack_content_hash(sources, tables);
  LoadedPack loaded(options);
  CHECK(str(loaded.pack->hash) == options.description.hash);
  CHECK(fides::hash::pack_content_hash(*loaded.pack) == options.description.hash);
}
#endif

TEST_CASE("every built-in links into a pack that needs only libc and libm") {
  llvm::LLVMContext context;
  auto machine = llvm::cantFail(create_target_machine());
  auto builtins = llvm::cantFail(BuiltinLibrary::load(context));
  std::vector<std::string> names = builtins->function_names();
  MESSAGE(names.size(), " built-in functions");
  llvm::Module module("all_builtins", context);
  configure_module(module, *machine);
  // eval_rule stores the address of every built-in, so none is dropped.
  AbiTypes t = AbiTypes::get(context);
  auto* keep =
      llvm::Function::Create(t.eval_fn, llvm::GlobalValue::InternalLinkage, "keep", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", keep));
  llvm::Value* slot = b.CreateAlloca(t.ptr);
  for (const std::string& name : names)
    b.CreateStore(llvm::cantFail(builtins->declare(module, name)), slot, /*isVolatile=*/true);
  b.CreateRet(b.getInt32(0));
  PackDescription description;
  description.name = "all";
  llvm::cantFail(emit_descriptor(module, description, keep, nullptr));
  auto object = finish_pack(module, *machine, builtins.get());
  if (!object) FAIL(llvm::toString(object.takeError()));

  std::string dir = make_temp_dir();
  std::string path = dir + "/all.so";
  // --no-undefined (libc.so found): anything outside libc/libm fails here.
  REQUIRE(succeeded(fides::link::link_shared_library(llvm::ArrayRef<char>(*object), path)));
  std::string dynamic = run_command(std::string(FIDES_READELF) + " -d -W " + path);
  std::string imports = run_command(std::string(FIDES_READELF) + " --dyn-syms -W " + path +
                                    " | grep ' UND ' | awk '{print $8}' | sort | tr '\\n' ' '");
  MESSAGE("libc/libm imports: ", imports);
  for (size_t at = dynamic.find("(NEEDED)"); at != std::string::npos;
       at = dynamic.find("(NEEDED)", at + 1)) {
    size_t open = dynamic.find('[', at), close = dynamic.find(']', open);
    std::string lib = dynamic.substr(open + 1, close - open - 1);
    INFO(lib);
    CHECK((lib == "libc.so.6" || lib == "libm.so.6"));
  }
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  CHECK_MESSAGE(handle, dlerror());
  if (handle) dlclose(handle);
  llvm::sys::fs::remove_directories(dir);
}
