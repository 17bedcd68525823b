// SourceFile line tables and SourceSet file loading.
#include "core/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace isc2dnsmasq {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  // Two memchr passes (count, then record): exact capacity, and fast on 10 MB configs.
  const char* b = text_.data();
  const char* e = b + text_.size();
  std::size_t lines = 1;
  for (const char* p = b; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)))); ++p) ++lines;
  line_starts_.reserve(lines);
  line_starts_.push_back(0);
  for (const char* p = b; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)))); ++p)
    line_starts_.push_back(static_cast<std::uint32_t>(p - b + 1));
}

SourceFile::LineCol SourceFile::line_col(std::uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t b = line_starts_[line - 1];
  std::uint32_t e = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  std::string_view v(text_.data() + b, e - b);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

std::string_view Span::text() const {
  if (!file || begin > end || end > file->text().size()) return {};
  return std::string_view(file->text()).substr(begin, end - begin);
}

std::string Span::where() const {
  if (!file) return "<unknown>";
  auto lc = file->line_col(begin);
  return fmt::format("{}:{}:{}", file->name(), lc.line, lc.column);
}

std::string Span::where_line() const { return file ? file_line(file, line()) : std::string(); }

std::string file_line(const SourceFile* file, std::uint32_t line) {
  if (!file) return {};
  const std::string& name = file->name();
  fmt::format_int digits(line);
  std::string out;
  out.reserve(name.size() + 1 + digits.size());
  out.append(name).append(1, ':').append(digits.data(), digits.size());
  return out;
}

const SourceFile& SourceSet::add(std::string name, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(name), std::move(text)));
  return *files_.back();
}

const SourceFile* SourceSet::load(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return nullptr;
  }
  // Read straight into a string of the file's size (no stream buffer doubling: configs can be large).
  std::string text;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    error = std::strerror(errno);
    return nullptr;
  }
  if (size < 0) {  // not seekable (pipe): fall back to a stream copy
    in.clear();
    std::ostringstream ss;
    ss << in.rdbuf();
    text = std::move(ss).str();
  }
  return &add(path, std::move(text));
}

}  // namespace isc2dnsmasq
