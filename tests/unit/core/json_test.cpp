// Unit tests for core/json: strict parsing with located errors, and the writer.
#include <doctest/doctest.h>

#include "core/json.hpp"

using namespace isc2dnsmasq;

TEST_CASE("core json: parse values") {
  json::Error e;
  auto v = json::parse(R"( {"a": [1, -2.5e3, true, false, null], "b": "x\u00ffy\u20ac\n"} )", e);
  REQUIRE(v);
  REQUIRE(v->is_object());
  const json::Value* a = v->find("a");
  REQUIRE(a);
  REQUIRE(a->array.size() == 5);
  CHECK(a->array[0].as_uint() == 1u);
  CHECK_FALSE(a->array[1].as_uint());
  CHECK(a->array[1].number == -2500.0);
  CHECK(a->array[2].boolean);
  CHECK(a->array[4].is_null());
  CHECK(v->find("b")->string == std::string("x\xffy\xe2\x82\xac\n"));
  CHECK(v->find("b")->offset == 44);
  CHECK(v->find("zz") == nullptr);
}

TEST_CASE("core json: errors are located") {
  auto err = [](std::string_view text) {
    json::Error e;
    auto v = json::parse(text, e);
    CHECK_FALSE(v);
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
  };
  CHECK(err("{\"a\": 1,\n \"a\": 2}") == "2:2: duplicate key \"a\"");
  CHECK(err("[1, 2") == "1:6: expected ',' or ']' in array");
  CHECK(err("{\"a\" 1}") == "1:6: expected ':' after object key");
  CHECK(err("01") == "1:2: leading zeros are not allowed in numbers");
  CHECK(err("\"abc") == "1:5: unterminated string");
  CHECK(err("[1] x") == "1:5: unexpected text after the JSON value");
  CHECK(err("\"\\q\"") == "1:2: invalid escape '\\q' in string");
  CHECK(err("\"\\ud800\"") == "1:8: unpaired surrogate in \\u escape");
  CHECK(err("tru") == "1:1: invalid literal, expected 'true'");
  CHECK(err("") == "1:1: unexpected end of input, expected a value");
  CHECK(err(std::string(100, '[')) == "1:66: nesting deeper than 64 levels");
}

TEST_CASE("core json: writer") {
  json::Writer w;
  w.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).null().end_array().key("c").begin_object().end_object().end_object();
  CHECK(w.str() == R"({"a":1,"b":["x",true,null],"c":{}})");
  json::Writer p(2);
  p.begin_object().key("a").begin_array().value(1).value(2).end_array().end_object();
  CHECK(p.str() == "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
  // Writer output parses back, bytes >= 0x7f included.
  json::Writer q;
  q.value(std::string_view("\x01\xff\"", 3));
  json::Error e;
  auto v = json::parse(q.str(), e);
  REQUIRE(v);
  CHECK(v->string == std::string("\x01\xff\"", 3));
}
