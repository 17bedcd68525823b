// The translation report: one outcome (exact / approximate / untranslatable) per ISC statement.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/source.hpp"

namespace isc2dnsmasq::translate {

enum class Outcome { Exact, Approximate, Untranslatable };
const char* outcome_name(Outcome o);

/// The account of one ISC statement. `code` is stable: "exact/<what>", "approx/<what>",
/// "untranslatable/<what>" (docs/translation.md lists them).
struct ReportEntry {
  Span span;             ///< the statement
  std::string statement; ///< short description, e.g. "option routers", "host pxe1", "if"
  Outcome outcome = Outcome::Exact;
  std::string code;
  std::string message;   ///< approximations: the condition under which the servers differ
  std::string advice;    ///< untranslatable: what the user can do instead
};

struct Report {
  std::vector<ReportEntry> entries;  ///< in source order after `sort()`
  /// Exact statements counted but without an entry (LowerOptions::report_exact off).
  std::size_t exact_omitted = 0;

  std::size_t count(Outcome o) const;
  /// code -> number of statements, for the totals table.
  std::map<std::string, std::size_t> by_code() const;
  bool clean() const { return count(Outcome::Approximate) == 0 && count(Outcome::Untranslatable) == 0; }
  /// Stable sort by (file, offset), keeping insertion order for ties.
  void sort();
};

/// Text form: one line per statement "file:line:col: OUTCOME code: statement[: message]", then totals.
std::string render_report_text(const Report& report);
/// JSON form: {"statements":[...],"totals":{"exact":N,"approximate":N,"untranslatable":N},"by_code":{...}}.
std::string render_report_json(const Report& report);

}  // namespace isc2dnsmasq::translate
