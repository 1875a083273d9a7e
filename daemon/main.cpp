// Wiring only: the commands live in daemon/cli/.
#include "daemon/cli/app.hpp"

int main(int argc, char** argv) {
  return feedd::run_cli(argc, argv);
}
