// PEGTL grammar of ISC dhcpd.conf (DHCPv4) as dhcpd 4.4.3 accepts it (server/confpars.c, common/parse.c).
//
// Structure: config = statement*; a statement starts with a keyword and commits after it (if_must),
// so actions never fire on a path that is later abandoned. Where dhcpd takes a statement
// generically (the "server" option space: default-lease-time, filename, ...), the rule
// server_param_name matches a name from that table; anything else that starts with a name is an
// expression statement (dhcpd accepts `foo;` and `foo(1);` as eval statements).
//
// Deviations from dhcpd.conf(5) / dhcpd's lexer, on purpose:
// - Dotted names, IP addresses and colon-hex lists are single tokens without inner spaces
//   (dhcpd would accept `10 . 0 . 0 . 1`). Option values are kept as raw tokens; their types are
//   checked against the option's format by resolution, not here.
// - Placement rules (range only in subnet/pool, host not in host/class, ...) and the server
//   parameter table are enforced by the actions, with dhcpd's rules.
// - `failover peer`, `key` and `zone` bodies are kept as generic `word...;` lines.
// - A '%' line (keama directive) is skipped to the next ';', as dhcpd does.
#pragma once

#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "grammar/common.hpp"
#include "grammar/isc_expr.hpp"

namespace isc2dnsmasq::grammar::isc {

/// Matches a dhcpd server-space parameter name (server/stables.c server_options[], case-insensitive)
/// followed by a word boundary. Defined in src/isc/parse.cpp.
bool is_server_param(std::string_view name);

struct server_param_name {
  using rule_t = server_param_name;
  using subs_t = pegtl::type_list<>;
  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class, template <typename...> class,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&...) {
    std::size_t n = 0;
    const char* p = in.current();
    const std::size_t size = in.size(64);
    while (n < size && (std::isalnum(static_cast<unsigned char>(p[n])) || p[n] == '-' || p[n] == '_')) ++n;
    if (n == 0 || !is_server_param(std::string_view(p, n))) return false;
    in.bump(n);
    return true;
  }
};

// clang-format off
#define ISC_KW(name, text) struct kw_##name : key< TAO_PEGTL_ISTRING(text) > {}
ISC_KW(include, "include");
ISC_KW(group, "group");
ISC_KW(shared_network, "shared-network");
ISC_KW(subnet, "subnet");
ISC_KW(subnet6, "subnet6");
ISC_KW(netmask, "netmask");
ISC_KW(pool, "pool");
ISC_KW(host, "host");
ISC_KW(class, "class");
ISC_KW(vendor_class, "vendor-class");
ISC_KW(user_class, "user-class");
ISC_KW(subclass, "subclass");
ISC_KW(failover, "failover");
ISC_KW(peer, "peer");
ISC_KW(key, "key");
ISC_KW(zone, "zone");
ISC_KW(space, "space");
ISC_KW(code, "code");
ISC_KW(width, "width");
ISC_KW(length, "length");
ISC_KW(hash, "hash");
ISC_KW(size, "size");
ISC_KW(range, "range");
ISC_KW(dynamic_bootp, "dynamic-bootp");
ISC_KW(fixed_address, "fixed-address");
ISC_KW(allow, "allow");
ISC_KW(deny, "deny");
ISC_KW(ignore, "ignore");
ISC_KW(authoritative, "authoritative");
ISC_KW(server_identifier, "server-identifier");
ISC_KW(match, "match");
ISC_KW(if, "if");
ISC_KW(spawn, "spawn");
ISC_KW(with, "with");
ISC_KW(lease, "lease");
ISC_KW(limit, "limit");
ISC_KW(elsif, "elsif");
ISC_KW(else, "else");
ISC_KW(switch, "switch");
ISC_KW(case, "case");
ISC_KW(default, "default");
ISC_KW(set, "set");
ISC_KW(define, "define");
ISC_KW(unset, "unset");
ISC_KW(eval, "eval");
ISC_KW(return, "return");
ISC_KW(log, "log");
ISC_KW(execute, "execute");
ISC_KW(on, "on");
ISC_KW(commit, "commit");
ISC_KW(release, "release");
ISC_KW(expiry, "expiry");
ISC_KW(add, "add");
ISC_KW(break, "break");
ISC_KW(parse_vendor_option, "parse-vendor-option");
ISC_KW(supersede, "supersede");
ISC_KW(append, "append");
ISC_KW(prepend, "prepend");
ISC_KW(send, "send");
ISC_KW(uid, "uid");
ISC_KW(host_identifier, "host-identifier");
ISC_KW(dynamic, "dynamic");
ISC_KW(deleted, "deleted");
ISC_KW(interface, "interface");
ISC_KW(server_duid, "server-duid");
ISC_KW(lease_id_format, "lease-id-format");
ISC_KW(db_time_format, "db-time-format");
ISC_KW(array, "array");
ISC_KW(of, "of");
ISC_KW(boolean, "boolean");
ISC_KW(signed, "signed");
ISC_KW(unsigned, "unsigned");
ISC_KW(integer, "integer");
ISC_KW(ip_address, "ip-address");
ISC_KW(ip6_address, "ip6-address");
ISC_KW(text, "text");
ISC_KW(string, "string");
ISC_KW(domain_name, "domain-name");
ISC_KW(domain_list, "domain-list");
ISC_KW(compressed, "compressed");
ISC_KW(zerolen, "zerolen");
ISC_KW(encapsulate, "encapsulate");
ISC_KW(ethernet, "ethernet");
ISC_KW(token_ring, "token-ring");
ISC_KW(fddi, "fddi");
ISC_KW(infiniband, "infiniband");
ISC_KW(unknown_clients, "unknown-clients");
ISC_KW(known_clients, "known-clients");
ISC_KW(unknown, "unknown");
ISC_KW(clients, "clients");
ISC_KW(all, "all");
ISC_KW(dynamic_kw, "dynamic");
ISC_KW(bootp, "bootp");
ISC_KW(booting, "booting");
ISC_KW(authenticated, "authenticated");
ISC_KW(unauthenticated, "unauthenticated");
ISC_KW(members, "members");
ISC_KW(after, "after");
ISC_KW(duplicates, "duplicates");
ISC_KW(declines, "declines");
ISC_KW(client_updates, "client-updates");
ISC_KW(leasequery, "leasequery");
ISC_KW(fatal, "fatal");
ISC_KW(error, "error");
ISC_KW(info, "info");
ISC_KW(debug, "debug");
ISC_KW(local, "local");
#undef ISC_KW

// ---- punctuation (each a distinct type so the error table can say what was expected after what)
struct lbrace : ptok< lbrace_raw > {};
struct rbrace : ptok< rbrace_raw > {};
struct equals : ptok< pegtl::one< '=' > > {};
struct colon : ptok< pegtl::one< ':' > > {};
#define ISC_SEMI(name) struct semi_##name : ptok< semi_raw > {}
ISC_SEMI(include); ISC_SEMI(range); ISC_SEMI(fixed_address); ISC_SEMI(hardware); ISC_SEMI(permit);
ISC_SEMI(authoritative); ISC_SEMI(option); ISC_SEMI(option_space); ISC_SEMI(option_def); ISC_SEMI(param);
ISC_SEMI(match); ISC_SEMI(lease_limit); ISC_SEMI(set); ISC_SEMI(unset); ISC_SEMI(eval); ISC_SEMI(return);
ISC_SEMI(log); ISC_SEMI(execute); ISC_SEMI(add); ISC_SEMI(break); ISC_SEMI(statement); ISC_SEMI(subclass);
ISC_SEMI(failover); ISC_SEMI(line); ISC_SEMI(server_identifier); ISC_SEMI(group); ISC_SEMI(host_param);
ISC_SEMI(expr_stmt); ISC_SEMI(percent);
#undef ISC_SEMI

// ---- names
/// host/group/shared-network/class names: "quoted" or a dotted name.
struct dotted_name_raw : pegtl::seq< word, pegtl::star< pegtl::one< '.' >, word > > {};
struct name_or_string_raw : pegtl::sor< string_raw, dotted_name_raw > {};
struct decl_name : tok< name_or_string_raw > {};
struct ip_raw : atom_raw {};
struct ip_tok : tok< ip_raw > {};

// ---- raw option / parameter values
struct val_string_raw : string_raw {};
struct val_atom_raw : atom_raw {};
struct val_comma_raw : comma_raw {};
struct value_item : tok< pegtl::sor< val_string_raw, val_comma_raw, val_atom_raw > > {};
struct values : pegtl::star< value_item > {};

// ---- block: '{' statement* '}'
struct statement;
struct block_open : lbrace {};
struct block_close : rbrace {};
struct block_item : pegtl::seq< pegtl::not_at< skip, pegtl::sor< rbrace_raw, pegtl::eof > >, pegtl::must< statement > > {};
struct block : pegtl::seq< block_open, pegtl::star< block_item >, pegtl::must< block_close > > {};

// ---- include "file";
struct include_file : tok< string_raw > {};
struct include_stmt : pegtl::if_must< tok< kw_include >, include_file, semi_include > {};

/// % ... ;   (keama directives; dhcpd skips them)
struct percent_stmt : pegtl::if_must< tok< pegtl::one< '%' > >, pegtl::until< semi_raw >, pegtl::success > {};

// ---- scopes
struct group_head : tok< kw_group > {};
struct group_name : decl_name {};
struct group_ref : pegtl::seq< group_name, semi_group > {};
struct group_open : pegtl::success {};
struct group_decl : pegtl::seq< pegtl::opt< group_name >, group_open, block > {};
struct group_stmt : pegtl::if_must< group_head, pegtl::sor< group_ref, group_decl > > {};

struct shared_network_head : tok< kw_shared_network > {};
struct shared_network_name : decl_name {};
struct shared_network_open : pegtl::success {};
struct shared_network_decl : pegtl::if_must< shared_network_head, shared_network_name, shared_network_open, block > {};

struct subnet_head : tok< kw_subnet > {};
struct subnet_network : ip_tok {};
struct subnet_netmask_kw : tok< kw_netmask > {};
struct subnet_netmask : ip_tok {};
struct subnet_open : pegtl::success {};
struct subnet_decl : pegtl::if_must< subnet_head, subnet_network, subnet_netmask_kw, subnet_netmask, subnet_open, block > {};
struct subnet6_decl : tok< kw_subnet6 > {};

struct pool_head : tok< kw_pool > {};
struct pool_open : pegtl::success {};
struct pool_decl : pegtl::if_must< pool_head, pool_open, block > {};

struct host_head : tok< kw_host > {};
struct host_name : decl_name {};
struct host_open : pegtl::success {};
struct host_decl : pegtl::if_must< host_head, host_name, host_open, block > {};

struct class_head : tok< pegtl::sor< kw_class, kw_vendor_class, kw_user_class > > {};
struct class_name : decl_name {};
struct class_open : pegtl::success {};
struct class_decl : pegtl::if_must< class_head, class_name, class_open, block > {};

struct subclass_head : tok< kw_subclass > {};
struct subclass_class : decl_name {};
struct subclass_value_string : string_raw {};
struct subclass_value_hex : atom_raw {};
struct subclass_value : tok< pegtl::sor< subclass_value_string, subclass_value_hex > > {};
struct subclass_open : pegtl::success {};
struct subclass_end : pegtl::sor< semi_subclass, pegtl::seq< subclass_open, block > > {};
struct subclass_decl : pegtl::if_must< subclass_head, subclass_class, subclass_value, subclass_end > {};

// ---- failover / key / zone: generic lines
struct generic_word_raw : pegtl::plus< pegtl::not_one< ' ', '\t', '\r', '\n', '\f', '\v', ';', '{', '}', '"', '#', ',' > > {};
struct generic_word : tok< pegtl::sor< string_raw, comma_raw, generic_word_raw > > {};
struct generic_line : pegtl::seq< pegtl::plus< generic_word >, pegtl::must< semi_line > > {};
struct generic_open : lbrace {};
struct generic_close : rbrace {};
struct generic_block : pegtl::seq< pegtl::must< generic_open >, pegtl::star< generic_line >, pegtl::must< generic_close > > {};

struct failover_head : tok< kw_failover > {};
struct failover_peer_kw : tok< kw_peer > {};
struct failover_name : decl_name {};
struct failover_ref : semi_failover {};
struct failover_decl : pegtl::if_must< failover_head, failover_peer_kw, failover_name, pegtl::sor< failover_ref, generic_block > > {};

struct key_head : tok< kw_key > {};
struct key_name : decl_name {};
struct key_decl : pegtl::if_must< key_head, key_name, generic_block, pegtl::opt< ptok< semi_raw > > > {};

struct zone_head : tok< kw_zone > {};
struct zone_name_raw : pegtl::sor< string_raw, pegtl::seq< word, pegtl::star< pegtl::one< '.' >, pegtl::opt< word > > > > {};
struct zone_name : tok< zone_name_raw > {};
struct zone_decl : pegtl::if_must< zone_head, zone_name, generic_block > {};

// ---- option statements and definitions
/// option space NAME [code width N] [length width N] [hash size N];
struct option_space_kw : tok< kw_space > {};
struct option_space_name : tok< word > {};
struct space_number : number_tok {};
struct space_code_width : pegtl::if_must< tok< kw_code >, tok< kw_width >, space_number > {};
struct space_length_width : pegtl::if_must< tok< kw_length >, tok< kw_width >, space_number > {};
struct space_hash_size : pegtl::if_must< tok< kw_hash >, tok< kw_size >, space_number > {};
struct option_space_decl : pegtl::if_must< option_space_kw, option_space_name,
  pegtl::star< pegtl::sor< space_code_width, space_length_width, space_hash_size > >, semi_option_space > {};

/// option NAME code N = TYPE;   TYPE: [array of] (simple | { field, ... }), field: [array of] simple
struct type_width : number_tok {};
struct type_simple : pegtl::sor<
  tok< kw_boolean >,
  pegtl::if_must< tok< pegtl::sor< kw_signed, kw_unsigned > >, tok< kw_integer >, type_width >,
  pegtl::if_must< tok< kw_integer >, type_width >,
  tok< kw_ip_address >, tok< kw_ip6_address >, tok< kw_text >, tok< kw_string >,
  pegtl::seq< tok< kw_domain_list >, pegtl::opt< tok< kw_compressed > > >, tok< kw_domain_name >,
  tok< kw_zerolen >, pegtl::if_must< tok< kw_encapsulate >, option_space_name > > {};
struct type_array_of : pegtl::if_must< tok< kw_array >, tok< kw_of > > {};
struct type_field : pegtl::seq< pegtl::opt< type_array_of >, pegtl::must< type_simple > > {};
struct type_record : pegtl::if_must< lbrace, type_field, pegtl::star< comma, type_field >, rbrace > {};
struct option_type : pegtl::seq< pegtl::opt< type_array_of >, pegtl::sor< type_record, type_simple > > {};
struct option_type_must : pegtl::must< option_type > {};
struct option_code : number_tok {};
struct option_def_tail : pegtl::if_must< tok< kw_code >, option_code, equals, option_type_must, semi_option_def > {};

struct option_stmt_name : option_name {};
struct option_expr : expr_data {};
struct option_expr_tail : pegtl::if_must< equals, option_expr, semi_option > {};
struct option_values_tail : pegtl::seq< values, pegtl::must< semi_option > > {};
struct option_named : pegtl::seq< option_stmt_name, pegtl::sor< option_def_tail, option_expr_tail, option_values_tail > > {};
struct option_head : tok< kw_option > {};
struct option_stmt : pegtl::if_must< option_head, pegtl::sor< option_space_decl, option_named > > {};

/// supersede|append|prepend|send|default NAME value;   (default: in a switch is a label)
struct verb_head : tok< pegtl::sor< kw_supersede, kw_append, kw_prepend, kw_send > > {};
struct verb_option : pegtl::seq< option_stmt_name, pegtl::sor< option_expr_tail, option_values_tail > > {};
struct verb_stmt : pegtl::if_must< verb_head, verb_option > {};
struct default_head : tok< kw_default > {};
struct default_label : colon {};
struct default_stmt : pegtl::if_must< default_head, pegtl::sor< default_label, verb_option > > {};

// ---- declarations inside scopes
struct range_head : tok< kw_range > {};
struct range_dynamic_bootp : tok< kw_dynamic_bootp > {};
struct range_low : ip_tok {};
struct range_high : ip_tok {};
struct range_stmt : pegtl::if_must< range_head, pegtl::opt< range_dynamic_bootp >, range_low, pegtl::opt< range_high >, semi_range > {};

struct fixed_address_head : tok< kw_fixed_address > {};
struct fixed_address_entry : tok< atom_raw > {};
struct fixed_address_stmt : pegtl::if_must< fixed_address_head, fixed_address_entry, pegtl::star< comma, fixed_address_entry >, semi_fixed_address > {};

struct hardware_head : tok< kw_hardware > {};
struct hardware_type : tok< pegtl::sor< kw_ethernet, kw_token_ring, kw_fddi, kw_infiniband > > {};
struct hardware_address : tok< atom_raw > {};
struct hardware_stmt : pegtl::if_must< hardware_head, hardware_type, hardware_address, semi_hardware > {};

/// allow|deny|ignore PERMIT;  (in a pool a permit list entry; elsewhere a server flag)
struct permit_head : tok< pegtl::sor< kw_allow, kw_deny, kw_ignore > > {};
struct permit_unknown : pegtl::sor< tok< kw_unknown_clients >, pegtl::seq< tok< kw_unknown >, tok< kw_clients > > > {};
struct permit_known : pegtl::sor< tok< kw_known_clients >, pegtl::seq< tok< kw_known >, tok< kw_clients > > > {};
struct permit_all : pegtl::if_must< tok< kw_all >, tok< kw_clients > > {};
struct permit_dynamic_bootp : pegtl::if_must< tok< kw_dynamic_kw >, tok< kw_bootp >, tok< kw_clients > > {};
struct permit_authenticated : pegtl::if_must< tok< kw_authenticated >, tok< kw_clients > > {};
struct permit_unauthenticated : pegtl::if_must< tok< kw_unauthenticated >, tok< kw_clients > > {};
struct permit_class : tok< string_raw > {};
struct permit_members : pegtl::if_must< tok< kw_members >, tok< kw_of >, permit_class > {};
struct permit_date : tok< pegtl::plus< pegtl::not_one< ';', '{', '}', '#' > > > {};
struct permit_after : pegtl::if_must< tok< kw_after >, permit_date > {};
struct permit_flag : tok< pegtl::sor< kw_bootp, kw_booting, kw_dynamic_bootp, kw_duplicates, kw_declines,
                                      kw_client_updates, kw_leasequery > > {};
struct permit_what : pegtl::sor< permit_unknown, permit_known, permit_all, permit_dynamic_bootp,
                                 permit_authenticated, permit_unauthenticated, permit_members, permit_after,
                                 permit_flag > {};
struct permit_stmt : pegtl::if_must< permit_head, permit_what, semi_permit > {};

struct authoritative_stmt : pegtl::if_must< tok< kw_authoritative >, semi_authoritative > {};
struct not_authoritative_stmt : pegtl::if_must< tok< kw_not >, tok< kw_authoritative >, semi_authoritative > {};
struct server_identifier_head : tok< kw_server_identifier > {};
struct server_identifier_stmt : pegtl::if_must< server_identifier_head, values, semi_server_identifier > {};

// ---- class bodies
struct match_if_kw : tok< kw_if > {};
struct match_if : pegtl::if_must< match_if_kw, expr_bool > {};
struct match_data : expr_data {};
struct match_stmt : pegtl::if_must< tok< kw_match >, pegtl::sor< match_if, match_data >, semi_match > {};
struct spawn_stmt : pegtl::if_must< tok< kw_spawn >, tok< kw_with >, match_data, semi_match > {};
struct lease_limit_number : number_tok {};
struct lease_limit_stmt : pegtl::if_must< tok< kw_lease >, tok< kw_limit >, lease_limit_number, semi_lease_limit > {};

// ---- host-only parameters
struct host_param_head : tok< pegtl::sor< kw_uid, kw_host_identifier, kw_dynamic, kw_deleted > > {};
struct host_param_stmt : pegtl::if_must< host_param_head, values, semi_host_param > {};

/// interface NAME; lease-id-format F; server-duid ...; db-time-format local|default;
struct misc_param_head : tok< pegtl::sor< kw_interface, kw_lease_id_format, kw_server_duid, kw_db_time_format > > {};
struct misc_param_stmt : pegtl::if_must< misc_param_head, values, semi_param > {};

// ---- executable statements
/// if BOOL { } [elsif BOOL { } | else if BOOL { }]* [else { }]
/// dhcpd quirk: a '(' right after if/elsif opens the condition and its ')' closes it, so
/// `if (a) and (b) {` is an error ("left brace expected"), as in dhcpd.
struct cond_lparen : lparen {};
struct cond_rparen : rparen {};
struct if_condition : pegtl::sor< pegtl::if_must< cond_lparen, expr_bool, cond_rparen >, expr_bool > {};
struct if_head : tok< kw_if > {};
struct if_branch_open : pegtl::success {};
struct elsif_head : tok< pegtl::sor< kw_elsif, pegtl::seq< kw_else, skip, kw_if > > > {};
struct else_head : tok< kw_else > {};
struct elsif_clause : pegtl::if_must< elsif_head, if_condition, if_branch_open, block > {};
struct else_open : pegtl::success {};
struct else_clause : pegtl::if_must< else_head, else_open, block > {};
struct if_stmt : pegtl::if_must< if_head, if_condition, if_branch_open, block, pegtl::star< elsif_clause >, pegtl::opt< else_clause > > {};

struct switch_expr : expr_any {};
struct switch_open : pegtl::success {};
struct switch_stmt : pegtl::if_must< tok< kw_switch >, lparen, switch_expr, rparen, switch_open, block > {};
struct case_value : expr_any {};
struct case_stmt : pegtl::if_must< tok< kw_case >, case_value, colon > {};

struct set_value : expr_any {};
struct set_stmt : pegtl::if_must< tok< kw_set >, variable_name, equals, set_value, semi_set > {};
struct define_param : tok< word > {};
struct define_params : pegtl::opt< define_param, pegtl::star< comma, define_param > > {};
struct define_open : pegtl::success {};
struct define_function : pegtl::if_must< lparen, define_params, rparen, define_open, block > {};
struct define_value : pegtl::if_must< equals, set_value, semi_set > {};
struct define_stmt : pegtl::if_must< tok< kw_define >, variable_name, pegtl::sor< define_function, define_value > > {};
struct unset_stmt : pegtl::if_must< tok< kw_unset >, variable_name, semi_unset > {};
struct eval_value : expr_any {};
struct eval_stmt : pegtl::if_must< tok< kw_eval >, eval_value, semi_eval > {};
struct return_stmt : pegtl::if_must< tok< kw_return >, eval_value, semi_return > {};
struct log_priority : tok< pegtl::sor< kw_fatal, kw_error, kw_info, kw_debug > > {};
struct log_stmt : pegtl::if_must< tok< kw_log >, lparen, pegtl::opt< log_priority, pegtl::must< comma > >, expr_data, rparen, semi_log > {};
struct execute_command : tok< string_raw > {};
struct execute_stmt : pegtl::if_must< tok< kw_execute >, lparen, execute_command, pegtl::star< comma, expr_data >, rparen, semi_execute > {};
struct on_event : tok< pegtl::sor< kw_commit, kw_release, kw_expiry > > {};
struct on_open : pegtl::success {};
struct on_empty : ptok< semi_raw > {};
struct on_stmt : pegtl::if_must< tok< kw_on >, on_event, pegtl::star< tok< kw_or >, pegtl::must< on_event > >,
                                 pegtl::sor< on_empty, pegtl::seq< on_open, block > > > {};
struct add_class : tok< string_raw > {};
struct add_stmt : pegtl::if_must< tok< kw_add >, add_class, semi_add > {};
struct break_stmt : pegtl::if_must< tok< kw_break >, semi_break > {};
struct parse_vendor_option_stmt : pegtl::if_must< tok< kw_parse_vendor_option >, semi_statement > {};

/// A server-space parameter: NAME value...;  or  NAME = data-expr;
struct param_name : tok< server_param_name > {};
struct param_expr : expr_data {};
struct param_stmt : pegtl::if_must< param_name, pegtl::sor< pegtl::if_must< equals, param_expr >, values >, semi_param > {};

/// Anything else starting with a name: dhcpd parses it as an expression statement (`foo;`, `f(x);`).
struct expr_stmt_value : expr_data {};
struct expr_stmt : pegtl::seq< pegtl::at< skip, word_char >, expr_stmt_value, pegtl::must< semi_expr_stmt > > {};

struct statement : pegtl::sor<
  include_stmt, percent_stmt, group_stmt, shared_network_decl, subnet_decl, subnet6_decl, pool_decl,
  host_decl, class_decl, subclass_decl, failover_decl, key_decl, zone_decl, option_stmt, verb_stmt,
  default_stmt, range_stmt, fixed_address_stmt, hardware_stmt, permit_stmt, authoritative_stmt,
  not_authoritative_stmt, server_identifier_stmt, match_stmt, spawn_stmt, lease_limit_stmt,
  host_param_stmt, misc_param_stmt, if_stmt, switch_stmt, case_stmt, set_stmt, define_stmt,
  unset_stmt, eval_stmt, return_stmt, log_stmt, execute_stmt, on_stmt, add_stmt, break_stmt,
  parse_vendor_option_stmt, param_stmt, expr_stmt > {};

struct config_item : pegtl::seq< pegtl::not_at< skip, pegtl::eof >, pegtl::must< statement > > {};
struct config_end : pegtl::seq< skip, pegtl::eof > {};
/// The whole file.
struct config : pegtl::seq< pegtl::star< config_item >, pegtl::must< config_end > > {};
// clang-format on

}  // namespace isc2dnsmasq::grammar::isc

namespace tao::pegtl {
template <typename Name>
struct analyze_traits<Name, isc2dnsmasq::grammar::isc::server_param_name> : analyze_any_traits<> {};
}  // namespace tao::pegtl
