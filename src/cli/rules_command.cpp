#include "rules_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "ruptag/error.hpp"
#include "ruptag/pack_loader.hpp"
#include "ruptag/pack_provider.hpp"
#include "ruptag/pack_test.hpp"
#include "ruptag/render.hpp"
#include "ruptag/ui_text.hpp"
#include "tag_command.hpp"

namespace ruptag::cli {
namespace {

void add_pack_options(CLI::App* cmd, RulesArgs& args) {
  cmd->add_option("--lang", args.language, "Only the built-in pack of this language (nl or en)");
  cmd->add_option("--rules", args.rules_dir, "Use the pack in this folder instead of the built-in ones");
}

std::size_t count_examples(const CodeDef& code, bool match) {
  std::size_t n = 0;
  for (const auto& rule : code.rules) {
    if (rule.enabled) n += match ? rule.examples.match.size() : rule.examples.no_match.size();
  }
  return n;
}

std::size_t count_rules(const CodeDef& code) {
  return static_cast<std::size_t>(
      std::count_if(code.rules.begin(), code.rules.end(), [](const Rule& r) { return r.enabled; }));
}

int run_test(const RulesArgs& args) {
  const PackProvider packs({args.rules_dir, args.language, true});
  bool failed = false;
  for (const Tagger* tagger : packs.taggers()) {
    const PackManifest& m = tagger->pack().pack().manifest;
    const PackTestResult result = test_pack(*tagger, {args.min_match, args.min_no_match});
    for (const auto& f : result.failures) {
      std::cout << fmt::format("FAIL {}  {}: ", to_string(f.where), f.rule)
                << (f.example.empty() ? "" : fmt::format("\"{}\" ", f.example)) << f.problem << '\n';
    }
    std::cout << fmt::format("{} ({} {}): {} rules, {} examples, {} failed\n", m.language, m.id, m.version,
                             result.rules, result.examples, result.failures.size());
    failed = failed || !result.failures.empty();
  }
  return failed ? 1 : 0;
}

nlohmann::ordered_json codes_json(const RulePack& pack, bool interventions) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& code : pack.codes) {
    if ((code.category == Category::repair) != interventions) continue;
    out.push_back(
        {{"id", code.id},
         {"category", std::string(to_string(code.category))},
         {"name", code.name},
         {"rules", count_rules(code)},
         {"examples", {{"match", count_examples(code, true)}, {"no_match", count_examples(code, false)}}}});
  }
  return out;
}

int run_list(const RulesArgs& args) {
  const PackProvider packs({args.rules_dir, args.language, true});
  if (args.terms) {
    for (const Tagger* tagger : packs.taggers()) {
      for (const auto& term : literal_terms(tagger->pack().pack())) std::cout << term << '\n';
    }
    return 0;
  }
  if (args.format == "json") {
    nlohmann::ordered_json doc{{"packs", nlohmann::ordered_json::array()}};
    for (const Tagger* tagger : packs.taggers()) {
      const RulePack& pack = tagger->pack().pack();
      doc["packs"].push_back({{"language", pack.manifest.language},
                              {"id", pack.manifest.id},
                              {"version", pack.manifest.version},
                              {"markers", codes_json(pack, false)},
                              {"interventions", codes_json(pack, true)}});
    }
    std::cout << doc.dump(2) << '\n';
    return 0;
  }
  for (const Tagger* tagger : packs.taggers()) {
    const RulePack& pack = tagger->pack().pack();
    std::cout << fmt::format("{} ({} {}): {}\n", pack.manifest.language, pack.manifest.id,
                             pack.manifest.version, pack.manifest.name);
    std::cout << fmt::format("  {:<28} {:<14} {:>5} {:>6} {:>8}\n", "id", "category", "rules", "match",
                             "no_match");
    for (const auto& code : pack.codes) {
      std::cout << fmt::format("  {:<28} {:<14} {:>5} {:>6} {:>8}  {}\n", code.id, to_string(code.category),
                               count_rules(code), count_examples(code, true), count_examples(code, false),
                               code.name);
    }
  }
  return 0;
}

int run_check(const RulesArgs& args) {
  const RulePack pack = load_pack_dir(args.check_dir);  // throws with every problem listed
  std::size_t rules = 0;
  for (const auto& code : pack.codes) rules += count_rules(code);
  std::cout << fmt::format("{}: valid pack {} {} ({}): {} markers and interventions, {} rules\n",
                           args.check_dir, pack.manifest.id, pack.manifest.version, pack.manifest.language,
                           pack.codes.size(), rules);
  return 0;
}

void explain_code(const UiText& ui, const RulePack& pack, const CodeDef& code) {
  using fmt::arg;
  const bool repair = code.category == Category::repair;
  std::cout << fmt::format("{}: {}\n  {} {}\n\n", code.id, code.name, kind_text(ui, code.category),
                           ui.format(Msg::explain_pack, arg("language", pack.manifest.language),
                                     arg("version", pack.manifest.version), arg("pack", pack.manifest.id)));
  std::cout << "  " << code.description << "\n";
  if (!code.examples.empty()) {
    std::cout << "\n  " << ui[Msg::explain_examples] << "\n";
    for (const auto& e : code.examples) {
      std::string indented = e;  // a two-turn example keeps its second line under the first
      for (std::size_t at = indented.find('\n'); at != std::string::npos; at = indented.find('\n', at + 7)) {
        indented.insert(at + 1, "      ");
      }
      std::cout << "    - " << indented << '\n';
    }
  }
  if (!repair) {
    std::cout << "\n  " << ui[Msg::explain_repairs] << "\n";
    int n = 0;
    for (const CodeDef* r : pack.suggested_repairs(code)) {
      std::cout << fmt::format("    {}. {} ({})\n", ++n, r->name, r->id);
      if (!r->examples.empty()) std::cout << fmt::format("       \"{}\"\n", r->examples.front());
    }
  } else {
    std::string markers;
    for (const auto& other : pack.codes) {
      if (std::find(other.repairs.begin(), other.repairs.end(), code.id) != other.repairs.end()) {
        markers += (markers.empty() ? "" : ", ") + other.id;
      }
    }
    if (!markers.empty())
      std::cout << "\n  " << ui.format(Msg::explain_after, arg("markers", markers)) << '\n';
  }
  std::string rules;
  for (const auto& r : code.rules) {
    if (r.enabled) rules += (rules.empty() ? "" : ", ") + r.id;
  }
  std::cout << "\n  " << ui.format(Msg::explain_rules, arg("rules", rules.empty() ? ui[Msg::none] : rules))
            << "\n";
}

int run_explain(const RulesArgs& args) {
  if (find_catalogue_entry(args.explain_id) == nullptr) {
    std::string ids;
    for (const auto& e : catalogue()) ids += (ids.empty() ? "" : ", ") + std::string(e.id);
    throw input_error({}, fmt::format("unknown id '{}'; the ids are: {}", args.explain_id, ids));
  }
  const PackProvider packs({args.rules_dir, args.language, true});
  bool first = true;
  for (const Tagger* tagger : packs.taggers()) {
    const RulePack& pack = tagger->pack().pack();
    const CodeDef* code = pack.find_code(args.explain_id);
    if (code == nullptr) continue;
    if (!first) std::cout << '\n';
    first = false;
    explain_code(ui_text(args.ui_language.empty() ? pack.manifest.language : args.ui_language), pack, *code);
  }
  if (first) throw input_error({}, fmt::format("no pack defines '{}'", args.explain_id));
  return 0;
}

}  // namespace

RulesCommands add_rules_commands(CLI::App& app, RulesArgs& args) {
  RulesCommands out;
  CLI::App* rules = app.add_subcommand("rules", "Test, list and check rule packs, and suggest terms");
  rules->require_subcommand(1);
  out.rules = rules;
  out.test = rules->add_subcommand("test", "Check every rule against its match and no_match examples");
  add_pack_options(out.test, args);
  out.test->add_option("--min-match", args.min_match, "Match examples each rule needs (default 3)");
  out.test->add_option("--min-no-match", args.min_no_match, "No-match examples each rule needs (default 2)");
  out.list =
      rules->add_subcommand("list", "List markers and interventions with their rule and example counts");
  add_pack_options(out.list, args);
  out.list->add_option("--format", args.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  out.list->add_flag("--terms", args.terms, "Print every literal term of the pack, one a line");
  out.check = rules->add_subcommand("check", "Validate a pack folder and report every problem at once");
  out.check->add_option("dir", args.check_dir, "The pack folder")->required();
  out.explain = app.add_subcommand("explain", "Explain a marker or intervention and its suggested repairs");
  out.explain->add_option("id", args.explain_id, "A marker or intervention id, e.g. denial")->required();
  add_pack_options(out.explain, args);
  add_ui_language_option(out.explain, args.ui_language);
  return out;
}

int run_rules(const RulesCommands& commands, const RulesArgs& args) {
  if (commands.test->parsed()) return run_test(args);
  if (commands.list->parsed()) return run_list(args);
  if (commands.check->parsed()) return run_check(args);
  if (commands.explain->parsed()) return run_explain(args);
  return 0;
}

}  // namespace ruptag::cli
