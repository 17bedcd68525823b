// Answer x Answer -> field differences under the project's equivalence, with intrinsic ones set apart.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/answer.hpp"

namespace isc2dnsmasq::sim {

/// One field on which two answers differ. `field` is "reply", "address", "siaddr", "sname",
/// "file", "lease_time" or "option N"; `left`/`right` show each side's value ("-" = absent).
struct Difference {
  std::string field;
  std::string left;
  std::string right;
  /// Name of the intrinsic rule that explains it (docs/semantics.md), empty for a real difference.
  std::string intrinsic;
  /// For a real difference between dhcpd.conf and its translation: the translation report's code
  /// (approx/... or untranslatable/...) of the statement that explains it, and that statement's
  /// "file:line" (sim::verify_configs fills these; empty when no reported statement explains it).
  std::string approximation;
  std::string approximation_at;
  bool operator==(const Difference&) const = default;
};

/// A server's fixed behaviour that no config line can change. `matches` sees the difference and
/// both answers (their `server` names which server produced each).
struct IntrinsicRule {
  std::string_view name;
  std::string_view description;
  bool (*matches)(const Difference& d, const Answer& left, const Answer& right);
};

/// The intrinsic rules listed in docs/semantics.md.
std::span<const IntrinsicRule> intrinsic_rules();

struct CompareOptions {
  /// Also require equal `yiaddr` when both answers have one (lab: first-offer prediction).
  bool exact_address = false;
  std::span<const IntrinsicRule> intrinsic = intrinsic_rules();
};

struct Comparison {
  std::vector<Difference> differences;  // real differences
  std::vector<Difference> intrinsic;    // explained by an intrinsic rule
  /// Equivalent when there is no real difference (`strict`: and no intrinsic one either).
  bool equivalent(bool strict = false) const { return differences.empty() && (!strict || intrinsic.empty()); }
};

/// Compares what a client sees: reply kind; address (equal, or the exact one inside the other's
/// candidate set, or equal sets); siaddr; sname and boot file as the client reads them (66/67 or the
/// header fields); lease time; every option either answer carries, as bytes. Options 51, 52, 53, 66
/// and 67 are compared through the fields above. Option order is not compared. When only one side
/// replied, the single difference is "reply".
Comparison compare(const Answer& left, const Answer& right, const CompareOptions& opt = {});

/// One line per difference: "option 3: 192.0.2.1 | -" style, intrinsic ones marked.
std::string format_differences(const Comparison& c);

}  // namespace isc2dnsmasq::sim
