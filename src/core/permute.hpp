// In-place reordering of a vector by a permutation (no second vector of elements).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace isc2dnsmasq {

/// Reorders `v` so that position k holds the element that was at `from(k)`, for a permutation
/// `from` of 0..v.size()-1. Follows the permutation's cycles, moving one element aside per cycle:
/// for vectors of large elements sorted through an index or key array.
template <typename T, typename From>
void apply_permutation(std::vector<T>& v, From from) {
  std::vector<bool> done(v.size(), false);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (done[i]) continue;
    done[i] = true;
    if (static_cast<std::size_t>(from(i)) == i) continue;
    T tmp = std::move(v[i]);
    std::size_t j = i;
    for (;;) {
      auto f = static_cast<std::size_t>(from(j));
      done[j] = true;
      if (f == i) {
        v[j] = std::move(tmp);
        break;
      }
      v[j] = std::move(v[f]);
      j = f;
    }
  }
}

}  // namespace isc2dnsmasq
