// Unit tests for core/view_index: dense ids and position lists by string view, across table growth.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/view_index.hpp"

using namespace isc2dnsmasq;

TEST_CASE("core view_index: dense ids in insertion order, found again after the table grows") {
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("dhcpd.conf:" + std::to_string(i));
  ViewIndex ix;
  CHECK(ix.find("dhcpd.conf:1") == ViewIndex::npos);  // empty index
  for (std::size_t i = 0; i < keys.size(); ++i) CHECK(ix.insert(keys[i]) == i);
  CHECK(ix.size() == keys.size());
  // A second insert of an equal key (other storage) gives the first id, not a new one.
  std::string again = "dhcpd.conf:4321";
  CHECK(ix.insert(again) == 4321);
  CHECK(ix.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); i += 97) CHECK(ix.find(keys[i]) == i);
  CHECK(ix.find("dhcpd.conf:5000") == ViewIndex::npos);
  CHECK(ix.find("") == ViewIndex::npos);
  CHECK(ix.insert("") == keys.size());  // the empty view is a key like any other
  CHECK(ix.find("") == keys.size());
}

TEST_CASE("core view_index: position lists keep insertion order and drop an immediate repeat") {
  std::vector<std::uint8_t> mac_a{0x02, 0, 0, 0, 0, 1}, mac_b{0x02, 0, 0, 0, 0, 2}, mac_nul{0, 0, 0, 0, 0, 0};
  ViewLists lists;
  lists.add(byte_view(mac_a), 3);
  lists.add(byte_view(mac_a), 3);  // one host naming the same MAC twice
  lists.add(byte_view(mac_b), 4);
  lists.add(byte_view(mac_a), 9);
  lists.add(byte_view(mac_nul), 5);  // NUL bytes are key bytes, not terminators
  CHECK(lists.find(byte_view(mac_a)) == std::vector<std::size_t>{3, 9});
  CHECK(lists.find(byte_view(mac_b)) == std::vector<std::size_t>{4});
  CHECK(lists.find(byte_view(mac_nul)) == std::vector<std::size_t>{5});
  CHECK(lists.find(byte_view(mac_nul, 1)).empty());  // five NULs: another key
  std::vector<std::uint8_t> other{0x02, 0, 0, 0, 0, 7};
  CHECK(lists.find(byte_view(other)).empty());
}
