# bash completion for vnetctl: commands (and their virsh names), global
# options, backend names, and network names from `vnetctl list --all --name`.
_vnetctl() {
  local cur prev words cword
  _init_completion || return
  local cmds="define net-define undefine net-undefine list net-list info net-info uuid net-uuid
    name net-name dumpxml net-dumpxml edit net-edit create net-create start net-start
    destroy net-destroy stop autostart net-autostart update net-update dhcp-leases
    net-dhcp-leases diff apply render backends"
  local root=()
  local i
  for ((i = 1; i < cword; i++)); do
    [[ ${words[i]} == --root ]] && root=(--root "${words[i + 1]}")
  done
  case $prev in
    --backend) COMPREPLY=($(compgen -W "auto networkmanager networkd netplan ifupdown" -- "$cur")); return ;;
    --root | -o | --output) _filedir -d; return ;;
    --placement) COMPREPLY=($(compgen -W "persistent runtime" -- "$cur")); return ;;
  esac
  local cmd= w
  for w in "${words[@]:1:cword-1}"; do
    [[ " $cmds " == *" $w "* ]] && { cmd=$w; break; }
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "$cmds --root --backend --json -v -q --no-color --version --help" -- "$cur"))
    return
  fi
  case $cmd in
    define | net-define | create | net-create | apply) _filedir xml ;;
    diff) COMPREPLY=($(compgen -W "$(vnetctl "${root[@]}" list --all --name 2>/dev/null)" -- "$cur")); _filedir xml ;;
    render) COMPREPLY=($(compgen -W "$(vnetctl "${root[@]}" list --all --name 2>/dev/null)" -- "$cur")); _filedir xml ;;
    *) COMPREPLY=($(compgen -W "$(vnetctl "${root[@]}" list --all --name 2>/dev/null)" -- "$cur")) ;;
  esac
}
complete -F _vnetctl vnetctl
