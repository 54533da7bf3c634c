#include "ruptag/gold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <utility>

#include "ruptag/catalogue.hpp"
#include "ruptag/reader.hpp"
#include "ruptag/text.hpp"

namespace ruptag {

namespace {

bool ends_field(char c) {
  return c == ',' || c == '\n' || c == '\r';
}

// Reads one field starting at text[i]; advances i to the comma or line end after it.
std::string read_field(std::string_view text, std::size_t& i, std::size_t& line, std::string& error) {
  std::string field;
  if (i >= text.size() || text[i] != '"') {
    while (i < text.size() && !ends_field(text[i])) field += text[i++];
    return field;
  }
  ++i;
  for (;;) {
    if (i >= text.size()) {
      error = "a quoted field is not closed";
      return field;
    }
    const char c = text[i++];
    if (c == '"') {
      if (i < text.size() && text[i] == '"') {
        field += '"';
        ++i;
        continue;
      }
      break;
    }
    if (c == '\n') ++line;
    field += c;
  }
  if (i < text.size() && !ends_field(text[i])) {
    error = "text after the closing quote of a field";
    while (i < text.size() && !ends_field(text[i])) field += text[i++];
  }
  return field;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

std::string base_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace

GoldProblem gold_problem(const std::string& file, std::size_t row, std::string message) {
  GoldProblem problem;
  problem.where.file = file;
  problem.where.line = row;
  problem.message = std::move(message);
  return problem;
}

std::vector<CsvRecord> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRecord> records;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    for (;;) {
      record.fields.push_back(read_field(text, i, line, record.error));
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
    const bool blank =
        record.fields.size() == 1 && trim(record.fields.front()).empty() && record.error.empty();
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

GoldFile parse_gold(std::string_view content, const std::string& path) {
  GoldFile gold;
  gold.path = path;
  const std::vector<CsvRecord> records = parse_csv(content);
  if (records.empty())
    throw input_error({path}, "the gold file is empty: it needs the header row file,line,code");
  const CsvRecord& header = records.front();
  std::map<std::string, std::size_t> columns;
  for (std::size_t c = 0; c < header.fields.size(); ++c) columns.emplace(lower(trim(header.fields[c])), c);
  for (const char* name : {"file", "line", "code"}) {
    if (!header.error.empty() || !columns.contains(name)) {
      throw input_error({path, header.line},
                        fmt::format("the header row must name the columns file, line and code; it has: {}",
                                    fmt::join(header.fields, ",")));
    }
  }
  const std::size_t file_column = columns["file"];
  const std::size_t line_column = columns["line"];
  const std::size_t code_column = columns["code"];
  const std::size_t needed = std::max({file_column, line_column, code_column}) + 1;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    auto problem = [&](const std::string& message) {
      gold.problems.push_back(gold_problem(path, record.line, message));
    };
    if (!record.error.empty()) {
      problem(record.error);
      continue;
    }
    if (record.fields.size() < needed) {
      problem(fmt::format("{} fields, but the header has {}", record.fields.size(), header.fields.size()));
      continue;
    }
    GoldRow row;
    row.row = record.line;
    row.file = std::string(trim(record.fields[file_column]));
    row.code = std::string(trim(record.fields[code_column]));
    const std::string_view line = trim(record.fields[line_column]);
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), row.turn_line);
    if (row.file.empty()) {
      problem("the file is empty");
    } else if (ec != std::errc() || end != line.data() + line.size() || row.turn_line == 0) {
      problem(fmt::format("line '{}' is not a line number (a whole number from 1)", line));
    } else if (find_catalogue_entry(row.code) == nullptr) {
      problem(fmt::format("unknown code '{}': not an id of MARKERS.md (`ruptag rules list` shows them)",
                          row.code));
    } else {
      gold.rows.push_back(std::move(row));
    }
  }
  return gold;
}

GoldFile read_gold(const std::string& path) {
  return parse_gold(read_file(path), path);
}

GoldByInput match_inputs(const GoldFile& gold, const std::vector<std::string>& inputs) {
  std::map<std::string, std::size_t> exact;
  std::map<std::string, std::vector<std::size_t>> by_base;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (exact.emplace(inputs[i], i).second) by_base[base_name(inputs[i])].push_back(i);
  }
  GoldByInput out;
  out.rows.resize(inputs.size());
  for (const GoldRow& row : gold.rows) {
    if (const auto it = exact.find(row.file); it != exact.end()) {
      out.rows[it->second].push_back(row);
      continue;
    }
    const auto it = by_base.find(base_name(row.file));
    if (it == by_base.end()) {
      out.elsewhere.push_back(row);
    } else if (it->second.size() > 1) {
      out.problems.push_back(gold_problem(
          gold.path, row.row,
          fmt::format("'{}' is ambiguous: {} and {} have that name; give the path as on the command line",
                      row.file, inputs[it->second[0]], inputs[it->second[1]])));
    } else {
      out.rows[it->second.front()].push_back(row);
    }
  }
  return out;
}

TurnCodes assign_to_turns(const std::vector<GoldRow>& rows, const Transcript& transcript,
                          const std::string& gold_path, std::vector<GoldProblem>& problems) {
  const auto& turns = transcript.turns;
  TurnCodes codes(turns.size());
  std::map<std::pair<std::size_t, std::string>, std::size_t> seen;  // (turn, code) -> row
  for (const GoldRow& row : rows) {
    auto problem = [&](const std::string& message) {
      problems.push_back(gold_problem(gold_path, row.row, message));
    };
    const auto it = std::lower_bound(turns.begin(), turns.end(), row.turn_line,
                                     [](const Turn& turn, std::size_t line) { return turn.line < line; });
    if (it == turns.end() || it->line != row.turn_line) {
      if (it != turns.begin() && row.turn_line <= std::prev(it)->end_line) {
        problem(
            fmt::format("line {} of {} is inside the turn that starts on line {}, not the start of a turn",
                        row.turn_line, transcript.path, std::prev(it)->line));
      } else {
        problem(fmt::format("no turn of {} starts on line {}", transcript.path, row.turn_line));
      }
      continue;
    }
    const auto turn = static_cast<std::size_t>(it - turns.begin());
    const bool repair = find_catalogue_entry(row.code)->category == Category::repair;
    const Speaker coded_on = repair ? Speaker::therapist : Speaker::patient;
    if (it->speaker != coded_on) {
      problem(fmt::format("'{}' is a {} but line {} of {} is a {} turn", row.code,
                          repair ? "repair intervention (therapist)" : "marker (patient)", row.turn_line,
                          transcript.path, to_string(it->speaker)));
      continue;
    }
    const auto [previous, fresh] = seen.emplace(std::pair{turn, row.code}, row.row);
    if (!fresh) {
      problem(fmt::format("repeats '{}' on line {} of {} (already on row {})", row.code, row.turn_line,
                          transcript.path, previous->second));
      continue;
    }
    auto& ids = codes[turn];
    ids.insert(std::lower_bound(ids.begin(), ids.end(), row.code), row.code);
  }
  return codes;
}

}  // namespace ruptag
