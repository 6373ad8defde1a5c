# bash completion for cg-reset, cg-step, cg-observe, cg-search, cg-validate,
# cg, cg-datasets and cg-plot.
#
# Source it, or install it in the bash-completion directory once per name
# (cg-reset, cg-step, cg-observe, cg-search, cg-validate, cg, cg-datasets,
# cg-plot).  It needs no
# bash-completion package.  Every value is asked of the installed tools when
# completing: action names and indices from `cg-step --list-actions`, in the
# action space given with --action-space on the line (else PassesAll),
# action spaces from `cg-reset --list-action-spaces`, observation spaces
# from `cg-observe --list-spaces`, reward spaces from
# `cg-reset --list-rewards`, environment presets from `cg-reset --list-envs`,
# search algorithms from
# `cg-search --list-algorithms`, benchmark URIs from `cg-datasets`.

# _cg_run TOOL ARG...: runs cg-TOOL, as the command line being completed
# names it ("cg-step", "./build/bin/cg-step", or "cg step"); a path to one
# tool runs the other tools from the same directory.
_cg_run() {
	local tool=$1 cmd=${_cg_cmd:-cg-$1}
	shift
	if [[ $cmd == cg || $cmd == */cg ]]; then
		command "$cmd" "$tool" "$@" 2>/dev/null
	elif [[ $cmd == */* && -x ${cmd%/*}/cg-$tool ]]; then
		"${cmd%/*}/cg-$tool" "$@" 2>/dev/null
	else
		command "cg-$tool" "$@" 2>/dev/null
	fi
}

# benchmark://DATASET/NAME for every benchmark of every installed dataset,
# as cg-datasets lists them.
_cg_uris() {
	local cmd=${_cg_cmd:-cg-reset} lister=cg-datasets ds n inst rest
	[[ $cmd == */* && -x ${cmd%/*}/cg-datasets ]] && lister=${cmd%/*}/cg-datasets
	"$lister" 2>/dev/null | while IFS=$'\t' read -r ds n inst rest; do
		[[ $ds == benchmark://* && $inst == yes ]] || continue
		"$lister" "$ds" 2>/dev/null
	done
}

# Benchmarks: C, C++, .ll and .bc files (and directories to reach them), and
# the URIs of the datasets' programs.
_cg_benchmarks() {
	local cur=$1 f u
	local -a files=() uris=()
	if [[ $cur != benchmark:* && $cur != file:* ]]; then
		while IFS= read -r f; do
			if [[ -d $f ]]; then
				files+=("$f/")
			elif [[ $f == *.c || $f == *.cc || $f == *.cpp ||
			    $f == *.cxx || $f == *.ll || $f == *.bc ]]; then
				files+=("$f")
			fi
		done < <(compgen -f -- "$cur")
	fi
	if [[ -z $cur || benchmark:// == "$cur"* || $cur == benchmark://* ]]; then
		while IFS= read -r u; do
			[[ $u == "$cur"* ]] && uris+=("$u")
		done < <(_cg_uris)
	elif [[ $cur == */* && $cur != [./~]* && ! -e ${cur%%/*} ]]; then
		# DATASET/NAME, the short form of a URI.
		while IFS= read -r u; do
			u=${u#benchmark://}
			[[ $u == "$cur"* ]] && uris+=("$u")
		done < <(_cg_uris)
	fi
	COMPREPLY=()
	for f in "${files[@]}"; do
		COMPREPLY+=("$(printf '%q' "$f")")
	done
	COMPREPLY+=("${uris[@]}")
	# A directory or a URI goes on: no space after it.
	if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then
		compopt -o nospace 2>/dev/null
	fi
}

# The action space given with --action-space on the line being completed
# (--action-space NAME or --action-space=NAME), else PassesAll.
_cg_space() {
	local i w space=PassesAll
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == --action-space=?* ]]; then
			((i != COMP_CWORD)) && space=${w#*=}
		elif [[ $w == --action-space ]]; then
			((i++))
			[[ ${COMP_WORDS[i]} == = ]] && ((i++))
			[[ $i != "$COMP_CWORD" && -n ${COMP_WORDS[i]} ]] &&
				space=${COMP_WORDS[i]}
		fi
	done
	printf '%s\n' "$space"
}

# _cg_actions FIELD CUR [PREFIX]: field 1 (indices) or 2 (names) of
# `cg-step --list-actions` in the space on the line, those that start with
# CUR, each after PREFIX.  Names such as sroa<modify-cfg> hold characters
# of the shell: readline quotes them (-o filenames).
_cg_actions() {
	local field=$1 cur=$2 pre=$3 a
	# What readline completes is unquoted: 'sroa<m or sroa\<m.
	cur=${cur#[\'\"]}
	cur=${cur//\\/}
	COMPREPLY=()
	while IFS= read -r a; do
		# A flag of PassesAll may be given without its dash.
		[[ $a == -* && -n $cur && $cur != -* ]] && a=${a#-}
		[[ $a == "$cur"* ]] && COMPREPLY+=("$pre$a")
	done < <(_cg_run step --list-actions --action-space "$(_cg_space)" |
	    cut -f"$field")
	compopt -o filenames 2>/dev/null
}

# --actions LIST: the action after the last comma outside <> and (), or
# @FILE.
_cg_action_list() {
	local cur=$1 i c depth=0 cut=0 f
	cur=${cur#[\'\"]}
	cur=${cur//\\/}
	if [[ $cur == @* ]]; then
		COMPREPLY=()
		while IFS= read -r f; do
			[[ -d $f ]] && f=$f/
			COMPREPLY+=("@$f")
		done < <(compgen -f -- "${cur#@}")
		if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then
			compopt -o nospace 2>/dev/null
		fi
		return
	fi
	for ((i = 0; i < ${#cur}; i++)); do
		c=${cur:i:1}
		case $c in
		'<' | '(') ((depth++)) ;;
		'>' | ')') ((depth > 0 && depth--)) ;;
		,) ((depth == 0)) && cut=$((i + 1)) ;;
		esac
	done
	_cg_actions 2 "${cur:cut}" "${cur:0:cut}"
}

# _cg_values TOOL OPTION CUR: the values of an option's argument.
_cg_values() {
	local tool=$1 opt=$2 cur=$3
	case $tool:$opt in
	reset:-b | reset:--benchmark | search:-b | search:--benchmark)
		_cg_benchmarks "$cur"
		return
		;;
	reset:-r | reset:--reward | search:-r | search:--reward | \
	validate:-r | validate:--reward)
		COMPREPLY=($(compgen -W "$(_cg_run reset --list-rewards)" -- "$cur"))
		;;
	reset:--run)
		COMPREPLY=($(compgen -f -X '!*.json' -- "$cur"))
		compopt -o plusdirs 2>/dev/null
		;;
	reset:--env)
		COMPREPLY=($(compgen -W "$(_cg_run reset --list-envs | cut -f1)" \
		    -- "$cur"))
		;;
	reset:--action-space | step:--action-space | search:--action-space)
		COMPREPLY=($(compgen -W "$(_cg_run reset --list-action-spaces |
		    cut -f1)" -- "$cur"))
		;;
	search:--actions)
		_cg_action_list "$cur"
		;;
	search:--trace)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		;;
	search:-s | search:--search)
		COMPREPLY=($(compgen -W "$(_cg_run search --list-algorithms)" \
		    -- "$cur"))
		;;
	step:-a | step:--action)
		_cg_actions 2 "$cur"
		;;
	step:-i | step:--index)
		_cg_actions 1 "$cur"
		;;
	observe:-o | observe:--observation)
		COMPREPLY=($(compgen -W "$(_cg_run observe --list-spaces |
		    cut -f1)" -- "$cur"))
		;;
	*)
		# Seconds, other numbers, --function: nothing to complete.
		COMPREPLY=()
		;;
	esac
}

# _cg_tool TOOL FIRST: completes the words of cg-TOOL from index FIRST.
_cg_tool() {
	local tool=$1 first=$2 i cur prev eq joined=0 opts valopts o
	case $tool in
	reset)
		opts='--action-space -b --benchmark --env -h --help
		    --list-action-spaces --list-envs --list-rewards -r --reward
		    --run --runtime-count -T --timeout --warmup'
		valopts='--action-space -b --benchmark --env -r --reward --run
		    --runtime-count -T --timeout --warmup'
		;;
	step)
		opts='-a --action --action-space -h --help -i --index
		    --list-actions --runtime-count -T --timeout --warmup'
		valopts='-a --action --action-space -i --index --runtime-count
		    -T --timeout --warmup'
		;;
	observe)
		opts='--function -h --help -j --json --list-spaces -o
		    --observation --runtime-count -T --timeout --warmup'
		valopts='--function -o --observation --runtime-count -T
		    --timeout --warmup'
		;;
	search)
		opts='--action-space --actions -b --benchmark --beam-width
		    --epsilon -h --help -j --jobs --list-algorithms --max-length
		    -n --steps --patience -q --quiet -r --reward -s --search --seed
		    --semantics --no-semantics -t --time -T --timeout --trace'
		valopts='--action-space --actions -b --benchmark --beam-width
		    --epsilon -j --jobs --max-length -n --steps --patience
		    -r --reward -s --search --seed -t --time -T --timeout --trace'
		;;
	validate)
		opts='--csv -h --help -r --reward --sanitize --semantics
		    -T --timeout'
		valopts='-r --reward -T --timeout'
		;;
	*)
		return
		;;
	esac

	# Join what COMP_WORDBREAKS split at ':' (benchmark://...).
	i=$COMP_CWORD
	cur=${COMP_WORDS[i]}
	while ((i > first)) &&
	    { [[ $cur == :* ]] || [[ ${COMP_WORDS[i - 1]} == *: ]]; }; do
		((i--))
		cur=${COMP_WORDS[i]}$cur
		joined=1
	done
	prev= eq=
	((i > first)) && prev=${COMP_WORDS[i - 1]}
	# --option=value: bash splits it at '=' (COMP_WORDBREAKS) ...
	if [[ $cur == = && $prev == --* ]]; then
		cur=
	elif [[ $prev == = ]] && ((i - 2 >= first)); then
		prev=${COMP_WORDS[i - 2]}
	elif [[ $cur == --*=* ]]; then
		# ... unless '=' was taken out of COMP_WORDBREAKS.
		prev=${cur%%=*}
		eq=$prev=
		cur=${cur#*=}
	fi

	case $prev in
	'<' | '>' | '>>' | '2>' | '&>')
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac
	for o in $valopts; do
		if [[ $prev == "$o" ]]; then
			_cg_values "$tool" "$prev" "$cur"
			_cg_trim_colon "$cur" "$joined"
			[[ -n $eq ]] && COMPREPLY=("${COMPREPLY[@]/#/$eq}")
			return
		fi
	done
	# A value stuck to its short option: -a-gvn, -oIr.
	for o in $valopts; do
		if [[ $o != --* && $cur == "$o"?* && $cur != --* ]]; then
			_cg_values "$tool" "$o" "${cur#"$o"}"
			COMPREPLY=("${COMPREPLY[@]/#/$o}")
			return
		fi
	done
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	if [[ $tool == reset ]]; then
		_cg_benchmarks "$cur"
		_cg_trim_colon "$cur" "$joined"
	else
		COMPREPLY=()
	fi
}

# When bash split the word at ':', it replaces only the part after the
# last ':', so the candidates lose what comes before it.
_cg_trim_colon() {
	local cur=$1 joined=$2 pre i
	[[ $joined == 1 && $cur == *:* ]] || return
	pre=${cur%"${cur##*:}"}
	for i in "${!COMPREPLY[@]}"; do
		COMPREPLY[i]=${COMPREPLY[i]#"$pre"}
	done
}

_cg_reset() {
	local _cg_cmd=${COMP_WORDS[0]}
	_cg_tool reset 1
}

_cg_step() {
	local _cg_cmd=${COMP_WORDS[0]}
	_cg_tool step 1
}

_cg_observe() {
	local _cg_cmd=${COMP_WORDS[0]}
	_cg_tool observe 1
}

_cg_search() {
	local _cg_cmd=${COMP_WORDS[0]}
	_cg_tool search 1
}

_cg_validate() {
	local _cg_cmd=${COMP_WORDS[0]}
	_cg_tool validate 1
}

# cg TOOL ARG...: the tools as subcommands of the one executable.
_cg() {
	local _cg_cmd=${COMP_WORDS[0]}
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W 'observe reset search step validate' -- \
		    "${COMP_WORDS[1]}"))
		return
	fi
	_cg_tool "${COMP_WORDS[1]}" 2
}

complete -F _cg_reset cg-reset
complete -F _cg_step cg-step
complete -F _cg_observe cg-observe
complete -F _cg_search cg-search
complete -F _cg_validate cg-validate
complete -F _cg cg

# cg-datasets [dataset] | -r count [-s seed] [dataset] | install | uninstall
_cg_datasets() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local exe=${COMP_WORDS[0]} names
	[[ $exe == */* && -x $exe ]] || exe=cg-datasets
	names=$("$exe" 2>/dev/null | cut -f1 | sed 's|^[a-z]*://||')
	case $prev in
	-r | --random | -s | --seed)
		COMPREPLY=()
		return
		;;
	-n | --name | -m | --max-size)
		COMPREPLY=()
		return
		;;
	install)
		COMPREPLY=($(compgen -W 'gcc-c-torture-v0' -- "$cur")
		    $(compgen -f -X '!*.tar*' -- "$cur") $(compgen -d -- "$cur"))
		return
		;;
	uninstall)
		COMPREPLY=($(compgen -W "$names" -- "$cur"))
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-h --help -m --max-size -n --name
		    -r --random -s --seed' -- "$cur"))
	else
		COMPREPLY=($(compgen -W "install uninstall $names" -- "$cur"))
	fi
}
complete -F _cg_datasets cg-datasets

# cg-plot -h | trace out.svg trace.jsonl ... | bars out.svg title states.jsonl ...
_cg_plot() {
	local cur=${COMP_WORDS[COMP_CWORD]}
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W '-h trace bars' -- "$cur"))
		return
	fi
	case ${COMP_WORDS[1]}:$COMP_CWORD in
	trace:2 | bars:2)
		COMPREPLY=($(compgen -f -X '!*.svg' -- "$cur"))
		;;
	bars:3)
		# The title.
		COMPREPLY=()
		return
		;;
	trace:* | bars:*)
		COMPREPLY=($(compgen -f -X '!*.jsonl' -- "$cur"))
		;;
	*)
		COMPREPLY=()
		return
		;;
	esac
	compopt -o filenames -o plusdirs 2>/dev/null
}
complete -F _cg_plot cg-plot
