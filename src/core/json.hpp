// A small strict JSON reader with located errors, and a writer helper (no external dependency).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::json {

struct Member;
/// Object members in document order; parse() rejects duplicate keys.
using Members = std::vector<Member>;

/// One JSON value. `offset` is the byte offset of its first character in the parsed text.
struct Value {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  /// For numbers: the literal text, so integers up to 2^64 stay exact (see as_uint()).
  std::string text;
  /// For strings: the decoded bytes. "\u00XX" escapes up to 0xff give that single byte (the
  /// writer's json_quote emits bytes >= 0x7f that way), larger code points are UTF-8 encoded.
  std::string string;
  std::vector<Value> array;
  Members object;
  std::size_t offset = 0;

  bool is_null() const { return kind == Kind::Null; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Number; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_object() const { return kind == Kind::Object; }
  bool is_bool() const { return kind == Kind::Bool; }
  /// Member `key` of an object, or nullptr.
  const Value* find(std::string_view key) const;
  /// A non-negative integer literal (no fraction or exponent) that fits 64 bits.
  std::optional<std::uint64_t> as_uint() const;
  /// "string", "number", ... for messages.
  const char* kind_name() const;
};

/// One object member (`auto& [key, value] = member` works).
struct Member {
  std::string first;
  Value second;
};

/// Where and why parsing failed; line and column are 1-based (column counts bytes).
struct Error {
  std::size_t offset = 0;
  int line = 1;
  int column = 1;
  std::string message;
};

/// Line and column of a byte offset in `text`.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

/// Parses exactly one JSON document (RFC 8259; nesting limited to 64 levels). On failure returns
/// nullopt and fills `error`. Linear in the input size.
std::optional<Value> parse(std::string_view text, Error& error);
/// parse() of a whole file; a syntax error goes to `sink` located at its byte in `file`.
std::optional<Value> parse_file(const SourceFile& file, DiagnosticSink& sink);

/// Builds compact or indented JSON text; inserts commas itself.
///   Writer w; w.begin_object(); w.key("a"); w.value(1); w.end_object(); w.str() == "{\"a\":1}"
class Writer {
public:
  /// indent 0 = one line; otherwise objects and arrays spread over lines with this many spaces.
  explicit Writer(int indent = 0) : indent_(indent) {}
  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view k);
  Writer& value(std::string_view s);
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  Writer& value(std::int64_t n);
  Writer& value(std::uint64_t n);
  Writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
  Writer& value(unsigned n) { return value(static_cast<std::uint64_t>(n)); }
  Writer& value(bool b);
  Writer& null();
  /// Inserts already-formatted JSON text as one value.
  Writer& raw(std::string_view json);
  const std::string& str() const { return out_; }

private:
  void before_value();
  void newline();
  std::string out_;
  int indent_;
  // One entry per open container: whether it already holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace isc2dnsmasq::json
