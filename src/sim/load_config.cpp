// Loading a config of either kind: dnsmasq by content (dnsmasq/detect.hpp), else ISC (parsed, then resolved).
#include "sim/load_config.hpp"

#include "dnsmasq/detect.hpp"
#include "dnsmasq/read.hpp"
#include "isc/parse.hpp"

namespace isc2dnsmasq::sim {

std::optional<LoadedConfig> load_config(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                        std::optional<LoadedConfig::Kind> force) {
  std::string error;
  const SourceFile* file = sources.load(path, error);
  if (!file) {
    sink.error(Span{}, "cannot read '{}': {}", path, error);
    return std::nullopt;
  }
  LoadedConfig c;
  c.name = path;
  c.kind = force ? *force : (dnsmasq::looks_like_dnsmasq(file->text()) ? LoadedConfig::Kind::Dnsmasq : LoadedConfig::Kind::Isc);
  if (c.kind == LoadedConfig::Kind::Dnsmasq) {
    auto m = dnsmasq::read_dnsmasq(*file, sources, sink);
    if (!m) return std::nullopt;
    c.dnsmasq = std::move(*m);
    return c;
  }
  auto cfg = isc::parse_isc(*file, sources, sink);
  if (!cfg) return std::nullopt;
  c.isc = std::move(*cfg);
  DiagnosticSink res_sink;
  c.resolution = isc::resolve_options(*c.isc, res_sink);
  bool bad = false;
  for (const auto& d : res_sink.all()) {
    if (d.severity != Severity::Error) continue;  // verify reports behaviour; `check` shows warnings
    sink.add(d.severity, d.span, d.message, d.code);
    bad = true;
  }
  if (bad) return std::nullopt;
  return c;
}

}  // namespace isc2dnsmasq::sim
