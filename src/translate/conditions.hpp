// dhcp-eval boolean expressions -> dnsmasq tag conditions built from dhcp-match/-mac/-circuitid and tag-if.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dnsmasq/model.hpp"
#include "isc/ast.hpp"
#include "isc/resolve.hpp"
#include "translate/report.hpp"

namespace isc2dnsmasq::translate {

/// A conjunction of tag conditions. Empty = always true; `never` = can never hold.
struct Conj {
  std::vector<dnsmasq::TagCond> tags;
  bool never = false;
  bool always() const { return !never && tags.empty(); }
  /// Appends `other` (duplicates dropped; a literal and its negation make it `never`).
  void add(const Conj& other);
};

/// Hands out unique, readable tag names (letters, digits, '-', '_').
class TagNamer {
public:
  std::string unique(const std::string& base);
  static std::string sanitize(const std::string& s);
private:
  std::unordered_set<std::string> used_;  ///< membership only (order never read)
  std::unordered_map<std::string, int> next_;  ///< base -> first suffix number not known to be taken
};

/// Outcome of compiling one expression: the condition and how faithful it is.
struct Compiled {
  Conj conj;
  Outcome outcome = Outcome::Exact;
  std::string code;     ///< approx/... or untranslatable/... (empty when exact)
  std::string message;  ///< the condition under which dnsmasq decides differently, or why not
};

/// Compiles expressions into tags, adding the tag sources and tag-if lines to `model` (in an
/// order where every tag-if follows the lines it depends on). Identical atoms share one tag.
class ConditionCompiler {
public:
  using ClassTag = std::function<std::optional<std::string>(const std::string& class_name)>;

  ConditionCompiler(dnsmasq::Model& model, TagNamer& namer, const isc::Resolution& resolution, ClassTag class_tag);

  /// `in_class_match`: dhcpd evaluates `match if` before host lookup, so `known` is false there.
  Compiled compile(const isc::Expr& e, const dnsmasq::Origin& origin, bool in_class_match = false);

  /// A single tag that holds exactly when `c` holds (tag-if when `c` has several literals).
  dnsmasq::TagCond as_literal(const Conj& c, const dnsmasq::Origin& origin, const std::string& hint);
  /// The negation of `c` as a conjunction (one literal).
  Conj negate(const Conj& c, const dnsmasq::Origin& origin, const std::string& hint);
  /// A tag that holds when any of `alts` holds (tag-if lines).
  Conj any_of(const std::vector<Conj>& alts, const dnsmasq::Origin& origin, const std::string& hint);

  /// The dhcp option code that encapsulates `space` (e.g. ipxe -> 175), if any.
  std::optional<std::uint32_t> encapsulating_code(const std::string& space) const;

private:
  struct Fail {
    Outcome outcome;
    std::string code;
    std::string message;
  };
  Conj walk(const isc::Expr& e, const dnsmasq::Origin& origin, bool in_class_match);
  Conj equal(const isc::Expr& a, const isc::Expr& b, const dnsmasq::Origin& origin);
  Conj option_equal(std::uint32_t code, const std::string& name, std::size_t offset, const Bytes& data,
                    bool exact_length, const dnsmasq::Origin& origin);
  /// option_equal for a text option (dhcpd format `t`/`k`), whose trailing NULs dhcpd strips on input.
  Conj text_option_equal(std::uint32_t code, const std::string& name, std::size_t offset, const Bytes& data,
                         bool exact_length, const dnsmasq::Origin& origin);
  std::string match_tag(const dnsmasq::OptionSpec& spec, const std::string& hint, const dnsmasq::Origin& origin);
  void degrade(Outcome o, std::string code, std::string message);

  dnsmasq::Model& model_;
  TagNamer& namer_;
  const isc::Resolution& resolution_;
  ClassTag class_tag_;
  std::map<std::string, std::string> atoms_;  ///< canonical key -> tag
  std::map<std::string, std::uint32_t> encap_codes_;
  Compiled* current_ = nullptr;
};

}  // namespace isc2dnsmasq::translate
