// Helpers shared by the core tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace deadbolt::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string shared_data(const std::string& name) { return std::string(DEADBOLT_SHARED_TESTDATA) + "/" + name; }
inline std::string test_data(const std::string& name) { return std::string(DEADBOLT_TEST_DATA) + "/" + name; }

}  // namespace deadbolt::test
