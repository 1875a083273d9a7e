#include "daemon/storage/checkpoint_schedule.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace feedd {
namespace {

using Action = CheckpointSchedule::Action;

/// The frame counts at which commits of `step` frames each, from an empty WAL up to `last`,
/// get `wanted` from a schedule of threshold 1000.
std::vector<int> frames_when(Action wanted, int step, int last) {
  CheckpointSchedule schedule(1000);
  std::vector<int> at;
  for (int frames = step; frames <= last; frames += step)
    if (schedule.after_commit(frames) == wanted) at.push_back(frames);
  return at;
}

TEST(CheckpointSchedule, AsksOncePerThresholdOfNewFrames) {
  // Commits of 30 frames: the thread is asked at the first commit past 1000, 2000 and 3000
  // frames, not at each of the ~80 commits in between.
  const auto requests = frames_when(Action::request, 30, 3480);
  EXPECT_EQ(requests, (std::vector<int>{1020, 2040, 3060}));
}

TEST(CheckpointSchedule, AsksAtEveryCommitJustBeforeTheRestart) {
  // From 3500 frames, half a threshold before the restart at 4000: the thread keeps up, and
  // the writer's restart finds little left to copy.
  const auto requests = frames_when(Action::request, 100, 3900);
  EXPECT_EQ(requests, (std::vector<int>{1000, 2000, 3000, 3500, 3600, 3700, 3800, 3900}));
  EXPECT_EQ(frames_when(Action::restart, 100, 4000), std::vector<int>{4000});
}

TEST(CheckpointSchedule, StartsOverWithTheWal) {
  CheckpointSchedule schedule(1000);
  EXPECT_EQ(schedule.after_commit(1500), Action::request);
  EXPECT_EQ(schedule.after_commit(4100), Action::restart);
  // The restart worked: the next commit writes from the start of the file again.
  EXPECT_EQ(schedule.after_commit(40), Action::none);
  EXPECT_EQ(schedule.after_commit(1040), Action::request);
  EXPECT_EQ(schedule.after_commit(1100), Action::none);
}

TEST(CheckpointSchedule, AFailedRestartIsTriedAgainAThresholdLater) {
  CheckpointSchedule schedule(1000);
  EXPECT_EQ(schedule.after_commit(4000), Action::restart);
  schedule.restart_failed(4000);  // a reader was still in the WAL
  EXPECT_EQ(schedule.after_commit(4200), Action::request) << "the thread copies meanwhile";
  EXPECT_EQ(schedule.after_commit(4400), Action::none);
  EXPECT_EQ(schedule.after_commit(4600), Action::request) << "half a threshold before the retry";
  EXPECT_EQ(schedule.after_commit(5000), Action::restart);
}

}  // namespace
}  // namespace feedd
