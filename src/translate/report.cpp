// Rendering and totals of the per-statement translation report.
#include "translate/report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace isc2dnsmasq::translate {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Exact: return "exact";
    case Outcome::Approximate: return "approximate";
    case Outcome::Untranslatable: return "untranslatable";
  }
  return "?";
}

std::size_t Report::count(Outcome o) const {
  return static_cast<std::size_t>(
      std::count_if(entries.begin(), entries.end(), [o](const ReportEntry& e) { return e.outcome == o; }));
}

std::map<std::string, std::size_t> Report::by_code() const {
  std::map<std::string, std::size_t> m;
  for (const auto& e : entries) ++m[e.code];
  return m;
}

void Report::sort() {
  static const std::string none;
  auto before = [](const ReportEntry& a, const ReportEntry& b) {
    if (a.span.file != b.span.file) {
      const std::string& fa = a.span.file ? a.span.file->name() : none;
      const std::string& fb = b.span.file ? b.span.file->name() : none;
      if (fa != fb) return fa < fb;
    }
    return a.span.begin < b.span.begin;
  };
  if (std::is_sorted(entries.begin(), entries.end(), before)) return;
  // Sort positions, then move each entry once (moving whole entries inside the sort costs more).
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return before(entries[a], entries[b]); });
  std::vector<ReportEntry> sorted;
  sorted.reserve(entries.size());
  for (std::size_t i : order) sorted.push_back(std::move(entries[i]));
  entries = std::move(sorted);
}

std::string render_report_text(const Report& report) {
  std::string out;
  for (const auto& e : report.entries) {
    out += fmt::format("{}: {} [{}]: {}", e.span.where(), outcome_name(e.outcome), e.code, e.statement);
    if (!e.message.empty()) out += " -- " + e.message;
    if (!e.advice.empty()) out += "; advice: " + e.advice;
    out += '\n';
  }
  out += fmt::format("totals: {} statements: {} exact, {} approximate, {} untranslatable\n", report.entries.size(),
                     report.count(Outcome::Exact), report.count(Outcome::Approximate),
                     report.count(Outcome::Untranslatable));
  for (const auto& [code, n] : report.by_code()) out += fmt::format("  {:>6}  {}\n", n, code);
  return out;
}

std::string render_report_json(const Report& report) {
  std::string out = "{\"statements\":[";
  bool first = true;
  for (const auto& e : report.entries) {
    if (!first) out += ',';
    first = false;
    out += fmt::format("{{\"file\":{},\"line\":{},\"column\":{},\"statement\":{},\"outcome\":\"{}\",\"code\":{}",
                       json_quote(e.span.file ? e.span.file->name() : std::string()), e.span.line(), e.span.column(),
                       json_quote(e.statement), outcome_name(e.outcome), json_quote(e.code));
    if (!e.message.empty()) out += ",\"message\":" + json_quote(e.message);
    if (!e.advice.empty()) out += ",\"advice\":" + json_quote(e.advice);
    out += '}';
  }
  out += fmt::format("],\"totals\":{{\"statements\":{},\"exact\":{},\"approximate\":{},\"untranslatable\":{}}},\"by_code\":{{",
                     report.entries.size(), report.count(Outcome::Exact), report.count(Outcome::Approximate),
                     report.count(Outcome::Untranslatable));
  first = true;
  for (const auto& [code, n] : report.by_code()) {
    if (!first) out += ',';
    first = false;
    out += fmt::format("{}:{}", json_quote(code), n);
  }
  out += "}}\n";
  return out;
}

}  // namespace isc2dnsmasq::translate
