// Reading dnsmasq config text into the Model, with dnsmasq 2.90's line rules and value inference.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/model.hpp"

namespace isc2dnsmasq::dnsmasq {

struct ReadOptions {
  /// Follow conf-file / conf-dir (errors inside are errors) and dhcp-hostsfile / dhcp-optsfile
  /// (problems there are warnings: dnsmasq only logs them, and `--test` does not read them).
  /// Relative paths are taken relative to the current directory, as dnsmasq does.
  bool follow_includes = true;
};

/// Parses one config file (and, with follow_includes, the files it names; they are added to
/// `sources`). Every problem `dnsmasq --test` rejects is an error located at file:line:col.
/// Returns nullopt when there was any error.
std::optional<Model> read_dnsmasq(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink,
                                  const ReadOptions& options = {});

/// Loads `path` and reads it as read_dnsmasq does; a missing file is an error.
std::optional<Model> read_dnsmasq_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                       const ReadOptions& options = {});

/// Convenience for tests and the writer's self-check: reads `text` as a file named `name`
/// without following includes. The Spans point into `sources`.
std::optional<Model> read_dnsmasq_text(std::string name, std::string text, SourceSet& sources, DiagnosticSink& sink);
/// The same for a file already in `sources` (no copy of its text).
std::optional<Model> read_dnsmasq_source(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink);

/// Which dhcp-option flavour a value is parsed for (they differ in dnsmasq).
enum class OptionFlavor { Option, Force, OptsFile, Match };

/// Parses the argument of a dhcp-option / dhcp-option-force / dhcp-match line (text after '=',
/// already quote-processed: hidden characters as produced by the line grammar) exactly as
/// dnsmasq's parse_dhcp_opt(). On failure returns false and sets `error` to dnsmasq's message.
bool parse_option_argument(std::string_view arg, OptionFlavor flavor, std::vector<TagCond>& tags, OptionSpec& spec,
                           std::string& error);

/// Convenience for the translator: a dhcp-option (force = dhcp-option-force) from the text that
/// would follow "dhcp-option=" in a config file (quotes allowed), e.g.
/// option_from_text("tag:lan,option:router,192.0.2.1"). nullopt with `error` when dnsmasq
/// would reject the line.
std::optional<DhcpOption> option_from_text(std::string_view arg, bool force, std::string& error);

/// The quote/escape/comment processing of one line (no cut at 1024 bytes): the processed text
/// with hidden characters, or nullopt with `error` set ('missing "').
std::optional<std::string> process_line(std::string_view line, std::string& error);

/// Undo the hiding of quoted characters (dnsmasq's unhide_metas).
std::string unhide(std::string_view s);

}  // namespace isc2dnsmasq::dnsmasq
