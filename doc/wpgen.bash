# bash completion for wpgen: commands, each command's options, formats,
# modes and profile names. Installed by make install into
# PREFIX/share/bash-completion/completions/wpgen.

_wpgen_profiles()
{
	local dir
	for dir in "${WPGEN_DATADIR:-}" "$(dirname "$(command -v wpgen 2>/dev/null)")/../share/wpgen"; do
		[ -d "$dir/profiles" ] || continue
		local f
		for f in "$dir"/profiles/*.yaml; do
			[ -e "$f" ] && basename "$f" .yaml
		done
		return
	done
}

_wpgen()
{
	local cur prev cmd opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=${COMP_WORDS[1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "render check convert build rules import profiles diff review config --help --version" -- "$cur"))
		return
	fi
	case $prev in
	-t|--to)
		case $cmd in
		convert) COMPREPLY=($(compgen -W "md xml" -- "$cur")) ;;
		build) COMPREPLY=($(compgen -W "html md xml docx html,md html,md,xml html,docx" -- "$cur")) ;;
		diff) COMPREPLY=($(compgen -W "html md docx" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "html md xml docx" -- "$cur")) ;;
		esac
		return ;;
	--format)
		if [ "$cmd" = rules ]; then
			COMPREPLY=($(compgen -W "text md json" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "gcc json sarif github" -- "$cur"))
		fi
		return ;;
	--changes) COMPREPLY=($(compgen -W "show accept reject" -- "$cur")); return ;;
	-p|--profile) COMPREPLY=($(compgen -W "$(_wpgen_profiles)" -- "$cur") $(compgen -f -X '!*.y*ml' -- "$cur")); return ;;
	--disable|--enable) COMPREPLY=($(compgen -W "$(wpgen rules 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
	--limit) COMPREPLY=($(compgen -W "line= columns= brackets= depth= indent= emphasis=" -- "$cur")); return ;;
	--set) COMPREPLY=($(compgen -W "title= body= annex_to= running_title= period= session= as_of= profile= plan=" -- "$cur")); return ;;
	--template) COMPREPLY=($(compgen -f -X '!*.xsl' -- "$cur")); return ;;
	--config) COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur")); return ;;
	--reference-doc) COMPREPLY=($(compgen -f -X '!*.docx' -- "$cur")); return ;;
	-o|--output|--depfile) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--plan-root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-j|--jobs|--as-of) return ;;
	esac
	case $cmd in
	render) opts="--to --output --template --reference-doc --profile --strict --set --changes --depfile --limit --as-of --plan-root --disable --enable --summary --help --min-severity --quiet --config --no-config --show-accepted" ;;
	check) opts="--format --werror --statistics --disable --enable --as-of --fix --dry-run --profile --limit --plan-root --summary --help --follow-links --min-severity --quiet --config --no-config --show-accepted --print-config" ;;
	convert) opts="--to --output --set --changes --profile --limit --plan-root --help --min-severity --quiet --config --no-config" ;;
	build) opts="--jobs --output --to --changes --clean-failed --profile --limit --plan-root --quiet --help --as-of --follow-links --min-severity --config --no-config --disable --enable" ;;
	import) opts="--profile --output --set --summary --help --min-severity --quiet" ;;
	diff) opts="--format --to --output --reference-doc --profile --set --limit --help --min-severity --quiet --config --no-config" ;;
	review) opts="--output --profile --set --changes --as-of --disable --enable --limit --plan-root --min-severity --quiet --help --config --no-config --show-accepted" ;;
	config) opts="--config --no-config --profile --as-of --disable --enable --limit --help" ;;
	rules) opts="--format --help" ;;
	*) opts="--help" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

complete -o filenames -F _wpgen wpgen
