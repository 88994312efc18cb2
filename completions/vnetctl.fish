# fish completion for vnetctl(1): commands and their virsh names, each
# command's options, backend names, network names from `vnetctl list`
# (honouring --root and VNETCTL_ROOT), and files where a file is expected.
# Installed as share/fish/vendor_completions.d/vnetctl.fish.
# Kept in step with `vnetctl --help` by tests/docs/consistency.sh.

# `vnetctl list ARGS` on the store vnetctl would use: --root from the
# command line, else VNETCTL_ROOT, else /. Completing must change nothing,
# and vnetctl's first command on a new store creates it with libvirt's
# `default` network (inactive): for a store that does not exist yet, that
# name is offered instead of running vnetctl.
function __vnetctl_list
    set -l tokens (commandline -opc)
    set -l root /
    set -q VNETCTL_ROOT; and set root $VNETCTL_ROOT
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --root
                set root $tokens[(math $i + 1)]
            case '--root=*'
                set root (string replace -- --root= '' $tokens[$i])
        end
    end
    set root (string replace -r '^~' $HOME -- $root)
    if not test -d $root/etc/vnetctl/networks
        if contains -- --name $argv; and begin
                contains -- --all $argv; or contains -- --inactive $argv
            end
            echo default
        end
        return 0
    end
    vnetctl --root $root -q list $argv 2>/dev/null
end

# The command word (the first argument that is not an option or an
# option's value), and how many arguments follow it before the cursor.
function __vnetctl_command
    set -l tokens (commandline -opc)
    set -l skip 0
    for t in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case --root --backend -o --output --placement --mac --parent-index -c --connect --from --network --file --command --section --xml --xpath --port
                set skip 1
            case '-*'
            case '*'
                echo $t
                return 0
        end
    end
    return 1
end

function __vnetctl_nargs
    set -l tokens (commandline -opc)
    set -l skip 0
    set -l n -1
    for t in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case --root --backend -o --output --placement --mac --parent-index -c --connect --from --network --file --command --section --xml --xpath --port
                set skip 1
            case '-*'
            case '*'
                set n (math $n + 1)
        end
    end
    echo $n
end

# __vnetctl_at CMD... N: the command is one of CMD and N arguments precede
# the cursor.
function __vnetctl_at
    set -l want $argv[-1]
    contains -- (__vnetctl_command) $argv[1..-2]; and test (__vnetctl_nargs) = $want
end

# What `import` can take: DIR/*.xml with --from DIR, else the networks of the
# libvirt connection (-c URI, default qemu:///system), asked with a timeout.
function __vnetctl_libvirt_networks
    set -l tokens (commandline -opc)
    set -l from
    set -l uri qemu:///system
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --from
                set from $tokens[(math $i + 1)]
            case '--from=*'
                set from (string replace -- --from= '' $tokens[$i])
            case -c --connect
                set uri $tokens[(math $i + 1)]
            case '--connect=*'
                set uri (string replace -- --connect= '' $tokens[$i])
        end
    end
    if test -n "$from"
        for f in $from/*.xml
            basename $f .xml
        end
    else if command -q virsh
        timeout 3 virsh -q -c $uri net-list --all --name 2>/dev/null
    end
end

# XML files and directories under the token being completed.
function __vnetctl_xml_files
    set -l token (commandline -ct)
    for f in $token*.xml $token*/
        echo $f
    end
end

complete -c vnetctl -f

# Global options (also accepted after the command).
complete -c vnetctl -s h -l help -d 'Print help and exit'
complete -c vnetctl -l version -d "Print the version and the detected managers' versions"
complete -c vnetctl -l root -x -a '(__fish_complete_directories)' -d 'Operate on the tree under DIR instead of /'
complete -c vnetctl -l backend -x -a 'auto networkmanager networkd netplan ifupdown' -d 'Network manager to use'
complete -c vnetctl -l json -d 'Machine-readable output'
complete -c vnetctl -s v -l verbose -d 'Echo each host change as it runs'
complete -c vnetctl -s q -l quiet -d 'No table headers or success messages'
complete -c vnetctl -l no-color -d 'No colour (also NO_COLOR)'
complete -c vnetctl -n 'not __vnetctl_is import' -s c -l connect -x -a 'qemu:///system network:///system qemu+ssh://' -d "virsh's URI: this host, or qemu+ssh://HOST/system"
complete -c vnetctl -s r -l readonly -d 'Refuse every command that changes something (virsh -r)'

# Commands.
set -l n "not __vnetctl_command >/dev/null"
complete -c vnetctl -n $n -a define -d 'Define or redefine a persistent network from an XML file'
complete -c vnetctl -n $n -a net-define -d 'Define a persistent network (virsh name of define)'
complete -c vnetctl -n $n -a undefine -d "Remove a persistent network's definition"
complete -c vnetctl -n $n -a net-undefine -d "Remove a network's definition (virsh name of undefine)"
complete -c vnetctl -n $n -a list -d 'List networks'
complete -c vnetctl -n $n -a net-list -d 'List networks (virsh name of list)'
complete -c vnetctl -n $n -a info -d 'Show basic information about a network'
complete -c vnetctl -n $n -a net-info -d 'Show information about a network (virsh name of info)'
complete -c vnetctl -n $n -a uuid -d 'Convert a network name to its UUID'
complete -c vnetctl -n $n -a net-uuid -d 'Convert a network name to its UUID (virsh name of uuid)'
complete -c vnetctl -n $n -a name -d 'Convert a network UUID to its name'
complete -c vnetctl -n $n -a net-name -d 'Convert a network UUID to its name (virsh name of name)'
complete -c vnetctl -n $n -a dumpxml -d "Print a network's XML definition"
complete -c vnetctl -n $n -a net-dumpxml -d "Print a network's XML (virsh name of dumpxml)"
complete -c vnetctl -n $n -a edit -d "Edit a network's XML definition in \$EDITOR"
complete -c vnetctl -n $n -a net-edit -d "Edit a network's XML (virsh name of edit)"
complete -c vnetctl -n $n -a create -d 'Create and start a transient network from an XML file'
complete -c vnetctl -n $n -a net-create -d 'Create and start a transient network (virsh name of create)'
complete -c vnetctl -n $n -a start -d 'Start (realize on the host) a defined network'
complete -c vnetctl -n $n -a net-start -d 'Start a defined network (virsh name of start)'
complete -c vnetctl -n $n -a destroy -d 'Stop a network and remove everything it put on the host'
complete -c vnetctl -n $n -a net-destroy -d 'Stop a network (virsh name of destroy)'
complete -c vnetctl -n $n -a stop -d 'Stop a network (alias of destroy)'
complete -c vnetctl -n $n -a autostart -d 'Mark or unmark a network to start at boot'
complete -c vnetctl -n $n -a net-autostart -d 'Mark or unmark autostart (virsh name of autostart)'
complete -c vnetctl -n $n -a update -d "Add, delete or modify one part of a network's definition"
complete -c vnetctl -n $n -a net-update -d "Update a network's definition (virsh name of update)"
complete -c vnetctl -n $n -a dhcp-leases -d "Show a network's DHCP leases"
complete -c vnetctl -n $n -a net-dhcp-leases -d "Show DHCP leases (virsh name of dhcp-leases)"
complete -c vnetctl -n $n -a event -d "Wait for network lifecycle events and print them"
complete -c vnetctl -n $n -a net-event -d "Wait for network lifecycle events (virsh name of event)"
complete -c vnetctl -n $n -a port-list -d "List a network's ports (the guest links on its bridge)"
complete -c vnetctl -n $n -a net-port-list -d "List a network's ports (virsh name of port-list)"
complete -c vnetctl -n $n -a port-dumpxml -d "Print a network port's XML"
complete -c vnetctl -n $n -a net-port-dumpxml -d "Print a network port's XML (virsh name of port-dumpxml)"
complete -c vnetctl -n $n -a port-create -d "Plug an existing interface into a network's bridge"
complete -c vnetctl -n $n -a net-port-create -d "Plug an interface into a bridge (virsh name of port-create)"
complete -c vnetctl -n $n -a port-delete -d "Unplug a network port's interface from the bridge"
complete -c vnetctl -n $n -a net-port-delete -d "Unplug a port's interface (virsh name of port-delete)"
complete -c vnetctl -n $n -a diff -d 'Show what start or apply would change on the host, and why'
complete -c vnetctl -n $n -a apply -d 'Define and start networks, or repair and update what differs'
complete -c vnetctl -n $n -a render -d 'Print or write the native files a backend needs for a network'
complete -c vnetctl -n $n -a import -d 'Import networks from libvirt, optionally taking over the running ones'
complete -c vnetctl -n $n -a backends -d 'Show the network managers on this host and which one is used'
complete -c vnetctl -n $n -a doctor -d 'Check the host for what breaks VM networks, and say how to fix it'

# Each command's options and arguments.
function __vnetctl_is
    contains -- (__vnetctl_command) $argv
end

complete -c vnetctl -n '__vnetctl_at define net-define create net-create 0' -k -a '(__vnetctl_xml_files) -'
complete -c vnetctl -n '__vnetctl_at undefine net-undefine info net-info uuid net-uuid edit net-edit 0' \
    -a '(__vnetctl_list --all --name)' -d network
complete -c vnetctl -n '__vnetctl_at dumpxml net-dumpxml autostart net-autostart 0' \
    -a '(__vnetctl_list --all --name)' -d network

complete -c vnetctl -n '__vnetctl_is list net-list' -l inactive -d 'List inactive networks'
complete -c vnetctl -n '__vnetctl_is list net-list' -l all -d 'List inactive & active networks'
complete -c vnetctl -n '__vnetctl_is list net-list' -l persistent -d 'List persistent networks'
complete -c vnetctl -n '__vnetctl_is list net-list' -l transient -d 'List transient networks'
complete -c vnetctl -n '__vnetctl_is list net-list' -l autostart -d 'List networks with autostart enabled'
complete -c vnetctl -n '__vnetctl_is list net-list' -l no-autostart -d 'List networks with autostart disabled'
complete -c vnetctl -n '__vnetctl_is list net-list' -l uuid -d "List uuid's only"
complete -c vnetctl -n '__vnetctl_is list net-list' -l name -d 'List network names only'
complete -c vnetctl -n '__vnetctl_is list net-list' -l table -d 'List table (default)'

complete -c vnetctl -n '__vnetctl_at name net-name 0' -a '(__vnetctl_list --all --uuid)' -d 'network uuid'

complete -c vnetctl -n '__vnetctl_is dumpxml net-dumpxml' -l inactive -d 'The persistent definition, not the live one'
complete -c vnetctl -n '__vnetctl_is dumpxml net-dumpxml' -l xpath -x -d 'Print only the nodes this XPath expression selects'
complete -c vnetctl -n '__vnetctl_is dumpxml net-dumpxml' -l wrap -d 'With --xpath: the nodes under one <nodes> element'

complete -c vnetctl -n '__vnetctl_is create net-create start net-start apply' -l dry-run -d 'Print the plan and the commands; change nothing'
complete -c vnetctl -n '__vnetctl_is destroy net-destroy stop' -l dry-run -d 'Print what would be removed; change nothing'
complete -c vnetctl -n '__vnetctl_at start net-start 0' -a '(__vnetctl_list --inactive --name)' -d 'inactive network'
complete -c vnetctl -n '__vnetctl_at destroy net-destroy stop dhcp-leases net-dhcp-leases 0' -a '(__vnetctl_list --name)' -d 'active network'

complete -c vnetctl -n '__vnetctl_is autostart net-autostart' -l disable -d 'Disable autostarting'
complete -c vnetctl -n '__vnetctl_is autostart net-autostart' -l dry-run -d 'Print what would change; change nothing'

complete -c vnetctl -n '__vnetctl_is update net-update' -l parent-index -x -d 'Which <ip> to search through (0-based)'
complete -c vnetctl -n '__vnetctl_is update net-update' -l config -d 'Affect next network startup'
complete -c vnetctl -n '__vnetctl_is update net-update' -l live -d 'Affect running network'
complete -c vnetctl -n '__vnetctl_is update net-update' -l current -d 'Affect current state of network'
complete -c vnetctl -n '__vnetctl_at update net-update 0' -a '(__vnetctl_list --all --name)' -d network
complete -c vnetctl -n '__vnetctl_at update net-update 1' -a 'add add-first add-last delete modify'
complete -c vnetctl -n '__vnetctl_at update net-update 2' -a 'ip-dhcp-host ip-dhcp-range dns-host dns-srv dns-txt forward-interface portgroup'
complete -c vnetctl -n '__vnetctl_at update net-update 3' -k -a '(__vnetctl_xml_files)'

complete -c vnetctl -n '__vnetctl_is dhcp-leases net-dhcp-leases' -l mac -x -d 'Only the leases of this MAC address'
complete -c vnetctl -n '__vnetctl_at event net-event 0' -a '(__vnetctl_list --all --name)' -d 'network'
complete -c vnetctl -n '__vnetctl_is event net-event' -l network -x -a '(__vnetctl_list --all --name)' -d "Filter by network name or uuid (virsh's form)"
complete -c vnetctl -n '__vnetctl_is event net-event' -l event -x -a lifecycle -d 'Which event type to wait for'
complete -c vnetctl -n '__vnetctl_is event net-event' -l loop -d 'Loop until timeout or interrupt, rather than one-shot'
complete -c vnetctl -n '__vnetctl_is event net-event' -l timeout -x -d 'Timeout seconds'
complete -c vnetctl -n '__vnetctl_is event net-event' -l list -d 'List valid event types'
complete -c vnetctl -n '__vnetctl_is event net-event' -l timestamp -d 'Show timestamp for each printed event'

set -l ports port-list net-port-list port-dumpxml net-port-dumpxml port-create net-port-create port-delete net-port-delete
complete -c vnetctl -n "__vnetctl_at $ports 0" -a '(__vnetctl_list --name)' -d 'active network'
complete -c vnetctl -n "__vnetctl_is $ports" -l network -x -a '(__vnetctl_list --name)' -d "The network, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is port-list net-port-list' -l uuid -d "List uuid's only"
complete -c vnetctl -n '__vnetctl_is port-list net-port-list' -l table -d 'List table (default)'
complete -c vnetctl -n '__vnetctl_is port-dumpxml net-port-dumpxml port-delete net-port-delete' -l port -x -d "The port's UUID, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_at port-create net-port-create 1' -k -a '(__vnetctl_xml_files)'
complete -c vnetctl -n '__vnetctl_is port-create net-port-create' -l file -r -k -a '(__vnetctl_xml_files)' -d "The network port XML, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is port-create net-port-create' -l validate -d 'Validate the XML against the schema'

# virsh's named forms of the arguments.
complete -c vnetctl -n '__vnetctl_is undefine net-undefine info net-info uuid net-uuid dumpxml net-dumpxml edit net-edit start net-start destroy net-destroy stop autostart net-autostart update net-update dhcp-leases net-dhcp-leases' -l network -x -a '(__vnetctl_list --all --name)' -d "The network, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is name net-name' -l network -x -a '(__vnetctl_list --all --uuid)' -d "The network's uuid, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is define net-define create net-create' -l file -r -k -a '(__vnetctl_xml_files)' -d "The XML file, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is define net-define create net-create' -l validate -d "Check the XML against libvirt's schema first"
complete -c vnetctl -n '__vnetctl_is update net-update' -l command -x -a 'add add-first add-last delete modify' -d "The command, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is update net-update' -l section -x -a 'ip-dhcp-host ip-dhcp-range dns-host dns-srv dns-txt forward-interface portgroup' -d "The section, named (virsh's form)"
complete -c vnetctl -n '__vnetctl_is update net-update' -l xml -r -k -a '(__vnetctl_xml_files)' -d "The XML element or file, named (virsh's form)"

# diff with no name compares every active network.
complete -c vnetctl -n '__vnetctl_is diff' -a '(__vnetctl_list --all --name)' -d 'network (none: every active network)'
complete -c vnetctl -n '__vnetctl_is diff' -k -a '(__vnetctl_xml_files)'

# doctor with no name checks every network.
complete -c vnetctl -n '__vnetctl_is doctor' -a '(__vnetctl_list --all --name)' -d 'network (none: every network)'

complete -c vnetctl -n '__vnetctl_is apply' -k -a '(__vnetctl_xml_files) -'

complete -c vnetctl -n '__vnetctl_at render 0' -a '(__vnetctl_list --all --name)' -d network
complete -c vnetctl -n '__vnetctl_at render 0' -k -a '(__vnetctl_xml_files) -'
complete -c vnetctl -n '__vnetctl_is render' -s o -l output -x -a '(__fish_complete_directories)' -d 'Write the files under DIR at their real paths'
complete -c vnetctl -n '__vnetctl_is render' -l placement -x -a 'persistent runtime' -d "An autostarted network's files (/etc) or a started one's (/run)"

complete -c vnetctl -n '__vnetctl_is import' -s c -l connect -x -a 'qemu:///system qemu:///session test:///default' -d 'libvirt connection URI'
complete -c vnetctl -n '__vnetctl_is import' -l from -x -a '(__fish_complete_directories)' -d "A directory in libvirt's layout"
complete -c vnetctl -n '__vnetctl_is import' -l replace -d 'Overwrite vnetctl networks of the same name'
complete -c vnetctl -n '__vnetctl_is import' -l allow-partial -d 'Import even what the backend cannot fully carry'
complete -c vnetctl -n '__vnetctl_is import' -l start -d 'Start the imported networks'
complete -c vnetctl -n '__vnetctl_is import' -l takeover -d "Stop libvirt's active networks and start vnetctl's"
complete -c vnetctl -n '__vnetctl_is import' -l handback -d "Give networks taken over back to libvirt"
complete -c vnetctl -n '__vnetctl_is import' -l dry-run -d 'Report what would be imported; change nothing'
complete -c vnetctl -n '__vnetctl_is import' -a '(__vnetctl_libvirt_networks)' -d 'libvirt network'
