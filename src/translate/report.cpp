// Rendering and totals of the per-statement translation report.
#include "translate/report.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "core/permute.hpp"

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
             std::count_if(entries.begin(), entries.end(), [o](const ReportEntry& e) { return e.outcome == o; })) +
         (o == Outcome::Exact ? exact_omitted : 0);
}

std::map<std::string, std::size_t> Report::by_code() const {
  std::map<std::string, std::size_t> m;
  for (const auto& e : entries) ++m[e.code];
  return m;
}

void Report::sort() {
  // Files ranked by name, then one small key per entry: sorting keys is much
  // cheaper than comparing entries, and (rank, offset, position) makes std::sort stable.
  static const std::string none;
  auto name = [](const SourceFile* f) -> const std::string& { return f ? f->name() : none; };
  struct Key {
    std::uint32_t rank;
    std::uint32_t begin;
    std::uint32_t index;
    bool operator<(const Key& o) const {
      if (rank != o.rank) return rank < o.rank;
      if (begin != o.begin) return begin < o.begin;
      return index < o.index;
    }
  };
  std::unordered_map<const SourceFile*, std::uint32_t> rank;
  {
    // Collect every distinct file, order by name; equal names share a rank (the old comparator
    // compared names only).
    std::vector<const SourceFile*> all;
    for (const auto& e : entries) {
      if (rank.emplace(e.span.file, 0).second) all.push_back(e.span.file);
    }
    std::stable_sort(all.begin(), all.end(), [&](const SourceFile* a, const SourceFile* b) { return name(a) < name(b); });
    std::uint32_t r = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (i > 0 && name(all[i]) != name(all[i - 1])) ++r;
      rank[all[i]] = r;
    }
  }
  std::vector<Key> keys(entries.size());
  bool sorted = true;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    keys[i] = Key{rank[entries[i].span.file], static_cast<std::uint32_t>(entries[i].span.begin),
                  static_cast<std::uint32_t>(i)};
    if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
  }
  if (sorted) return;
  std::sort(keys.begin(), keys.end());
  apply_permutation(entries, [&](std::size_t k) { return keys[k].index; });
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
