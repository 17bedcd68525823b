// Source text and locations: SourceFile, Position, Span, and the SourceSet that owns loaded files.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace isc2dnsmasq {

/// One loaded file. `name` is the path as the user (or the including file) gave it.
class SourceFile {
public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  /// 1-based line and 1-based byte column of a byte offset (O(log lines)).
  struct LineCol {
    std::uint32_t line;
    std::uint32_t column;
  };
  LineCol line_col(std::uint32_t offset) const;
  /// Byte offset of the first character of a 1-based line.
  std::uint32_t line_start(std::uint32_t line) const;
  /// The text of a 1-based line, without its end-of-line characters.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

/// A byte range [begin, end) in one file. A default Span has no file (e.g. command-line input).
struct Span {
  const SourceFile* file = nullptr;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool valid() const { return file != nullptr; }
  std::uint32_t line() const { return file ? file->line_col(begin).line : 0; }
  std::uint32_t column() const { return file ? file->line_col(begin).column : 0; }
  std::string_view text() const;
  /// "file:line:col", or "<unknown>" for an invalid span.
  std::string where() const;
  /// "file:line" (what `why` traces and provenance comments name), or "" for an invalid span.
  std::string where_line() const;
};

/// "file:line" of a line of `file`, built with one allocation; "" when `file` is null.
std::string file_line(const SourceFile* file, std::uint32_t line);

/// Owns every SourceFile of one run; pointers stay valid for its lifetime.
class SourceSet {
public:
  const SourceFile& add(std::string name, std::string text);
  /// Reads a file from disk; returns nullptr and fills `error` (strerror text) when it cannot.
  const SourceFile* load(const std::string& path, std::string& error);
  const std::deque<std::unique_ptr<SourceFile>>& files() const { return files_; }

private:
  std::deque<std::unique_ptr<SourceFile>> files_;
};

}  // namespace isc2dnsmasq
