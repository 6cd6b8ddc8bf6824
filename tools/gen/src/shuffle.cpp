// fides-gen: the deterministic row shuffle behind --shuffle (see shuffle.h).
#include "shuffle.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "util.h"

namespace fides::gen {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_or_throw(const std::string& path, const char* mode) {
  File f(std::fopen(path.c_str(), mode));
  if (!f) throw std::runtime_error("cannot open " + path);
  return f;
}

void write_or_throw(std::FILE* f, std::string_view s, const std::string& path) {
  if (!s.empty() && std::fwrite(s.data(), 1, s.size(), f) != s.size()) throw std::runtime_error("cannot write " + path);
}

// Splits complete rows off the front of `text` (each with its line break),
// calling emit(row); returns how many bytes were consumed. `quoted` carries
// the inside-quotes state of the first unconsumed byte between calls.
template <class Emit>
size_t split_rows(std::string_view text, bool& quoted, Emit&& emit) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') quoted = !quoted;
    else if (c == '\n' && !quoted) {
      emit(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  return start;
}

std::string read_all(const std::string& path) {
  File f = open_or_throw(path, "rb");
  std::string out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
  return out;
}

}  // namespace

void shuffle_csv_rows(const std::string& path, uint64_t seed, uint64_t bucket_bytes) {
  namespace fs = std::filesystem;
  const uint64_t size = fs::file_size(path);
  const uint64_t buckets = std::max<uint64_t>(1, (size + bucket_bytes - 1) / bucket_bytes);
  Rng rng(seed);

  std::vector<std::string> bucket_paths;
  std::vector<File> bucket_files;
  std::vector<std::string> pending(buckets);
  for (uint64_t b = 0; b < buckets; ++b) {
    bucket_paths.push_back(path + ".shuffle" + std::to_string(b));
    bucket_files.push_back(open_or_throw(bucket_paths.back(), "wb"));
  }
  auto flush = [&](uint64_t b) {
    write_or_throw(bucket_files[b].get(), pending[b], bucket_paths[b]);
    pending[b].clear();
  };

  std::string header;
  {
    File in = open_or_throw(path, "rb");
    std::string carry;
    bool quoted = false, have_header = false;
    char buf[1 << 16];
    size_t n;
    auto emit = [&](std::string_view row) {
      if (!have_header) {
        header = row;
        have_header = true;
        return;
      }
      uint64_t b = rng.below(buckets);
      pending[b] += row;
      if (pending[b].size() >= (1u << 20)) flush(b);
    };
    while ((n = std::fread(buf, 1, sizeof buf, in.get())) > 0) {
      carry.append(buf, n);
      size_t used = split_rows(carry, quoted, emit);
      carry.erase(0, used);
    }
    if (!carry.empty()) emit(carry + "\n");  // a last row without its line break
  }
  for (uint64_t b = 0; b < buckets; ++b) {
    flush(b);
    bucket_files[b].reset();
  }

  File out = open_or_throw(path, "wb");
  write_or_throw(out.get(), header, path);
  for (uint64_t b = 0; b < buckets; ++b) {
    std::string text = read_all(bucket_paths[b]);
    std::vector<std::string_view> rows;
    bool quoted = false;
    split_rows(text, quoted, [&](std::string_view row) { rows.push_back(row); });
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.below(i)]);
    for (std::string_view row : rows) write_or_throw(out.get(), row, path);
    fs::remove(bucket_paths[b]);
  }
  if (std::fflush(out.get()) != 0) throw std::runtime_error("cannot write " + path);
}

}  // namespace fides::gen
