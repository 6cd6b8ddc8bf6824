// Emits a pack's descriptor into an LLVM module: every string, array and
// struct of the fides_pack a host reads, as private constant globals, and the
// one exported symbol, FIDES_PACK_ENTRY ("fides_pack_v1"), a function
// returning the descriptor's address.
//
// Layout follows runtime/include/fides/pack_abi.h through AbiTypes. Strings
// are byte-exact constant arrays with a NUL appended; fields with a length
// (source text, embedded CSV) may contain NULs. An empty array is a null
// pointer with a zero count. Identical strings share one global. A missing
// eval function (nullptr) becomes a null pointer in the descriptor.
#pragma once

#include "lower/pack_description.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

namespace fides::codegen {

// The descriptor model belongs to lowering; code generation only reads it.
using lower::AbiType;
using lower::FieldDescription;
using lower::IndexDescription;
using lower::IndexKind;
using lower::PackDescription;
using lower::ParamDescription;
using lower::RecordDescription;
using lower::RuleDescription;
using lower::ScorecardDescription;
using lower::Severity;
using lower::SourceDescription;
using lower::TableDescription;
using lower::Verdict;

inline constexpr const char* kEntrySymbol = FIDES_PACK_ENTRY;

// Validates `pack` (see validate()), checks that the eval functions have the
// fides_eval_fn type and that the module has no FIDES_PACK_ENTRY yet, then
// emits the descriptor. Returns the entry function (external linkage,
// default visibility); every other global it adds is private or internal.
llvm::Expected<llvm::Function*> emit_descriptor(llvm::Module& module, const PackDescription& pack,
                                                llvm::Function* eval_rule,
                                                llvm::Function* eval_scorecard,
                                                llvm::Function* eval_group = nullptr);

}  // namespace fides::codegen
