#include "daemon/config/problem.hpp"

#include <utility>

namespace feedd {

using namespace std::string_literals;

std::string SourceLocation::to_string() const {
  if (line <= 0) return file;
  return file + ":"s + std::to_string(line);
}

std::string ConfigProblem::to_string() const {
  return location.to_string() + ": "s + message;
}

void add_problem(ConfigProblems& problems, SourceLocation location, std::string message) {
  ConfigProblem problem;
  problem.location = std::move(location);
  problem.message = std::move(message);
  problems.push_back(std::move(problem));
}

}  // namespace feedd
