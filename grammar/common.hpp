// Shared lexical rules for dhcpd.conf: separators, comments, tokens with leading-space absorption, keywords.
//
// Convention: every token rule absorbs the whitespace and comments *before* it (tok<R>), never after.
// So when a rule under must<> fails, PEGTL reports the position where it started: the end of the
// previous token, which is where "expected ';' after ..." belongs (STYLE.md gotcha 3). Rules named
// *_raw match the bare token without leading space; actions attach to them so spans are exact.
#pragma once

#include <tao/pegtl.hpp>

namespace isc2dnsmasq::grammar {

namespace pegtl = tao::pegtl;

// clang-format off

/// dhcpd.conf(5): "#" starts a comment to end of line; there are no C-style comments.
struct comment : pegtl::seq< pegtl::one< '#' >, pegtl::until< pegtl::eolf > > {};
struct space_char : pegtl::one< ' ', '\t', '\r', '\n', '\f', '\v' > {};
struct skip : pegtl::star< pegtl::sor< pegtl::plus< space_char >, comment > > {};

/// A token preceded by optional whitespace and comments.
template< typename R > struct tok : pegtl::seq< skip, R > {};
/// A punctuation token that fails *before* the whitespace it would skip, so a must<> on it reports
/// the end of the previous token ("expected ';' after ..." on the line that lacks it).
template< typename R > struct ptok : pegtl::seq< pegtl::at< skip, R >, skip, R > {};

/// Characters of a dhcpd NAME / NUMBER token (conflex.c read_num_or_name): letters, digits, '-', '_'.
struct word_char : pegtl::sor< pegtl::alnum, pegtl::one< '-', '_' > > {};
struct word : pegtl::plus< word_char > {};

/// A case-insensitive keyword with a word boundary ("subnet" but not "subnets", "option" but not "option-x").
template< typename Key > struct key : pegtl::seq< Key, pegtl::not_at< word_char > > {};

/// "..." with dhcpd's escapes (\t \r \n \b \xHH \ooo, any other \c is c); may span lines.
struct string_escape : pegtl::seq< pegtl::one< '\\' >, pegtl::any > {};
struct string_char : pegtl::sor< string_escape, pegtl::not_one< '"', '\\' > > {};
struct string_body : pegtl::until< pegtl::one< '"' >, string_char > {};
struct string_raw : pegtl::if_must< pegtl::one< '"' >, string_body > {};

/// dhcpd assembles dotted names, IPs and colon-hex lists from NAME/NUMBER, '.' and ':' tokens; here
/// one "atom" is a run of word characters, dots and colons without spaces (1:2:a, 10.0.0.1, a.b.c,
/// 2001:db8::1). Its kind (number, IP, hex, name) is decided by the action.
struct atom_raw : pegtl::seq< pegtl::sor< word_char, pegtl::one< ':' > >,
                              pegtl::star< pegtl::sor< word_char, pegtl::one< '.', ':' > > > > {};

struct semi_raw : pegtl::one< ';' > {};
struct lbrace_raw : pegtl::one< '{' > {};
struct rbrace_raw : pegtl::one< '}' > {};
struct lparen_raw : pegtl::one< '(' > {};
struct rparen_raw : pegtl::one< ')' > {};
struct comma_raw : pegtl::one< ',' > {};

// clang-format on

}  // namespace isc2dnsmasq::grammar
