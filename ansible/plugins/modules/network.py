#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: network
short_description: Manage libvirt virtual networks with vnetctl (no libvirtd)
version_added: 0.1.0
author: vnetctl developers (@vnetctl)
description:
  - Defines, redefines, starts, stops, undefines and autostarts libvirt virtual
    networks on a host through C(vnetctl), which realizes them with the host's
    own network manager (NetworkManager, systemd-networkd, netplan or ifupdown).
  - With I(state), the network converges; a definition whose XML differs from
    the stored one is redefined, and an active network gets the change live where
    vnetctl can (a DHCP host added without restarting the network).
  - Also accepts every I(command) of M(community.libvirt.virt_net) with its
    meaning and return keys, so a playbook converts by changing the module name.
  - Runs vnetctl with an argument list, never through a shell.
options:
  name:
    description:
      - The network's name. Taken from the XML's C(<name>) when omitted.
    aliases: [network]
    type: str
  state:
    description:
      - C(present) defines the network, or redefines it when the XML differs;
        an active network is updated live (vnetctl apply); an inactive one stays inactive.
      - C(active) also starts it, or repairs what differs on the host (drift).
      - C(inactive) defines it (when I(xml) or I(src) is given) and stops it.
      - C(absent) stops and undefines it.
    choices: [present, absent, active, inactive]
    type: str
  command:
    description:
      - M(community.libvirt.virt_net)'s commands, with its meanings and return keys.
        C(define) also redefines a network whose XML differs (virt_net leaves it unchanged).
      - C(create) and C(start) start a defined network, C(stop) and C(destroy) stop it,
        C(undefine) removes the definition, C(get_xml) returns the XML, C(status)
        returns C(active) or C(inactive), C(list_nets) the names (filtered by I(state)
        when given), C(facts) sets C(ansible_libvirt_networks), C(info) returns C(networks).
      - C(modify) adds or changes one C(<host>) (matched by MAC) or adds one C(<range>)
        of the first DHCP-enabled C(<ip>), in the definition and, when active, live.
      - Not together with I(state), except C(list_nets).
    choices: [define, create, start, stop, destroy, undefine, get_xml, list_nets, facts, info, status, modify]
    type: str
  xml:
    description:
      - The network definition (libvirt network XML), as a string.
      - For I(command=modify), the C(<host>) or C(<range>) element.
    type: str
  src:
    description:
      - A file on the managed host holding the network definition.
    type: path
  autostart:
    description:
      - Whether the network starts at boot. Honoured with every I(state) and
        I(command) (virt_net ignores it when either is given); not C(true) with C(absent).
    type: bool
  backend:
    description:
      - vnetctl's C(--backend); by default vnetctl chooses (C(auto)).
    choices: [auto, networkmanager, networkd, netplan, ifupdown]
    type: str
  root:
    description:
      - vnetctl's C(--root) (image mode) - every file lives under this directory and
        nothing live is touched, so only C(present), C(absent) without an active network,
        I(autostart) and the read-only commands work there.
    type: path
  vnetctl_path:
    description:
      - The vnetctl program; by default C(vnetctl) from C(PATH), C(/usr/local/bin) or C(/usr/sbin).
    type: path
  uri:
    description:
      - Accepted for compatibility with M(community.libvirt.virt_net) and ignored
        (there is no libvirt connection).
    type: str
notes:
  - Check mode changes nothing and reports what would change, with vnetctl's plan
    (from C(--dry-run) or C(diff)).
  - Diff mode shows the definition before and after, and vnetctl's plan.
  - "Errors from vnetctl are returned verbatim in I(msg) (its C(vnetctl: error:) line), with its exit code in I(rc)."
requirements:
  - vnetctl on the managed host
seealso:
  - module: vnetctl.network.network_info
  - module: community.libvirt.virt_net
'''

EXAMPLES = r'''
- name: Converge a NAT network, started and autostarted
  vnetctl.network.network:
    name: lab
    state: active
    autostart: true
    xml: "{{ lookup('template', 'lab.xml.j2') }}"

- name: Define (or redefine) from a file on the host, without starting it
  vnetctl.network.network:
    src: /srv/networks/storage.xml
    state: present

- name: Add a static DHCP host, live and in the definition (virt_net's modify)
  vnetctl.network.network:
    name: lab
    command: modify
    xml: "<host mac='52:54:00:30:00:14' name='mail' ip='192.168.130.14'/>"

- name: Stop and remove a network
  vnetctl.network.network:
    name: lab
    state: absent

- name: Prepare an image (no live host touched)
  vnetctl.network.network:
    root: /srv/image
    src: /srv/networks/lab.xml
    state: present
    autostart: true
'''

RETURN = r'''
changed:
  description: Whether anything changed (or, in check mode, would change).
  returned: always
  type: bool
network:
  description: The network as C(vnetctl info --json) prints it, after the task (null once absent).
  returned: with state and the entry commands
  type: dict
  sample: {name: lab, uuid: 5f0c52c4-6e0b-4fd0-8a5c-0bb6d1b0f8a1, active: true, autostart: true, persistent: true, bridge: virbr1}
plan:
  description:
    - vnetctl's plans for the live host (C(--json) of apply, start, destroy or their C(--dry-run)).
    - Each has name, backend, active, steps, blocked (the chains of the host's own firewall that drop the network's traffic) and dry_run.
  returned: with state and the entry commands
  type: list
  elements: dict
redefined:
  description: Whether the stored definition was (or would be) replaced.
  returned: with state
  type: bool
created:
  description: The network's name, when it was newly defined (virt_net's key).
  returned: when a network was defined
  type: str
modified:
  description: The network's name, when command=define or modify changed it (virt_net's key).
  returned: with command define or modify on an existing network
  type: str
list_nets:
  description: Network names (command=list_nets).
  returned: with command list_nets
  type: list
  elements: str
networks:
  description: Every network as virt_net's C(info) describes it (command=info).
  returned: with command info
  type: dict
ansible_facts:
  description: C(ansible_libvirt_networks), as virt_net's C(facts) sets it.
  returned: with command facts
  type: dict
get_xml:
  description: The network's XML (command=get_xml).
  returned: with command get_xml
  type: str
status:
  description: C(active) or C(inactive) (command=status).
  returned: with command status
  type: str
rc:
  description: vnetctl's exit code, when it failed.
  returned: failure
  type: int
'''

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils._text import to_native
from ansible_collections.vnetctl.network.plugins.module_utils.vnetctl import (
    COMMON_ARGS, Vnetctl, VnetctlError, facts_of, xml_name)
from ansible_collections.vnetctl.network.plugins.module_utils.network_ops import (
    Converger, plan_text)

ENTRY_COMMANDS = ['define', 'create', 'start', 'stop', 'destroy', 'undefine', 'get_xml',
                  'status', 'modify']
HOST_COMMANDS = ['list_nets', 'facts', 'info']


def argument_spec():
    spec = dict(
        name=dict(type='str', aliases=['network']),
        state=dict(type='str', choices=['present', 'absent', 'active', 'inactive']),
        command=dict(type='str', choices=ENTRY_COMMANDS + HOST_COMMANDS),
        xml=dict(type='str'),
        src=dict(type='path'),
        autostart=dict(type='bool'),
        uri=dict(type='str'),
    )
    spec.update(COMMON_ARGS)
    return spec


def desired_xml(module):
    """The definition from xml or src (read on the managed host), or None."""
    if module.params['src']:
        try:
            with open(module.params['src'], 'r') as f:
                return f.read()
        except (IOError, OSError) as e:
            module.fail_json(msg='cannot read src %s: %s' % (module.params['src'], to_native(e)))
    return module.params['xml']


def resolve_name(module, xml):
    """name, or the XML's <name>; both given and different is an error."""
    name = module.params['name']
    in_xml = xml_name(xml) if xml and module.params['command'] != 'modify' else None
    if name and in_xml and name != in_xml:
        module.fail_json(msg="name '%s' differs from the XML's <name> '%s'" % (name, in_xml))
    return name or in_xml


def check_params(module):
    p = module.params
    if p['state'] and p['command'] and p['command'] != 'list_nets':
        module.fail_json(msg='state and command are mutually exclusive (except command=list_nets)')
    if p['state'] == 'absent' and p['autostart']:
        module.fail_json(msg='autostart=true contradicts state=absent')
    if p['command'] == 'undefine' and p['autostart']:
        module.fail_json(msg='autostart=true contradicts command=undefine')
    if not p['state'] and not p['command'] and p['autostart'] is None:
        module.fail_json(msg='expected state or command parameter to be specified')


def host_command(module, v, state):
    """list_nets, facts, info: virt_net's return keys."""
    command = module.params['command']
    nets = v.networks()
    if command == 'list_nets':
        names = sorted(n for n, e in nets.items()
                       if not state or state == ('active' if e['active'] else 'inactive'))
        return dict(changed=False, list_nets=names)
    name = module.params['name'] if command == 'facts' else None
    if name and name not in nets:
        module.fail_json(msg='network %s not found' % name)
    facts = {}
    for n in sorted([name] if name else nets):
        e = nets[n]
        leases = v.leases(n) if e['active'] else []
        facts[n] = facts_of(v.dumpxml(n), e, leases)
    if command == 'facts':
        return dict(changed=False, ansible_facts=dict(ansible_libvirt_networks=facts))
    return dict(changed=False, networks=facts)


def diff_of(conv):
    """Diff mode: the definition before/after, then vnetctl's plan."""
    diffs = [dict(before=conv.before_xml, after=conv.after_xml,
                  before_header='%s (stored)' % conv.name, after_header='%s (desired)' % conv.name)]
    text = plan_text(conv.plans)
    if text:
        diffs.append(dict(prepared=text))
    return diffs


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True,
                           mutually_exclusive=[('xml', 'src')])
    check_params(module)
    p = module.params
    v = Vnetctl(module, p['vnetctl_path'], p['backend'], p['root'])
    try:
        if p['command'] in HOST_COMMANDS:
            module.exit_json(**host_command(module, v, p['state']))
        xml = desired_xml(module)
        name = resolve_name(module, xml)
        if not name:
            module.fail_json(msg='name (or an XML with <name>) is required')
        conv = Converger(v, name, xml, module.check_mode)
        result = conv.run(p['state'], p['command'], p['autostart'])
    except VnetctlError as e:
        e.fail(module, commands=v.commands)
    except ValueError as e:
        module.fail_json(msg=to_native(e), commands=v.commands)
    if module._diff and (p['state'] or p['command'] in ('define', 'modify', 'undefine')):
        result['diff'] = diff_of(conv)
    result['commands'] = v.commands
    module.exit_json(**result)


if __name__ == '__main__':
    main()
