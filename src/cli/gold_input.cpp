#include "gold_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <set>

namespace ruptag::cli {

GoldCoder::GoldCoder(GoldFile gold, const std::vector<std::string>& paths)
    : file(std::move(gold)), rows(match_inputs(file, paths)), problems(file.problems) {
  problems.insert(problems.end(), rows.problems.begin(), rows.problems.end());
}

void GoldCoder::unreadable(std::size_t input, const std::string& path) {
  for (const GoldRow& row : rows.rows[input]) {
    problems.push_back(gold_problem(file.path, row.row, fmt::format("{} could not be read", path)));
  }
}

std::size_t GoldCoder::report() {
  if (!rows.elsewhere.empty()) {
    std::set<std::string> sessions;
    for (const GoldRow& row : rows.elsewhere) sessions.insert(row.file);
    const GoldRow& first = rows.elsewhere.front();
    std::cerr << fmt::format(
        "ruptag: warning: {}: {} {} code {} {} not among the transcripts (the first, line {}: '{}'); "
        "they are not used\n",
        file.path, rows.elsewhere.size(), rows.elsewhere.size() == 1 ? "row" : "rows", sessions.size(),
        sessions.size() == 1 ? "session" : "sessions", first.row, first.file);
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const GoldProblem& a, const GoldProblem& b) { return a.where.line < b.where.line; });
  for (const GoldProblem& p : problems) {
    std::cerr << "ruptag: warning: " << to_string(p.where) << ": " << p.message << '\n';
  }
  const std::size_t total = file.rows.size() + file.problems.size();
  if (!problems.empty()) {
    std::cerr << fmt::format("ruptag: warning: {}: {} of {} rows dropped\n", file.path, problems.size(),
                             total);
  }
  return problems.size();
}

std::vector<std::pair<std::string, std::string>> report_inputs(const Pipeline& pipeline) {
  const InputList& inputs = pipeline.inputs();
  for (const auto& warning : inputs.warnings) std::cerr << "ruptag: warning: " << warning << '\n';
  std::vector<std::pair<std::string, std::string>> failed;
  for (const auto& problem : inputs.problems) {
    std::cerr << "ruptag: " << problem.path << ": " << problem.message << '\n';
    failed.emplace_back(problem.path, problem.message);
  }
  return failed;
}

void run_with_gold(const Pipeline& pipeline, GoldCoder& coder,
                   std::vector<std::pair<std::string, std::string>>& failed,
                   const std::function<void(const FileReport& report, const TurnCodes& codes)>& use) {
  pipeline.run(
      [&](std::size_t i, InputOutcome& result) {
        if (!result.report) {
          failed.emplace_back(result.path, result.reason);
          coder.unreadable(i, result.path);
          return;
        }
        const FileReport& report = *result.report;
        use(report, assign_to_turns(coder.rows.rows[i], report.transcript, coder.file.path, coder.problems));
      },
      true);
}

}  // namespace ruptag::cli
