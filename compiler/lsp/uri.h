// `file:` URIs (RFC 8089, as editors write them) and the paths they name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fides::lsp {

// The absolute path a `file:` URI names, percent-decoded (`file:///a/%E5%8C%BB.fides`
// → `/a/医.fides`); nullopt for another scheme, a remote host, a relative or
// malformed path, or a decoded NUL byte.
std::optional<std::string> path_of_uri(std::string_view uri);

// The `file:` URI of an absolute path: every byte but unreserved characters
// and `/` percent-encoded, as editors write them.
std::string uri_of_path(std::string_view path);

}  // namespace fides::lsp
