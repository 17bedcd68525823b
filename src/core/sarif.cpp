// SARIF 2.1.0 writer: rules from diagnostic codes, relative artifact URIs, regions, stable fingerprints.
#include "core/sarif.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <system_error>
#include <vector>

namespace isc2dnsmasq {

namespace {

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kFingerprintKey = "isc2dnsmasq/v1";

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

const char* sarif_level(Severity s, bool warnings_as_errors) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return warnings_as_errors ? "error" : "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

/// Short and full description of a rule, from its id alone (so they are the same in every run).
std::pair<std::string, std::string> rule_text(const std::string& id) {
  if (id == "syntax") return {"syntax error", "The input does not follow the grammar of its format; parsing stopped here."};
  if (id == "io") return {"unreadable input", "An input file could not be read."};
  if (id == "error") return {"invalid input", "The input is well-formed but cannot be used as written."};
  if (id == "warning") return {"questionable input", "The input is accepted but probably not what was meant."};
  if (id == "note") return {"information", "Additional information about the input."};
  auto slash = id.find('/');
  std::string kind = slash == std::string::npos ? std::string() : id.substr(0, slash);
  std::string what = slash == std::string::npos ? id : id.substr(slash + 1);
  if (kind == "untranslatable")
    return {"no dnsmasq equivalent: " + what,
            "The ISC dhcpd construct '" + what + "' has no dnsmasq equivalent; the translation drops it."};
  if (kind == "approx" || kind == "approximate")
    return {"translated approximately: " + what,
            "The ISC dhcpd construct '" + what +
                "' is translated approximately; the message states when the two servers answer differently."};
  if (kind == "exact")
    return {"translated exactly: " + what, "The ISC dhcpd construct '" + what + "' has an exact dnsmasq equivalent."};
  return {"finding " + id, "isc2dnsmasq finding '" + id + "' (see docs/diagnostics.md)."};
}

/// SARIF columns: we declare columnKind "unicodeCodePoints", so count UTF-8 lead bytes before `offset`.
std::uint32_t code_point_column(std::string_view line, std::size_t byte_col0) {
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < byte_col0 && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  if (byte_col0 > line.size()) col += static_cast<std::uint32_t>(byte_col0 - line.size());
  return col;
}

struct Region {
  std::uint32_t start_line, start_column, end_line, end_column;
  std::string_view line_text;
};

Region region_of(const Span& span) {
  const SourceFile& f = *span.file;
  auto b = f.line_col(span.begin);
  auto e = f.line_col(std::max(span.end, span.begin));
  Region r{};
  r.line_text = f.line_text(b.line);
  r.start_line = b.line;
  r.start_column = code_point_column(r.line_text, b.column - 1);
  r.end_line = e.line;
  r.end_column = code_point_column(f.line_text(e.line), e.column - 1);
  // A point (empty span) is shown as one character: SARIF's endColumn is exclusive.
  if (r.end_line == r.start_line && r.end_column <= r.start_column) r.end_column = r.start_column + 1;
  return r;
}

void append_physical_location(std::string& out, const Span& span, const std::string& base_dir) {
  Region r = region_of(span);
  out += fmt::format(
      "\"physicalLocation\":{{\"artifactLocation\":{{\"uri\":{}}},\"region\":{{\"startLine\":{},\"startColumn\":{},"
      "\"endLine\":{},\"endColumn\":{},\"snippet\":{{\"text\":{}}}}}}}",
      json_quote(sarif_uri(span.file->name(), base_dir)), r.start_line, r.start_column, r.end_line, r.end_column,
      json_quote(r.line_text));
}

}  // namespace

std::string sarif_rule_id(const Diagnostic& d) {
  if (!d.code.empty()) return d.code;
  std::string_view m = d.message;
  if (starts_with(m, "cannot read") || starts_with(m, "cannot open")) return "io";
  if (d.severity == Severity::Error &&
      (starts_with(m, "expected ") || starts_with(m, "unexpected ") || starts_with(m, "syntax error")))
    return "syntax";
  return severity_name(d.severity);
}

std::string sarif_line_hash(std::string_view rule_id, std::string_view uri, std::string_view line_text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ULL;
  };
  for (unsigned char c : rule_id) mix(c);
  mix(0);
  for (unsigned char c : uri) mix(c);
  mix(0);
  // Normalise whitespace: trim, and collapse runs of blanks, so re-indenting keeps the fingerprint.
  bool pending_space = false, any = false;
  for (unsigned char c : line_text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = any;
      continue;
    }
    if (pending_space) mix(' ');
    pending_space = false;
    any = true;
    mix(c);
  }
  return fmt::format("{:016x}", h);
}

std::string sarif_uri(std::string_view name, const std::string& base_dir) {
  namespace fs = std::filesystem;
  fs::path p{std::string(name)};
  std::string text;
  bool absolute = false;
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path base = base_dir.empty() ? fs::current_path(ec) : fs::path(base_dir);
    fs::path rel = ec ? fs::path() : p.lexically_normal().lexically_relative(base.lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") {
      text = rel.generic_string();
    } else {
      text = p.lexically_normal().generic_string();
      absolute = true;
    }
  } else {
    text = p.lexically_normal().generic_string();
  }
  if (text.empty()) text.push_back('.');
  std::string out = absolute ? "file://" : "";
  for (unsigned char c : text) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned>(c));
    }
  }
  return out;
}

void render_sarif(std::ostream& os, const DiagnosticSink& sink, const SarifOptions& opt) {
  // Rules: one per distinct id, sorted by id so ruleIndex does not depend on the order of findings.
  std::map<std::string, Severity> rules;
  std::vector<std::string> ids;
  ids.reserve(sink.all().size());
  for (const auto& d : sink.all()) {
    ids.push_back(sarif_rule_id(d));
    auto [it, fresh] = rules.emplace(ids.back(), d.severity);
    if (!fresh && d.severity > it->second) it->second = d.severity;
  }
  std::map<std::string, std::size_t> rule_index;

  std::string out;
  out += fmt::format("{{\"$schema\":{},\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{{\"name\":{}",
                     json_quote(kSchemaUri), json_quote(opt.tool_name));
  if (!opt.tool_version.empty())
    out += fmt::format(",\"version\":{},\"semanticVersion\":{}", json_quote(opt.tool_version),
                       json_quote(opt.tool_version));
  if (!opt.information_uri.empty()) out += fmt::format(",\"informationUri\":{}", json_quote(opt.information_uri));
  out += ",\"rules\":[";
  std::size_t index = 0;
  for (const auto& [id, severity] : rules) {
    if (index) out += ",";
    rule_index[id] = index++;
    auto [short_text, full_text] = rule_text(id);
    out += fmt::format(
        "{{\"id\":{},\"shortDescription\":{{\"text\":{}}},\"fullDescription\":{{\"text\":{}}},"
        "\"defaultConfiguration\":{{\"level\":\"{}\"}}}}",
        json_quote(id), json_quote(short_text), json_quote(full_text), sarif_level(severity, opt.warnings_as_errors));
  }
  out += "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[";

  std::map<std::string, std::size_t> occurrences;  // fingerprint -> how many seen, for the ":N" suffix
  for (std::size_t i = 0; i < sink.all().size(); ++i) {
    const Diagnostic& d = sink.all()[i];
    const std::string& id = ids[i];
    if (i) out += ",";
    out += fmt::format("{{\"ruleId\":{},\"ruleIndex\":{},\"level\":\"{}\",\"message\":{{\"text\":{}}}", json_quote(id),
                       rule_index[id], sarif_level(d.severity, opt.warnings_as_errors), json_quote(d.message));
    std::string uri = d.span.valid() ? sarif_uri(d.span.file->name(), opt.base_dir) : std::string();
    if (d.span.valid()) {
      out += ",\"locations\":[{";
      append_physical_location(out, d.span, opt.base_dir);
      out += "}]";
    }
    bool first_related = true;
    std::size_t related_id = 0;
    for (const auto& n : d.notes) {
      out += first_related ? ",\"relatedLocations\":[" : ",";
      first_related = false;
      out += fmt::format("{{\"id\":{},\"message\":{{\"text\":{}}}", related_id++, json_quote(n.message));
      if (n.span.valid()) {
        out += ",";
        append_physical_location(out, n.span, opt.base_dir);
      }
      out += "}";
    }
    if (!first_related) out += "]";
    std::string_view line = d.span.valid() ? d.span.file->line_text(d.span.line()) : std::string_view(d.message);
    std::string hash = sarif_line_hash(id, uri, line);
    std::size_t occurrence = ++occurrences[hash];
    out += fmt::format(",\"partialFingerprints\":{{{}:\"{}:{}\"}}}}", json_quote(kFingerprintKey), hash, occurrence);
  }
  out += "]}]}\n";
  os << out;
}

}  // namespace isc2dnsmasq
