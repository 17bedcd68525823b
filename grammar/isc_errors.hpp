// Error messages for the dhcpd.conf grammar, keyed by the rule that failed under must<>.
//
// A message that starts with "expected '<punctuation>'" is reported at the end of the previous
// token ("expected ';' after option value" belongs to the line that lacks it); every other message
// is reported at the next token. Rules without an entry get a generic message built by the control.
#pragma once

#include "grammar/isc.hpp"

namespace isc2dnsmasq::grammar::isc {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
#define ISC_ERR(rule, text) template<> inline constexpr const char* error_message< rule > = text
ISC_ERR(statement, "expected a declaration or parameter");
ISC_ERR(config_end, "expected a declaration or parameter");
ISC_ERR(block_open, "expected '{'");
ISC_ERR(block_close, "expected '}' before end of file");
ISC_ERR(generic_open, "expected '{'");
ISC_ERR(generic_close, "expected '}'");
ISC_ERR(lbrace, "expected '{'");
ISC_ERR(rbrace, "expected '}'");
ISC_ERR(lparen, "expected '('");
ISC_ERR(fn_lparen, "expected '('");
ISC_ERR(paren_open, "expected '('");
ISC_ERR(cond_lparen, "expected '('");
ISC_ERR(rparen, "expected ')'");
ISC_ERR(cond_rparen, "expected ')' after condition");
ISC_ERR(comma, "expected ','");
ISC_ERR(colon, "expected ':'");
ISC_ERR(equals, "expected '='");
ISC_ERR(string_body, "unterminated string");
ISC_ERR(string_tok, "expected a quoted string");
ISC_ERR(semi_include, "expected ';' after include file name");
ISC_ERR(semi_range, "expected ';' after range");
ISC_ERR(semi_fixed_address, "expected ';' after fixed address");
ISC_ERR(semi_hardware, "expected ';' after hardware address");
ISC_ERR(semi_permit, "expected ';' after permit");
ISC_ERR(semi_authoritative, "expected ';' after 'authoritative'");
ISC_ERR(semi_option, "expected ';' after option value");
ISC_ERR(semi_option_space, "expected ';' after option space declaration");
ISC_ERR(semi_option_def, "expected ';' after option definition");
ISC_ERR(semi_param, "expected ';' after parameter value");
ISC_ERR(semi_match, "expected ';' after match expression");
ISC_ERR(semi_lease_limit, "expected ';' after lease limit");
ISC_ERR(semi_set, "expected ';' after expression");
ISC_ERR(semi_unset, "expected ';' after variable name");
ISC_ERR(semi_eval, "expected ';' after expression");
ISC_ERR(semi_return, "expected ';' after expression");
ISC_ERR(semi_log, "expected ';' after log statement");
ISC_ERR(semi_execute, "expected ';' after execute statement");
ISC_ERR(semi_add, "expected ';' after class name");
ISC_ERR(semi_break, "expected ';' after 'break'");
ISC_ERR(semi_statement, "expected ';' after statement");
ISC_ERR(semi_subclass, "expected ';' after subclass value");
ISC_ERR(semi_line, "expected ';' after value");
ISC_ERR(semi_server_identifier, "expected ';' after server identifier");
ISC_ERR(semi_host_param, "expected ';' after parameter value");
ISC_ERR(semi_expr_stmt, "expected ';' after expression");
ISC_ERR(include_file, "expected a quoted file name after 'include'");
ISC_ERR(group_name, "expected a group name");
ISC_ERR(shared_network_name, "expected a shared-network name");
ISC_ERR(subnet_network, "expected a subnet number (IPv4 address)");
ISC_ERR(subnet_netmask_kw, "expected 'netmask' after the subnet number");
ISC_ERR(subnet_netmask, "expected a netmask (IPv4 address)");
ISC_ERR(host_name, "expected a host name");
ISC_ERR(class_name, "expected a class name");
ISC_ERR(subclass_class, "expected a class name");
ISC_ERR(subclass_value, "expected a string or colon-separated hex list as subclass value");
ISC_ERR(subclass_end, "expected ';' or '{' after subclass value");
ISC_ERR(failover_peer_kw, "expected 'peer' after 'failover'");
ISC_ERR(failover_name, "expected a failover peer name");
ISC_ERR(key_name, "expected a key name");
ISC_ERR(zone_name, "expected a zone name");
ISC_ERR(option_space_name, "expected an option space name");
ISC_ERR(space_number, "expected a number");
ISC_ERR(option_code, "expected an option code number");
ISC_ERR(option_type_must, "expected an option type (boolean, [un]signed integer 8|16|32, ip-address, ip6-address, text, string, domain-name, domain-list, zerolen, encapsulate SPACE, array of TYPE or a { record })");
ISC_ERR(option_type, "expected an option type (boolean, [un]signed integer 8|16|32, ip-address, ip6-address, text, string, domain-name, domain-list, zerolen, encapsulate SPACE, array of TYPE or a { record })");
ISC_ERR(type_simple, "expected an option type (boolean, [un]signed integer 8|16|32, ip-address, ip6-address, text, string, domain-name, domain-list, zerolen, encapsulate SPACE)");
ISC_ERR(type_field, "expected an option type");
ISC_ERR(type_width, "expected an integer width (8, 16 or 32)");
ISC_ERR(tok< kw_of >, "expected 'of' after 'array'");
ISC_ERR(tok< kw_integer >, "expected 'integer'");
ISC_ERR(tok< kw_width >, "expected 'width'");
ISC_ERR(tok< kw_size >, "expected 'size' after 'hash'");
ISC_ERR(option_name, "expected an option name");
ISC_ERR(option_stmt_name, "expected an option name");
ISC_ERR(verb_option, "expected an option name");
ISC_ERR(range_low, "expected an IPv4 address after 'range'");
ISC_ERR(fixed_address_entry, "expected an IPv4 address or host name");
ISC_ERR(hardware_type, "expected a hardware type ('ethernet', 'token-ring', 'fddi' or 'infiniband')");
ISC_ERR(hardware_address, "expected a hardware address");
ISC_ERR(permit_what, "expected a permit ('unknown-clients', 'known-clients', 'all clients', 'dynamic bootp clients', 'members of \"CLASS\"', 'after DATE') or a flag ('bootp', 'booting', 'dynamic-bootp', 'duplicates', 'declines', 'client-updates', 'leasequery')");
ISC_ERR(tok< kw_clients >, "expected 'clients'");
ISC_ERR(tok< kw_bootp >, "expected 'bootp'");
ISC_ERR(permit_class, "expected a quoted class name after 'members of'");
ISC_ERR(permit_date, "expected a date after 'after'");
ISC_ERR(tok< kw_authoritative >, "expected 'authoritative' after 'not'");
ISC_ERR(tok< kw_with >, "expected 'with' after 'spawn'");
ISC_ERR(tok< kw_limit >, "expected 'limit' after 'lease'");
ISC_ERR(lease_limit_number, "expected a number after 'lease limit'");
ISC_ERR(variable_name, "expected a variable name");
ISC_ERR(execute_command, "expected a quoted command name");
ISC_ERR(on_event, "expected 'commit', 'release' or 'expiry'");
ISC_ERR(add_class, "expected a quoted class name");
ISC_ERR(int_width, "expected an integer width (8, 16 or 32)");
ISC_ERR(expr_operand, "expected an expression");
ISC_ERR(operand, "expected an expression");
ISC_ERR(expr_bool, "expected a boolean expression");
ISC_ERR(expr_data, "expected a data expression");
ISC_ERR(expr_num, "expected a numeric expression");
ISC_ERR(expr_any, "expected an expression");
ISC_ERR(call_arg, "expected an expression");
ISC_ERR(if_condition, "expected a boolean expression");
ISC_ERR(match_data, "expected a data expression");
ISC_ERR(option_expr, "expected a data expression");
ISC_ERR(param_expr, "expected a data expression");
ISC_ERR(set_value, "expected an expression");
ISC_ERR(eval_value, "expected an expression");
ISC_ERR(switch_expr, "expected an expression");
ISC_ERR(case_value, "expected an expression");
ISC_ERR(values, "expected a value");
#undef ISC_ERR
// clang-format on

}  // namespace isc2dnsmasq::grammar::isc
