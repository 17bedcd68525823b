// Answer: what one client receives (reply kind, address or candidate set, boot fields, options), with its JSON form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/net.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::sim {

/// Reply kind: nothing, DHCPOFFER, DHCPACK, DHCPNAK, or a BOOTREPLY without option 53.
enum class Reply { None, Offer, Ack, Nak, Bootp };

const char* reply_name(Reply r);  // "none", "offer", "ack", "nak", "bootp"

/// An inclusive address range [first, last].
struct AddressRange {
  Ipv4 first;
  Ipv4 last;
  bool contains(Ipv4 a) const { return first <= a && a <= last; }
  bool operator==(const AddressRange&) const = default;
};

/// A set of candidate addresses as sorted, non-overlapping, non-adjacent ranges.
class AddressSet {
public:
  AddressSet() = default;
  void add(Ipv4 first, Ipv4 last);
  void add(Ipv4 a) { add(a, a); }
  bool contains(Ipv4 a) const;
  bool empty() const { return ranges_.empty(); }
  std::uint64_t size() const;
  const std::vector<AddressRange>& ranges() const { return ranges_; }
  /// "192.0.2.10-192.0.2.20,192.0.2.30" (a single address has no dash); "" when empty.
  std::string str() const;
  bool operator==(const AddressSet&) const = default;

private:
  std::vector<AddressRange> ranges_;
};

struct AnswerOption {
  std::uint8_t code = 0;
  Bytes value;
  bool operator==(const AnswerOption&) const = default;
};

/// Why a value is in the answer: `field` names the value ("yiaddr", "file", "option 3", "reply",
/// "guard"), `location` the config line ("dhcpd.conf:12"; empty for a server default), `reason`
/// a short description ("option routers in subnet 192.0.2.0/24").
struct Why {
  std::string field;
  std::string location;
  std::string reason;
  bool operator==(const Why&) const = default;
};

/// Whether a lean answer (SimOptions::full_why / DnsmasqServer::answer's `full_why` false) keeps
/// the `why` entry of `field`: the ones verify reads for every scenario (guards and tags for
/// coverage, "reply" and "yiaddr" for the intrinsic rules). The others (options, lease time, boot
/// fields, ...) are only built in full answers.
inline bool lean_why_keeps(std::string_view field) {
  return field == "guard" || field == "reply" || field == "yiaddr" || field.starts_with("tag ");
}

/// What the client receives. Header strings hold the field bytes up to the first NUL.
struct Answer {
  /// Who answered: "isc", "dnsmasq", or "" (unknown, e.g. `probe`). Used by intrinsic rules.
  std::string server;
  Reply reply = Reply::None;
  /// The exact address (fixed addresses, a real server's reply, or a prediction of the first offer).
  std::optional<Ipv4> yiaddr;
  /// The addresses a dynamic answer may be drawn from; empty when only `yiaddr` is known.
  AddressSet pool;
  Ipv4 siaddr;
  std::string sname;
  std::string file;
  /// Option 51, when present.
  std::optional<std::uint32_t> lease_time;
  /// Options in wire order, one entry per code (RFC 3396 instances already concatenated).
  std::vector<AnswerOption> options;
  std::vector<Why> why;

  const Bytes* option(std::uint8_t code) const;
  /// The boot file as a client reads it: option 67 (without trailing NULs) if present, else `file`.
  std::string boot_file() const;
  /// The server name as a client reads it: option 66 (without trailing NULs) if present, else `sname`.
  std::string boot_server() const;
  bool operator==(const Answer&) const = default;
};

/// JSON form (docs/semantics.md). Indent 0 prints one line; `with_why` false leaves out "why".
std::string answer_to_json(const Answer& a, int indent = 0, bool with_why = true);
/// Reads the JSON form back; errors go to `sink` located in `file`.
std::optional<Answer> parse_answer(const SourceFile& file, DiagnosticSink& sink);
/// Reads one answer object or an array of them.
std::optional<std::vector<Answer>> parse_answers(const SourceFile& file, DiagnosticSink& sink);

}  // namespace isc2dnsmasq::sim
