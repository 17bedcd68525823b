# bash completion for isc2dnsmasq: subcommands, options and their values, file names.
# Installed as share/bash-completion/completions/isc2dnsmasq; for a build tree:
#   source completions/isc2dnsmasq.bash
# Subcommands, options and the choices of enumerated options are read from the tool's own --help
# (CLI11 format) the first time they are needed in a shell, so the completion always matches the
# installed binary; a built-in list is used when the binary cannot be run.

_isc2dnsmasq_static_commands="check translate simulate explain verify diff probe"
_isc2dnsmasq_static_globals="--help --version --format --color --werror"

declare -gA _isc2dnsmasq_help_cache 2>/dev/null || true

# Prints the --help text of the tool ($1 = subcommand or empty), cached per shell.
_isc2dnsmasq_help() {
  local key=${1:-.}
  if [[ -z ${_isc2dnsmasq_help_cache[$key]+set} ]]; then
    local text
    if [[ -n ${1-} ]]; then
      text=$(command isc2dnsmasq "${1-}" --help 2>/dev/null)
    else
      text=$(command isc2dnsmasq --help 2>/dev/null)
    fi
    _isc2dnsmasq_help_cache[$key]=$text
  fi
  printf '%s\n' "${_isc2dnsmasq_help_cache[$key]}"
}

# Subcommand names: the "Subcommands:" section of the top-level help.
_isc2dnsmasq_commands() {
  local names
  names=$(_isc2dnsmasq_help | awk '/^Subcommands:/ {s=1; next} s && /^  [a-z]/ {print $1} s && /^[^ ]/ {s=0}')
  printf '%s\n' "${names:-$_isc2dnsmasq_static_commands}"
}

# Option names of the tool ($1 empty) or of a subcommand: every -x/--xyz in an option line.
_isc2dnsmasq_options() {
  local names
  names=$(_isc2dnsmasq_help "${1-}" | awk '/^  *-/ {n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i]}')
  if [[ -z ${1-} && -z $names ]]; then names=$_isc2dnsmasq_static_globals; fi
  printf '%s\n' "$names"
}

# How to complete the value of option $2 (of subcommand $1): prints "choices a b c", "file",
# "none" (numbers) or "flag" (takes no value), from the type CLI11 shows after the option name.
_isc2dnsmasq_value_kind() {
  local type
  type=$(
    { _isc2dnsmasq_help "${1-}"; [[ -n ${1-} ]] && _isc2dnsmasq_help ""; } |
      awk -v opt="$2" '/^  *-/ {
        n = split($1, a, ",")
        for (i = 1; i <= n; i++) if (a[i] == opt) {
          print ($2 ~ /^[A-Z][A-Z0-9_]*([:=.].*)?$/) ? $2 : "FLAG"
          exit
        }
      }'
  )
  case $type in
    "")
      case $2 in
        --format) echo "choices text json sarif" ;;
        --color) echo "choices auto always never" ;;
        --kind) echo "choices auto isc dnsmasq" ;;
        *) echo "file" ;;
      esac
      ;;
    FLAG) echo "flag" ;;
    *:\{*\}*)
      local set=${type#*\{}
      set=${set%%\}*}
      echo "choices ${set//,/ }"
      ;;
    INT* | UINT* | FLOAT* | NUMBER*) echo "none" ;;
    *) echo "file" ;;
  esac
}

_isc2dnsmasq() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # "--color=al": bash splits at '=' (COMP_WORDBREAKS), giving words "--color" "=" "al".
  if [[ $cur == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cur=""
  elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  local commands cmd="" i w
  commands=$(_isc2dnsmasq_commands)
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ $w != -* && " "$(echo $commands)" " == *" $w "* ]]; then
      cmd=$w
      break
    fi
  done

  COMPREPLY=()
  if [[ $prev == -* ]]; then
    local kind
    kind=$(_isc2dnsmasq_value_kind "$cmd" "$prev")
    case $kind in
      choices\ *)
        COMPREPLY=($(compgen -W "${kind#choices }" -- "$cur"))
        return 0
        ;;
      file)
        compopt -o filenames 2>/dev/null
        if [[ $cur == @* ]]; then
          # --client @FILE: complete the file name after the '@'.
          COMPREPLY=($(compgen -f -P @ -- "${cur#@}"))
        else
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return 0
        ;;
      none) return 0 ;;
    esac
  fi

  if [[ $cur == -* ]]; then
    local opts
    opts=$(_isc2dnsmasq_options "")
    [[ -n $cmd ]] && opts+=$'\n'$(_isc2dnsmasq_options "$cmd")
    COMPREPLY=($(compgen -W "$(sort -u <<<"$opts")" -- "$cur"))
    return 0
  fi
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    return 0
  fi
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}

complete -F _isc2dnsmasq isc2dnsmasq
