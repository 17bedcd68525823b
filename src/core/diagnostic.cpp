// Diagnostic collection and rendering (GCC-style text and JSON).
#include "core/diagnostic.hpp"

#include <algorithm>
#include <ostream>

namespace isc2dnsmasq {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

Diagnostic& DiagnosticSink::add(Severity s, Span span, std::string message, std::string code) {
  if (s == Severity::Error) ++errors_;
  diags_.push_back(Diagnostic{s, span, std::move(message), std::move(code), {}});
  return diags_.back();
}

std::size_t DiagnosticSink::warning_count() const {
  return static_cast<std::size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void DiagnosticSink::sort() {
  std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string empty;
    const std::string& fa = a.span.file ? a.span.file->name() : empty;
    const std::string& fb = b.span.file ? b.span.file->name() : empty;
    if (fa != fb) return fa < fb;
    return a.span.begin < b.span.begin;
  });
}

namespace {

constexpr std::size_t kMaxShownColumns = 120;

const char* color_of(Severity s) {
  switch (s) {
    case Severity::Note: return "\033[1;36m";
    case Severity::Warning: return "\033[1;35m";
    case Severity::Error: return "\033[1;31m";
  }
  return "";
}

void append_location_line(std::string& out, Severity sev, const Span& span, const std::string& message,
                          const std::string& code, const RenderOptions& opt) {
  if (opt.color) out += "\033[1m";
  if (span.valid()) {
    out += span.where();
    out += ": ";
  } else {
    out += "isc2dnsmasq: ";
  }
  if (opt.color) out += color_of(sev);
  out += severity_name(sev);
  out += ":";
  if (opt.color) out += "\033[0m";
  out += " ";
  out += message;
  if (!code.empty()) {
    out += " [";
    out += code;
    out += "]";
  }
  out += "\n";
}

void append_caret(std::string& out, const Span& span, const RenderOptions& opt) {
  if (!span.valid()) return;
  auto lc = span.file->line_col(span.begin);
  std::string_view line = span.file->line_text(lc.line);
  std::size_t col = lc.column - 1;
  std::size_t len = 1;
  if (span.end > span.begin) {
    std::uint32_t line_end = span.file->line_start(lc.line) + static_cast<std::uint32_t>(line.size());
    std::uint32_t e = std::min(span.end, line_end);
    if (e > span.begin) len = e - span.begin;
  }
  std::size_t shift = 0;
  std::string_view shown = line;
  bool cut_front = false, cut_back = false;
  if (line.size() > kMaxShownColumns) {
    if (col > kMaxShownColumns / 2) {
      shift = col - kMaxShownColumns / 2;
      cut_front = true;
    }
    shown = line.substr(shift, kMaxShownColumns);
    cut_back = shift + shown.size() < line.size();
  }
  std::string prefix = cut_front ? "..." : "";
  out += prefix;
  out += shown;
  if (cut_back) out += "...";
  out += "\n";
  std::string caret(prefix.size(), ' ');
  for (std::size_t i = shift; i < col && i < line.size(); ++i) caret += line[i] == '\t' ? '\t' : ' ';
  if (col > line.size()) caret.append(col - line.size(), ' ');
  if (opt.color) caret += "\033[1;32m";
  caret.append(std::max<std::size_t>(1, std::min(len, kMaxShownColumns)), '^');
  if (opt.color) caret += "\033[0m";
  out += caret;
  out += "\n";
}

}  // namespace

std::string render_text(const Diagnostic& d, const RenderOptions& opt) {
  std::string out;
  append_location_line(out, d.severity, d.span, d.message, d.code, opt);
  append_caret(out, d.span, opt);
  for (const auto& n : d.notes) {
    append_location_line(out, Severity::Note, n.span, n.message, {}, opt);
    append_caret(out, n.span, opt);
  }
  return out;
}

void render_text(std::ostream& os, const DiagnosticSink& sink, const RenderOptions& opt) {
  for (const auto& d : sink.all()) os << render_text(d, opt);
}

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          // Bytes outside printable ASCII are escaped one by one so the output is always valid JSON.
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += "\"";
  return out;
}

namespace {
void append_json_location(std::string& out, const Span& span) {
  if (!span.valid()) {
    out += "\"file\":null,\"line\":0,\"column\":0,\"end_line\":0,\"end_column\":0";
    return;
  }
  auto b = span.file->line_col(span.begin);
  auto e = span.file->line_col(std::max(span.end, span.begin));
  out += fmt::format("\"file\":{},\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}",
                     json_quote(span.file->name()), b.line, b.column, e.line, e.column);
}
}  // namespace

void render_json(std::ostream& os, const DiagnosticSink& sink) {
  std::string out = "{\"diagnostics\":[";
  bool first = true;
  for (const auto& d : sink.all()) {
    if (!first) out += ",";
    first = false;
    out += fmt::format("{{\"severity\":\"{}\",", severity_name(d.severity));
    append_json_location(out, d.span);
    out += fmt::format(",\"message\":{},\"code\":{},\"notes\":[", json_quote(d.message),
                       d.code.empty() ? std::string("null") : json_quote(d.code));
    bool nfirst = true;
    for (const auto& n : d.notes) {
      if (!nfirst) out += ",";
      nfirst = false;
      out += "{";
      append_json_location(out, n.span);
      out += fmt::format(",\"message\":{}}}", json_quote(n.message));
    }
    out += "]}";
  }
  out += fmt::format("],\"errors\":{},\"warnings\":{}}}\n", sink.error_count(), sink.warning_count());
  os << out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t best = word.size() / 3 + 1;
  std::string found;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      found = c;
    }
  }
  return found;
}

}  // namespace isc2dnsmasq
