# bash completion for ruptag(1).
# Installed as share/bash-completion/completions/ruptag, where bash-completion loads it
# on first use; without bash-completion, `source` it from ~/.bashrc.
# The test bash_completion_matches_help checks it against `ruptag --help`.

_ruptag_reply() {
  local IFS=$' \t\n'
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_ruptag_files() {
  if declare -F _filedir >/dev/null; then
    _filedir "$@"
  else
    compopt -o filenames 2>/dev/null
    if [[ $1 == -d ]]; then
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
  fi
}

_ruptag() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  # `--format=js`: bash splits at '=', so the option is two words back.
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  # The command: the first word that is not an option, and for `rules` the next one.
  local command= i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    if [[ -z $command ]]; then
      command=$word
      [[ $command == rules ]] || break
    else
      command+=" $word"
      break
    fi
  done

  local ids="denial minimal-response abstract-communication topic-shift deferential
    content-affect-split self-criticism-hopelessness complaint-therapist rejects-intervention
    complaint-activities complaint-parameters complaint-progress defends-self pressure-control
    focus-relationship clarify-misunderstanding adjust-goals-tasks give-rationale
    invite-feelings acknowledge-responsibility self-disclosure name-pattern"
  local input_options="--glob --files-from -j --jobs --lang --rules --therapist --patient
    --config --input-format --segment --rate --strict"
  local pack_options="--lang --rules"

  case $prev in
    --format)
      case $command in
        tag) _ruptag_reply "text json jsonl csv csv-segments csv-sessions html gold" "$cur" ;;
        eval) _ruptag_reply "text json csv" "$cur" ;;
        "rules list" | "rules suggest") _ruptag_reply "text json" "$cur" ;;
      esac
      return
      ;;
    --lang | --ui-lang) _ruptag_reply "nl en" "$cur"; return ;;
    --color) _ruptag_reply "auto always never" "$cur"; return ;;
    --fail-on) _ruptag_reply "withdrawal confrontation any" "$cur"; return ;;
    --code) _ruptag_reply "$ids" "$cur"; return ;;
    --input-format) _ruptag_reply "auto text vtt srt" "$cur"; return ;;
    --segment) _ruptag_reply "5m 90s 650words 20turns" "$cur"; return ;;
    --rules) _ruptag_files -d; return ;;
    -o | --output | --config | --gold | --vs | --files-from) _ruptag_files; return ;;
    --glob | --therapist | --patient | -j | --jobs | --rate | --shard | --min-match | --min-no-match | \
      --top | --min-count | --prior-scale | --threshold | --model-threshold | --model-veto | --veto | --veto-min-fired | \
      --veto-max-precision | --epochs | --prune | \
      --cross-validate | --note)
      return
      ;;
  esac

  local options
  case $command in
    "")
      if [[ $cur == -* ]]; then
        _ruptag_reply "-h --help --version" "$cur"
      else
        _ruptag_reply "tag eval rules explain" "$cur"
      fi
      return
      ;;
    tag)
      options="-h --help $input_options --no-model --model-threshold --model-veto --shard --format -o --output --color -q --quiet --redact
        --fail-on --ui-lang"
      ;;
    eval) options="-h --help --gold --vs --format --by-file --by-rule -o --output $input_options --no-model --model-threshold --model-veto" ;;
    explain)
      if [[ $cur == -* ]]; then
        _ruptag_reply "-h --help $pack_options --ui-lang" "$cur"
      else
        _ruptag_reply "$ids" "$cur"
      fi
      return
      ;;
    rules)
      if [[ $cur == -* ]]; then
        _ruptag_reply "-h --help" "$cur"
      else
        _ruptag_reply "test list check suggest train" "$cur"
      fi
      return
      ;;
    "rules test") options="-h --help $pack_options --min-match --min-no-match" ;;
    "rules list") options="-h --help $pack_options --format --terms" ;;
    "rules suggest")
      options="-h --help --gold --top --min-count --prior-scale --code --format -o --output $input_options"
      ;;
    "rules train")
      options="-h --help --gold --threshold --veto --veto-min-fired --veto-max-precision --with-examples --min-count --epochs --prune --cross-validate --note -o --output
        $input_options"
      ;;
    "rules check")
      if [[ $cur == -* ]]; then
        _ruptag_reply "-h --help" "$cur"
      else
        _ruptag_files -d
      fi
      return
      ;;
    *) return ;;
  esac
  if [[ $cur == -* ]]; then
    _ruptag_reply "$options" "$cur"
  elif [[ $command == tag || $command == eval || $command == "rules suggest" || $command == "rules train" ]]; then
    _ruptag_files
  fi
}

complete -F _ruptag ruptag
