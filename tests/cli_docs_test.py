#!/usr/bin/env python3
"""Checks that the man page or a shell completion knows every command, option and option
value that `ruptag --help` lists, so that neither falls behind the command line.

usage: cli_docs_test.py RUPTAG {man,bash,zsh,fish} FILE

The commands and options come from `ruptag --help` and the `--help` of every command
and subcommand it lists (CLI11's format). Option values come from the help too: a set
such as `TEXT:{auto,always,never}`, or a list at the end of the description of a
`--format` option ("Output format: text, json, ..."); `--lang` takes the languages and
the positional `id` the marker and intervention ids of `ruptag rules list --format json`.

- man: every command has a .SS section whose heading names it ("ruptag rules list";
  one heading may name several commands), every option and value of a command appears
  in such a section, every command without subcommands in the SYNOPSIS, and the .TH
  line carries the version that `ruptag --version` prints.
- bash, zsh, fish: the completion, run in that shell as a user's Tab would run it,
  offers every option after `ruptag COMMAND -`, every subcommand after
  `ruptag COMMAND `, every value after `ruptag COMMAND --option `, and nothing that
  the help does not list.

Exit 0 when all is there, 1 with one line per omission (naming the file, the command
and the option), 77 when the shell to run is not installed (1 with
RUPTAG_REQUIRE_TEST_TOOLS=1, as .ci/run sets it).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def shown(path):
    """A path as messages show it: relative to the project when inside it."""
    relative = os.path.relpath(os.path.abspath(path), ROOT)
    return path if relative.startswith("..") else relative


@dataclass
class Option:
    names: list
    type: str
    description: str = ""
    values: list = None  # the values the completion should offer, when known


@dataclass
class Command:
    path: tuple
    options: list = field(default_factory=list)
    positionals: list = field(default_factory=list)
    subcommands: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # positional name -> values

    @property
    def line(self):
        return " ".join(("ruptag",) + self.path)


def run(argv):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"`{' '.join(argv)}` exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


OPTION_NAME = re.compile(r"(--?[A-Za-z0-9][\w-]*)(,\s*)?")


def parse_option(line):
    """An option line of CLI11's help: names ('-j,--jobs', '-h,  --help'), a type
    after one space ('UINT:UINT in [1 - 1024]', 'TEXT:{a,b}'), then the description."""
    rest = line.strip()
    names = []
    while True:
        m = OPTION_NAME.match(rest)
        if not m:
            break
        names.append(m.group(1))
        rest = rest[m.end():]
        if not m.group(2):
            break
    m = re.match(r" (\S.*?)(?: {2,}(.*))?$", rest)
    if m:
        return Option(names, m.group(1), m.group(2) or "")
    return Option(names, "", rest.strip())


def parse_help(text, path):
    command = Command(path)
    section = None
    last = None
    for line in text.splitlines():
        header = re.match(r"^(\S[^:]*):\s*$", line)
        if header:  # "Options:", or "OPTIONS:" as CLI11 2.4 writes it
            section, last = header.group(1).lower(), None
            continue
        if not line.strip() or section is None:
            last = None
            continue
        if section == "subcommands":
            m = re.match(r"^ {2,4}(\S+)", line)
            if m:
                command.subcommands.append(m.group(1))
        elif section == "positionals":
            m = re.match(r"^ {2,4}([A-Za-z_][\w-]*)", line)
            if m:
                command.positionals.append(m.group(1))
        elif re.match(r"^ {2,4}-", line):
            last = parse_option(line)
            command.options.append(last)
        elif last is not None and re.match(r"^ {5,}\S", line):
            last.description = (last.description + " " + line.strip()).strip()
    return command


def commands_of(ruptag):
    """Every command from `ruptag --help` down, the top level first."""
    found = []
    pending = [()]
    while pending:
        path = pending.pop(0)
        command = parse_help(run([ruptag, *path, "--help"]), path)
        found.append(command)
        pending.extend(path + (sub,) for sub in command.subcommands)
    return found


def add_values(commands, ruptag):
    packs = json.loads(run([ruptag, "rules", "list", "--format", "json"]))["packs"]
    languages = sorted({p["language"] for p in packs})
    ids = []
    for pack in packs:
        for code in pack["markers"] + pack["interventions"]:
            if code["id"] not in ids:
                ids.append(code["id"])
    problems = []
    for command in commands:
        for option in command.options:
            in_set = re.search(r"\{([^{}]*)\}", option.type)
            if in_set:
                option.values = [v.strip() for v in in_set.group(1).split(",")]
            elif "--lang" in option.names:
                option.values = languages
            elif "--format" in option.names:
                listed = re.search(r":\s*([\w-]+(?:,\s*[\w-]+)+)\s*$", option.description)
                if listed:
                    option.values = [v.strip() for v in listed.group(1).split(",")]
                else:
                    problems.append(
                        f"cannot find the values of --format in `{command.line} --help` "
                        f"(neither a set nor 'format: a, b, c'): update {os.path.basename(__file__)}"
                    )
        if "id" in command.positionals:
            command.values["id"] = ids
    return problems


def long_name(option):
    return max(option.names, key=len)


# ---- the man page --------------------------------------------------------------------

def roff_text(line):
    """The words of a roff line: escapes and font changes dropped, quotes removed."""
    line = re.sub(r"^\.[A-Za-z]+\s?", "", line)
    line = line.replace("\\-", "-").replace("\\(aq", "'").replace("\\(em", "-")
    line = re.sub(r"\\f(\[[^]]*\]|\(..|.)", "", line)
    line = line.replace("\\&", "").replace("\\%", "").replace("\\ ", " ")
    return line.replace('"', "")


def mentions(text, word):
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def check_man(commands, path, ruptag):
    name = shown(path)
    sections = []  # (macro, heading, text)
    for raw in open(path, encoding="utf-8").read().splitlines():
        if raw.startswith('.\\"') or raw.startswith("'\\\""):
            continue
        if raw.startswith(".SH") or raw.startswith(".SS"):
            sections.append((raw[1:3], roff_text(raw), []))
        elif sections:
            sections[-1][2].append(roff_text(raw))
    problems = []

    version = run([ruptag, "--version"]).strip()
    th = next((line for line in open(path, encoding="utf-8") if line.startswith(".TH")), "")
    if version not in roff_text(th):
        problems.append(f"{name}: the .TH line does not say '{version}' (what `ruptag --version` prints)")

    synopsis = " ".join(" ".join(text) for macro, heading, text in sections if heading == "SYNOPSIS")
    synopsis = re.sub(r"\s+", " ", synopsis)
    whole = "\n".join(heading + "\n" + "\n".join(text) for _, heading, text in sections)

    for command in commands:
        if not command.path:
            for option in command.options:
                for n in option.names:
                    if not mentions(whole, n):
                        problems.append(f"{name}: {n} of `ruptag --help` is not described")
            continue
        own = [
            "\n".join(text)
            for macro, heading, text in sections
            if macro == "SS" and mentions(heading, command.line)
        ]
        if not own:
            problems.append(
                f"{name}: no .SS heading names `{command.line}`: describe the command "
                f"and its options under one"
            )
            continue
        text = "\n".join(own)
        if not command.subcommands and not mentions(synopsis, command.line):
            problems.append(f"{name}: the SYNOPSIS lacks `{command.line}`")
        for option in command.options:
            if "--help" in option.names:
                continue  # described once, under OPTIONS
            for n in option.names:
                if not mentions(text, n):
                    problems.append(
                        f"{name}: option {n} of `{command.line}` is missing "
                        f"(in no .SS section whose heading names `{command.line}`)"
                    )
            for value in option.values or []:
                if not mentions(text, value):
                    problems.append(
                        f"{name}: value '{value}' of {long_name(option)} of `{command.line}` is missing"
                    )
        for positional, values in command.values.items():
            for value in values:
                if not mentions(text, value):
                    problems.append(f"{name}: {positional} '{value}' of `{command.line}` is missing")
    return problems


# ---- the completions -------------------------------------------------------------------

def queries(commands):
    """(command line before the cursor, what must be offered there, what that is)."""
    out = []
    for command in commands:
        where = f"`{command.line} --help`"
        options = [n for o in command.options for n in o.names]
        out.append((command.line + " -", options, f"an option of {where}"))
        if command.subcommands:
            out.append((command.line + " ", command.subcommands, f"a command of {where}"))
        for option in command.options:
            if option.values:
                out.append(
                    (
                        f"{command.line} {long_name(option)} ",
                        option.values,
                        f"a value of {long_name(option)} in {where}",
                    )
                )
        for positional, values in command.values.items():
            out.append(
                (
                    command.line + " ",
                    values,
                    f"a value of {positional} (`ruptag rules list --format json`)",
                )
            )
    return out


def split_output(text):
    offered = {}
    current = None
    for line in text.splitlines():
        if line.startswith("@@"):
            current = line[2:]
            offered[current] = []
        elif current is not None and line:
            offered[current].append(line.split("\t")[0])
    return offered


def bash_offers(path, lines, work):
    def quote(s):
        return "'" + s.replace("'", "'\\''") + "'"

    script = [
        f"source {quote(path)} || exit 3",
        'spec=$(complete -p ruptag 2>/dev/null) || { echo "no completion is defined for ruptag" >&2; exit 4; }',
        'fn=${spec#*-F }; fn=${fn%% *}',
        "q() {",
        '  local line=$1; shift',
        '  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE=$line; COMP_POINT=${#line}; COMPREPLY=()',
        '  "$fn" ruptag "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"',
        '  echo "@@$line"; printf "%s\\n" "${COMPREPLY[@]}"',
        "}",
    ]
    for line in lines:
        words = line.split(" ")
        script.append("q " + " ".join(quote(w) for w in [line] + words))
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", "\n".join(script)],
        capture_output=True, text=True, timeout=120, cwd=work,
    )
    if result.returncode != 0:
        sys.exit(f"{path}: bash failed ({result.returncode}): {result.stderr.strip()}")
    return split_output(result.stdout)


def zsh_offers(path, lines, work):
    fpath = os.path.join(work, "site-functions")
    os.makedirs(fpath)
    shutil.copy(path, os.path.join(fpath, "_ruptag"))
    result = subprocess.run(
        ["zsh", "-f", os.path.join(HERE, "zsh_complete.zsh"), fpath, *lines],
        capture_output=True, text=True, timeout=120, cwd=work,
    )
    if result.returncode != 0:
        sys.exit(f"{path}: zsh failed ({result.returncode}): {result.stderr.strip()}")
    return split_output(result.stdout)


def fish_offers(path, lines, work):
    env = dict(os.environ, XDG_CONFIG_HOME=work, XDG_DATA_HOME=work, XDG_CACHE_HOME=work)
    script = 'source $argv[1]; or exit 3; for line in $argv[2..-1]; echo "@@$line"; complete -C"$line"; end'
    result = subprocess.run(
        ["fish", "--no-config", "-c", script, path, *lines],
        capture_output=True, text=True, timeout=120, cwd=work, env=env,
    )
    if result.returncode != 0:
        sys.exit(f"{path}: fish failed ({result.returncode}): {result.stderr.strip()}")
    return split_output(result.stdout)


def check_completion(shell, commands, path):
    name = shown(path)
    wanted = queries(commands)
    lines = sorted({q[0] for q in wanted})
    with tempfile.TemporaryDirectory() as work:
        offers = {"bash": bash_offers, "zsh": zsh_offers, "fish": fish_offers}[shell]
        offered = offers(os.path.abspath(path), lines, work)
    problems = []
    allowed = {}
    incomplete = set()
    for line, words, what in wanted:
        allowed.setdefault(line, set()).update(words)
        got = offered.get(line, [])
        for word in words:
            if word not in got:
                problems.append(f"{name}: `{line}<Tab>` does not offer {word} ({what})")
                incomplete.add(line)
    # What is offered besides, only where all is offered: after an option the completion
    # does not know, it offers whatever comes next, and that says nothing new.
    for line, words in allowed.items():
        if line in incomplete:
            continue
        for word in sorted(set(offered.get(line, [])) - words):
            problems.append(f"{name}: `{line}<Tab>` offers {word}, which the help does not list")
    return problems


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("man", "bash", "zsh", "fish"):
        sys.exit("usage: cli_docs_test.py RUPTAG {man,bash,zsh,fish} FILE")
    ruptag, target, path = sys.argv[1:]
    if target != "man" and shutil.which(target) is None:
        print(f"SKIPPED: {target} is not installed (apt-get install {target}); {path} was not run")
        return 1 if os.environ.get("RUPTAG_REQUIRE_TEST_TOOLS") == "1" else 77
    commands = commands_of(ruptag)
    problems = add_values(commands, ruptag)
    # Every command takes --help: without it, this script no longer reads CLI11's help.
    for command in commands:
        if not any("--help" in option.names for option in command.options):
            problems.append(f"no --help read from `{command.line} --help`: update {os.path.basename(__file__)}")
    if len(commands) < 2:
        problems.append(f"no command read from `ruptag --help`: update {os.path.basename(__file__)}")
    if target == "man":
        problems += check_man(commands, path, ruptag)
    else:
        problems += check_completion(target, commands, path)
    for p in problems:
        print(p)
    options = sum(len(c.options) for c in commands)
    if problems:
        print(f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'}; update {shown(path)}")
        return 1
    print(f"{shown(path)}: all {len(commands)} commands and {options} options of the help are there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
