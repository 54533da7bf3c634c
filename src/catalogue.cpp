#include "ruptag/catalogue.hpp"

#include <array>

namespace ruptag {
namespace {

constexpr std::array<CatalogueEntry, 22> entries{{
    {"denial", Category::withdrawal, "Denial"},
    {"minimal-response", Category::withdrawal, "Minimal response"},
    {"abstract-communication", Category::withdrawal, "Abstract communication"},
    {"topic-shift", Category::withdrawal, "Avoidant storytelling and/or shifting topic"},
    {"deferential", Category::withdrawal, "Deferential and appeasing"},
    {"content-affect-split", Category::withdrawal, "Content/affect split"},
    {"self-criticism-hopelessness", Category::withdrawal, "Self-criticism and/or hopelessness"},
    {"complaint-therapist", Category::confrontation, "Complaints/concerns about the therapist"},
    {"rejects-intervention", Category::confrontation, "Patient rejects therapist intervention"},
    {"complaint-activities", Category::confrontation, "Complaints/concerns about the activities of therapy"},
    {"complaint-parameters", Category::confrontation, "Complaints/concerns about the parameters of therapy"},
    {"complaint-progress", Category::confrontation, "Complaints/concerns about progress in therapy"},
    {"defends-self", Category::confrontation, "Patient defends self against therapist"},
    {"pressure-control", Category::confrontation, "Efforts to control/pressure the therapist"},
    {"focus-relationship", Category::repair, "Focus attention on a problem in the relationship"},
    {"clarify-misunderstanding", Category::repair, "Clarify a misunderstanding"},
    {"adjust-goals-tasks", Category::repair, "Change tasks or goals in response to complaints or objections"},
    {"give-rationale", Category::repair, "Explain, give the rationale for a task"},
    {"invite-feelings", Category::repair, "Invite the patient to share negative or vulnerable feelings"},
    {"acknowledge-responsibility", Category::repair, "Acknowledge the therapist's own part in the problem"},
    {"self-disclosure", Category::repair, "Self-disclosure (when stuck)"},
    {"name-pattern", Category::repair, "Name the pattern in therapy"},
}};

}  // namespace

std::string_view to_string(Category category) {
  switch (category) {
    case Category::withdrawal: return "withdrawal";
    case Category::confrontation: return "confrontation";
    case Category::repair: return "repair";
  }
  return "repair";
}

std::optional<Category> parse_category(std::string_view text) {
  for (auto c : {Category::withdrawal, Category::confrontation, Category::repair}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

std::span<const CatalogueEntry> catalogue() {
  return entries;
}

const CatalogueEntry* find_catalogue_entry(std::string_view id) {
  for (const auto& e : entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::size_t catalogue_rank(std::string_view id) {
  const CatalogueEntry* entry = find_catalogue_entry(id);
  return entry == nullptr ? catalogue().size() : static_cast<std::size_t>(entry - catalogue().data());
}

}  // namespace ruptag
