// Loading a config of either kind (ISC parsed and resolved, or dnsmasq read from text), told apart by content.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/model.hpp"
#include "isc/ast.hpp"
#include "isc/resolve.hpp"

namespace isc2dnsmasq::sim {

/// One loaded configuration of either kind. dnsmasq configs are always a model read from text.
struct LoadedConfig {
  enum class Kind { Isc, Dnsmasq };
  Kind kind = Kind::Isc;
  std::string name;  ///< the path as given (or the name of an in-memory translation)
  std::optional<isc::Config> isc;
  std::optional<isc::Resolution> resolution;
  std::optional<dnsmasq::Model> dnsmasq;
  /// Translation summary when the dnsmasq side was translated in memory: approximate and
  /// untranslatable statement counts and the written text.
  std::size_t approximate = 0;
  std::size_t untranslatable = 0;
  std::string_view translated_text;  ///< owned by the SourceSet given to translate_in_memory
  /// The translation report's approximate and untranslatable statements: ISC "file:line" -> code.
  std::multimap<std::string, std::string> findings;
  /// Provenance of each line of `translated_text` (index = 1-based line number): the offset in
  /// `translated_text` of the ISC "file:line" of the "# file:line" comment above it, or
  /// kNoProvenance.
  std::vector<std::uint32_t> provenance;
  static constexpr std::uint32_t kNoProvenance = 0xffffffffu;
  /// The ISC "file:line" of line `line` of `translated_text`, or "".
  std::string_view provenance_at(std::size_t line) const {
    if (line >= provenance.size() || provenance[line] == kNoProvenance) return {};
    std::string_view rest = translated_text.substr(provenance[line]);
    return rest.substr(0, rest.find('\n'));
  }
};

/// Loads `path`, telling the kind by content (dnsmasq/detect.hpp) unless `force` is given.
/// ISC configs are parsed and resolved. Errors go to `sink`; nullopt on any error.
std::optional<LoadedConfig> load_config(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                        std::optional<LoadedConfig::Kind> force = std::nullopt);

}  // namespace isc2dnsmasq::sim
