#include "trust/elf_check.h"

#include <elf.h>

#include <cstring>

namespace fides::trust {
namespace {

// [offset, offset + size) lies inside a file of `file_size` bytes (no overflow).
bool inside(uint64_t offset, uint64_t size, uint64_t file_size) {
  return offset <= file_size && size <= file_size - offset;
}

template <typename T>
T at(std::string_view elf, uint64_t offset) {
  T value;
  std::memcpy(&value, elf.data() + offset, sizeof value);
  return value;
}

bool check_header(std::string_view elf, Elf64_Ehdr& h, std::string& error) {
  if (elf.size() < sizeof h) {
    error = elf.size() >= SELFMAG && std::memcmp(elf.data(), ELFMAG, SELFMAG) == 0
                ? "truncated: " + std::to_string(elf.size()) + " bytes, shorter than an ELF header"
                : "not an ELF file";
    return false;
  }
  h = at<Elf64_Ehdr>(elf, 0);
  if (std::memcmp(h.e_ident, ELFMAG, SELFMAG) != 0) error = "not an ELF file";
  else if (h.e_ident[EI_CLASS] != ELFCLASS64 || h.e_ident[EI_DATA] != ELFDATA2LSB)
    error = "not a 64-bit little-endian ELF file";
  else if (h.e_machine != EM_X86_64) error = "not built for x86-64";
  else if (h.e_type != ET_DYN) error = "not a shared library (ELF type " + std::to_string(h.e_type) + ")";
  else if (h.e_phnum == 0 || h.e_phentsize != sizeof(Elf64_Phdr)) error = "malformed ELF program header table";
  else if (h.e_shnum == 0 || h.e_shentsize != sizeof(Elf64_Shdr) || h.e_shstrndx >= h.e_shnum)
    error = "malformed ELF section header table";
  return error.empty();
}

bool check_segments(std::string_view elf, const Elf64_Ehdr& h, std::string& error) {
  uint64_t size = elf.size();
  if (!inside(h.e_phoff, uint64_t(h.e_phnum) * sizeof(Elf64_Phdr), size)) {
    error = "truncated: the program headers lie past the end of the file (" + std::to_string(size) + " bytes)";
    return false;
  }
  for (uint16_t i = 0; i < h.e_phnum; ++i) {
    auto p = at<Elf64_Phdr>(elf, h.e_phoff + uint64_t(i) * sizeof(Elf64_Phdr));
    if (p.p_type != PT_LOAD && p.p_type != PT_DYNAMIC) continue;
    if (!inside(p.p_offset, p.p_filesz, size)) {
      error = "truncated: segment " + std::to_string(i) + " ends at byte " + std::to_string(p.p_offset + p.p_filesz) +
              ", past the end of the file (" + std::to_string(size) + " bytes)";
      return false;
    }
    if (p.p_filesz > p.p_memsz) {
      error = "malformed ELF segment " + std::to_string(i);
      return false;
    }
  }
  return true;
}

bool check_sections(std::string_view elf, const Elf64_Ehdr& h, std::string& error) {
  uint64_t size = elf.size();
  if (!inside(h.e_shoff, uint64_t(h.e_shnum) * sizeof(Elf64_Shdr), size)) {
    error = "truncated: the section headers lie past the end of the file (" + std::to_string(size) + " bytes)";
    return false;
  }
  for (uint16_t i = 0; i < h.e_shnum; ++i) {
    auto s = at<Elf64_Shdr>(elf, h.e_shoff + uint64_t(i) * sizeof(Elf64_Shdr));
    if (s.sh_type != SHT_NOBITS && !inside(s.sh_offset, s.sh_size, size)) {
      error = "truncated: section " + std::to_string(i) + " lies past the end of the file";
      return false;
    }
  }
  return true;
}

Elf64_Shdr section(std::string_view elf, const Elf64_Ehdr& h, uint32_t i) {
  return at<Elf64_Shdr>(elf, h.e_shoff + uint64_t(i) * sizeof(Elf64_Shdr));
}

// The dynamic symbol table defines `entry` as a function.
bool has_entry(std::string_view elf, const Elf64_Ehdr& h, std::string_view entry) {
  for (uint16_t i = 0; i < h.e_shnum; ++i) {
    Elf64_Shdr symtab = section(elf, h, i);
    if (symtab.sh_type != SHT_DYNSYM || symtab.sh_entsize != sizeof(Elf64_Sym) || symtab.sh_link >= h.e_shnum)
      continue;
    Elf64_Shdr strtab = section(elf, h, symtab.sh_link);
    if (strtab.sh_type != SHT_STRTAB) continue;
    std::string_view names = elf.substr(strtab.sh_offset, strtab.sh_size);
    for (uint64_t k = 0; k < symtab.sh_size / sizeof(Elf64_Sym); ++k) {
      auto sym = at<Elf64_Sym>(elf, symtab.sh_offset + k * sizeof(Elf64_Sym));
      if (sym.st_name >= names.size() || sym.st_shndx == SHN_UNDEF || ELF64_ST_TYPE(sym.st_info) != STT_FUNC)
        continue;
      std::string_view name = names.substr(sym.st_name);
      if (name.substr(0, name.find('\0')) == entry) return true;
    }
  }
  return false;
}

}  // namespace

bool check_pack_elf(std::string_view elf, std::string_view entry, std::string& error) {
  Elf64_Ehdr h;
  if (!check_header(elf, h, error) || !check_segments(elf, h, error) || !check_sections(elf, h, error)) return false;
  if (!has_entry(elf, h, entry)) {
    error = "it has no " + std::string(entry) + " entry in its dynamic symbol table; is it a Fides pack?";
    return false;
  }
  return true;
}

}  // namespace fides::trust
