// Loading the test schema from CSV text held in memory.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "data/loader.h"
#include "test_schema.h"

namespace fides::test {

inline const std::string kOrgCsv = "机构编码,等级,启用\nO1,1,true\nO2,2,\n";
inline const std::string kPersonCsv =
    "人员编号,机构,分值,出生日期,级别,备注,姓名\nP1,O1,1.5,1980-01-01,high,注,张三\nP2,O2,,1990-02-03,,,李四\n";
inline const std::string kClaimCsv = "单号,人员编号,金额,前单\n1,P1,10.50,\n2,P2,20,1\n";

struct Loaded {
  fides_pack pack;
  std::unique_ptr<data::Dataset> dataset;
  data::LoadFailure failure;
};

// Loads the test schema; records not given in `texts` get the defaults above.
inline std::unique_ptr<Loaded> load(std::map<std::string, std::string> texts, data::LoadOptions options = {}) {
  auto l = std::make_unique<Loaded>();
  l->pack = make_pack();
  texts.emplace("Org", kOrgCsv);
  texts.emplace("Person", kPersonCsv);
  texts.emplace("Claim", kClaimCsv);
  for (auto& [name, text] : texts)
    if (!options.input_files.count(name)) options.input_texts[name] = text;
  l->dataset = data::load_dataset(l->pack, options, l->failure);
  return l;
}

}  // namespace fides::test
