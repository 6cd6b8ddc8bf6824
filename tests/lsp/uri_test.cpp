// file: URIs and the paths they name.
#include <doctest/doctest.h>

#include "lsp/uri.h"

using fides::lsp::path_of_uri;
using fides::lsp::uri_of_path;

TEST_CASE("a file URI is percent-decoded") {
  CHECK(path_of_uri("file:///work/a.fides") == "/work/a.fides");
  CHECK(path_of_uri("file:///work/%E5%8C%BB%E4%BF%9D/a%20b.fides") == "/work/医保/a b.fides");
  CHECK(path_of_uri("FILE://localhost/x.fides") == "/x.fides");
  CHECK(path_of_uri("file:///a.fides?query#fragment") == "/a.fides");
}

TEST_CASE("what is no local file's URI") {
  CHECK_FALSE(path_of_uri("untitled:Untitled-1"));
  CHECK_FALSE(path_of_uri("file://server/share/a.fides"));
  CHECK_FALSE(path_of_uri("file:///a%2"));
  CHECK_FALSE(path_of_uri("file:///a%zz"));
  CHECK_FALSE(path_of_uri("file:///a%00b"));
  CHECK_FALSE(path_of_uri("file:"));
}

TEST_CASE("a path's URI decodes back to it") {
  for (const char* path : {"/work/a.fides", "/work/医保/规则 1.fides", "/a/%25/#?.fides"}) {
    std::string uri = uri_of_path(path);
    CHECK(uri.rfind("file:///", 0) == 0);
    CHECK(uri.find(' ') == std::string::npos);
    CHECK(path_of_uri(uri) == path);
  }
  CHECK(uri_of_path("/医") == "file:///%E5%8C%BB");
}
