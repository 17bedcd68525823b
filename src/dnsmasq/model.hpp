// The dnsmasq config model: every DHCPv4 directive as typed data, in file order, each with its Span.
//
// List order: every vector below holds its elements in FILE order (first line first). dnsmasq
// itself prepends most of them to its runtime lists, so at runtime they are used NEWEST FIRST:
// dhcp-range (but see the note on Range), dhcp-host, dhcp-option/-force (wire order is reverse
// file order; among equal-tier duplicates the last line wins), dhcp-boot (last matching line wins),
// dhcp-match, dhcp-vendorclass/userclass/circuitid/remoteid/subscrid, dhcp-mac, dhcp-name-match,
// dhcp-ignore and the other tag lists (order irrelevant there: any match counts). Only tag-if and
// pxe-service are used in file order. A consumer that wants dnsmasq's runtime order iterates
// these vectors in reverse (see docs/dnsmasq-model.md and reference/dnsmasq-semantics.md §2).
//
// Equality: `Origin` compares equal to every other Origin, so `==` on any element (and on Model)
// compares meaning only, never spans or provenance; the round-trip test relies on this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/net.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::dnsmasq {

/// Where an element came from. `provenance` is set by the translator: the element stands for the
/// ISC statement at `span`, and write_dnsmasq names that statement ("# dhcpd.conf:12",
/// Span::where_line) in a comment above the element when asked. A flag, not the text: a large
/// translation has hundreds of thousands of elements.
struct Origin {
  Span span;
  bool provenance = false;
  bool operator==(const Origin&) const { return true; }
};

/// A tag condition ("tag:x", "tag:!x"; '#' is accepted for '!'). A trailing '*' in tag-if
/// conditions is a prefix wildcard; it stays part of `name`.
struct TagCond {
  std::string name;
  bool negated = false;
  bool operator==(const TagCond&) const = default;
};

inline constexpr std::uint32_t kInfiniteLease = 0xffffffffu;

/// dhcp-range=[tag:T,...][set:T,]start,{end|static|proxy}[,netmask[,broadcast]][,lease]
/// Note: dnsmasq tries ranges in FILE order for one interface address (the context chain is
/// rebuilt by prepending to a reversed list), unlike most other lists.
struct Range {
  Origin origin;
  std::vector<TagCond> filters;        ///< tag:/net: fields (all must hold)
  std::optional<std::string> set_tag;  ///< the single tag the range sets (set: or bare)
  enum class Mode { Dynamic, Static, Proxy };
  Mode mode = Mode::Dynamic;
  Ipv4 start;                          ///< start <= end (dnsmasq swaps them)
  Ipv4 end;                            ///< equals start for static/proxy
  std::optional<Ipv4> netmask;
  std::optional<Ipv4> broadcast;       ///< only when a netmask is given too
  std::optional<std::uint32_t> lease;  ///< seconds (>= 120) or kInfiniteLease; nullopt = default 3600
  bool deprecated = false;             ///< "deprecated" lease keyword (no effect for DHCPv4)
  bool operator==(const Range&) const = default;
};

/// One hardware address of a dhcp-host or dhcp-mac: bytes with per-byte wildcards and the ARP
/// hardware type (0 = any, written as a "<hex>-" prefix).
struct HwPattern {
  int htype = 0;
  Bytes addr;                   ///< wildcard bytes are 0
  std::vector<bool> wildcard;   ///< same length as addr; true = '*'
  bool has_wildcard() const;
  bool operator==(const HwPattern&) const = default;
};

/// dhcp-host=[hwaddr...][,id:client-id|id:*][,set:tag...][,tag:tag...][,ipaddr][,[ipv6]][,hostname][,lease][,ignore]
/// Several values of one kind on a line: MACs, set: and tag: accumulate; address, name and lease
/// time keep the last one given (as dnsmasq does).
struct Host {
  Origin origin;
  std::vector<HwPattern> macs;           ///< in line order
  std::optional<Bytes> client_id;        ///< id:hex:bytes or id:text
  bool ignore_client_id = false;         ///< id:*
  std::vector<std::string> set_tags;     ///< set:/net:
  std::vector<TagCond> filters;          ///< tag:
  std::optional<Ipv4> address;
  std::vector<std::string> ipv6;         ///< [v6addr] fields, kept as text
  std::optional<std::string> hostname;   ///< first label (canonicalised)
  std::optional<std::string> domain;     ///< the rest after the first dot, if any
  std::optional<std::uint32_t> lease;    ///< seconds (>= 120) or kInfiniteLease
  bool ignore = false;
  bool from_hostsfile = false;           ///< read from a dhcp-hostsfile
  bool operator==(const Host&) const = default;
};

/// How a value was inferred (option.c parse_dhcp_opt), which also decides how dhcp-match compares.
enum class ValueKind {
  None,        ///< no value field at all: zero-length option
  Time,        ///< 4-byte seconds (T1/T2/lease-time)
  Hex,         ///< colon hex (dhcp-match: prefix compare, '*' wildcards)
  Decimal,     ///< integer of 1/2/4 bytes (dhcp-match: aligned element compare)
  Addresses,   ///< IPv4 list, possibly with a/len descriptors; 120 gets a leading 1
  DomainList,  ///< RFC 1035 names with compression (119), or 120 with leading 0
  String,      ///< raw bytes of the text
};

/// One element of an address-list value: an address, or a.b.c.d/len descriptor (RFC 3442).
struct AddrElem {
  Ipv4 addr;
  std::optional<int> prefix;
  bool operator==(const AddrElem&) const = default;
};

/// A value exactly as dnsmasq 2.90 encodes it, plus what it was written as.
struct OptionValue {
  ValueKind kind = ValueKind::None;
  Bytes bytes;                      ///< the exact wire payload (before send-time rewrites)
  std::vector<bool> wildcard;       ///< Hex in dhcp-match only: per byte, true = '*'
  std::vector<AddrElem> addrs;      ///< Addresses
  std::vector<std::string> domains; ///< DomainList (canonical names; "." is the root)
  int width_suffix = 0;             ///< Decimal: 'b','s','i' when given, else 0
  /// Addresses only: dnsmasq may replace 0.0.0.0 by its own address at send time (DHOPT_ADDR;
  /// false once a descriptor appears, for 120, and inside encap/vendor/vi-encap).
  bool rewritable_addr = false;
  std::string text;                 ///< the value text after quote processing (unquoted)
  bool operator==(const OptionValue& o) const {
    return kind == o.kind && bytes == o.bytes && wildcard == o.wildcard && addrs == o.addrs &&
           domains == o.domains && width_suffix == o.width_suffix && rewritable_addr == o.rewritable_addr;
  }
};

/// Which option space a dhcp-option/dhcp-match line addresses.
enum class OptionSpace {
  Plain,    ///< a top-level option
  Encap,    ///< encap:N  sub-option of option N (END byte added on the wire)
  ViEncap,  ///< vi-encap:E  sub-option in option 125 for enterprise E (match: option 124)
  Vendor,   ///< vendor:CLASS  sub-option of option 43 (END byte added)
};

/// The option part shared by dhcp-option, dhcp-option-force and dhcp-match.
struct OptionSpec {
  OptionSpace space = OptionSpace::Plain;
  std::int64_t encap = 0;          ///< encap:N or vi-encap:E (atoi value)
  std::string vendor_class;        ///< vendor:CLASS (may be empty: any client that sent 60)
  std::int64_t code = 0;           ///< option or sub-option number (atoi; dnsmasq does not range-check)
  bool has_code = true;            ///< false only for dhcp-match=set:x,vi-encap:E
  std::string name;                ///< "option:NAME" as written (table spelling), empty for numbers
  OptionValue value;
  bool operator==(const OptionSpec&) const = default;
};

/// dhcp-option / dhcp-option-force (and lines of a dhcp-optsfile).
struct DhcpOption {
  Origin origin;
  bool force = false;
  std::vector<TagCond> tags;       ///< all must hold
  OptionSpec spec;
  bool from_optsfile = false;
  bool operator==(const DhcpOption&) const = default;
};

/// dhcp-match=set:T,<num>|option:<name>|vi-encap:<ent>[,value]
struct Match {
  Origin origin;
  std::string set_tag;
  OptionSpec spec;
  bool operator==(const Match&) const = default;
};

/// dhcp-boot=[tag:T,...]file[,sname[,server-address|tftp-server-name]]
struct Boot {
  Origin origin;
  std::vector<TagCond> tags;
  std::optional<std::string> file;
  std::optional<std::string> sname;
  std::optional<Ipv4> server;
  std::optional<std::string> tftp_name;  ///< third field that is not an address
  bool operator==(const Boot&) const = default;
};

/// dhcp-vendorclass / dhcp-userclass / dhcp-circuitid / dhcp-remoteid / dhcp-subscrid.
struct ClassMatch {
  Origin origin;
  enum class Kind { VendorClass, UserClass, CircuitId, RemoteId, SubscriberId };
  Kind kind = Kind::VendorClass;
  std::string set_tag;
  Bytes data;                           ///< substring (vendor/user) or exact value (relay ids)
  bool hex = false;                     ///< relay ids given as hex with colons
  std::optional<std::int64_t> enterprise;  ///< dhcp-vendorclass enterprise:N (ignored for v4)
  bool operator==(const ClassMatch&) const = default;
};

/// dhcp-mac=set:T,<mac with wildcards and optional type prefix>
struct MacMatch {
  Origin origin;
  std::string set_tag;
  HwPattern mac;
  bool operator==(const MacMatch&) const = default;
};

/// tag-if=set:T[,set:T...][,tag:C...]   (runs in file order)
struct TagIf {
  Origin origin;
  std::vector<std::string> set_tags;
  std::vector<TagCond> conds;
  bool operator==(const TagIf&) const = default;
};

/// dhcp-ignore, dhcp-ignore-names, dhcp-generate-names, dhcp-broadcast, bootp-dynamic: a tag list.
struct TagList {
  Origin origin;
  enum class Kind { Ignore, IgnoreNames, GenerateNames, Broadcast, BootpDynamic };
  Kind kind = Kind::Ignore;
  std::vector<TagCond> tags;  ///< empty = applies to everyone
  bool operator==(const TagList&) const = default;
};

/// dhcp-name-match=set:T,name[*]
struct NameMatch {
  Origin origin;
  std::string set_tag;
  std::string name;
  bool wildcard = false;
  bool operator==(const NameMatch&) const = default;
};

/// pxe-service=[tag:T,...]CSA,menu-text[,basename|type][,server-address|server-name]  (file order)
struct PxeService {
  Origin origin;
  std::vector<TagCond> tags;
  int csa = 0;                          ///< client system architecture number
  std::string menu;
  int type = 0;                         ///< boot server type; basename services get 0x8000, 0x8001, ... in file order
  std::optional<std::string> basename;
  std::optional<Ipv4> server;
  std::optional<std::string> server_name;
  bool operator==(const PxeService&) const = default;
};

/// pxe-prompt=[tag:T,...]prompt[,timeout]
struct PxePrompt {
  Origin origin;
  std::vector<TagCond> tags;
  std::string text;
  int timeout = 255;  ///< the byte sent (atoi truncated to 8 bits); 255 when absent or not numeric
  bool operator==(const PxePrompt&) const = default;
};

/// domain=name[,addr/len|addr,addr|interface[,local]]
struct Domain {
  Origin origin;
  std::string name;
  std::string scope;  ///< the rest of the line as written (empty: the default domain)
  bool operator==(const Domain&) const = default;
};

/// A boolean or single-value flag that appeared (dhcp-authoritative, ...).
struct Flag {
  Origin origin;
  bool set = false;
  bool operator==(const Flag& o) const { return set == o.set; }
};

/// enable-tftp[=iface,...] and tftp-root=path[,iface]
struct Tftp {
  Origin origin;
  std::vector<std::string> interfaces;  ///< enable-tftp only
  std::string root;                     ///< tftp-root only
  std::optional<std::string> root_interface;
  bool operator==(const Tftp&) const = default;
};

/// conf-file, conf-dir, dhcp-hostsfile, dhcp-optsfile (the directive itself; the lines read
/// from the file are in the other vectors, marked where relevant).
struct Include {
  Origin origin;
  enum class Kind { ConfFile, ConfDir, HostsFile, OptsFile };
  Kind kind = Kind::ConfFile;
  std::string path;
  std::vector<std::string> suffixes;  ///< conf-dir only: ".ext" excludes, "*.ext" requires
  bool operator==(const Include&) const = default;
};

/// Any directive outside the model, kept verbatim (key and argument after quote processing).
struct OtherDirective {
  Origin origin;
  std::string key;
  std::optional<std::string> arg;
  bool operator==(const OtherDirective&) const = default;
};

struct Model {
  std::vector<Range> ranges;
  std::vector<Host> hosts;
  std::vector<DhcpOption> options;
  std::vector<Match> matches;
  std::vector<Boot> boots;
  std::vector<ClassMatch> class_matches;
  std::vector<MacMatch> mac_matches;
  std::vector<TagIf> tag_ifs;
  std::vector<TagList> tag_lists;
  std::vector<NameMatch> name_matches;
  std::vector<PxeService> pxe_services;
  std::vector<PxePrompt> pxe_prompts;
  std::vector<Domain> domains;
  Flag authoritative;
  Flag no_override;
  Flag sequential_ip;
  std::optional<std::int64_t> lease_max;  ///< dhcp-lease-max (default 1000)
  Origin lease_max_origin;
  std::vector<Tftp> enable_tftp;
  std::vector<Tftp> tftp_roots;
  std::vector<Include> includes;
  std::vector<OtherDirective> others;
  bool operator==(const Model&) const = default;
};

}  // namespace isc2dnsmasq::dnsmasq
