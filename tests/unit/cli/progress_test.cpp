// Unit tests for cli/progress: exact bytes written to a terminal, nothing otherwise.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "cli/progress.hpp"

using namespace isc2dnsmasq::cli;

TEST_CASE("cli progress: disabled writes nothing") {
  std::ostringstream err;
  {
    Progress p(err, false, "verify", 10);
    for (int i = 0; i < 10; ++i) p.advance();
    p.finish();
  }
  CHECK(err.str().empty());
}

TEST_CASE("cli progress: redraws when the percentage changes and erases itself") {
  std::ostringstream err;
  {
    Progress p(err, true, "verify", 4);
    p.advance();
    p.update(1);  // same percentage: no redraw
    p.update(4);
    p.update(9);  // clamped to total, same percentage
  }
  CHECK(err.str() ==
        "\rverify [------------------------------]   0% 0/4"
        "\rverify [#######-----------------------]  25% 1/4"
        "\rverify [##############################] 100% 4/4"
        "\r\033[K");
}

TEST_CASE("cli progress: at most 101 redraws for a long run") {
  std::ostringstream err;
  Progress p(err, true, "verify", 100000);
  for (int i = 0; i < 100000; ++i) p.advance();
  p.finish();
  std::string s = err.str();
  CHECK(std::count(s.begin(), s.end(), '\r') == 102);  // 101 draws + the erase
}

TEST_CASE("cli progress: only on a terminal") {
  std::ostringstream out, err;
  GlobalOptions g;
  Io pipe{out, err, false, false};
  Io tty{out, err, true, true};
  CHECK_FALSE(progress_enabled(g, pipe));
  const char* old_term = std::getenv("TERM");
  std::string saved_term = old_term ? old_term : "";
  setenv("TERM", "xterm", 1);
  unsetenv("ISC2DNSMASQ_NO_PROGRESS");
  CHECK(progress_enabled(g, tty));
  setenv("ISC2DNSMASQ_NO_PROGRESS", "1", 1);
  CHECK_FALSE(progress_enabled(g, tty));
  unsetenv("ISC2DNSMASQ_NO_PROGRESS");
  setenv("TERM", "dumb", 1);
  CHECK_FALSE(progress_enabled(g, tty));
  if (old_term) {
    setenv("TERM", saved_term.c_str(), 1);
  } else {
    unsetenv("TERM");
  }
}
