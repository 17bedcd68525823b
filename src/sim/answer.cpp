// Answer helpers (address sets, boot fields as a client reads them) and the Answer JSON reader/writer.
#include "sim/answer.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "sim/json_fields.hpp"

namespace isc2dnsmasq::sim {

const char* reply_name(Reply r) {
  switch (r) {
    case Reply::None: return "none";
    case Reply::Offer: return "offer";
    case Reply::Ack: return "ack";
    case Reply::Nak: return "nak";
    case Reply::Bootp: return "bootp";
  }
  return "none";
}

void AddressSet::add(Ipv4 first, Ipv4 last) {
  if (last < first) std::swap(first, last);
  // Find the insertion point, then merge every range that overlaps or touches [first, last].
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), first,
                             [](const AddressRange& r, Ipv4 a) { return r.last < a; });
  if (it != ranges_.begin()) {
    auto prev = std::prev(it);
    if (prev->last.value != 0xffffffffu && prev->last.value + 1 == first.value) it = prev;
  }
  AddressRange merged{first, last};
  auto end = it;
  while (end != ranges_.end() &&
         (end->first <= merged.last || (merged.last.value != 0xffffffffu && end->first.value == merged.last.value + 1))) {
    merged.first = std::min(merged.first, end->first);
    merged.last = std::max(merged.last, end->last);
    ++end;
  }
  it = ranges_.erase(it, end);
  ranges_.insert(it, merged);
}

bool AddressSet::contains(Ipv4 a) const {
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), a,
                             [](const AddressRange& r, Ipv4 x) { return r.last < x; });
  return it != ranges_.end() && it->contains(a);
}

std::uint64_t AddressSet::size() const {
  std::uint64_t n = 0;
  for (const auto& r : ranges_) n += std::uint64_t{r.last.value} - r.first.value + 1;
  return n;
}

std::string AddressSet::str() const {
  std::string out;
  for (const auto& r : ranges_) {
    if (!out.empty()) out += ',';
    out += r.first.str();
    if (r.last != r.first) out += '-' + r.last.str();
  }
  return out;
}

const Bytes* Answer::option(std::uint8_t code) const {
  for (const auto& o : options) {
    if (o.code == code) return &o.value;
  }
  return nullptr;
}

namespace {
std::string without_trailing_nuls(const Bytes& b) {
  std::string s(b.begin(), b.end());
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}
}  // namespace

std::string Answer::boot_file() const {
  if (const Bytes* b = option(67)) return without_trailing_nuls(*b);
  return file;
}

std::string Answer::boot_server() const {
  if (const Bytes* b = option(66)) return without_trailing_nuls(*b);
  return sname;
}

std::string answer_to_json(const Answer& a, int indent, bool with_why) {
  json::Writer w(indent);
  w.begin_object();
  if (!a.server.empty()) w.key("server").value(a.server);
  w.key("reply").value(reply_name(a.reply));
  w.key("yiaddr");
  if (a.yiaddr) w.value(a.yiaddr->str()); else w.null();
  w.key("pool").begin_array();
  for (const auto& r : a.pool.ranges()) w.value(r.first == r.last ? r.first.str() : r.first.str() + "-" + r.last.str());
  w.end_array();
  w.key("siaddr").value(a.siaddr.str());
  w.key("sname").value(a.sname);
  w.key("file").value(a.file);
  w.key("lease_time");
  if (a.lease_time) w.value(static_cast<std::uint64_t>(*a.lease_time)); else w.null();
  w.key("options").begin_array();
  for (const auto& o : a.options) {
    json::Writer item;  // each option on one line even in indented output
    item.begin_object().key("code").value(static_cast<unsigned>(o.code)).key("hex").value(to_hex(o.value)).end_object();
    w.raw(item.str());
  }
  w.end_array();
  if (with_why && !a.why.empty()) {
    w.key("why").begin_array();
    for (const auto& y : a.why) {
      json::Writer item;
      item.begin_object().key("field").value(y.field).key("at").value(y.location).key("because").value(y.reason).end_object();
      w.raw(item.str());
    }
    w.end_array();
  }
  w.end_object();
  return w.str();
}

namespace {

class AnswerReader : JsonFields {
public:
  using JsonFields::JsonFields;

  std::optional<Answer> read(const json::Value& root) {
    if (!root.is_object()) {
      error_at(root, "an answer must be a JSON object");
      return std::nullopt;
    }
    Answer a;
    bool ok = true;
    for (const auto& [key, v] : root.object) {
      if (key == "server") {
        if (auto s = string(v, key)) a.server = *s; else ok = false;
      } else if (key == "reply") {
        auto s = string(v, key);
        if (!s) { ok = false; continue; }
        if (*s == "none") a.reply = Reply::None;
        else if (*s == "offer") a.reply = Reply::Offer;
        else if (*s == "ack") a.reply = Reply::Ack;
        else if (*s == "nak") a.reply = Reply::Nak;
        else if (*s == "bootp") a.reply = Reply::Bootp;
        else ok = error_at(v, fmt::format("unknown reply '{}'; expected none, offer, ack, nak or bootp", *s));
      } else if (key == "yiaddr") {
        if (v.is_null()) continue;
        if (auto ip = address(v, key)) a.yiaddr = ip; else ok = false;
      } else if (key == "pool") {
        if (!v.is_array()) { ok = error_at(v, "'pool' must be an array of \"A\" or \"A-B\" strings"); continue; }
        for (const auto& e : v.array) {
          auto s = string(e, "pool");
          if (!s) { ok = false; break; }
          auto dash = s->find('-');
          auto first = Ipv4::parse(std::string_view(*s).substr(0, dash));
          auto last = dash == std::string::npos ? first : Ipv4::parse(std::string_view(*s).substr(dash + 1));
          if (!first || !last || *last < *first) { ok = error_at(e, fmt::format("invalid address range '{}'", *s)); break; }
          a.pool.add(*first, *last);
        }
      } else if (key == "siaddr") {
        if (auto ip = address(v, key)) a.siaddr = *ip; else ok = false;
      } else if (key == "sname") {
        if (auto s = string(v, key)) a.sname = *s; else ok = false;
      } else if (key == "file") {
        if (auto s = string(v, key)) a.file = *s; else ok = false;
      } else if (key == "lease_time") {
        if (v.is_null()) continue;
        auto n = v.as_uint();
        if (!n || *n > 0xffffffffu) { ok = error_at(v, "'lease_time' must be an integer from 0 to 4294967295"); continue; }
        a.lease_time = static_cast<std::uint32_t>(*n);
      } else if (key == "options") {
        if (!v.is_array()) { ok = error_at(v, "'options' must be an array of {\"code\": N, \"hex\": \"...\"}"); continue; }
        for (const auto& e : v.array) {
          const json::Value* c = e.find("code");
          const json::Value* h = e.find("hex");
          auto code = c ? c->as_uint() : std::nullopt;
          if (!e.is_object() || !code || *code > 255 || !h || !h->is_string() || e.object.size() != 2) {
            ok = error_at(e, "an option must be {\"code\": 0..255, \"hex\": \"...\"}");
            break;
          }
          auto bytes = parse_hex(h->string);
          if (!bytes) { ok = error_at(*h, fmt::format("invalid hex bytes '{}'", h->string)); break; }
          a.options.push_back({static_cast<std::uint8_t>(*code), std::move(*bytes)});
        }
      } else if (key == "why") {
        if (!v.is_array()) { ok = error_at(v, "'why' must be an array"); continue; }
        for (const auto& e : v.array) {
          const json::Value* f = e.find("field");
          const json::Value* at = e.find("at");
          const json::Value* because = e.find("because");
          if (!f || !f->is_string() || !at || !at->is_string() || !because || !because->is_string()) {
            ok = error_at(e, "a 'why' entry must be {\"field\": \"...\", \"at\": \"...\", \"because\": \"...\"}");
            break;
          }
          a.why.push_back({f->string, at->string, because->string});
        }
      } else {
        static const std::vector<std::string> keys = {"server", "reply", "yiaddr", "pool", "siaddr", "sname",
                                                      "file", "lease_time", "options", "why"};
        ok = error_at(v, fmt::format("unknown answer key '{}'{}", key, suggest(key, keys)));
      }
    }
    if (!ok) return std::nullopt;
    return a;
  }
};

}  // namespace

std::optional<Answer> parse_answer(const SourceFile& file, DiagnosticSink& sink) {
  auto root = json::parse_file(file, sink);
  if (!root) return std::nullopt;
  return AnswerReader(file, sink).read(*root);
}

std::optional<std::vector<Answer>> parse_answers(const SourceFile& file, DiagnosticSink& sink) {
  auto root = json::parse_file(file, sink);
  if (!root) return std::nullopt;
  AnswerReader reader(file, sink);
  std::vector<Answer> out;
  if (!root->is_array()) {
    auto a = reader.read(*root);
    if (!a) return std::nullopt;
    out.push_back(std::move(*a));
    return out;
  }
  bool ok = true;
  for (const auto& v : root->array) {
    auto a = reader.read(v);
    if (a) out.push_back(std::move(*a)); else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace isc2dnsmasq::sim
