// ISC dhcpd 4.4.3 option catalogue: built-in option spaces, user definitions, type formats, value encoding.
//
// dhcpd describes every option by a format string (common/tables.c): I ip-address, 6 ip6-address,
// l/L s/S b/B signed/unsigned 32/16/8-bit integers, T lease time, t text, X string-or-hex,
// f boolean, d domain name, D domain list (Dc compressed), E<space>. encapsulation, U space name,
// N<enum>. enumeration, k key name, Z zero length, A array of everything before, a array of the
// previous atom, o the previous atom is optional. This module keeps those strings verbatim and
// parses option values token by token exactly as common/parse.c:parse_option_data does, so the
// bytes and the accept/reject verdict agree with the real parser.
//
// Values are given as dhcpd tokens (`lex_dhcpd`), which reproduces common/conflex.c's token
// classes (NUMBER, NUMBER_OR_NAME, NAME, STRING, punctuation) from the source text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/net.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::dhcp {

// ---------------------------------------------------------------------------------------------
// Tokens

/// dhcpd's token classes as far as option parsing distinguishes them.
enum class TokenKind {
  String,        ///< "..." with escapes decoded into `text`
  Number,        ///< digits only, optionally with a leading '-' (NUMBER)
  NumberOrName,  ///< hex digits only, not a keyword (NUMBER_OR_NAME)
  Name,          ///< any other word, keywords included (NAME / keyword tokens)
  Punct,         ///< one character: ; , . : = { } ( ) ...
  End,           ///< end of the lexed range
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;  ///< the word, the punctuation character, or the decoded string
  Span span;

  bool is(char c) const { return kind == TokenKind::Punct && text.size() == 1 && text[0] == c; }
  /// dhcpd's is_identifier(): keywords, NAME and NUMBER_OR_NAME.
  bool is_identifier() const { return kind == TokenKind::Name || kind == TokenKind::NumberOrName; }
  /// Case-insensitive keyword test (dhcpd keywords are case-insensitive).
  bool is_word(std::string_view w) const;
};

/// A located problem found while lexing, defining or encoding.
struct OptionError {
  Span span;
  std::string message;
};

/// Splits file.text()[begin, end) into dhcpd tokens (comments and whitespace skipped). The last
/// token is always an End token located at `end`. Lexical problems (bad escapes) go to `errors`.
std::vector<Token> lex_dhcpd(const SourceFile& file, std::uint32_t begin, std::uint32_t end,
                             std::vector<OptionError>* errors = nullptr);

// ---------------------------------------------------------------------------------------------
// Option spaces and definitions

struct OptionDef {
  std::string space;   ///< canonical space name ("dhcp", "agent", "ipxe", ...)
  std::string name;    ///< name as defined
  std::uint32_t code = 0;
  std::string format;  ///< dhcpd format string, e.g. "IA", "Dc", "Eipxe.", "BX"
  bool builtin = true;
  bool synthetic = false;  ///< made up for an `unknown-NNN` name (format "X")
};

struct OptionSpace {
  std::string name;
  int code_width = 1;    ///< bytes of a sub-option code: 1, 2 or 4
  int length_width = 1;  ///< bytes of a sub-option length: 0, 1 or 2
  std::uint32_t end = 0; ///< the END code of the space (255 for dhcp, else 0)
  bool builtin = true;
  std::unordered_map<std::string, std::size_t> by_name;  ///< lowercase name -> defs index
  std::map<std::uint32_t, std::size_t> by_code;          ///< code -> defs index
};

/// The option spaces of one configuration: dhcpd's built-in ones plus `option space` and
/// `option NAME code N = TYPE` definitions, with dhcpd's redefinition rules.
class OptionRegistry {
public:
  /// The spaces dhcpd -4 starts with: dhcp, agent, server, nwip, fqdn, vendor-class, vendor, isc,
  /// and the DHCPv6 ones it also registers (dhcp6, vsio, isc6).
  static const OptionRegistry& dhcpd_builtin();

  /// Space by name (case-insensitive), or nullptr.
  const OptionSpace* find_space(std::string_view name) const;
  /// Option by space and name (case-insensitive), or nullptr.
  const OptionDef* find(std::string_view space, std::string_view name) const;
  const OptionDef* find_code(std::string_view space, std::uint32_t code) const;
  const OptionDef& def(std::size_t index) const { return defs_[index]; }

  /// `option space NAME [code width N] [length width N];` (a redeclaration replaces the space).
  void add_space(std::string name, int code_width, int length_width);
  /// `option SPACE.NAME code CODE = ...;` with format already parsed; dhcpd semantics: an existing
  /// option of that name is removed first, and the code's previous owner loses its code mapping
  /// (its name keeps working, as in dhcpd). Returns the new definition.
  const OptionDef& define(std::string_view space, std::string name, std::uint32_t code, std::string format);

  std::vector<std::string> space_names() const;
  std::vector<std::string> option_names(std::string_view space) const;

private:
  OptionSpace* space_mut(std::string_view name);
  void add_builtin(std::string_view space, std::string_view name, std::uint32_t code, std::string_view format);

  std::vector<OptionDef> defs_;
  std::vector<OptionSpace> spaces_;
  std::unordered_map<std::string, std::size_t> space_index_;  ///< lowercase name -> spaces_ index
};

/// Result of looking an option name up the way common/parse.c:parse_option_name does.
struct OptionLookup {
  const OptionDef* def = nullptr;  ///< found (or synthesized for unknown-NNN)
  const OptionSpace* space = nullptr;
  std::optional<OptionDef> synthesized;  ///< owner of `def` for unknown-NNN names not defined
  std::string error;                     ///< non-empty when the lookup failed
  bool space_missing = false;
};

/// Resolves `[space.]name`. `space` empty means the dhcp space. On failure `error` holds a
/// message with a did-you-mean suggestion when one is close.
OptionLookup lookup_option(const OptionRegistry& reg, std::string_view space, std::string_view name);

// ---------------------------------------------------------------------------------------------
// Definitions: `option NAME code N = TYPE;`

/// Parses the TYPE part (tokens after '='; the ';' must follow) into dhcpd's format string, as
/// common/parse.c:parse_option_code_definition does (records, arrays, compressed domain lists,
/// encapsulate SPACE, zerolen; "no nested arrays", "arrays of text strings not yet supported",
/// "unknown option space" ...). `pos` is advanced past the ';' on success.
std::optional<std::string> parse_option_type(const OptionRegistry& reg, std::span<const Token> tokens,
                                             std::size_t& pos, OptionError& error);

/// Human description of a format ("array of ip-address", "{ boolean, text }").
std::string describe_format(std::string_view format);

// ---------------------------------------------------------------------------------------------
// Values: `option NAME VALUE;`

/// Wire bytes of a constant option value. Host names where an ip-address is expected are
/// resolved by dhcpd when the option is evaluated, not while parsing: they are kept in
/// `host_names` and their 4 bytes are left as 0.0.0.0 at `offset`.
struct EncodedValue {
  Bytes bytes;
  struct HostName {
    std::size_t offset;
    std::string name;
    Span span;
  };
  std::vector<HostName> host_names;
  bool empty_statement = false;  ///< `option X;` with no value (dhcpd keeps no data)
};

/// Things dhcpd accepts but silently changes (e.g. -1 for an unsigned integer): warnings.
struct EncodeResult {
  std::optional<EncodedValue> value;  ///< set when dhcpd would accept the statement
  std::vector<OptionError> errors;    ///< first entry is dhcpd's first complaint
  std::vector<OptionError> warnings;
};

/// Parses the value tokens of an option statement starting at tokens[pos] (the token after the
/// option name) up to and including the terminating ';', following dhcpd's format-driven parser.
/// `reg` supplies the enumerations' space; `option_name` is used in messages.
EncodeResult encode_option_value(const OptionDef& def, std::span<const Token> tokens, std::size_t pos);

/// RFC 1035 encoding of a domain name or list of names as dhcpd does it (common/ns_name.c);
/// `compress` uses compression pointers relative to the start of the list. nullopt when a name
/// is invalid (empty label, label over 63, name over 255).
std::optional<Bytes> encode_domain_list(const std::vector<std::string>& names, bool compress);

}  // namespace isc2dnsmasq::dhcp
