#pragma once
/// When the writer's commits ask for WAL checkpoints (WalCheckpointer): a rule over frame
/// counts alone, so tests can feed it any sequence of commits.
///
/// - From `threshold` frames, the background thread is asked for a PASSIVE checkpoint once per
///   `threshold` frames added. Each checkpoint syncs the WAL and the database file; asked after
///   every commit of a writer that never pauses, it made 163 fsyncs of a 1000-feed cold poll.
/// - Within `threshold / 2` frames of the restart point, it is asked at every commit, so that
///   when the writer restarts the WAL the thread has left it little to copy.
/// - At `restart_at` (4 × threshold at first) the writer restarts the WAL itself; a restart that
///   found a reader still in the WAL is tried again `threshold` frames later.

namespace feedd {

class CheckpointSchedule {
 public:
  enum class Action { none, request, restart };

  static constexpr int long_log_factor = 4;

  explicit CheckpointSchedule(int threshold)
      : threshold_(threshold), long_log_(long_log_factor * threshold) {}

  /// What to do after a commit that left `frames` frames in the WAL.
  Action after_commit(int frames) {
    // Fewer frames than at the last commit: the WAL started over.
    if (frames < last_frames_) {
      restart_at_ = long_log_;
      request_at_ = threshold_;
    }
    last_frames_ = frames;
    if (frames >= restart_at_) return Action::restart;
    if (frames < request_at_ && frames < restart_at_ - threshold_ / 2) return Action::none;
    request_at_ = frames + threshold_;
    return Action::request;
  }

  /// The restart asked for at `frames` could not start the WAL over.
  void restart_failed(int frames) { restart_at_ = frames + threshold_; }

 private:
  int threshold_;
  int long_log_;
  int restart_at_ = long_log_;
  int request_at_ = threshold_;
  int last_frames_ = 0;
};

}  // namespace feedd
