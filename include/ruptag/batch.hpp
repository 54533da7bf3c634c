#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ruptag {

/// An input argument that could not be turned into transcript paths.
struct InputProblem {
  std::string path;
  std::string message;
};

/// The transcripts a run reads, in order.
struct InputList {
  std::vector<std::string> paths;
  std::vector<InputProblem> problems;  ///< e.g. a folder that does not exist
  std::vector<std::string> warnings;   ///< e.g. a folder without a matching file
};

/// Expands command-line inputs: a file is taken as it is, "-" is standard input, a
/// folder is searched recursively (hidden entries skipped) for files whose name matches
/// one of `globs` (fnmatch patterns such as "*.txt"), sorted by path. The paths listed
/// in `files_from` (one a line; "-" reads the list from standard input; blank lines
/// and lines starting with '#' skipped) follow the arguments. A folder without a matching
/// file and a list that names no file are warnings. Throws Error (exit 2) when the list
/// cannot be read.
InputList expand_inputs(const std::vector<std::string>& arguments, const std::vector<std::string>& globs,
                        const std::string& files_from);

/// A part of a list: `index` (1-based) of `count` contiguous parts, so the parts in order
/// are the whole list.
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;
};

/// Parses "K/N" with 1 <= K <= N; nullopt otherwise.
std::optional<Shard> parse_shard(const std::string& text);

/// The [begin, end) range of items that shard `shard` of `total` items holds.
std::pair<std::size_t, std::size_t> shard_range(std::size_t total, const Shard& shard);

/// Runs `work(i)` for every i in [0, count) on `jobs` threads (the calling thread is
/// one of them) and hands each result to `deliver(i, result)` in index order, one call
/// at a time, on whichever thread finds the next result ready: no thread waits to be
/// woken for each result. At most `window` results wait to be delivered, so memory
/// stays flat however long the list. `work` must not throw.
template <typename Result>
void run_ordered(std::size_t count, unsigned jobs, std::size_t window,
                 const std::function<Result(std::size_t)>& work,
                 const std::function<void(std::size_t, Result&)>& deliver) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      Result r = work(i);
      deliver(i, r);
    }
    return;
  }
  std::mutex mutex;
  std::condition_variable room;  // the window moved
  std::map<std::size_t, Result> done;
  std::size_t next_task = 0;
  std::size_t next_delivery = 0;
  bool delivering = false;
  auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      room.wait(lock, [&] { return next_task >= count || next_task < next_delivery + window; });
      if (next_task >= count) return;
      const std::size_t i = next_task++;
      lock.unlock();
      Result r = work(i);
      lock.lock();
      done.emplace(i, std::move(r));
      if (delivering) continue;  // the delivering thread will take it
      delivering = true;
      for (auto it = done.find(next_delivery); it != done.end(); it = done.find(next_delivery)) {
        auto node = done.extract(it);
        lock.unlock();
        deliver(node.key(), node.mapped());
        lock.lock();
        ++next_delivery;
        room.notify_all();
      }
      delivering = false;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
}

}  // namespace ruptag
