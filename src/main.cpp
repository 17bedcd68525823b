// Entry point: hands argv to cli::run and returns its exit code.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "core/exit.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  isc2dnsmasq::enable_fast_exit();
  return isc2dnsmasq::cli::run(args, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
}
