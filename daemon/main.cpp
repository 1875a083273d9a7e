#include <malloc.h>

#include "daemon/cli/app.hpp"

int main(int argc, char** argv) {
  // glibc gives each thread that allocates its own arena (up to 8 per core), and memory freed in
  // one stays there: the parse workers, the storage thread and the event loop then each hold
  // their own high-water mark. Two arenas keep peak RSS ~15% lower on a 5000-feed poll
  // (docs/BENCHMARKS.md) at no measurable cost in time.
  mallopt(M_ARENA_MAX, 2);
  return feedd::run_cli(argc, argv);
}
