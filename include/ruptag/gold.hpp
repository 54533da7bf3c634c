#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ruptag/error.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// One record of a CSV file: its fields and the 1-based line on which it starts.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
  std::string error;  ///< non-empty when the record is malformed (e.g. an unterminated quote)
};

/// Splits CSV text as RFC 4180 writes it: commas between fields, quoted fields with
/// doubled quotes and line breaks inside, CRLF or LF line ends; a UTF-8 byte-order mark
/// at the start is skipped. Blank lines give no record. Never throws: a malformed record
/// (text after a closing quote, a quote left open at the end) carries an error.
std::vector<CsvRecord> parse_csv(std::string_view text);

/// One code on one turn, as a gold file gives it.
struct GoldRow {
  std::size_t row = 0;        ///< line of the gold file on which the row starts (the header is line 1)
  std::string file;           ///< the transcript's path as given on the command line, or its base name
  std::size_t turn_line = 0;  ///< 1-based line of the transcript on which the turn starts
  std::string code;           ///< an id of MARKERS.md
};

/// A gold row that was left out, and why.
struct GoldProblem {
  Location where;  ///< the gold file and the row's line
  std::string message;
};

/// The problem of row `row` of the gold file `file`.
GoldProblem gold_problem(const std::string& file, std::size_t row, std::string message);

/// The rows of a gold file that are well-formed, and the problems of the others.
struct GoldFile {
  std::string path;
  std::vector<GoldRow> rows;
  std::vector<GoldProblem> problems;
};

/// Parses a gold file: a header row naming the columns `file`, `line` and `code` (in any
/// order, case-insensitive; other columns are ignored), then one row per code on one turn.
/// A row whose line is not a positive whole number, whose code is not a MARKERS.md id, or
/// that lacks a field becomes a problem. Throws Error (exit 2) naming the file when the
/// header is missing or lacks one of the three columns.
GoldFile parse_gold(std::string_view content, const std::string& path);
/// Reads and parses a gold file. Throws Error (exit 2) when it cannot be read.
GoldFile read_gold(const std::string& path);

/// The rows of a gold file sorted by the input (transcript) they belong to.
struct GoldByInput {
  std::vector<std::vector<GoldRow>> rows;  ///< per input, in row order
  std::vector<GoldRow> elsewhere;          ///< rows coding a session that is not an input, in row order
  std::vector<GoldProblem> problems;       ///< rows whose base name two inputs share
};

/// Matches each row's `file` to `inputs` (the paths as given): a row naming a path exactly
/// belongs to that input; otherwise its base name must be the base name of exactly one
/// input. A row matching no input codes a session not given (one gold file for a whole
/// study, evaluated part by part): it goes to `elsewhere`. A row whose base name two inputs
/// share is a problem.
GoldByInput match_inputs(const GoldFile& gold, const std::vector<std::string>& inputs);

/// Per turn, the sorted ids coded on it.
using TurnCodes = std::vector<std::vector<std::string>>;

/// Places one input's rows on the turns of its transcript. A row is left out (appended
/// to `problems`) when its line is not the line on which a turn starts, when it codes a
/// marker on a turn that is not the patient's or a repair on one that is not the
/// therapist's, or when it repeats a code
/// an earlier row already put on that turn.
TurnCodes assign_to_turns(const std::vector<GoldRow>& rows, const Transcript& transcript,
                          const std::string& gold_path, std::vector<GoldProblem>& problems);

}  // namespace ruptag
