#include <malloc.h>
#include <sqlite3.h>

#include "daemon/cli/app.hpp"

int main(int argc, char** argv) {
  // Peak RSS of a 5000-feed poll (docs/BENCHMARKS.md): glibc gives each allocating thread its
  // own arena (up to 8 per core) and memory freed in one stays there, so the parse workers,
  // the storage thread and the event loop each kept their own high-water mark; and once a
  // large block is freed glibc raises its mmap threshold, after which feed bodies and parsed
  // documents come from (and fragment) the heap instead of going back to the kernel when
  // freed. Two arenas and a fixed 128 KiB threshold: 43 -> 38 MB, no measurable cost in time.
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  // Setting the mmap threshold also pins the trim threshold at its 128 KiB default: the heap
  // top was handed back to the kernel and faulted in again between documents (218 brk calls
  // and 37k page faults in a 5000-feed cold poll; 18 and 17k with up to 4 MiB kept).
  mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
  mallopt(M_TOP_PAD, 512 * 1024);
  // SQLite's sorter (the CREATE INDEX that ends a first poll) holds at least 250 pages per
  // sorted run, whatever cache_size says: 2 MiB with 8 KiB pages. 128 pages keeps it at the
  // 1 MiB that restore_date_index asks for. Must come before SQLite initializes.
  sqlite3_config(SQLITE_CONFIG_PMASZ, 128);
  // Without memory statistics sqlite3_malloc and sqlite3_free take no global mutex: the storage
  // thread spent ~3% of a cold poll locking it. feedd reads no SQLite memory statistics and
  // sets no soft heap limit (which would need them).
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return feedd::run_cli(argc, argv);
}
