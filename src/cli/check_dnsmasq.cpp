// `check --kind dnsmasq`: read dnsmasq configs (following conf-file/conf-dir) and report problems.
#include "cli/check_dnsmasq.hpp"

#include "dnsmasq/read.hpp"

namespace isc2dnsmasq::cli {

bool check_dnsmasq_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink) {
  auto model = dnsmasq::read_dnsmasq_file(path, sources, sink);
  return model.has_value();
}

int check_dnsmasq_files(const std::vector<std::string>& files, SourceSet& sources, DiagnosticSink& sink) {
  bool ok = true;
  for (const auto& f : files) ok = check_dnsmasq_file(f, sources, sink) && ok;
  return ok ? kExitOk : kExitFindings;
}

}  // namespace isc2dnsmasq::cli
