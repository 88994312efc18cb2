# shellcheck shell=bash disable=SC2207 # compgen prints words: splitting them is the point
# bash completion for vnetctl(1)                          -*- shell-script -*-
# Commands and their virsh names, each command's options, backend names,
# network names from `vnetctl list` (honouring --root and VNETCTL_ROOT), and
# files where a file is expected. Installed as
# $(pkg-config --variable=completionsdir bash-completion)/vnetctl.
# Kept in step with `vnetctl --help` by tests/docs/consistency.sh.

# _vnetctl_cmd_opts CMD: the options of CMD (the global ones come on top).
_vnetctl_cmd_opts() {
  case $1 in
    list | net-list)
      echo --inactive --all --persistent --transient --autostart --no-autostart --uuid --name --table ;;
    define | net-define) echo --file --validate ;;
    undefine | net-undefine | info | net-info | uuid | net-uuid | name | net-name | edit | net-edit)
      echo --network ;;
    dumpxml | net-dumpxml) echo --network --inactive --xpath --wrap ;;
    create | net-create) echo --file --validate --dry-run ;;
    start | net-start | destroy | net-destroy | stop) echo --network --dry-run ;;
    apply) echo --dry-run ;;
    autostart | net-autostart) echo --network --disable --dry-run ;;
    update | net-update)
      echo --network --command --section --xml --parent-index --config --live --current ;;
    dhcp-leases | net-dhcp-leases) echo --network --mac ;;
    event | net-event) echo --network --event --loop --timeout --timestamp --list ;;
    port-list | net-port-list) echo --network --uuid --table ;;
    port-dumpxml | net-port-dumpxml | port-delete | net-port-delete) echo --network --port ;;
    port-create | net-port-create) echo --network --file --validate ;;
    render) echo -o --output --placement ;;
    import) echo -c --connect --from --replace --allow-partial --start --takeover --handback --dry-run ;;
  esac
}

# _vnetctl_list LIST-ARGS...: `vnetctl list LIST-ARGS` on the store vnetctl
# would use: --root from the command line, else VNETCTL_ROOT, else /.
# Completing must change nothing, and vnetctl's first command on a new store
# creates it with libvirt's `default` network (inactive): for a store that
# does not exist yet, that name is offered instead of running vnetctl.
_vnetctl_list() {
  local root=${VNETCTL_ROOT:-/} i
  for ((i = 1; i < ${#words[@]}; i++)); do
    case ${words[i]} in
      --root) root=${words[i + 1]} ;;
      --root=*) root=${words[i]#--root=} ;;
    esac
  done
  root=${root/#\~/$HOME}
  if [[ ! -d $root/etc/vnetctl/networks ]]; then
    [[ " $* " == *" --name "* && (" $* " == *" --all "* || " $* " == *" --inactive "*) ]] &&
      echo default
    return 0
  fi
  vnetctl --root "$root" -q list "$@" 2>/dev/null
}

# _vnetctl_libvirt_networks: what `import` can take: DIR/*.xml with --from
# DIR, else the networks of the libvirt connection (-c URI, default
# qemu:///system), asked with a short timeout.
_vnetctl_libvirt_networks() {
  local from='' uri=qemu:///system i f
  for ((i = 1; i < ${#words[@]}; i++)); do
    case ${words[i]} in
      --from) from=${words[i + 1]} ;;
      --from=*) from=${words[i]#--from=} ;;
      -c | --connect) uri=${words[i + 1]} ;;
      --connect=*) uri=${words[i]#--connect=} ;;
    esac
  done
  if [[ -n $from ]]; then
    for f in "$from"/*.xml; do [[ -e $f ]] && { f=${f##*/}; echo "${f%.xml}"; }; done
  elif command -v virsh >/dev/null; then
    timeout 3 virsh -q -c "$uri" net-list --all --name 2>/dev/null
  fi
}

_vnetctl() {
  local cur prev words cword
  _init_completion -n =: || return
  local globals='--root --backend --json -v --verbose -q --quiet --no-color -c --connect -r
    --readonly --version -h --help'
  local cmds='define net-define undefine net-undefine list net-list info net-info uuid net-uuid
    name net-name dumpxml net-dumpxml edit net-edit create net-create start net-start
    destroy net-destroy stop autostart net-autostart update net-update dhcp-leases
    net-dhcp-leases event net-event port-list net-port-list port-dumpxml net-port-dumpxml port-create
    net-port-create port-delete net-port-delete diff apply render import backends doctor'
  # Options that take a value: the word after them is not an argument.
  local valued=' --root --backend -o --output --placement --mac --parent-index -c --connect --from
    --network --file --command --section --xml --xpath --port --event --timeout '
  valued=${valued//$'\n'/ }
  local backends='auto networkmanager networkd netplan ifupdown'

  case $prev in
    --root | --from | -o | --output) _filedir -d; return ;;
    --backend) COMPREPLY=($(compgen -W "$backends" -- "$cur")); return ;;
    --placement) COMPREPLY=($(compgen -W 'persistent runtime' -- "$cur")); return ;;
    -c | --connect)
      COMPREPLY=($(compgen -W 'qemu:///system qemu:///session test:///default' -- "$cur"))
      __ltrim_colon_completions "$cur"
      return ;;
    --mac | --parent-index | --xpath | --port) return ;;
    --network) COMPREPLY=($(compgen -W "$(_vnetctl_list --all --name)" -- "$cur")); return ;;
    --file | --xml) _filedir xml; return ;;
    --command) COMPREPLY=($(compgen -W 'add add-first add-last delete modify' -- "$cur")); return ;;
    --section)
      COMPREPLY=($(compgen -W 'ip-dhcp-host ip-dhcp-range dns-host dns-srv dns-txt
        forward-interface portgroup' -- "$cur"))
      return ;;
  esac
  case $cur in
    --root=* | --from=* | --output=*) cur=${cur#*=}; _filedir -d; return ;;
    --backend=*) COMPREPLY=($(compgen -W "$backends" -- "${cur#*=}")); return ;;
    --placement=*) COMPREPLY=($(compgen -W 'persistent runtime' -- "${cur#*=}")); return ;;
  esac

  # The command, and how many of its arguments come before the cursor.
  local cmd='' npos=0 i w
  for ((i = 1; i < cword; i++)); do
    w=${words[i]}
    if [[ $valued == *" $w "* ]]; then
      ((i++))
    elif [[ $w == -* ]]; then
      :
    elif [[ -z $cmd ]]; then
      cmd=$w
    else
      ((npos++))
    fi
  done

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
    fi
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_vnetctl_cmd_opts "$cmd") $globals" -- "$cur"))
    return
  fi

  case $cmd in
    define | net-define | create | net-create)
      if ((npos == 0)); then
        _filedir xml
        [[ $cur == '' || $cur == - ]] && COMPREPLY+=(-)
      fi ;;
    apply)
      _filedir xml
      [[ $cur == '' || $cur == - ]] && COMPREPLY+=(-) ;;
    diff) # any stored network or file; with none, diff compares every active network
      COMPREPLY=($(compgen -W "$(_vnetctl_list --all --name)" -- "$cur"))
      _filedir xml ;;
    render)
      if ((npos == 0)); then
        COMPREPLY=($(compgen -W "$(_vnetctl_list --all --name)" -- "$cur"))
        _filedir xml
      fi ;;
    start | net-start)
      ((npos == 0)) && COMPREPLY=($(compgen -W "$(_vnetctl_list --inactive --name)" -- "$cur")) ;;
    destroy | net-destroy | stop | dhcp-leases | net-dhcp-leases | port-list | net-port-list | \
      port-dumpxml | net-port-dumpxml | port-delete | net-port-delete)
      ((npos == 0)) && COMPREPLY=($(compgen -W "$(_vnetctl_list --name)" -- "$cur")) ;;
    port-create | net-port-create)
      case $npos in
        0) COMPREPLY=($(compgen -W "$(_vnetctl_list --name)" -- "$cur")) ;;
        1) _filedir xml ;;
      esac ;;
    name | net-name)
      ((npos == 0)) && COMPREPLY=($(compgen -W "$(_vnetctl_list --all --uuid)" -- "$cur")) ;;
    update | net-update)
      case $npos in
        0) COMPREPLY=($(compgen -W "$(_vnetctl_list --all --name)" -- "$cur")) ;;
        1) COMPREPLY=($(compgen -W 'add add-first add-last delete modify' -- "$cur")) ;;
        2) COMPREPLY=($(compgen -W 'ip-dhcp-host ip-dhcp-range dns-host dns-srv dns-txt
             forward-interface portgroup' -- "$cur")) ;;
        3) _filedir xml ;;
      esac ;;
    doctor) # any stored network; with none, every network
      COMPREPLY=($(compgen -W "$(_vnetctl_list --all --name)" -- "$cur")) ;;
    import) COMPREPLY=($(compgen -W "$(_vnetctl_libvirt_networks)" -- "$cur")) ;;
    list | net-list | backends) ;;
    *) ((npos == 0)) && COMPREPLY=($(compgen -W "$(_vnetctl_list --all --name)" -- "$cur")) ;;
  esac
} &&
  complete -F _vnetctl vnetctl
