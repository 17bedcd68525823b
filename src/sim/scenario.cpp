// Scenario JSON reader/writer: conveniences (prl, user_class, arch, ipxe_175, ...) expand into option bytes.
#include "sim/scenario.hpp"

#include <algorithm>
#include <array>

#include "core/json.hpp"
#include "sim/json_fields.hpp"

namespace isc2dnsmasq::sim {

const char* message_name(MessageType m) {
  switch (m) {
    case MessageType::Discover: return "discover";
    case MessageType::Request: return "request";
    case MessageType::Inform: return "inform";
    case MessageType::Bootp: return "bootp";
  }
  return "discover";
}

const Bytes* Scenario::option(std::uint8_t code) const {
  for (const auto& o : options) {
    if (o.code == code) return &o.value;
  }
  return nullptr;
}

std::optional<std::vector<std::uint8_t>> Scenario::prl() const {
  const Bytes* b = option(55);
  if (!b) return std::nullopt;
  return std::vector<std::uint8_t>(b->begin(), b->end());
}

std::optional<Bytes> Scenario::agent_suboption(std::uint8_t sub) const {
  const Bytes* b = option(82);
  if (!b) return std::nullopt;
  std::size_t i = 0;
  while (i + 2 <= b->size()) {
    std::uint8_t code = (*b)[i], len = (*b)[i + 1];
    if (i + 2 + len > b->size()) break;
    if (code == sub) return Bytes(b->begin() + static_cast<long>(i) + 2, b->begin() + static_cast<long>(i) + 2 + len);
    i += 2 + len;
  }
  return std::nullopt;
}

namespace {

// iPXE's DHCP_EB_* feature indicators (include/ipxe/dhcp.h): each is sent as sub-option code, length 1, value 1.
struct Feature {
  const char* name;
  std::uint8_t code;
};
constexpr std::array<Feature, 22> kIpxeFeatures{{
    {"pxeext", 16}, {"iscsi", 17}, {"aoe", 18},     {"http", 19},   {"https", 20}, {"tftp", 21},
    {"ftp", 22},    {"dns", 23},   {"bzimage", 24}, {"multiboot", 25}, {"slam", 26}, {"srp", 27},
    {"nbi", 32},    {"pxe", 33},   {"elf", 34},     {"comboot", 35}, {"efi", 36},   {"fcoe", 37},
    {"vlan", 38},   {"menu", 39},  {"sdi", 40},     {"nfs", 41},
}};

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = {
      "name",    "message",    "mac",      "htype",          "relay",         "interface",
      "ciaddr",  "broadcast",  "secs",     "options",        "prl",           "user_class",
      "vendor_class", "client_id", "arch", "ipxe_175",       "hostname",      "agent_circuit_id",
      "agent_remote_id", "requested_address", "server_id"};
  return keys;
}

class Reader : JsonFields {
public:
  using JsonFields::JsonFields;

  // Text conveniences: the string's bytes, or hex bytes when it starts with "0x".
  std::optional<Bytes> text_or_hex(const json::Value& v, std::string_view key) {
    auto s = string(v, key);
    if (!s) return std::nullopt;
    if (s->rfind("0x", 0) == 0) {
      auto b = parse_hex(std::string_view(*s).substr(2));
      if (!b) error_at(v, fmt::format("'{}': invalid hex bytes after '0x'", key));
      return b;
    }
    return Bytes(s->begin(), s->end());
  }

  std::optional<Bytes> hex(const json::Value& v, std::string_view key) {
    auto s = string(v, key);
    if (!s) return std::nullopt;
    auto b = parse_hex(*s);
    if (!b) error_at(v, fmt::format("'{}' must be hex bytes (\"0a0b\" or \"0a:0b\"), not '{}'", key, *s));
    return b;
  }

  std::optional<Scenario> read(const json::Value& root) {
    if (!root.is_object()) {
      error_at(root, "a scenario must be a JSON object");
      return std::nullopt;
    }
    Scenario s;
    bool ok = true;
    bool have_mac = false;
    std::uint8_t htype = 1;
    std::string mac_text;
    const json::Value* mac_value = nullptr;
    // Convenience options in the order a typical client sends them (see docs/semantics.md).
    std::optional<Bytes> client_id, requested, server_id, hostname, vendor, user, arch, ipxe, prl, circuit, remote;
    std::vector<std::pair<const json::Value*, ClientOption>> raw;
    for (const auto& [key, v] : root.object) {
      if (key == "name") {
        if (auto t = string(v, key)) s.name = *t; else ok = false;
      } else if (key == "message") {
        auto t = string(v, key);
        if (!t) { ok = false; continue; }
        if (*t == "discover") s.message = MessageType::Discover;
        else if (*t == "request") s.message = MessageType::Request;
        else if (*t == "inform") s.message = MessageType::Inform;
        else if (*t == "bootp") s.message = MessageType::Bootp;
        else ok = error_at(v, fmt::format("unknown message '{}'; expected discover, request, inform or bootp", *t));
      } else if (key == "mac") {
        auto t = string(v, key);
        if (!t) { ok = false; continue; }
        mac_text = *t;
        mac_value = &v;
        have_mac = true;
      } else if (key == "htype") {
        if (auto n = integer(v, key, 255)) htype = static_cast<std::uint8_t>(*n); else ok = false;
      } else if (key == "relay") {
        if (auto a = address(v, key)) s.relay = a; else ok = false;
      } else if (key == "interface") {
        if (auto a = address(v, key)) s.interface = a; else ok = false;
      } else if (key == "ciaddr") {
        if (auto a = address(v, key)) s.ciaddr = a; else ok = false;
      } else if (key == "broadcast") {
        if (v.is_bool()) s.broadcast = v.boolean; else ok = error_at(v, "'broadcast' must be true or false");
      } else if (key == "secs") {
        if (auto n = integer(v, key, 65535)) s.secs = static_cast<std::uint16_t>(*n); else ok = false;
      } else if (key == "options") {
        if (!v.is_object()) { ok = error_at(v, "'options' must be an object {\"code\": \"hex\"}"); continue; }
        for (const auto& [code_text, ov] : v.object) {
          json::Value code_num;
          code_num.kind = json::Value::Kind::Number;
          code_num.text = code_text;
          auto code = code_num.as_uint();
          if (!code || *code < 1 || *code > 254 || code_text.size() > 3) {
            ok = error_at(ov, fmt::format("option code '{}' must be a decimal number from 1 to 254", code_text));
            continue;
          }
          if (*code == 53) { ok = error_at(ov, "option 53 comes from 'message'; do not give it in 'options'"); continue; }
          auto b = hex(ov, "options." + code_text);
          if (!b) { ok = false; continue; }
          raw.push_back({&ov, ClientOption{static_cast<std::uint8_t>(*code), std::move(*b)}});
        }
      } else if (key == "prl") {
        if (!v.is_array()) { ok = error_at(v, "'prl' must be an array of option codes"); continue; }
        Bytes b;
        for (const auto& e : v.array) {
          auto n = integer(e, "prl", 255);
          if (!n) { ok = false; break; }
          b.push_back(static_cast<std::uint8_t>(*n));
        }
        prl = std::move(b);
      } else if (key == "user_class") {
        if (!(user = text_or_hex(v, key))) ok = false;
      } else if (key == "vendor_class") {
        if (!(vendor = text_or_hex(v, key))) ok = false;
      } else if (key == "hostname") {
        if (!(hostname = text_or_hex(v, key))) ok = false;
      } else if (key == "agent_circuit_id") {
        if (!(circuit = text_or_hex(v, key))) ok = false;
      } else if (key == "agent_remote_id") {
        if (!(remote = text_or_hex(v, key))) ok = false;
      } else if (key == "client_id") {
        if (!(client_id = hex(v, key))) ok = false;
      } else if (key == "requested_address") {
        if (auto a = address(v, key)) requested = a->bytes(); else ok = false;
      } else if (key == "server_id") {
        if (auto a = address(v, key)) server_id = a->bytes(); else ok = false;
      } else if (key == "arch") {
        auto n = integer(v, key, 65535);
        if (!n) { ok = false; continue; }
        arch = Bytes{static_cast<std::uint8_t>(*n >> 8), static_cast<std::uint8_t>(*n & 0xff)};
      } else if (key == "ipxe_175") {
        if (v.is_string()) {
          if (!(ipxe = hex(v, key))) ok = false;
          continue;
        }
        if (!v.is_array()) { ok = error_at(v, "'ipxe_175' must be an array of feature names or codes, or a hex string"); continue; }
        Bytes b;
        for (const auto& e : v.array) {
          std::uint8_t code = 0;
          if (e.is_string()) {
            code = ipxe_feature_code(e.string);
            if (!code) {
              std::vector<std::string> names;
              for (const auto& f : kIpxeFeatures) names.emplace_back(f.name);
              ok = error_at(e, fmt::format("unknown iPXE feature '{}'{}", e.string, suggest(e.string, names)));
              break;
            }
          } else if (auto n = e.as_uint(); n && *n >= 1 && *n <= 254) {
            code = static_cast<std::uint8_t>(*n);
          } else {
            ok = error_at(e, "an iPXE feature must be a name or a code from 1 to 254");
            break;
          }
          b.insert(b.end(), {code, 1, 1});
        }
        ipxe = std::move(b);
      } else {
        ok = error_at(v, fmt::format("unknown scenario key '{}'{}", key, suggest(key, scenario_keys())));
      }
    }
    if (!ok) return std::nullopt;
    if (!have_mac) {
      error_at(root, "a scenario needs 'mac'");
      return std::nullopt;
    }
    auto hw = HwAddr::parse(mac_text, htype);
    if (!hw || hw->addr.empty() || hw->addr.size() > 16) {
      error_at(*mac_value, fmt::format("'mac' must be 1 to 16 hex bytes like \"02:00:00:00:00:01\", not '{}'", mac_text));
      return std::nullopt;
    }
    s.chaddr = *hw;
    if (s.relay && s.interface) {
      error_at(root, "give either 'relay' or 'interface', not both");
      return std::nullopt;
    }
    auto push = [&](std::uint8_t code, std::optional<Bytes>& b) {
      if (b) s.options.push_back({code, std::move(*b)});
    };
    push(61, client_id);
    push(50, requested);
    push(54, server_id);
    push(12, hostname);
    push(60, vendor);
    push(77, user);
    push(93, arch);
    push(175, ipxe);
    push(55, prl);
    if (circuit || remote) {
      Bytes agent;
      auto sub = [&](std::uint8_t code, const std::optional<Bytes>& b) -> bool {
        if (!b) return true;
        if (b->size() > 255) return false;
        agent.push_back(code);
        agent.push_back(static_cast<std::uint8_t>(b->size()));
        agent.insert(agent.end(), b->begin(), b->end());
        return true;
      };
      if (!sub(1, circuit) || !sub(2, remote)) {
        error_at(root, "relay agent sub-options are limited to 255 bytes");
        return std::nullopt;
      }
      raw.push_back({&root, ClientOption{82, std::move(agent)}});
    }
    for (auto& [where, o] : raw) {
      if (s.option(o.code)) {
        error_at(*where, fmt::format("option {} is given twice (by a convenience key and in 'options')", o.code));
        return std::nullopt;
      }
      s.options.push_back(std::move(o));
    }
    return s;
  }
};

}  // namespace

std::uint8_t ipxe_feature_code(std::string_view name) {
  for (const auto& f : kIpxeFeatures) {
    if (name == f.name) return f.code;
  }
  return 0;
}

std::optional<Scenario> parse_scenario(const SourceFile& file, DiagnosticSink& sink) {
  auto root = json::parse_file(file, sink);
  if (!root) return std::nullopt;
  return Reader(file, sink).read(*root);
}

std::optional<std::vector<Scenario>> parse_scenarios(const SourceFile& file, DiagnosticSink& sink) {
  auto root = json::parse_file(file, sink);
  if (!root) return std::nullopt;
  std::vector<Scenario> out;
  Reader reader(file, sink);
  if (!root->is_array()) {
    auto s = reader.read(*root);
    if (!s) return std::nullopt;
    out.push_back(std::move(*s));
    return out;
  }
  bool ok = true;
  for (const auto& v : root->array) {
    auto s = reader.read(v);
    if (s) out.push_back(std::move(*s)); else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string scenario_to_json(const Scenario& s, int indent) {
  json::Writer w(indent);
  w.begin_object();
  if (!s.name.empty()) w.key("name").value(s.name);
  w.key("message").value(message_name(s.message));
  w.key("mac").value(s.chaddr.str());
  if (s.chaddr.htype != 1) w.key("htype").value(static_cast<unsigned>(s.chaddr.htype));
  if (s.relay) w.key("relay").value(s.relay->str());
  if (s.interface) w.key("interface").value(s.interface->str());
  if (s.ciaddr) w.key("ciaddr").value(s.ciaddr->str());
  if (s.broadcast) w.key("broadcast").value(true);
  if (s.secs) w.key("secs").value(static_cast<unsigned>(s.secs));
  w.key("options").begin_object();
  for (const auto& o : s.options) w.key(std::to_string(o.code)).value(to_hex(o.value));
  w.end_object();
  w.end_object();
  return w.str();
}

}  // namespace isc2dnsmasq::sim
