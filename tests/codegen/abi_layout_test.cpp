// The LLVM types of codegen/abi_types.h against the C structs of
// fides/pack_abi.h: same size, alignment, number of fields and offset of
// every field, under the DataLayout packs are compiled with.
#include <doctest/doctest.h>

#include <cstddef>
#include <utility>
#include <vector>

#include "codegen/abi_types.h"
#include "codegen/target.h"
#include "fides/pack_abi.h"
#include "llvm/IR/DataLayout.h"

using namespace fides::codegen;

namespace {

struct Field {
  const char* name;
  size_t c_offset;
  unsigned llvm_index;
};

void check_struct(const char* name, llvm::StructType* type, size_t c_size, size_t c_align,
                  const std::vector<Field>& fields) {
  auto machine = llvm::cantFail(create_target_machine());
  llvm::DataLayout layout = machine->createDataLayout();
  const llvm::StructLayout* sl = layout.getStructLayout(type);
  INFO("struct ", name);
  CHECK(type->getName() == name);
  CHECK(sl->getSizeInBytes() == c_size);
  CHECK(sl->getAlignment().value() == c_align);
  // Every LLVM field is listed once, so a field added on one side only fails.
  REQUIRE(type->getNumElements() == fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    INFO("field ", fields[i].name);
    CHECK(fields[i].llvm_index == i);
    CHECK(sl->getElementOffset(fields[i].llvm_index) == fields[i].c_offset);
  }
}

#define F(ctype, member, index) \
  Field { #member, offsetof(ctype, member), index }
#define CHECK_STRUCT(ctype, llvm_type, ...) \
  check_struct(#ctype, llvm_type, sizeof(ctype), alignof(ctype), {__VA_ARGS__})

}  // namespace

TEST_CASE("descriptor structs match pack_abi.h") {
  llvm::LLVMContext context;
  AbiTypes t = AbiTypes::get(context);
  using namespace abi;
  CHECK_STRUCT(fides_str, t.str, F(fides_str, ptr, kStrPtr), F(fides_str, len, kStrLen));
  CHECK_STRUCT(fides_field_desc, t.field_desc, F(fides_field_desc, name, kFieldName),
               F(fides_field_desc, column, kFieldColumn), F(fides_field_desc, type, kFieldType),
               F(fides_field_desc, optional, kFieldOptional),
               F(fides_field_desc, ref_record, kFieldRefRecord),
               F(fides_field_desc, flags, kFieldFlags));
  CHECK_STRUCT(
      fides_record_desc, t.record_desc, F(fides_record_desc, name, kRecordName),
      F(fides_record_desc, label, kRecordLabel), F(fides_record_desc, key_field, kRecordKeyField),
      F(fides_record_desc, n_fields, kRecordNFields), F(fides_record_desc, fields, kRecordFields),
      F(fides_record_desc, group_source, kRecordGroupSource), F(fides_record_desc, n_keys, kRecordNKeys),
      F(fides_record_desc, input_file, kRecordInputFile));
  CHECK_STRUCT(fides_param_desc, t.param_desc, F(fides_param_desc, name, kParamName),
               F(fides_param_desc, label, kParamLabel), F(fides_param_desc, type, kParamType),
               F(fides_param_desc, has_range, kParamHasRange),
               F(fides_param_desc, default_literal, kParamDefaultLiteral),
               F(fides_param_desc, range_low, kParamRangeLow), F(fides_param_desc, range_high, kParamRangeHigh));
  CHECK_STRUCT(fides_table_desc, t.table_desc, F(fides_table_desc, name, kTableName),
               F(fides_table_desc, is_map, kTableIsMap),
               F(fides_table_desc, key_type, kTableKeyType),
               F(fides_table_desc, value_type, kTableValueType),
               F(fides_table_desc, reserved, kTableReserved),
               F(fides_table_desc, key_column, kTableKeyColumn),
               F(fides_table_desc, value_column, kTableValueColumn),
               F(fides_table_desc, source, kTableSource), F(fides_table_desc, csv, kTableCsv),
               F(fides_table_desc, csv_len, kTableCsvLen));
  CHECK_STRUCT(fides_rule_desc, t.rule_desc, F(fides_rule_desc, id, kRuleId),
               F(fides_rule_desc, name, kRuleName), F(fides_rule_desc, category, kRuleCategory),
               F(fides_rule_desc, severity, kRuleSeverity),
               F(fides_rule_desc, verdict, kRuleVerdict),
               F(fides_rule_desc, subject_record, kRuleSubjectRecord),
               F(fides_rule_desc, uses_hits, kRuleUsesHits));
  CHECK_STRUCT(fides_scorecard_desc, t.scorecard_desc, F(fides_scorecard_desc, name, kScName),
               F(fides_scorecard_desc, title, kScTitle),
               F(fides_scorecard_desc, subject_record, kScSubjectRecord),
               F(fides_scorecard_desc, score_is_decimal, kScScoreIsDecimal),
               F(fides_scorecard_desc, n_items, kScNItems),
               F(fides_scorecard_desc, n_grades, kScNGrades),
               F(fides_scorecard_desc, items, kScItems), F(fides_scorecard_desc, grades, kScGrades),
               F(fides_scorecard_desc, reasons, kScReasons),
               F(fides_scorecard_desc, reasons_highest, kScReasonsHighest));
  CHECK_STRUCT(fides_source_desc, t.source_desc, F(fides_source_desc, path, kSourcePath),
               F(fides_source_desc, text, kSourceText), F(fides_source_desc, len, kSourceLen));
  CHECK_STRUCT(fides_index_desc, t.index_desc, F(fides_index_desc, kind, kIndexKind),
               F(fides_index_desc, record, kIndexRecord), F(fides_index_desc, field, kIndexField),
               F(fides_index_desc, n_path, kIndexNPath), F(fides_index_desc, path, kIndexPath));
  CHECK_STRUCT(fides_pack, t.pack, F(fides_pack, abi_version, kPackAbiVersion),
               F(fides_pack, reserved, kPackReserved), F(fides_pack, name, kPackName),
               F(fides_pack, version, kPackVersion), F(fides_pack, compiler, kPackCompiler),
               F(fides_pack, hash, kPackHash), F(fides_pack, n_sources, kPackNSources),
               F(fides_pack, n_records, kPackNRecords), F(fides_pack, n_params, kPackNParams),
               F(fides_pack, n_tables, kPackNTables), F(fides_pack, n_rules, kPackNRules),
               F(fides_pack, n_scorecards, kPackNScorecards),
               F(fides_pack, n_indexes, kPackNIndexes), F(fides_pack, n_row_caches, kPackNRowCaches),
               F(fides_pack, sources, kPackSources), F(fides_pack, records, kPackRecords),
               F(fides_pack, params, kPackParams), F(fides_pack, tables, kPackTables),
               F(fides_pack, rules, kPackRules), F(fides_pack, scorecards, kPackScorecards),
               F(fides_pack, indexes, kPackIndexes), F(fides_pack, eval_rule, kPackEvalRule),
               F(fides_pack, eval_scorecard, kPackEvalScorecard), F(fides_pack, eval_group, kPackEvalGroup),
               F(fides_pack, row_cache_records, kPackRowCacheRecords));
}

TEST_CASE("evaluation structs match pack_abi.h") {
  llvm::LLVMContext context;
  AbiTypes t = AbiTypes::get(context);
  using namespace abi;
  CHECK_STRUCT(fides_column, t.column, F(fides_column, values, kColumnValues),
               F(fides_column, texts, kColumnTexts), F(fides_column, present, kColumnPresent));
  CHECK_STRUCT(fides_record_data, t.record_data, F(fides_record_data, n_rows, kRecordDataNRows),
               F(fides_record_data, columns, kRecordDataColumns));
  CHECK_STRUCT(fides_index_data, t.index_data, F(fides_index_data, n_groups, kIndexDataNGroups),
               F(fides_index_data, offsets, kIndexDataOffsets),
               F(fides_index_data, rows, kIndexDataRows),
               F(fides_index_data, group_of_row, kIndexDataGroupOfRow),
               F(fides_index_data, group_values, kIndexDataGroupValues),
               F(fides_index_data, group_texts, kIndexDataGroupTexts),
               F(fides_index_data, ends, kIndexDataEnds), F(fides_index_data, find, kIndexDataFind),
               F(fides_index_data, find_data, kIndexDataFindData));
  CHECK_STRUCT(fides_table_data, t.table_data, F(fides_table_data, n, kTableDataN),
               F(fides_table_data, keys, kTableDataKeys),
               F(fides_table_data, key_texts, kTableDataKeyTexts),
               F(fides_table_data, values, kTableDataValues),
               F(fides_table_data, value_texts, kTableDataValueTexts));
  CHECK_STRUCT(fides_param_value, t.param_value, F(fides_param_value, value, kParamValueValue),
               F(fides_param_value, text, kParamValueText));
  CHECK_STRUCT(fides_findings_view, t.findings_view, F(fides_findings_view, n, kFindingsN),
               F(fides_findings_view, rule, kFindingsRule),
               F(fides_findings_view, amount, kFindingsAmount),
               F(fides_findings_view, points, kFindingsPoints),
               F(fides_findings_view, subject_key, kFindingsSubjectKey),
               F(fides_findings_view, by_record, kFindingsByRecord));
  CHECK_STRUCT(fides_sink_vtbl, t.sink_vtbl, F(fides_sink_vtbl, finding, kSinkFinding),
               F(fides_sink_vtbl, score, kSinkScore), F(fides_sink_vtbl, error, kSinkError),
               F(fides_sink_vtbl, group_member, kSinkGroupMember));
  CHECK_STRUCT(fides_eval_ctx, t.eval_ctx, F(fides_eval_ctx, records, kCtxRecords),
               F(fides_eval_ctx, params, kCtxParams), F(fides_eval_ctx, tables, kCtxTables),
               F(fides_eval_ctx, indexes, kCtxIndexes), F(fides_eval_ctx, findings, kCtxFindings),
               F(fides_eval_ctx, sink, kCtxSink), F(fides_eval_ctx, out, kCtxOut),
               F(fides_eval_ctx, row_cache, kCtxRowCache));
  CHECK_STRUCT(fides_cached_element, t.cached_element, F(fides_cached_element, value, kCachedValue),
               F(fides_cached_element, state, kCachedState), F(fides_cached_element, reserved, kCachedReserved));
  CHECK_STRUCT(fides_row_cache, t.row_cache, F(fides_row_cache, history_rows, kRowCacheHistoryRows),
               F(fides_row_cache, dirty, kRowCacheDirty), F(fides_row_cache, elements, kRowCacheElements));
}

TEST_CASE("AbiTypes are created once per context") {
  llvm::LLVMContext context;
  AbiTypes a = AbiTypes::get(context);
  AbiTypes b = AbiTypes::get(context);
  CHECK(a.pack == b.pack);
  CHECK(a.eval_ctx == b.eval_ctx);
}

// The function types of the C callbacks, checked by assigning real functions.
static int eval_stub(const fides_eval_ctx*, uint32_t, int64_t, int64_t) { return 0; }
TEST_CASE("callback signatures") {
  fides_eval_fn f = &eval_stub;
  CHECK(f(nullptr, 0, 0, 0) == 0);
  llvm::LLVMContext context;
  AbiTypes t = AbiTypes::get(context);
  CHECK(t.eval_fn->getNumParams() == 4);
  CHECK(t.sink_finding_fn->getNumParams() == 7);
  CHECK(t.sink_score_fn->getNumParams() == 6);
  CHECK(t.sink_error_fn->getNumParams() == 6);
}
