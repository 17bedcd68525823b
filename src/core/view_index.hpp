// Flat hash indexes over string views: dense ids (ViewIndex) and position lists (ViewLists) by key.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace isc2dnsmasq {

/// Dense ids 0, 1, 2, ... for distinct string views, in insertion order. Open addressing with a
/// 32-bit hash check in each slot: one probe array and no node per key, for indexes over hundreds
/// of thousands of keys that are looked up for every simulated answer. The viewed bytes must
/// outlive the index.
class ViewIndex {
public:
  static constexpr std::uint32_t npos = 0xffffffffu;

  /// The id of `key`, which is size() before the call when `key` is new.
  std::uint32_t insert(std::string_view key) {
    if (2 * (keys_.size() + 1) > slots_.size()) grow();
    std::uint64_t h = hash(key);
    std::size_t i = probe(key, h);
    if (slots_[i].id == 0) {
      keys_.push_back(key);
      slots_[i] = {static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(h)};
    }
    return slots_[i].id - 1;
  }
  /// The id of `key`, or npos.
  std::uint32_t find(std::string_view key) const {
    if (slots_.empty()) return npos;
    const Slot& s = slots_[probe(key, hash(key))];
    return s.id ? s.id - 1 : npos;
  }
  std::size_t size() const { return keys_.size(); }

private:
  struct Slot {
    std::uint32_t id = 0;  // id + 1; 0 = empty
    std::uint32_t tag = 0;  // low bits of the key's hash
  };
  static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }
  std::size_t probe(std::string_view key, std::uint64_t h) const {
    std::size_t mask = slots_.size() - 1;
    auto tag = static_cast<std::uint32_t>(h);
    for (std::size_t i = (h >> 32) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id == 0 || (s.tag == tag && keys_[s.id - 1] == key)) return i;
    }
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.id) continue;
      std::size_t i = (hash(keys_[s.id - 1]) >> 32) & mask;
      while (slots_[i].id) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> keys_;
};

/// Lists of positions by key (a multimap of views to positions, each list in insertion order).
class ViewLists {
public:
  /// Appends `pos` to the list of `key` unless it already ends with `pos`.
  void add(std::string_view key, std::size_t pos) {
    std::uint32_t id = ids_.insert(key);
    if (id == lists_.size()) lists_.emplace_back();
    auto& l = lists_[id];
    if (l.empty() || l.back() != pos) l.push_back(pos);
  }
  /// The list of `key`; empty when `key` was never added.
  const std::vector<std::size_t>& find(std::string_view key) const {
    static const std::vector<std::size_t> kNone;
    std::uint32_t id = ids_.find(key);
    return id == ViewIndex::npos ? kNone : lists_[id];
  }

private:
  ViewIndex ids_;
  std::vector<std::vector<std::size_t>> lists_;
};

/// `bytes` (a std::vector<std::uint8_t> or similar) as a string view of the same bytes.
template <typename ByteVector>
std::string_view byte_view(const ByteVector& bytes, std::size_t skip = 0) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()) + skip, bytes.size() - skip);
}

}  // namespace isc2dnsmasq
