// Scenario generation from the guards of both configs, client families, pairwise combinations and seeded random clients.
//
// Guards are the conditions a config's answer depends on: ISC subnets (a client arriving there),
// hosts (a client with that identifier), classes (matched or not), `if`/`elsif` branches, pool
// permits; dnsmasq ranges, hosts and every tag source (dhcp-match, dhcp-vendorclass,
// dhcp-userclass, dhcp-mac, dhcp-circuitid/remoteid, tag-if). Each guard has two outcomes
// ("true"/"false"); a scenario exercises an outcome when the evaluator's `why` trace says so.
// Coverage = outcomes exercised / outcomes.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dnsmasq/model.hpp"
#include "isc/ast.hpp"
#include "isc/resolve.hpp"
#include "sim/answer.hpp"
#include "sim/scenario.hpp"

namespace isc2dnsmasq::sim {

/// "#true" / "#false": what follows the location in a guard outcome's id.
std::string_view outcome_suffix(bool value);
/// A guard outcome's id: "LOCATION#true" / "LOCATION#false".
std::string outcome_id(std::string_view location, bool value);

/// One outcome of one guard, named by id() = outcome_id(location, value).
struct GuardOutcome {
  std::string location;  ///< "file:line"
  std::string description;
  bool value = true;     ///< which way the guard goes
  /// dnsmasq tag sources: the "false" outcome is exercised by any answer that lacks the tag.
  bool implicit_false = false;
  std::string id() const;
};

struct GenerateOptions {
  std::uint64_t seed = 1;
  /// Seeded random clients added after the guard-driven ones.
  std::size_t random_clients = 8;
  /// Cap on pairwise class/condition combinations.
  std::size_t max_pairs = 256;
  /// Option 54 of generated REQUESTs (SELECTING state); unset = INIT-REBOOT requests without 54.
  std::optional<Ipv4> server_id;
};

struct Generated {
  std::vector<Scenario> scenarios;    ///< deterministic order; the id of scenario i is i+1
  std::vector<GuardOutcome> outcomes; ///< every guard outcome of both configs, sorted by id
};

/// Builds scenarios from an ISC config (resolved, may be null) and a dnsmasq model (may be null).
/// `resolution` supplies the option spaces (for sub-options such as ipxe.http inside option 175).
Generated generate_scenarios(const isc::Config* isc, const isc::Resolution* resolution,
                             const dnsmasq::Model* dnsmasq, const GenerateOptions& options = {});

/// A compact key that is equal for two scenarios exactly when all their fields are (the name
/// only when `with_name`): what de-duplication compares, without building the JSON form.
std::string scenario_key(const Scenario& s, bool with_name);
/// A hash that is equal for scenarios same_scenario() calls equal: de-duplication without building
/// key strings (generate_scenarios keeps indices in an open-addressing table keyed by it).
std::uint64_t scenario_hash(const Scenario& s, bool with_name);
/// True when all fields are equal (the name only when `with_name`): scenario_key(a) == scenario_key(b).
bool same_scenario(const Scenario& a, const Scenario& b, bool with_name);

/// The guard outcome ids an answer's `why` trace exercises (entries with field "guard").
std::set<std::string> exercised_outcomes(const Answer& answer);

/// One exercised outcome: the guard's location (a view into the answer's `why`) and which way it went.
struct ExercisedOutcome {
  std::string_view location;
  bool value = true;
  /// The GuardOutcome id: "LOCATION#true" / "LOCATION#false".
  std::string id() const;
  bool operator==(const ExercisedOutcome&) const = default;
};

/// The same outcomes as above, appended to `out` in `why` order (repeats kept, nothing sorted,
/// no strings built). The views live as long as `answer`.
void exercised_outcomes(const Answer& answer, std::vector<ExercisedOutcome>& out);

/// The interfaces a verification gives both servers: the first usable address of every ISC
/// subnet, in declaration order, as (address, prefix length).
std::vector<std::pair<Ipv4, int>> isc_interfaces(const isc::Config& isc);

}  // namespace isc2dnsmasq::sim
