// Verification: two configs (ISC or dnsmasq, any pairing) answer every generated scenario; differences with smallest witnesses.
#pragma once

#include <functional>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "core/timing.hpp"
#include "dnsmasq/model.hpp"
#include "isc/ast.hpp"
#include "isc/resolve.hpp"
#include "sim/compare.hpp"
#include "sim/generate.hpp"
#include "sim/isc_server.hpp"
#include "sim/load_config.hpp"

namespace isc2dnsmasq::sim {

/// Translates a loaded ISC config with translate::lower, writes the dnsmasq text, and reads that
/// text back with the dnsmasq reader (named `<isc name>.dnsmasq`). Translation warnings are
/// counted, not reported; reader errors go to `sink`.
std::optional<LoadedConfig> translate_in_memory(const LoadedConfig& isc, SourceSet& sources, DiagnosticSink& sink,
                                                Timings* timings = nullptr);

struct VerifyOptions {
  GenerateOptions generate;
  bool strict = false;  ///< intrinsic differences count as differences
  /// Extra scenarios to evaluate (e.g. every host of a large config); appended after the generated ones.
  std::vector<Scenario> extra;
  /// Called after each scenario with (done, total); the CLI draws its progress bar from it.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Threads that evaluate scenarios (0: one per core). The result does not depend on it.
  unsigned jobs = 0;
  /// When set, the phases (generate, index, evaluate) are timed into it.
  Timings* timings = nullptr;
};

struct ScenarioOutcome {
  std::size_t id = 0;  ///< 1-based position in the scenario list
  const Scenario* scenario = nullptr;
  Answer left, right;
  Comparison comparison;
};

/// One kind of difference (same fields differing) with its smallest witness.
struct Divergence {
  ScenarioOutcome witness;
  std::size_t count = 0;  ///< scenarios showing this kind of difference
  std::string signature;
};

struct VerifyResult {
  std::string left_label, right_label;
  std::uint64_t seed = 1;
  std::vector<Scenario> scenarios;
  std::size_t equivalent = 0;               ///< scenarios without a real difference
  std::vector<Divergence> divergences;      ///< real differences, grouped, in order of first witness id
  std::vector<Divergence> intrinsic;        ///< intrinsic-only differences, grouped by rule
  std::size_t outcomes_total = 0, outcomes_exercised = 0;
  std::vector<GuardOutcome> unexercised;
  bool strict = false;
  bool is_equivalent() const { return divergences.empty() && (!strict || intrinsic.empty()); }
};

/// Evaluates both configs on the generated scenarios and compares the answers.
VerifyResult verify_configs(const LoadedConfig& left, const LoadedConfig& right, const VerifyOptions& options);

/// STYLE.md §5 text: the verdict line, the coverage line, one witness block per divergence, intrinsic summary.
std::string render_verdict_text(const VerifyResult& r);
/// JSON form of the same.
std::string render_verdict_json(const VerifyResult& r);

/// One line describing a scenario: "DISCOVER mac=02:.. giaddr=10.0.1.1 60=PXEClient...".
std::string describe_scenario(const Scenario& s);

}  // namespace isc2dnsmasq::sim
