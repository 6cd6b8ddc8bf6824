// LLVM types mirroring every struct of runtime/include/fides/pack_abi.h, and
// the field numbers to GEP into them. tests/codegen/abi_layout_test.cpp checks
// each struct's size and each listed field's offset against the C header
// under the x86-64 DataLayout, so a change on either side fails the build.
//
// Types are identified structs named like the C typedefs ("fides_eval_ctx"),
// created once per LLVMContext. Pointers are opaque (`ptr`).
#pragma once

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LLVMContext.h"

namespace fides::codegen {

// Field numbers, in declaration order of the C structs.
namespace abi {
enum Str : unsigned { kStrPtr, kStrLen };
enum FieldDesc : unsigned {
  kFieldName,
  kFieldColumn,
  kFieldType,
  kFieldOptional,
  kFieldRefRecord,
  kFieldFlags
};
enum RecordDesc : unsigned {
  kRecordName,
  kRecordLabel,
  kRecordKeyField,
  kRecordNFields,
  kRecordFields,
  kRecordGroupSource,
  kRecordNKeys,
  kRecordInputFile
};
enum ParamDesc : unsigned {
  kParamName,
  kParamLabel,
  kParamType,
  kParamHasRange,
  kParamDefaultLiteral,
  kParamRangeLow,
  kParamRangeHigh
};
enum TableDesc : unsigned {
  kTableName,
  kTableIsMap,
  kTableKeyType,
  kTableValueType,
  kTableReserved,
  kTableKeyColumn,
  kTableValueColumn,
  kTableSource,
  kTableCsv,
  kTableCsvLen
};
enum RuleDesc : unsigned {
  kRuleId,
  kRuleName,
  kRuleCategory,
  kRuleSeverity,
  kRuleVerdict,
  kRuleSubjectRecord,
  kRuleUsesHits
};
enum ScorecardDesc : unsigned {
  kScName,
  kScTitle,
  kScSubjectRecord,
  kScScoreIsDecimal,
  kScNItems,
  kScNGrades,
  kScItems,
  kScGrades,
  kScReasons,
  kScReasonsHighest
};
enum SourceDesc : unsigned { kSourcePath, kSourceText, kSourceLen };
enum IndexDesc : unsigned { kIndexKind, kIndexRecord, kIndexField, kIndexNPath, kIndexPath };
enum Column : unsigned { kColumnValues, kColumnTexts, kColumnPresent };
enum RecordData : unsigned { kRecordDataNRows, kRecordDataColumns };
enum IndexData : unsigned {
  kIndexDataNGroups,
  kIndexDataOffsets,
  kIndexDataRows,
  kIndexDataGroupOfRow,
  kIndexDataGroupValues,
  kIndexDataGroupTexts,
  kIndexDataEnds,
  kIndexDataFind,
  kIndexDataFindData
};
enum TableData : unsigned {
  kTableDataN,
  kTableDataKeys,
  kTableDataKeyTexts,
  kTableDataValues,
  kTableDataValueTexts
};
enum ParamValue : unsigned { kParamValueValue, kParamValueText };
enum FindingsView : unsigned {
  kFindingsN,
  kFindingsRule,
  kFindingsAmount,
  kFindingsPoints,
  kFindingsSubjectKey,
  kFindingsByRecord
};
enum SinkVtbl : unsigned { kSinkFinding, kSinkScore, kSinkError, kSinkGroupMember };
enum EvalCtx : unsigned {
  kCtxRecords,
  kCtxParams,
  kCtxTables,
  kCtxIndexes,
  kCtxFindings,
  kCtxSink,
  kCtxOut,
  kCtxRowCache
};
enum CachedElement : unsigned { kCachedValue, kCachedState, kCachedReserved };
enum RowCache : unsigned { kRowCacheHistoryRows, kRowCacheDirty, kRowCacheElements };
enum Pack : unsigned {
  kPackAbiVersion,
  kPackReserved,
  kPackName,
  kPackVersion,
  kPackCompiler,
  kPackHash,
  kPackNSources,
  kPackNRecords,
  kPackNParams,
  kPackNTables,
  kPackNRules,
  kPackNScorecards,
  kPackNIndexes,
  kPackNRowCaches,
  kPackSources,
  kPackRecords,
  kPackParams,
  kPackTables,
  kPackRules,
  kPackScorecards,
  kPackIndexes,
  kPackEvalRule,
  kPackEvalScorecard,
  kPackEvalGroup,
  kPackRowCacheRecords
};
}  // namespace abi

struct AbiTypes {
  llvm::IntegerType* i8;
  llvm::IntegerType* i32;
  llvm::IntegerType* i64;
  llvm::PointerType* ptr;

  // Descriptor.
  llvm::StructType* str;
  llvm::StructType* field_desc;
  llvm::StructType* record_desc;
  llvm::StructType* param_desc;
  llvm::StructType* table_desc;
  llvm::StructType* rule_desc;
  llvm::StructType* scorecard_desc;
  llvm::StructType* source_desc;
  llvm::StructType* index_desc;
  llvm::StructType* pack;
  // Evaluation data.
  llvm::StructType* column;
  llvm::StructType* record_data;
  llvm::StructType* index_data;
  llvm::StructType* table_data;
  llvm::StructType* param_value;
  llvm::StructType* findings_view;
  llvm::StructType* sink_vtbl;
  llvm::StructType* eval_ctx;
  llvm::StructType* cached_element;
  llvm::StructType* row_cache;

  // int (*)(const fides_eval_ctx*, uint32_t index, int64_t begin, int64_t end)
  llvm::FunctionType* eval_fn;
  // const fides_pack* (*)(void)
  llvm::FunctionType* entry_fn;
  // The sink callbacks (see fides_sink_vtbl).
  llvm::FunctionType* sink_finding_fn;
  llvm::FunctionType* sink_score_fn;
  llvm::FunctionType* sink_error_fn;
  llvm::FunctionType* sink_group_member_fn;

  // The types of `context`, created on first use and reused afterwards.
  static AbiTypes get(llvm::LLVMContext& context);
};

}  // namespace fides::codegen
