// The dnsmasq half of `check`, kept apart from check.cpp so that both front ends merge cleanly.
#pragma once

#include <string>
#include <vector>

#include "cli/app.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::cli {

/// Reads one dnsmasq config (and the files it includes); false when it has errors.
bool check_dnsmasq_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink);
/// Reads each dnsmasq config; kExitOk when none has errors, else kExitFindings.
int check_dnsmasq_files(const std::vector<std::string>& files, SourceSet& sources, DiagnosticSink& sink);

}  // namespace isc2dnsmasq::cli
