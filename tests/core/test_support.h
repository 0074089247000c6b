// Helpers shared by the core tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace deadbolt::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rows of a tab-separated file, without its '#' comment lines and its header.
inline std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(path));
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    while (true) {
      const auto tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(cols));
  }
  return rows;
}

// A v1 list of one person with `n` accounts on `platform`: "user0", "user1", …
inline std::string many_accounts_list(const std::string& platform, int n) {
  std::string json = R"({"version":1,"people":[{"name":"Many","accounts":[)";
  for (int i = 0; i < n; ++i)
    json += (i ? "," : "") + std::string(R"({"platform":")") + platform + R"(","handle":"user)" + std::to_string(i) +
            "\"}";
  return json + "]}]}";
}

inline std::string test_data(const std::string& name) { return std::string(DEADBOLT_TEST_DATA) + "/" + name; }

}  // namespace deadbolt::test
