// Strict recursive-descent JSON reader (depth-limited, located errors) and the JSON writer helper.
#include "core/json.hpp"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace isc2dnsmasq::json {

const Value* Value::find(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (const auto& [k, v] : object) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<std::uint64_t> Value::as_uint() const {
  if (kind != Kind::Number || text.empty() || text[0] == '-') return std::nullopt;
  if (text.find_first_of(".eE") != std::string::npos) return std::nullopt;
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

const char* Value::kind_name() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "boolean";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "value";
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

namespace {

constexpr int kMaxDepth = 64;

class Parser {
public:
  Parser(std::string_view t, Error& e) : t_(t), err_(e) {}

  std::optional<Value> document() {
    skip_ws();
    Value v;
    if (!value(v, 0)) return std::nullopt;
    skip_ws();
    if (pos_ != t_.size()) return fail("unexpected text after the JSON value");
    return v;
  }

private:
  std::nullopt_t fail(std::string msg) {
    if (!failed_) {
      failed_ = true;
      err_.offset = pos_;
      auto [l, c] = line_column(t_, pos_);
      err_.line = l;
      err_.column = c;
      err_.message = std::move(msg);
    }
    return std::nullopt;
  }
  bool failb(std::string msg) {
    fail(std::move(msg));
    return false;
  }
  void skip_ws() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool literal(std::string_view word) {
    if (t_.substr(pos_, word.size()) != word) return failb(fmt::format("invalid literal, expected '{}'", word));
    pos_ += word.size();
    return true;
  }

  bool value(Value& v, int depth) {
    if (depth > kMaxDepth) return failb("nesting deeper than 64 levels");
    if (pos_ >= t_.size()) return failb("unexpected end of input, expected a value");
    v.offset = pos_;
    char c = t_[pos_];
    switch (c) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"': v.kind = Value::Kind::String; return string(v.string);
      case 't': v.kind = Value::Kind::Bool; v.boolean = true; return literal("true");
      case 'f': v.kind = Value::Kind::Bool; v.boolean = false; return literal("false");
      case 'n': v.kind = Value::Kind::Null; return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        return failb(fmt::format("unexpected character '{}', expected a value", printable(c)));
    }
  }

  static std::string printable(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) return fmt::format("\\x{:02x}", u);
    return std::string(1, c);
  }

  bool object(Value& v, int depth) {
    v.kind = Value::Kind::Object;
    ++pos_;
    skip_ws();
    if (pos_ < t_.size() && t_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      if (pos_ >= t_.size() || t_[pos_] != '"') return failb("expected a string key in object");
      std::size_t key_at = pos_;
      std::string key;
      if (!string(key)) return false;
      for (const auto& m : v.object) {
        if (m.first == key) {
          pos_ = key_at;
          return failb(fmt::format("duplicate key {}", json_quote(key)));
        }
      }
      skip_ws();
      if (pos_ >= t_.size() || t_[pos_] != ':') return failb("expected ':' after object key");
      ++pos_;
      skip_ws();
      Value member;
      if (!value(member, depth + 1)) return false;
      v.object.push_back(Member{std::move(key), std::move(member)});
      skip_ws();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return failb("expected ',' or '}' in object");
    }
  }

  bool array(Value& v, int depth) {
    v.kind = Value::Kind::Array;
    ++pos_;
    skip_ws();
    if (pos_ < t_.size() && t_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      Value element;
      if (!value(element, depth + 1)) return false;
      v.array.push_back(std::move(element));
      skip_ws();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return failb("expected ',' or ']' in array");
    }
  }

  bool hex4(unsigned& out) {
    if (pos_ + 4 > t_.size()) return failb("incomplete \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = t_[pos_ + i];
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) return failb("invalid hex digit in \\u escape");
      out = out * 16 + static_cast<unsigned>(d);
    }
    pos_ += 4;
    return true;
  }

  static void utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xc0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xe0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      s += static_cast<char>(0xf0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= t_.size()) return failb("unterminated string");
      unsigned char c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return failb("control character in string; escape it");
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= t_.size()) return failb("unterminated string");
      char e = t_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xd800 && cp < 0xdc00) {
            unsigned lo = 0;
            if (t_.substr(pos_, 2) != "\\u") return failb("unpaired surrogate in \\u escape");
            pos_ += 2;
            if (!hex4(lo)) return false;
            if (lo < 0xdc00 || lo >= 0xe000) return failb("unpaired surrogate in \\u escape");
            utf8(out, 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00));
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            return failb("unpaired surrogate in \\u escape");
          } else if (cp <= 0xff) {
            out += static_cast<char>(cp);  // byte value, the inverse of json_quote
          } else {
            utf8(out, cp);
          }
          break;
        }
        default:
          pos_ -= 2;
          return failb(fmt::format("invalid escape '\\{}' in string", printable(e)));
      }
    }
  }

  bool number(Value& v) {
    std::size_t start = pos_;
    auto digit = [&] { return pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9'; };
    if (t_[pos_] == '-') ++pos_;
    if (!digit()) return failb("expected a digit in number");
    if (t_[pos_] == '0') {
      ++pos_;
      if (digit()) return failb("leading zeros are not allowed in numbers");
    } else {
      while (digit()) ++pos_;
    }
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      if (!digit()) return failb("expected a digit after '.' in number");
      while (digit()) ++pos_;
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (!digit()) return failb("expected a digit in number exponent");
      while (digit()) ++pos_;
    }
    v.kind = Value::Kind::Number;
    v.text = std::string(t_.substr(start, pos_ - start));
    v.number = std::strtod(v.text.c_str(), nullptr);
    return true;
  }

  std::string_view t_;
  Error& err_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace

std::optional<Value> parse(std::string_view text, Error& error) {
  Parser p(text, error);
  return p.document();
}

void Writer::newline() {
  if (indent_ == 0) return;
  out_ += '\n';
  out_.append(has_element_.size() * static_cast<std::size_t>(indent_), ' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_element_.empty()) {
    if (has_element_.back()) out_ += ',';
    has_element_.back() = true;
    newline();
  }
}

Writer& Writer::begin_object() {
  before_value();
  out_ += '{';
  has_element_.push_back(false);
  return *this;
}

Writer& Writer::end_object() {
  bool had = has_element_.back();
  has_element_.pop_back();
  if (had) newline();
  out_ += '}';
  return *this;
}

Writer& Writer::begin_array() {
  before_value();
  out_ += '[';
  has_element_.push_back(false);
  return *this;
}

Writer& Writer::end_array() {
  bool had = has_element_.back();
  has_element_.pop_back();
  if (had) newline();
  out_ += ']';
  return *this;
}

Writer& Writer::key(std::string_view k) {
  before_value();
  out_ += json_quote(k);
  out_ += indent_ ? ": " : ":";
  after_key_ = true;
  return *this;
}

Writer& Writer::value(std::string_view s) {
  before_value();
  out_ += json_quote(s);
  return *this;
}

Writer& Writer::value(std::int64_t n) {
  before_value();
  out_ += std::to_string(n);
  return *this;
}

Writer& Writer::value(std::uint64_t n) {
  before_value();
  out_ += std::to_string(n);
  return *this;
}

Writer& Writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

Writer& Writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

Writer& Writer::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

std::optional<Value> parse_file(const SourceFile& file, DiagnosticSink& sink) {
  Error err;
  auto root = parse(file.text(), err);
  if (!root) {
    auto b = static_cast<std::uint32_t>(err.offset);
    sink.error(Span{&file, b, b + 1}, "{}", err.message);
  }
  return root;
}

}  // namespace isc2dnsmasq::json
