// Checks that bytes read from a pack file form a loadable x86-64 shared object
// before any of them reach the dynamic loader: a truncated or corrupted file
// must be an error message, never a SIGBUS or SIGSEGV inside dlopen().
#pragma once

#include <string>
#include <string_view>

namespace fides::trust {

// True when `elf` is a little-endian ELF64 x86-64 ET_DYN object whose program
// headers, segments and section headers all lie inside it, and whose dynamic
// symbol table defines `entry` as a function. Otherwise false, with `error`
// saying what is wrong ("truncated: …", "not an ELF file", …).
bool check_pack_elf(std::string_view elf, std::string_view entry, std::string& error);

}  // namespace fides::trust
