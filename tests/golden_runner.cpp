// Runs one golden case directory (corpus/<area>/<case>/) in-process and compares outputs exactly.
//
// Input: dhcpd.conf (or dnsmasq.conf when there is no dhcpd.conf). Header lines "#% KEY: value":
//   CMD   subcommand to run (default: translate)      ARGS  extra arguments (split on spaces)
//   EXIT  expected exit code (default 0)              SKIP  reason to skip the case
// Expected files: expected.dnsmasq.conf (stdout of translate) or expected.out (stdout of other
// commands), expected.diag (stderr); an absent file means the stream must be empty.
// expected.verdict: stdout of `verify INPUT [dnsmasq.conf]` when present.
// `golden_runner --update DIR` rewrites the expected files from the actual outputs.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i];
  }
  return out;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream ss(s);
  std::string w;
  while (ss >> w) out.push_back(w);
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream ss(s);
  std::string l;
  while (std::getline(ss, l)) out.push_back(l);
  return out;
}

// A minimal unified-style diff: the expected and actual lines around the first difference.
void print_diff(const std::string& name, const std::string& expected, const std::string& actual) {
  auto e = lines_of(expected), a = lines_of(actual);
  std::size_t i = 0;
  while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
  std::cerr << "--- " << name << "\n+++ actual\n@@ line " << i + 1 << " @@\n";
  std::size_t from = i >= 3 ? i - 3 : 0;
  for (std::size_t k = from; k < i; ++k) std::cerr << " " << e[k] << "\n";
  for (std::size_t k = i; k < e.size() && k < i + 20; ++k) std::cerr << "-" << e[k] << "\n";
  for (std::size_t k = i; k < a.size() && k < i + 20; ++k) std::cerr << "+" << a[k] << "\n";
}

bool compare_or_update(const fs::path& dir, const std::string& file, const std::string& actual, bool update) {
  fs::path p = dir / file;
  if (update) {
    if (actual.empty()) {
      fs::remove(p);
    } else {
      std::ofstream(p, std::ios::binary) << actual;
    }
    return true;
  }
  std::string expected = fs::exists(p) ? read_file(p) : std::string();
  if (expected == actual) return true;
  std::cerr << "MISMATCH in " << (dir / file).string() << "\n";
  print_diff(file, expected, actual);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  bool update = false;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--update" || a == "-r") {
      update = true;
    } else {
      dirs.push_back(a);
    }
  }
  if (dirs.empty()) {
    std::cerr << "usage: golden_runner [--update] CASE_DIR...\n";
    return 2;
  }
  int failures = 0;
  fs::path start = fs::current_path();
  for (const auto& d : dirs) {
    fs::path dir = fs::absolute(start / d);
    fs::current_path(dir);
    std::string input = fs::exists(dir / "dhcpd.conf") ? "dhcpd.conf" : "dnsmasq.conf";
    std::string cmd = "translate", args, skip;
    int expected_exit = 0;
    for (const auto& line : lines_of(read_file(dir / input))) {
      if (line.rfind("#%", 0) != 0) continue;
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string key = line.substr(2, colon - 2);
      key.erase(0, key.find_first_not_of(' '));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (key == "CMD") cmd = value;
      if (key == "ARGS") args = value;
      if (key == "EXIT") expected_exit = std::stoi(value);
      if (key == "SKIP") skip = value;
    }
    if (!skip.empty()) {
      std::cout << "SKIPPED " << d << ": " << skip << "\n";
      continue;
    }
    std::vector<std::string> argv_run = split_words(cmd);
    argv_run.push_back(input);
    for (auto& w : split_words(args)) argv_run.push_back(w);
    std::ostringstream out, err;
    int code = isc2dnsmasq::cli::run(argv_run, out, err);
    bool ok = true;
    std::string out_file = cmd == "translate" ? "expected.dnsmasq.conf" : "expected.out";
    ok &= compare_or_update(dir, out_file, out.str(), update);
    ok &= compare_or_update(dir, "expected.diag", err.str(), update);
    if (!update && code != expected_exit) {
      std::cerr << "EXIT MISMATCH in " << d << ": expected " << expected_exit << ", got " << code << "\n";
      ok = false;
    }
    if (fs::exists(dir / "expected.verdict") || (update && cmd == "translate" && fs::exists(dir / "dnsmasq.conf"))) {
      std::vector<std::string> vargs = {"verify", input};
      if (fs::exists(dir / "dnsmasq.conf") && input != "dnsmasq.conf") vargs.push_back("dnsmasq.conf");
      std::ostringstream vout, verr;
      isc2dnsmasq::cli::run(vargs, vout, verr);
      ok &= compare_or_update(dir, "expected.verdict", vout.str(), update);
    }
    if (!ok) ++failures;
    fs::current_path(start);
  }
  return failures == 0 ? 0 : 1;
}
