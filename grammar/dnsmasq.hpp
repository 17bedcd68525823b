// PEGTL grammar for one dnsmasq config line as option.c read_file() lexes it: quotes, escapes, comments.
//
// dnsmasq reads a file with fgets() into a 1025-byte buffer, so a physical line longer than 1024
// bytes is cut and the rest is read as a new line; the reader does that cut before running this
// grammar on each piece (and stops a piece at a NUL byte, as strlen does). On one piece:
//   - every whitespace character becomes a space; "#" starts a comment only at the start of a
//     word (start of line or right after whitespace): "a#b" is a value, "x #y" is "x";
//   - a double quote starts a quoted section that may begin or end inside a word
//     (ab"1,2"cd is ab1,2cd); inside it \" \t \n \e \b \r \\ are decoded, any other backslash
//     stays, and every character is "hidden" (mapped to a control code when it is one of
//     0-9 a-f A-F space : , . so that it can neither separate fields nor look like a number);
//   - dnsmasq does not look for a quote in the character right after a closing quote: that
//     character is taken literally (so "a""b" is a, a literal quote, b, then an unclosed quote);
//     when the quoted section began a word, a "#" right after it still starts a comment;
//   - an unterminated quote is the error 'missing "'.
// Differences from option.c: none intended. The key=value split, the "bad option",
// "extraneous parameter", "missing parameter" and repetition checks work on the processed
// text and live in src/dnsmasq/read.cpp.
#pragma once

#include <tao/pegtl.hpp>

namespace isc2dnsmasq::grammar::dnsmasq {

namespace pegtl = tao::pegtl;

// clang-format off
struct space_char : pegtl::one< ' ', '\t', '\n', '\v', '\f', '\r' > {};
struct ws : pegtl::plus< space_char > {};
struct comment : pegtl::seq< pegtl::one< '#' >, pegtl::star< pegtl::any > > {};

struct quote_open : pegtl::one< '"' > {};
struct quote_close : pegtl::one< '"' > {};
struct escape : pegtl::seq< pegtl::one< '\\' >, pegtl::one< '"', 't', 'n', 'e', 'b', 'r', '\\' > > {};
struct quoted_plain : pegtl::not_one< '"' > {};
struct quoted_char : pegtl::sor< escape, quoted_plain > {};
struct quoted_body : pegtl::star< quoted_char > {};
struct quoted : pegtl::seq< quote_open, quoted_body, pegtl::must< quote_close > > {};

// The character right after a closing quote: taken literally, even a quote.
struct after_quote : pegtl::seq< pegtl::not_at< space_char >, pegtl::any > {};
struct plain_char : pegtl::not_one< ' ', '\t', '\n', '\v', '\f', '\r', '"' > {};

// A word starts after whitespace or at the start of the line.
struct word_first : pegtl::sor< pegtl::seq< quoted, pegtl::sor< comment, pegtl::opt< after_quote > > >,
                                plain_char > {};
struct word_item : pegtl::sor< pegtl::seq< quoted, pegtl::opt< after_quote > >, plain_char > {};
struct word : pegtl::seq< word_first, pegtl::star< word_item > > {};

struct line : pegtl::seq< pegtl::star< pegtl::sor< ws, comment, word > >, pegtl::eof > {};
// clang-format on

template <typename Rule>
inline constexpr const char* error_message = nullptr;
template <>
inline constexpr auto error_message<quote_close> = "missing \"";

struct error {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
};
template <typename Rule>
using control = pegtl::must_if<error>::control<Rule>;

}  // namespace isc2dnsmasq::grammar::dnsmasq
