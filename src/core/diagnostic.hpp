// Diagnostics: one Diagnostic type, a sink that stages append to, and renderers (text, JSON).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/source.hpp"

namespace isc2dnsmasq {

enum class Severity { Note, Warning, Error };

const char* severity_name(Severity s);

struct DiagnosticNote {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Span span;
  std::string message;
  /// Stable code for translation findings (e.g. "untranslatable/failover"); empty for plain errors.
  std::string code;
  std::vector<DiagnosticNote> notes;
};

/// Stages append here; only cli/ renders. Order of insertion is kept as the tie-breaker.
class DiagnosticSink {
public:
  template <typename... Args>
  Diagnostic& error(Span span, fmt::format_string<Args...> f, Args&&... args) {
    return add(Severity::Error, span, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Diagnostic& warning(Span span, fmt::format_string<Args...> f, Args&&... args) {
    return add(Severity::Warning, span, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Diagnostic& note(Span span, fmt::format_string<Args...> f, Args&&... args) {
    return add(Severity::Note, span, fmt::format(f, std::forward<Args>(args)...));
  }
  Diagnostic& add(Severity s, Span span, std::string message, std::string code = {});

  const std::vector<Diagnostic>& all() const { return diags_; }
  std::vector<Diagnostic>& all() { return diags_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const;
  bool has_errors() const { return errors_ > 0; }
  void clear() { diags_.clear(); errors_ = 0; }
  /// Stable sort by (file name, line, column), keeping insertion order for ties.
  void sort();

private:
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
};

struct RenderOptions {
  bool color = false;
};

/// GCC style: "file:line:col: error: message [code]", the source line, a caret line; then notes.
std::string render_text(const Diagnostic& d, const RenderOptions& opt = {});
void render_text(std::ostream& os, const DiagnosticSink& sink, const RenderOptions& opt = {});
/// One JSON document: {"diagnostics":[{severity,file,line,column,end_line,end_column,message,code,notes}]}.
void render_json(std::ostream& os, const DiagnosticSink& sink);

/// JSON string literal with escapes (used by every JSON writer in the project).
std::string json_quote(std::string_view s);

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The closest candidate within a small distance, or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace isc2dnsmasq
