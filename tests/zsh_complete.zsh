#!/usr/bin/env zsh
# Prints what zsh's completion system offers for command lines, as a user pressing Tab
# would get it: an interactive zsh runs in a pseudo-terminal with compinit and the
# completion functions of the FPATH folders, and compadd is wrapped to print its matches
# instead of inserting them. For each LINE it prints "@@LINE" and then one match a line.
#
# usage: zsh -f zsh_complete.zsh FPATH LINE...   (FPATH: folders separated by ':';
#                                                 LINE such as "ruptag tag --format ")
zmodload zsh/zpty || exit 77
fpath_dirs=(${(q)${(s.:.)1}})
shift

zpty shell zsh -f -i
zpty -w shell "PROMPT=''; RPROMPT=''; unsetopt beep zle_bracketed_paste"
zpty -w shell "fpath=($fpath_dirs \$fpath); autoload -Uz compinit; compinit -u -D"
# compadd with -O, -A or -D only fills an array (the helpers use it so): left alone.
zpty -w shell 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __matches; builtin compadd -A __matches "$@"
  (( $#__matches )) && print -rl -- "@@+"${^__matches}
}'
zpty -w shell '__complete_and_mark() { zle complete-word; print -r -- "@@END"; }'
zpty -w shell 'zle -N __complete_and_mark; bindkey "^I" __complete_and_mark'
# The echo of this line holds @@RE''ADY, its output @@READY: wait for the output.
zpty -w shell "print -r -- @@RE''ADY"
while zpty -r shell line; do [[ ${line//$'\r'/} == *@@READY$'\n' ]] && break; done

for commandline in "$@"; do
  print -r -- "@@$commandline"
  zpty -w -n shell $'\C-u'"$commandline"$'\t'
  while zpty -r shell line; do
    line=${${line//$'\r'/}%$'\n'}
    [[ $line == *@@* ]] || continue
    line=${line#*@@}
    [[ $line == END ]] && break
    [[ $line == +* ]] && print -r -- ${line#+}
  done
done
zpty -d shell
