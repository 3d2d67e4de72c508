# bash completion for limber(1)                              -*- shell-script -*-
# Installed as share/bash-completion/completions/limber. Stretch ids and
# profile fields come from the limber being completed (`limber list ...`,
# with the --rules/--catalogue folders already on the line), so they follow
# your own rules and catalogue; a static list is the fallback.

_limber_static_stretches="active-hang bridge cat-cow childs-pose chin-to-chest deep-squat-reach
double-knee-to-chest eagle-arms ear-to-shoulder figure-four happy-baby jefferson-curl knee-to-chest
knee-to-opposite-shoulder kneeling-hip-flexor legs-up-rest levator-scapulae lower-trunk-rotation
overhead-triceps partial-crunch passive-hang pelvic-tilt prone-press-up seated-forward-bend
seated-spinal-twist side-lying-flexion-rotation sphinx standing-hamstring standing-side-bend
supine-hamstring"
_limber_static_fields="id age pain_areas pain_days improving pain_intensity symptoms worse_with
sitting_hours history red_flags during_stretch can_get_to_floor equipment minutes toe_touch goals"

# Runs `limber ARGS...` with the knowledge-base options of the command line.
_limber_query() {
  "${_limber_kb[@]}" "$@" 2>/dev/null
}

_limber_files() {  # $1: extensions (yaml|yml|json), or empty for any file
  local f
  compopt -o filenames 2>/dev/null
  while IFS= read -r f; do
    if [[ -d $f ]]; then
      COMPREPLY+=("$f/")
    elif [[ -z $1 || $f =~ \.($1)$ ]]; then
      COMPREPLY+=("$f")
    fi
  done < <(compgen -f -- "$cur")
  [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null
}

_limber_dirs() {
  compopt -o filenames 2>/dev/null
  local IFS=$'\n'
  COMPREPLY=($(compgen -d -- "$cur"))
}

# --set FIELD=VALUE: field names, then the values of enum and set fields.
_limber_set() {
  local fields
  if [[ $cur == *=* ]]; then
    local field=${cur%%=*} value=${cur#*=} prefix="" values
    values=$(_limber_query list fields | awk -v f="$field" '$1 == f {
      s = $0; i = index(s, " of "); if (!i) exit
      s = substr(s, i + 4); sub(/ \(or none\)$/, "", s); gsub(/, /, " ", s); print s; exit }')
    [[ $values ]] || return
    # A set takes several values: complete the last one after ';' or ','.
    if [[ $value == *[\;,]* ]]; then
      prefix=${value%[;,]*}
      prefix=${value:0:${#prefix}+1}
      value=${value:${#prefix}}
    fi
    # Readline replaces only the text after the last word-break character
    # (by default '=' and ';' are ones).
    local lead="$field=$prefix"
    if [[ $COMP_WORDBREAKS == *\;* && $lead == *\;* ]]; then
      lead=${lead##*;}
    elif [[ $COMP_WORDBREAKS == *=* ]]; then
      lead=${lead#*=}
    fi
    local v
    for v in $values none; do
      [[ $v == "$value"* ]] && COMPREPLY+=("$lead$v")
    done
    return
  fi
  fields=$(_limber_query list fields | awk '/^[a-z]/ {print $1}')
  [[ $fields ]] || fields=$_limber_static_fields
  COMPREPLY=($(compgen -W "$fields" -S = -- "$cur"))
  compopt -o nospace 2>/dev/null
}

_limber() {
  local line=${COMP_LINE:0:COMP_POINT}
  local -a words
  read -ra words <<<"$line"
  [[ $line == *[[:space:]] || ${#words[@]} -eq 0 ]] && words+=("")
  local cword=$((${#words[@]} - 1))
  local cur=${words[cword]} prev=""
  ((cword > 0)) && prev=${words[cword - 1]}
  COMPREPLY=()

  local commands="recommend ask batch test lint explain list show schema go log diary profile plan matrix"
  local globals="--rules --catalogue --no-builtin --color --diary --version --help"

  # The command, and the knowledge-base options for dynamic lists.
  local cmd="" i
  local -a _limber_kb=("${words[0]}")
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --rules | --catalogue)
        _limber_kb+=("${words[i]}" "${words[i + 1]}")
        ((i++))
        ;;
      --no-builtin) _limber_kb+=(--no-builtin) ;;
      --rules=* | --catalogue=*) _limber_kb+=("${words[i]}") ;;
      --color | --set | --format | --input-format | -o | --output | --save-profile | -j | --jobs | --sources | --variant | --diary | --date | --session | --pain | --pain-during | --during | --note | --since | --weeks | --ics | --days | --time | --max-errors)
        ((i++))
        ;;
      -*) ;;
      *) [[ -z $cmd ]] && cmd=${words[i]} ;;
    esac
  done

  case $prev in
    --rules | --catalogue | --sources)
      _limber_dirs
      return
      ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
      return
      ;;
    --format)
      if [[ $cmd == batch ]]; then
        COMPREPLY=($(compgen -W "jsonl csv markdown html summary" -- "$cur"))
      elif [[ $cmd == diary ]]; then
        COMPREPLY=($(compgen -W "text json csv jsonl" -- "$cur"))
      elif [[ $cmd == matrix ]]; then
        COMPREPLY=($(compgen -W "text csv markdown" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json markdown html" -- "$cur"))
      fi
      return
      ;;
    --summary-format)
      COMPREPLY=($(compgen -W "text json csv" -- "$cur"))
      return
      ;;
    --input-format)
      COMPREPLY=($(compgen -W "auto yaml json jsonl csv" -- "$cur"))
      return
      ;;
    -o | --output | --save-profile | --diary | --ics)
      _limber_files ""
      return
      ;;
    --session)
      COMPREPLY=($(compgen -W "done partial skipped" -- "$cur"))
      return
      ;;
    --during)
      COMPREPLY=($(compgen -W "tingling numbness sharp_pain pain_spreading_down_leg increasing_pain" -- "$cur"))
      return
      ;;
    --set)
      _limber_set
      return
      ;;
    -j | --jobs)
      return
      ;;
  esac

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return
  fi

  local opts=""
  case $cmd in
    recommend) opts="--set --format -o --output --force --detail" ;;
    ask) opts="--format -o --output --save-profile --force --detail" ;;
    batch) opts="--format --input-format -o --output -j --jobs --summary-format --json --by --bands --keep-columns --no-header --progress --no-progress --stdin-name --line-offset --record-offset --force" ;;
    test) opts="-v --verbose" ;;
    lint) opts="--sources --max-errors" ;;
    explain) opts="--set --fired" ;;
    schema) opts="-o --output --force" ;;
    go) opts="--set --plain" ;;
    show) opts="--figure --variant" ;;
    log) opts="--date --session --pain --pain-during --during --note" ;;
    diary) opts="--format --since -o --output --force" ;;
    plan) opts="--set --weeks --format -o --output --force --detail --ics --days --time" ;;
    matrix) opts="--format -o --output" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $globals" -- "$cur"))
    return
  fi

  # Positional arguments.
  local positionals=0
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --rules | --catalogue | --color | --set | --format | --input-format | -o | --output | --save-profile | -j | --jobs | --sources | --variant | --diary | --date | --session | --pain | --pain-during | --during | --note | --since | --weeks | --ics | --days | --time | --max-errors)
        ((i++))
        ;;
      -*) ;;
      *) ((positionals++)) ;;
    esac
  done
  # positionals counts the command itself.
  case $cmd in
    list)
      ((positionals == 1)) && COMPREPLY=($(compgen -W "stretches forms rules fields" -- "$cur"))
      ;;
    show)
      if ((positionals == 1)); then
        local ids
        ids=$(_limber_query list stretches | awk 'NF == 0 {exit} {print $1}')
        [[ $ids ]] || ids=$_limber_static_stretches
        COMPREPLY=($(compgen -W "$ids" -- "$cur"))
      fi
      ;;
    schema)
      ((positionals == 1)) && COMPREPLY=($(compgen -W "profile profile-schema rule stretch sources figure" -- "$cur"))
      ;;
    recommend | explain | go)
      ((positionals == 1)) && _limber_files "yaml|yml|json"
      ;;
    test)
      _limber_files "yaml|yml"
      ;;
    batch)
      _limber_files "yaml|yml|json|jsonl|ndjson|csv|tsv"
      ;;
  esac
}

complete -F _limber limber
