#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ruptag/speakers.hpp"
#include "ruptag/transcript.hpp"

namespace ruptag {

/// What a `--config` file sets. A YAML mapping; today one key:
///
///     speakers:
///       Dr. Jansen: therapist
///       Anna: patient
///       Tolk: other
struct Config {
  std::vector<std::pair<std::string, Speaker>> speakers;  ///< in file order
};

/// Reads a config file. Throws Error (exit 2) naming the file, line and column of a
/// YAML syntax error, an unknown key or a role that is not therapist, patient or other.
Config load_config(const std::string& path);

/// The role labels for speakers the user named: `therapist` and `patient` from the
/// command line, then the config file's speakers. When nobody was named, the default
/// role labels are kept; otherwise the named speakers replace them.
RoleLabels named_roles(const std::vector<std::string>& therapist, const std::vector<std::string>& patient,
                       const Config& config);

}  // namespace ruptag
