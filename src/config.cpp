#include "ruptag/config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "ruptag/error.hpp"
#include "ruptag/reader.hpp"

namespace ruptag {
namespace {

Location at(const std::string& path, const YAML::Mark& mark) {
  if (mark.is_null()) return {path, 0, 0};
  return {path, static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
}

}  // namespace

Config load_config(const std::string& path) {
  const std::string content = read_file(path);
  YAML::Node root;
  try {
    root = YAML::Load(content);
  } catch (const YAML::Exception& e) {
    throw input_error(at(path, e.mark), "not valid YAML: " + e.msg);
  }
  Config config;
  if (root.IsNull()) return config;
  if (!root.IsMap()) throw input_error(at(path, root.Mark()), "a config file must be a mapping (key: value)");
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    if (key != "speakers") {
      throw input_error(at(path, entry.first.Mark()),
                        fmt::format("unknown key '{}' (allowed: speakers)", key));
    }
    const YAML::Node& speakers = entry.second;
    if (!speakers.IsMap()) {
      throw input_error(at(path, speakers.Mark()),
                        "speakers must be a mapping of names to roles, such as 'Anna: patient'");
    }
    for (const auto& speaker : speakers) {
      const YAML::Node& role = speaker.second;
      std::optional<Speaker> parsed;
      if (role.IsScalar()) parsed = parse_speaker(role.Scalar());
      if (!speaker.first.IsScalar() || speaker.first.Scalar().empty()) {
        throw input_error(at(path, speaker.first.Mark()), "a speaker's name must be text");
      }
      if (!parsed) {
        throw input_error(
            at(path, role.Mark()),
            fmt::format("the role of '{}' must be therapist, patient or other", speaker.first.Scalar()));
      }
      config.speakers.emplace_back(speaker.first.Scalar(), *parsed);
    }
  }
  return config;
}

RoleLabels named_roles(const std::vector<std::string>& therapist, const std::vector<std::string>& patient,
                       const Config& config) {
  RoleLabels labels;
  if (therapist.empty() && patient.empty() && config.speakers.empty()) return labels;
  labels.given = true;
  labels.therapist = therapist;
  labels.patient = patient;
  for (const auto& [name, role] : config.speakers) {
    auto& list = role == Speaker::therapist ? labels.therapist
                 : role == Speaker::patient ? labels.patient
                                            : labels.other;
    list.push_back(name);
  }
  return labels;
}

}  // namespace ruptag
