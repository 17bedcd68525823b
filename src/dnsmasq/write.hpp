// Model -> canonical dnsmasq config text that the reader and dnsmasq 2.90 read back to the same model.
#pragma once

#include <string>

#include "dnsmasq/model.hpp"

namespace isc2dnsmasq::dnsmasq {

struct WriteOptions {
  /// Emit "# <provenance>" (e.g. "# dhcpd.conf:12") above every element whose
  /// Origin::provenance is set.
  bool provenance_comments = false;
  /// Optional first comment line(s) (each line gets "# ").
  std::string header;
  /// Also write conf-file/conf-dir/dhcp-hostsfile/dhcp-optsfile lines. Off by default: a model
  /// read with includes followed already holds the included lines, which are written inline.
  bool write_includes = false;
};

/// Canonical, deterministic text. Sections in a fixed order (flags, domains, TFTP, ranges, tag
/// sources, tag-if, tag lists, hosts, options, boot, PXE, includes, other directives); within a
/// section the model's (file) order is kept, which is all dnsmasq's semantics depend on.
/// Values are quoted only where needed; option values are checked against the reader's own
/// inference and quoted when the plain form would be read differently.
std::string write_dnsmasq(const Model& model, const WriteOptions& options = {});

}  // namespace isc2dnsmasq::dnsmasq
