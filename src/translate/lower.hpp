// Lowering: ISC AST (after option resolution) -> dnsmasq Model, with a per-statement report.
#pragma once

#include "core/diagnostic.hpp"
#include "dnsmasq/model.hpp"
#include "isc/ast.hpp"
#include "isc/resolve.hpp"
#include "translate/report.hpp"

namespace isc2dnsmasq::translate {

struct LowerOptions {
  /// Set Origin::provenance on every emitted element (the writer then names its ISC line,
  /// "# dhcpd.conf:LINE").
  bool provenance = true;
  /// Keep a report entry for every exactly translated statement. Off (verify): they are only
  /// counted, in Report::exact_omitted.
  bool report_exact = true;
};

struct LowerResult {
  dnsmasq::Model model;
  Report report;  ///< one entry per ISC statement (nothing dropped silently), sorted by location
};

/// Translates `config` for dnsmasq 2.90. ISC precedence (host > classes, first declared wins >
/// pool > subnet > shared-network > group > global) is kept by flattening per range: every
/// dhcp-range sets a tag, options of the range's scope chain carry that tag (dnsmasq's second
/// tier), class lines follow in reverse declaration order and host lines last (first tier).
/// Approximations and untranslatable statements are added to `sink` as warnings with their
/// stable [code]; every statement also gets a report entry.
LowerResult lower(const isc::Config& config, const isc::Resolution& resolution, const LowerOptions& options,
                  DiagnosticSink& sink);

}  // namespace isc2dnsmasq::translate
