// emit_descriptor and validate on the IR level (the round trip through a
// real pack.so is pack_so_test.cpp).
#include <doctest/doctest.h>

#include "codegen/abi_types.h"
#include "codegen/emit_descriptor.h"
#include "codegen/optimize.h"
#include "codegen/target.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Verifier.h"
#include "sample_pack.h"

using namespace fides::codegen;
using namespace fides::codegen::testing;

TEST_CASE("the sample description is valid") { CHECK(fides::lower::validate(sample_description()) == ""); }

TEST_CASE("validate rejects what a host could not use") {
  SUBCASE("NUL in a NUL-terminated string") {
    PackDescription p = sample_description();
    p.rules[0].name = std::string("a\0b", 3);
    CHECK(fides::lower::validate(p).find("rule XB001 name contains a NUL byte") != std::string::npos);
  }
  SUBCASE("key field out of range") {
    PackDescription p = sample_description();
    p.records[0].key_field = 7;
    CHECK(fides::lower::validate(p).find("key field 7 out of range") != std::string::npos);
  }
  SUBCASE("reference to a missing record") {
    PackDescription p = sample_description();
    p.records[1].fields[1].ref_record = 9;
    CHECK(fides::lower::validate(p).find("field person") != std::string::npos);
  }
  SUBCASE("ref_record on a non-reference") {
    PackDescription p = sample_description();
    p.records[0].fields[0].ref_record = 0;
    CHECK(fides::lower::validate(p).find("ref_record must be -1") != std::string::npos);
  }
  SUBCASE("set with a value column") {
    PackDescription p = sample_description();
    p.tables[0].value_column = "x";
    CHECK(fides::lower::validate(p).find("is a set") != std::string::npos);
  }
  SUBCASE("map without value type") {
    PackDescription p = sample_description();
    p.tables[1].value_type.reset();
    CHECK(fides::lower::validate(p).find("is a map") != std::string::npos);
  }
  SUBCASE("rule subject out of range") {
    PackDescription p = sample_description();
    p.rules[1].subject_record = 2;
    CHECK(fides::lower::validate(p).find("subject record out of range") != std::string::npos);
  }
  SUBCASE("reverse-reference index over a plain field") {
    PackDescription p = sample_description();
    p.indexes[0].field = 2;
    CHECK(fides::lower::validate(p).find("not a reference") != std::string::npos);
  }
  SUBCASE("a reference personal unlike its target's key") {
    PackDescription p = sample_description();
    p.records[1].fields[1].personal = false;
    CHECK(fides::lower::validate(p).find("field person: a reference is personal exactly when its target's key is") !=
          std::string::npos);
  }
  SUBCASE("a personal field that is not text") {
    PackDescription p = sample_description();
    p.records[1].fields[2].personal = true;
    CHECK(fides::lower::validate(p).find("field amount: only a text field or a reference can be personal") !=
          std::string::npos);
  }
  SUBCASE("invalid type") {
    PackDescription p = sample_description();
    p.params[0].type = static_cast<AbiType>(42);
    CHECK(fides::lower::validate(p).find("invalid type 42") != std::string::npos);
  }
}

TEST_CASE("emit_descriptor exports only the entry symbol") {
  llvm::LLVMContext context;
  auto machine = llvm::cantFail(create_target_machine());
  llvm::Module module("pack", context);
  configure_module(module, *machine);
  AbiTypes t = AbiTypes::get(context);
  auto* rule = llvm::Function::Create(t.eval_fn, llvm::GlobalValue::ExternalLinkage, "r", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", rule));
  b.CreateRet(b.getInt32(0));

  llvm::Function* entry =
      llvm::cantFail(emit_descriptor(module, sample_description(), rule, nullptr));
  CHECK(entry->getName() == "fides_pack_v1");
  CHECK(entry->hasExternalLinkage());
  CHECK(entry->hasDefaultVisibility());
  CHECK(!llvm::verifyModule(module, &llvm::errs()));

  // Every global the descriptor added is local and constant.
  for (const llvm::GlobalVariable& g : module.globals()) {
    INFO(g.getName().str());
    CHECK(g.hasLocalLinkage());
    CHECK(g.isConstant());
  }
  // "项目编码" appears in three places but is stored once.
  int copies = 0;
  for (const llvm::GlobalVariable& g : module.globals())
    if (auto* data = llvm::dyn_cast<llvm::ConstantDataSequential>(g.getInitializer()))
      if (data->isString() && data->getAsString() == llvm::StringRef("项目编码\0", 13)) ++copies;
  CHECK(copies == 1);

  internalize_all_but_entry(module);
  CHECK(rule->hasLocalLinkage());
  CHECK(entry->hasExternalLinkage());
}

TEST_CASE("emit_descriptor errors") {
  llvm::LLVMContext context;
  llvm::Module module("pack", context);
  AbiTypes t = AbiTypes::get(context);
  SUBCASE("eval function of the wrong type") {
    auto* type = llvm::FunctionType::get(t.i32, {t.ptr}, false);
    auto* f = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, "bad", module);
    auto result = emit_descriptor(module, sample_description(), f, nullptr);
    REQUIRE(!result);
    CHECK(error_text(result.takeError()).find("fides_eval_fn") != std::string::npos);
  }
  SUBCASE("entry emitted twice") {
    llvm::cantFail(emit_descriptor(module, sample_description(), nullptr, nullptr));
    auto again = emit_descriptor(module, sample_description(), nullptr, nullptr);
    REQUIRE(!again);
    CHECK(error_text(again.takeError()).find("already defines fides_pack_v1") != std::string::npos);
  }
  SUBCASE("invalid description") {
    PackDescription p = sample_description();
    p.records[0].key_field = 99;
    auto result = emit_descriptor(module, p, nullptr, nullptr);
    REQUIRE(!result);
    CHECK(error_text(result.takeError()).find("invalid pack description") != std::string::npos);
    CHECK(!module.getFunction("fides_pack_v1"));
  }
}

TEST_CASE("an empty pack has null arrays") {
  llvm::LLVMContext context;
  llvm::Module module("pack", context);
  PackDescription p;
  p.name = "空";
  llvm::cantFail(emit_descriptor(module, p, nullptr, nullptr));
  llvm::GlobalVariable* pack = module.getNamedGlobal("fides.pack");
  REQUIRE(pack);
  auto* init = llvm::cast<llvm::ConstantStruct>(pack->getInitializer());
  CHECK(llvm::isa<llvm::ConstantPointerNull>(init->getOperand(abi::kPackRecords)));
  CHECK(llvm::isa<llvm::ConstantPointerNull>(init->getOperand(abi::kPackEvalRule)));
  CHECK(llvm::cast<llvm::ConstantInt>(init->getOperand(abi::kPackAbiVersion))->getZExtValue() ==
        FIDES_ABI_VERSION);
}

TEST_CASE("target machines") {
  auto v2 = llvm::cantFail(create_target_machine());
  CHECK(v2->getTargetCPU() == "x86-64-v2");
  CHECK(v2->getRelocationModel() == llvm::Reloc::PIC_);
  auto native = create_target_machine({"native"});
  REQUIRE(native);
  CHECK((*native)->getTargetCPU() != "native");
  auto unknown = create_target_machine({"pentium-9000"});
  REQUIRE(!unknown);
  CHECK(error_text(unknown.takeError()).find("unknown CPU 'pentium-9000'") != std::string::npos);
}
