#!/bin/bash
# The VM's own uplink (the VM has no NIC: qemu runs with -nic none): veth
# uplink0, whose peer up0 lives in namespace "up", the outside world. The
# scenario's manager gives uplink0 192.0.2.2/24 and the default route via
# 192.0.2.1; "up" answers on 198.51.100.1 and has no route back to any
# vnetctl network, so only masqueraded traffic gets replies.
set -eu
ip netns add up
ip link add uplink0 address 52:54:00:ff:00:02 type veth peer name up0 netns up
ip -n up link set lo up
ip -n up addr add 192.0.2.1/24 dev up0
ip -n up addr add 198.51.100.1/32 dev lo
ip -n up link set up0 up
