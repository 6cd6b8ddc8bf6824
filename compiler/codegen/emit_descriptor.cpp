#include "codegen/emit_descriptor.h"

#include <vector>

#include "codegen/abi_types.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"

namespace fides::codegen {
namespace {

llvm::Error make_error(const llvm::Twine& message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

class DescriptorEmitter {
 public:
  explicit DescriptorEmitter(llvm::Module& module)
      : module_(module), context_(module.getContext()), t_(AbiTypes::get(context_)) {}

  llvm::Constant* emit_pack(const PackDescription& pack, llvm::Function* eval_rule,
                            llvm::Function* eval_scorecard, llvm::Function* eval_group) {
    std::vector<llvm::Constant*> sources, records, params, tables, rules, scorecards, indexes;
    for (const SourceDescription& s : pack.sources)
      sources.push_back(make(t_.source_desc, {string(s.path), string(s.text), u64(s.text.size())}));
    for (const RecordDescription& r : pack.records) records.push_back(record(r));
    for (const ParamDescription& p : pack.params)
      params.push_back(make(t_.param_desc, {string(p.name), string(p.label), u32(p.type), u32(p.has_range),
                                            string(p.default_literal), string(p.range_low),
                                            string(p.range_high)}));
    for (const TableDescription& t : pack.tables) tables.push_back(table(t));
    for (const RuleDescription& r : pack.rules)
      rules.push_back(
          make(t_.rule_desc, {string(r.id), string(r.name), string(r.category), u32(r.severity),
                              u32(r.verdict), u32(r.subject_record), u32(r.uses_hits)}));
    for (const ScorecardDescription& s : pack.scorecards) scorecards.push_back(scorecard(s));
    for (size_t n = 0; n < pack.indexes.size(); ++n) {
      const IndexDescription& i = pack.indexes[n];
      std::vector<llvm::Constant*> path;
      for (uint32_t f : i.path) path.push_back(u32(f));
      indexes.push_back(make(t_.index_desc, {u32(i.kind), u32(i.record), u32(i.field), u32(path.size()),
                                             array(t_.i32, path, "fides.index_path." + llvm::Twine(n))}));
    }

    std::vector<llvm::Constant*> cache_records;
    for (uint32_t r : pack.row_cache_records) cache_records.push_back(u32(r));
    llvm::Constant* value = make(t_.pack, {u32(FIDES_ABI_VERSION),
                                           u32(0),
                                           string(pack.name),
                                           string(pack.version),
                                           string(pack.compiler),
                                           string(pack.hash),  //
                                           u32(sources.size()),
                                           u32(records.size()),
                                           u32(params.size()),
                                           u32(tables.size()),
                                           u32(rules.size()),
                                           u32(scorecards.size()),
                                           u32(indexes.size()),
                                           u32(pack.row_cache_records.size()),  //
                                           array(t_.source_desc, sources, "fides.sources"),
                                           array(t_.record_desc, records, "fides.records"),
                                           array(t_.param_desc, params, "fides.params"),
                                           array(t_.table_desc, tables, "fides.tables"),
                                           array(t_.rule_desc, rules, "fides.rules"),
                                           array(t_.scorecard_desc, scorecards, "fides.scorecards"),
                                           array(t_.index_desc, indexes, "fides.indexes"),  //
                                           function(eval_rule),
                                           function(eval_scorecard),
                                           function(eval_group),
                                           array(t_.i32, cache_records, "fides.row_cache_records")});
    auto* global =
        new llvm::GlobalVariable(module_, t_.pack, /*isConstant=*/true,
                                 llvm::GlobalValue::InternalLinkage, value, "fides.pack");
    global->setAlignment(llvm::Align(8));
    return global;
  }

 private:
  llvm::Constant* record(const RecordDescription& r) {
    std::vector<llvm::Constant*> fields;
    for (const FieldDescription& f : r.fields)
      fields.push_back(make(t_.field_desc, {string(f.name), string(f.column), u32(f.type),
                                            u32(f.optional), i32(f.ref_record), u32(f.abi_flags())}));
    return make(t_.record_desc,
                {string(r.name), string(r.label), u32(r.key_field), u32(fields.size()),
                 array(t_.field_desc, fields, "fides.fields." + r.name), i32(r.group_source),
                 u32(r.n_keys), r.input_file.empty() ? null() : string(r.input_file)});
  }

  llvm::Constant* table(const TableDescription& t) {
    return make(t_.table_desc,
                {string(t.name), u32(t.is_map), u32(t.key_type),
                 u32(t.value_type ? static_cast<uint32_t>(*t.value_type) : 0u), u32(0),
                 string(t.key_column), t.value_column ? string(*t.value_column) : null(),
                 string(t.source), string(t.csv), u64(t.csv.size())});
  }

  llvm::Constant* scorecard(const ScorecardDescription& s) {
    std::vector<llvm::Constant*> items, grades;
    for (const std::string& item : s.items) items.push_back(string(item));
    for (const std::string& grade : s.grades) grades.push_back(string(grade));
    return make(
        t_.scorecard_desc,
        {string(s.name), string(s.title), u32(s.subject_record), u32(s.score_is_decimal),
         u32(items.size()), u32(grades.size()), array(t_.ptr, items, "fides.items." + s.name),
         array(t_.ptr, grades, "fides.grades." + s.name), u32(s.reasons), u32(s.reasons_highest)});
  }

  // The bytes of `value` plus a NUL, as a shared private constant.
  llvm::Constant* string(llvm::StringRef value) {
    auto [it, inserted] = strings_.try_emplace(value, nullptr);
    if (inserted) {
      llvm::Constant* bytes = llvm::ConstantDataArray::getString(context_, value, /*AddNull=*/true);
      auto* global =
          new llvm::GlobalVariable(module_, bytes->getType(), /*isConstant=*/true,
                                   llvm::GlobalValue::PrivateLinkage, bytes, "fides.str");
      global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
      global->setAlignment(llvm::Align(1));
      it->second = global;
    }
    return it->second;
  }

  // A private constant array of `elements`, or null when there are none.
  llvm::Constant* array(llvm::Type* element, const std::vector<llvm::Constant*>& elements,
                        const llvm::Twine& name) {
    if (elements.empty()) return null();
    auto* type = llvm::ArrayType::get(element, elements.size());
    auto* global = new llvm::GlobalVariable(module_, type, /*isConstant=*/true,
                                            llvm::GlobalValue::PrivateLinkage,
                                            llvm::ConstantArray::get(type, elements), name);
    global->setAlignment(llvm::Align(8));
    return global;
  }

  llvm::Constant* make(llvm::StructType* type, llvm::ArrayRef<llvm::Constant*> fields) {
    return llvm::ConstantStruct::get(type, fields);
  }
  llvm::Constant* function(llvm::Function* f) {
    return f ? static_cast<llvm::Constant*>(f) : null();
  }
  llvm::Constant* null() { return llvm::ConstantPointerNull::get(t_.ptr); }
  template <typename T>
  llvm::Constant* u32(T value) {
    return llvm::ConstantInt::get(t_.i32, static_cast<uint32_t>(value));
  }
  llvm::Constant* i32(int32_t value) { return llvm::ConstantInt::getSigned(t_.i32, value); }
  llvm::Constant* u64(uint64_t value) { return llvm::ConstantInt::get(t_.i64, value); }

  llvm::Module& module_;
  llvm::LLVMContext& context_;
  AbiTypes t_;
  llvm::StringMap<llvm::Constant*> strings_;
};

}  // namespace

llvm::Expected<llvm::Function*> emit_descriptor(llvm::Module& module, const PackDescription& pack,
                                                llvm::Function* eval_rule,
                                                llvm::Function* eval_scorecard,
                                                llvm::Function* eval_group) {
  if (std::string problem = lower::validate(pack); !problem.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), problem);
  AbiTypes t = AbiTypes::get(module.getContext());
  for (llvm::Function* f : {eval_rule, eval_scorecard, eval_group}) {
    if (!f) continue;
    if (f->getParent() != &module)
      return make_error("eval function '" + f->getName() + "' belongs to another module");
    if (f->getFunctionType() != t.eval_fn)
      return make_error("eval function '" + f->getName() +
                        "' does not have the fides_eval_fn type");
  }
  if (module.getNamedValue(kEntrySymbol))
    return make_error(llvm::Twine("the module already defines ") + kEntrySymbol);

  llvm::Constant* descriptor = DescriptorEmitter(module).emit_pack(pack, eval_rule, eval_scorecard, eval_group);

  llvm::Function* entry =
      llvm::Function::Create(t.entry_fn, llvm::GlobalValue::ExternalLinkage, kEntrySymbol, module);
  entry->setVisibility(llvm::GlobalValue::DefaultVisibility);
  entry->setDoesNotThrow();
  entry->setDoesNotAccessMemory();
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(module.getContext(), "entry", entry));
  builder.CreateRet(descriptor);
  return entry;
}

}  // namespace fides::codegen
