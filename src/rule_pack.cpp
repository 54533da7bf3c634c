#include "ruptag/rule_pack.hpp"

#include <algorithm>

namespace ruptag {

const CodeDef* RulePack::find_code(std::string_view id) const {
  for (const auto& code : codes) {
    if (code.id == id) return &code;
  }
  return nullptr;
}

std::vector<const CodeDef*> RulePack::suggested_repairs(const CodeDef& marker) const {
  std::vector<const CodeDef*> out;
  for (const auto& id : marker.repairs) {
    if (const CodeDef* repair = find_code(id)) out.push_back(repair);
  }
  return out;
}

namespace {

void collect(const TermList& list, std::vector<std::string>& out) {
  for (const auto& term : list.terms) {
    if (!term.empty() && term.front() != '@') out.push_back(term);
  }
}

void collect(const Clauses& c, std::vector<std::string>& out) {
  if (c.terms) collect(*c.terms, out);
  if (c.near) {
    collect(c.near->a, out);
    collect(c.near->b, out);
  }
  if (c.count) collect(c.count->terms, out);
  if (c.ratio) collect(c.ratio->terms, out);
  if (c.cues) collect(*c.cues, out);
  if (c.with) collect(*c.with, out);
}

}  // namespace

std::vector<std::string> literal_terms(const RulePack& pack) {
  std::vector<std::string> out;
  for (const auto& [name, list] : pack.lexicons) collect(list, out);
  for (const auto& [name, clauses] : pack.conditions) collect(clauses, out);
  for (const auto& code : pack.codes) {
    for (const auto& rule : code.rules) {
      if (rule.enabled) collect(rule.clauses, out);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace ruptag
