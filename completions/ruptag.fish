# fish completion for ruptag(1).
# Installed as share/fish/vendor_completions.d/ruptag.fish, where fish looks for it.
# The test fish_completion_matches_help checks it against `ruptag --help`.

# Prints the command being completed: "", "tag", "eval", "explain", "rules" or
# "rules test" and so on (the words before the cursor that are not options).
function __ruptag_command
    set -l path
    set -l words (commandline -opc)
    set -e words[1]
    for word in $words
        string match -q -- '-*' $word; and continue
        if test (count $path) -eq 0
            set path $word
            test $word = rules; or break
        else
            set -a path $word
            break
        end
    end
    echo "$path"
end

# True when the command being completed is one of the arguments.
function __ruptag_using
    contains -- (__ruptag_command) $argv
end

set -l withdrawal denial minimal-response abstract-communication topic-shift deferential \
    content-affect-split self-criticism-hopelessness
set -l confrontation complaint-therapist rejects-intervention complaint-activities \
    complaint-parameters complaint-progress defends-self pressure-control
set -l interventions focus-relationship clarify-misunderstanding adjust-goals-tasks \
    give-rationale invite-feelings acknowledge-responsibility self-disclosure name-pattern

complete -c ruptag -s h -l help -d 'Print help and exit'

# Commands
complete -c ruptag -n '__ruptag_using ""' -f -l version -d 'Print the version and exit'
complete -c ruptag -n '__ruptag_using ""' -f -a tag -d 'Find rupture markers and repairs in transcripts'
complete -c ruptag -n '__ruptag_using ""' -f -a eval -d "Measure agreement with human coders' gold codes"
complete -c ruptag -n '__ruptag_using ""' -f -a rules -d 'Test, list and check rule packs, and suggest terms'
complete -c ruptag -n '__ruptag_using ""' -f -a explain -d 'Explain a marker or intervention and its repairs'
complete -c ruptag -n '__ruptag_using rules' -f -a test -d 'Check every rule against its examples'
complete -c ruptag -n '__ruptag_using rules' -f -a list -d 'List markers and interventions with their counts'
complete -c ruptag -n '__ruptag_using rules' -f -a check -d 'Validate a pack folder'
complete -c ruptag -n '__ruptag_using rules' -f -a suggest -d 'Rank the phrases the gold turns of each code share'
complete -c ruptag -n '__ruptag_using rules' -f -a train -d 'Fit a turn model to the gold markers of coded sessions'

# Input options of tag, eval, rules suggest and rules train
set -l input '__ruptag_using tag eval "rules suggest" "rules train"'
complete -c ruptag -n $input -x -l glob -d 'In folders, read files whose name matches (repeatable)'
complete -c ruptag -n $input -r -F -l files-from -d 'Also read the files listed in FILE (- for stdin)'
complete -c ruptag -n $input -x -s j -l jobs -d 'Worker threads (default: the number of cores)'
complete -c ruptag -n $input -x -l lang -a 'nl en' -d 'Language of the built-in pack'
complete -c ruptag -n $input -x -l rules -a '(__fish_complete_directories (commandline -ct))' -d 'Use the rule pack in this folder'
complete -c ruptag -n $input -x -l therapist -d "The therapist's name or label (repeatable)"
complete -c ruptag -n $input -x -l patient -d "The patient's name or label (repeatable)"
complete -c ruptag -n $input -r -F -l config -d "A YAML file naming speakers' roles"
complete -c ruptag -n $input -x -l input-format -a 'auto text vtt srt' -d 'Transcript format'
complete -c ruptag -n $input -x -l segment -a '5m 90s 650words 20turns' -d 'Segment length'
complete -c ruptag -n $input -x -l rate -d 'Words a minute, to cut untimed transcripts into minutes'
complete -c ruptag -n $input -l strict -d 'Invalid UTF-8 is an error, not read as Windows-1252'
complete -c ruptag -n '__ruptag_using tag eval' -l no-model -d "Rules only: the pack's turn model flags nothing"
complete -c ruptag -n '__ruptag_using tag eval' -l model-threshold -x -d "The turn model flags a turn from this probability"
complete -c ruptag -n '__ruptag_using tag eval' -l model-veto -x -d "The turn model drops the rules' findings below this probability"

# tag
set -l tag '__ruptag_using tag'
complete -c ruptag -n $tag -x -l shard -d 'Process only part K of N of the input list (K/N)'
complete -c ruptag -n $tag -x -l format -a 'text json jsonl csv csv-segments csv-sessions html gold' -d 'Output format'
complete -c ruptag -n $tag -r -F -s o -l output -d 'Write to this file'
complete -c ruptag -n $tag -x -l color -a 'auto always never' -d 'Colour in the text format'
complete -c ruptag -n $tag -s q -l quiet -d 'Text format: only the summary lines'
complete -c ruptag -n $tag -l redact -d 'Leave every word of the transcript out of the output'
complete -c ruptag -n $tag -x -l fail-on -a 'withdrawal confrontation any' -d 'Exit 1 when a marker of this kind is found'
complete -c ruptag -n $tag -x -l ui-lang -a 'nl en' -d 'Language of the text and HTML reports'

# eval
set -l eval '__ruptag_using eval'
complete -c ruptag -n $eval -r -F -l gold -d 'Gold codes: a CSV file with the columns file,line,code'
complete -c ruptag -n $eval -r -F -l vs -d "A second coder's gold file: compare the two coders"
complete -c ruptag -n $eval -x -l format -a 'text json csv' -d 'Output format'
complete -c ruptag -n $eval -l by-file -d 'Add the tables of every transcript'
complete -c ruptag -n $eval -l by-rule -d 'Add a table of every rule, most false positives first'
complete -c ruptag -n $eval -r -F -s o -l output -d 'Write to this file'

# explain and the pack options of explain, rules test and rules list
set -l packs '__ruptag_using explain "rules test" "rules list"'
complete -c ruptag -n $packs -x -l lang -a 'nl en' -d 'Only the built-in pack of this language'
complete -c ruptag -n $packs -x -l rules -a '(__fish_complete_directories (commandline -ct))' -d 'Use the pack in this folder'
complete -c ruptag -n '__ruptag_using explain' -x -l ui-lang -a 'nl en' -d "Language of the explanation's own words"
complete -c ruptag -n '__ruptag_using explain' -f -a "$withdrawal" -d 'Withdrawal marker'
complete -c ruptag -n '__ruptag_using explain' -f -a "$confrontation" -d 'Confrontation marker'
complete -c ruptag -n '__ruptag_using explain' -f -a "$interventions" -d 'Repair intervention'

# rules test, rules list, rules check
complete -c ruptag -n '__ruptag_using rules "rules test" "rules list"' -f
complete -c ruptag -n '__ruptag_using "rules test"' -x -l min-match -d 'Match examples each rule needs (default 3)'
complete -c ruptag -n '__ruptag_using "rules test"' -x -l min-no-match -d 'No-match examples each rule needs (default 2)'
complete -c ruptag -n '__ruptag_using "rules list"' -x -l format -a 'text json' -d 'Output format'
complete -c ruptag -n '__ruptag_using "rules list"' -l terms -d 'Print every literal term of the pack'
complete -c ruptag -n '__ruptag_using "rules check"' -x -a '(__fish_complete_directories (commandline -ct))' -d 'Pack folder'

# rules suggest
set -l suggest '__ruptag_using "rules suggest"'
complete -c ruptag -n $suggest -r -F -l gold -d 'Gold codes: a CSV file with the columns file,line,code'
complete -c ruptag -n $suggest -x -l top -d 'N-grams per code (default 10)'
complete -c ruptag -n $suggest -x -l min-count -d "Only n-grams in at least this many of the code's gold turns"
complete -c ruptag -n $suggest -x -l prior-scale -d "Prior counts per count of the speaker's turns (default 1)"
complete -c ruptag -n $suggest -x -l code -a "$withdrawal $confrontation $interventions" -d 'Only this id (repeatable)'
complete -c ruptag -n $suggest -x -l format -a 'text json' -d 'Output format'
complete -c ruptag -n $suggest -r -F -s o -l output -d 'Write to this file'

# rules train
set -l train '__ruptag_using "rules train"'
complete -c ruptag -n $train -r -F -l gold -d 'Gold codes: a CSV file with the columns file,line,code'
complete -c ruptag -n $train -x -l threshold -d 'Probability of a rupture at which the model flags a turn'
complete -c ruptag -n $train -x -l veto -d "Probability below which the model drops the rules' findings"
complete -c ruptag -n $train -x -l veto-min-fired -d 'With --veto, only rules that fired on this many turns'
complete -c ruptag -n $train -x -l veto-max-precision -d 'With --veto, only rules right on less than this share'
complete -c ruptag -n $train -l with-examples -d "Also learn from the examples of the pack's markers and rules"
complete -c ruptag -n $train -x -l min-count -d 'Only features in at least this many patient turns'
complete -c ruptag -n $train -x -l epochs -d 'Passes over the turns (default 20)'
complete -c ruptag -n $train -x -l prune -d 'Drop weights smaller than this (default 0.1)'
complete -c ruptag -n $train -x -l cross-validate -d 'Also fit K models, each without every K-th session'
complete -c ruptag -n $train -x -l note -d "A line for the file's header (repeatable)"
complete -c ruptag -n $train -r -F -s o -l output -d 'Write to this file'
