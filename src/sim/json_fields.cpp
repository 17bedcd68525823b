// Typed reads of JSON fields with located errors (sim/json_fields.hpp).
#include "sim/json_fields.hpp"

#include <fmt/format.h>

namespace isc2dnsmasq::sim {

Span JsonFields::at(const json::Value& v) const {
  auto b = static_cast<std::uint32_t>(v.offset);
  return Span{&file_, b, b + 1};
}

bool JsonFields::error_at(const json::Value& v, std::string msg) {
  sink_.error(at(v), "{}", msg);
  return false;
}

std::optional<std::string> JsonFields::string(const json::Value& v, std::string_view key) {
  if (!v.is_string()) {
    error_at(v, fmt::format("'{}' must be a string, not {}", key, v.kind_name()));
    return std::nullopt;
  }
  return v.string;
}

std::optional<Ipv4> JsonFields::address(const json::Value& v, std::string_view key) {
  auto s = string(v, key);
  if (!s) return std::nullopt;
  auto a = Ipv4::parse(*s);
  if (!a) error_at(v, fmt::format("'{}' must be an IPv4 address, not '{}'", key, *s));
  return a;
}

std::optional<std::uint64_t> JsonFields::integer(const json::Value& v, std::string_view key, std::uint64_t max) {
  auto n = v.as_uint();
  if (!n || *n > max) {
    error_at(v, fmt::format("'{}' must be an integer from 0 to {}", key, max));
    return std::nullopt;
  }
  return n;
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string c = did_you_mean(word, candidates);
  return c.empty() ? std::string() : fmt::format("; did you mean '{}'?", c);
}

}  // namespace isc2dnsmasq::sim
