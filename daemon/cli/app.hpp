#pragma once
/// The command line: parses arguments, sets up logging and runs one command.

namespace feedd {

/// Runs feedd with the process arguments; returns the exit code (0 success, 1 bad input or
/// failure, 2 usage error).
int run_cli(int argc, const char* const* argv);

}  // namespace feedd
