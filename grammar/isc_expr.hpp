// The dhcp-eval(5) expression language of dhcpd 4.4.3 (common/parse.c parse_non_binary / parse_expression).
//
// The grammar only recognises the flat shape `operand (binop operand)*`; the action layer
// (src/isc/parse.cpp) combines it with dhcpd's own precedence-climbing algorithm, which has quirks
// a PEG precedence ladder cannot express: `+` binds tighter than `*` (1+2*3 = 9), `=` tighter than
// `and`/`or`, which share one level, and a higher-precedence operator captures the whole rest of
// the expression. Types (boolean / data / numeric) are checked there too, as dhcpd does.
// Differences from dhcpd: '-' is never an operator (dhcpd's lexer never produces MINUS either);
// `not` takes one operand, so `not A = B` is `(not A) = B`, an error unless A is boolean and B is
// untyped, as in dhcpd.
#pragma once

#include "grammar/common.hpp"

namespace isc2dnsmasq::grammar::isc {

using grammar::string_raw;
using grammar::string_body;
using grammar::tok;
using grammar::ptok;

// clang-format off
#define ISC_KW(name, text) struct kw_##name : key< TAO_PEGTL_ISTRING(text) > {}

ISC_KW(not, "not");
ISC_KW(and, "and");
ISC_KW(or, "or");
ISC_KW(check, "check");
ISC_KW(exists, "exists");
ISC_KW(known, "known");
ISC_KW(static, "static");
ISC_KW(substring, "substring");
ISC_KW(suffix, "suffix");
ISC_KW(lcase, "lcase");
ISC_KW(ucase, "ucase");
ISC_KW(concat, "concat");
ISC_KW(binary_to_ascii, "binary-to-ascii");
ISC_KW(reverse, "reverse");
ISC_KW(pick_first_value, "pick-first-value");
ISC_KW(option, "option");
ISC_KW(config_option, "config-option");
ISC_KW(hardware, "hardware");
ISC_KW(leased_address, "leased-address");
ISC_KW(client_state, "client-state");
ISC_KW(filename, "filename");
ISC_KW(server_name, "server-name");
ISC_KW(lease_time, "lease-time");
ISC_KW(null, "null");
ISC_KW(host_decl_name, "host-decl-name");
ISC_KW(packet, "packet");
ISC_KW(extract_int, "extract-int");
ISC_KW(encode_int, "encode-int");
ISC_KW(defined, "defined");
ISC_KW(gethostname, "gethostname");
ISC_KW(gethostbyname, "gethostbyname");
ISC_KW(v6relay, "v6relay");

/// Named constants that dhcpd turns into numbers: DNS rcodes and client states.
struct kw_int_constant : key< pegtl::sor<
  TAO_PEGTL_ISTRING("formerr"), TAO_PEGTL_ISTRING("noerror"), TAO_PEGTL_ISTRING("notauth"),
  TAO_PEGTL_ISTRING("notimp"), TAO_PEGTL_ISTRING("notzone"), TAO_PEGTL_ISTRING("nxdomain"),
  TAO_PEGTL_ISTRING("nxrrset"), TAO_PEGTL_ISTRING("refused"), TAO_PEGTL_ISTRING("servfail"),
  TAO_PEGTL_ISTRING("yxdomain"), TAO_PEGTL_ISTRING("yxrrset"), TAO_PEGTL_ISTRING("booting"),
  TAO_PEGTL_ISTRING("reboot"), TAO_PEGTL_ISTRING("select"), TAO_PEGTL_ISTRING("request"),
  TAO_PEGTL_ISTRING("bound"), TAO_PEGTL_ISTRING("renew"), TAO_PEGTL_ISTRING("rebind") > > {};

struct lparen : ptok< lparen_raw > {};
/// '(' that opens a function's argument list / a parenthesised sub-expression (both count nesting depth).
struct fn_lparen : lparen {};
struct paren_open : lparen {};
struct rparen : ptok< rparen_raw > {};
struct comma : ptok< comma_raw > {};
struct string_tok : tok< string_raw > {};
struct number_tok : tok< pegtl::seq< pegtl::plus< pegtl::digit >, pegtl::not_at< word_char > > > {};

/// `[space.]name` after option/exists/config-option.
struct option_name_raw : pegtl::seq< word, pegtl::opt< pegtl::one< '.' >, word > > {};
struct option_name : tok< option_name_raw > {};

struct expr_any;
struct expr_data;
struct expr_num;
struct expr_bool;

// Non-binary operands. Each alternative commits after its keyword.
struct op_paren : pegtl::if_must< paren_open, expr_any, rparen > {};
struct operand;
struct op_not_head : tok< kw_not > {};
struct op_not : pegtl::if_must< op_not_head, operand > {};
struct op_check : pegtl::if_must< tok< kw_check >, string_tok > {};
struct op_exists : pegtl::if_must< tok< kw_exists >, option_name > {};
struct op_known : tok< kw_known > {};
struct op_static : tok< kw_static > {};
struct op_substring : pegtl::if_must< tok< kw_substring >, fn_lparen, expr_data, comma, expr_num, comma, expr_num, rparen > {};
struct op_suffix : pegtl::if_must< tok< kw_suffix >, fn_lparen, expr_data, comma, expr_num, rparen > {};
struct op_lcase : pegtl::if_must< tok< kw_lcase >, fn_lparen, expr_data, rparen > {};
struct op_ucase : pegtl::if_must< tok< kw_ucase >, fn_lparen, expr_data, rparen > {};
struct op_concat : pegtl::if_must< tok< kw_concat >, fn_lparen, expr_data, comma, expr_data, pegtl::star< comma, expr_data >, rparen > {};
struct op_binary_to_ascii : pegtl::if_must< tok< kw_binary_to_ascii >, fn_lparen, expr_num, comma, expr_num, comma, expr_data, comma, expr_data, rparen > {};
struct op_reverse : pegtl::if_must< tok< kw_reverse >, fn_lparen, expr_num, comma, expr_data, rparen > {};
struct op_pick_first_value : pegtl::if_must< tok< kw_pick_first_value >, fn_lparen, expr_data, pegtl::star< comma, expr_data >, rparen > {};
struct op_option : pegtl::if_must< tok< kw_option >, option_name > {};
struct op_config_option : pegtl::if_must< tok< kw_config_option >, option_name > {};
struct op_hardware : tok< kw_hardware > {};
struct op_leased_address : tok< kw_leased_address > {};
struct op_client_state : tok< kw_client_state > {};
struct op_filename : tok< kw_filename > {};
struct op_server_name : tok< kw_server_name > {};
struct op_lease_time : tok< kw_lease_time > {};
struct op_null : tok< kw_null > {};
struct op_host_decl_name : tok< kw_host_decl_name > {};
struct op_packet : pegtl::if_must< tok< kw_packet >, fn_lparen, expr_num, comma, expr_num, rparen > {};
struct op_string : string_tok {};
struct int_width : number_tok {};
struct op_extract_int : pegtl::if_must< tok< kw_extract_int >, fn_lparen, expr_data, comma, int_width, rparen > {};
struct op_encode_int : pegtl::if_must< tok< kw_encode_int >, fn_lparen, expr_num, comma, int_width, rparen > {};
struct op_int_constant : tok< kw_int_constant > {};
struct variable_name : tok< word > {};
struct op_defined : pegtl::if_must< tok< kw_defined >, fn_lparen, variable_name, rparen > {};
struct op_gethostname : pegtl::if_must< tok< kw_gethostname >, fn_lparen, rparen > {};
struct op_gethostbyname : pegtl::if_must< tok< kw_gethostbyname >, fn_lparen, string_tok, rparen > {};
struct op_v6relay : pegtl::if_must< tok< kw_v6relay >, fn_lparen, expr_num, comma, expr_data, rparen > {};
/// A number, colon-hex data, a variable, or a call `name(args)`.
struct atom_tok : tok< atom_raw > {};
struct call_arg;
struct call_args : pegtl::if_must< fn_lparen, call_arg, pegtl::star< comma, call_arg >, rparen > {};
struct op_call : pegtl::seq< atom_tok, pegtl::at< skip, pegtl::one< '(' > >, call_args > {};
struct op_atom : atom_tok {};

struct operand : pegtl::sor<
  op_paren, op_not, op_check, op_exists, op_known, op_static, op_substring, op_suffix, op_lcase,
  op_ucase, op_concat, op_binary_to_ascii, op_reverse, op_pick_first_value, op_option,
  op_config_option, op_hardware, op_leased_address, op_client_state, op_filename, op_server_name,
  op_lease_time, op_null, op_host_decl_name, op_packet, op_string, op_extract_int, op_encode_int,
  op_int_constant, op_defined, op_gethostname, op_gethostbyname, op_v6relay, op_call, op_atom > {};

// Binary operators. `!=`, `~=`, `~~` are two tokens in dhcpd (space allowed between them).
struct bin_eq : ptok< pegtl::one< '=' > > {};
struct bin_ne : tok< pegtl::seq< pegtl::one< '!' >, skip, pegtl::one< '=' > > > {};
struct bin_regex : tok< pegtl::seq< pegtl::one< '~' >, skip, pegtl::one< '=' > > > {};
struct bin_iregex : tok< pegtl::seq< pegtl::one< '~' >, skip, pegtl::one< '~' > > > {};
struct bin_and : tok< kw_and > {};
struct bin_or : tok< kw_or > {};
struct bin_add : tok< pegtl::one< '+' > > {};
struct bin_mul : tok< pegtl::one< '*' > > {};
struct bin_div : tok< pegtl::one< '/' > > {};
struct bin_mod : tok< pegtl::one< '%' > > {};
struct bin_band : tok< pegtl::one< '&' > > {};
struct bin_bor : tok< pegtl::one< '|' > > {};
struct bin_bxor : tok< pegtl::one< '^' > > {};
/// A '-' standing alone: dhcpd cannot subtract; the action reports it.
struct bin_minus : tok< pegtl::seq< pegtl::one< '-' >, pegtl::not_at< word_char > > > {};
struct bang_alone : tok< pegtl::one< '!' > > {};
struct binop : pegtl::sor< bin_eq, bin_ne, bin_regex, bin_iregex, bin_and, bin_or, bin_add, bin_mul,
                           bin_div, bin_mod, bin_band, bin_bor, bin_bxor, bin_minus, bang_alone > {};

struct expr_begin : pegtl::success {};
struct expr_operand : operand {};
struct expr_flat : pegtl::seq< expr_begin, pegtl::must< expr_operand >,
                               pegtl::star< binop, pegtl::must< expr_operand > > > {};
/// One expression; the suffix says which type the context requires (dhcpd's parse_*_expression).
struct expr_any : expr_flat {};
struct expr_data : expr_flat {};
struct expr_num : expr_flat {};
struct expr_bool : expr_flat {};
struct call_arg : expr_flat {};

#undef ISC_KW
// clang-format on

}  // namespace isc2dnsmasq::grammar::isc
