// Typed reads of JSON fields with errors located in the file: shared by the scenario and answer readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/json.hpp"
#include "core/net.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::sim {

/// Reads fields of one JSON document of `file`; every failure adds an error at the value and
/// returns nullopt (or false), so that a reader reports every bad field of an object in one pass.
class JsonFields {
public:
  JsonFields(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  /// The one-byte span of `v` in the file.
  Span at(const json::Value& v) const;
  /// Adds `msg` as an error at `v`; returns false.
  bool error_at(const json::Value& v, std::string msg);
  /// `v` as a string ("'KEY' must be a string, not ..." otherwise).
  std::optional<std::string> string(const json::Value& v, std::string_view key);
  /// `v` as a dotted-quad IPv4 address.
  std::optional<Ipv4> address(const json::Value& v, std::string_view key);
  /// `v` as an integer from 0 to `max`.
  std::optional<std::uint64_t> integer(const json::Value& v, std::string_view key, std::uint64_t max);

private:
  const SourceFile& file_;
  DiagnosticSink& sink_;
};

/// "; did you mean 'X'?" for the candidate closest to `word`, or "".
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace isc2dnsmasq::sim
