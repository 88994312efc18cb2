#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: network_info
short_description: Describe the libvirt virtual networks vnetctl manages on a host
version_added: 0.1.0
author: vnetctl developers (@vnetctl)
description:
  - Every network (or the one named) with what M(community.libvirt.virt_net)'s
    C(facts) and C(info) give - uuid, state, autostart, persistent, bridge, forward
    mode, domain, MAC, DHCP leases - plus its addresses, the backend vnetctl uses,
    and for an active network whether the host has drifted from it (C(vnetctl diff)).
  - A network without a bridge (forward mode bridge onto a host bridge is named;
    others have none) is described, never an error.
  - Changes nothing; runs vnetctl with an argument list, never through a shell.
options:
  name:
    description:
      - Only this network. Unknown names fail with vnetctl's message.
    aliases: [network]
    type: str
  drift:
    description:
      - Run C(vnetctl diff) on each active network (needs root and the live host;
        off under I(root)).
    type: bool
    default: true
  backend:
    description:
      - vnetctl's C(--backend).
    choices: [auto, networkmanager, networkd, netplan, ifupdown]
    type: str
  root:
    description:
      - vnetctl's C(--root) (image mode); no drift is computed there.
    type: path
  vnetctl_path:
    description:
      - The vnetctl program; by default C(vnetctl) from C(PATH), C(/usr/local/bin) or C(/usr/sbin).
    type: path
requirements:
  - vnetctl on the managed host
seealso:
  - module: vnetctl.network.network
'''

EXAMPLES = r'''
- name: All networks
  vnetctl.network.network_info:
  register: nets

- name: Fail when an active network drifted
  ansible.builtin.assert:
    that: nets.networks | dict2items | selectattr('value.drift', 'equalto', true) | list | length == 0

- name: The leases of one network
  vnetctl.network.network_info:
    name: lab
  register: lab
'''

RETURN = r'''
networks:
  description: Each network by name, with virt_net's C(info) keys and vnetctl's own.
  returned: always
  type: dict
  contains:
    name:
      description: The network's name.
      type: str
    uuid:
      description: Its uuid.
      type: str
    state:
      description: C(active) or C(inactive).
      type: str
    active:
      description: Whether it runs.
      type: bool
    autostart:
      description: C(yes) or C(no), as virt_net.
      type: str
    persistent:
      description: C(yes) or C(no), as virt_net.
      type: str
    bridge:
      description: The bridge's name (empty when the network has none).
      type: str
    forward_mode:
      description: nat, route, open, bridge... (absent for an isolated network).
      type: str
    domain:
      description: The DNS domain, when set.
      type: str
    macaddress:
      description: The bridge's MAC, when set.
      type: str
    addresses:
      description: Each C(<ip>) as ADDRESS/PREFIX.
      type: list
      elements: str
    dhcp_leases:
      description: The DHCP leases with libvirt's keys (iface, expirytime, type, mac, iaid, ipaddr, prefix, hostname, clientid).
      type: list
      elements: dict
    backend:
      description: The backend of the network's plan (null when no plan was made).
      type: str
    drift:
      description: Whether the live host differs from the active network (null when inactive or not computed).
      type: bool
    plan:
      description: vnetctl's diff plan of an active network.
      type: dict
backend:
  description: The backend vnetctl would choose on this host (C(vnetctl backends)), null under I(root).
  returned: always
  type: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.vnetctl.network.plugins.module_utils.vnetctl import (
    COMMON_ARGS, Vnetctl, VnetctlError, addresses_of, facts_of)


def describe(v, name, entry, drift):
    xml = v.dumpxml(name)
    leases = v.leases(name) if entry['active'] else []
    info = facts_of(xml, entry, leases)
    info.update(name=name, active=entry['active'], addresses=addresses_of(xml),
                backend=None, drift=None, plan=None)
    if drift and entry['active']:
        differs, plan = v.diff(name)
        info.update(drift=differs, plan=plan, backend=(plan or {}).get('backend'))
    return info


def chosen_backend(v):
    if v.root:
        return None
    return (v.run(['backends'])[1] or {}).get('chosen')


def main():
    spec = dict(name=dict(type='str', aliases=['network']), drift=dict(type='bool', default=True))
    spec.update(COMMON_ARGS)
    module = AnsibleModule(argument_spec=spec, supports_check_mode=True)
    p = module.params
    v = Vnetctl(module, p['vnetctl_path'], p['backend'], p['root'])
    try:
        nets = v.networks()
        if p['name'] and p['name'] not in nets:
            v.run(['info', p['name']])  # vnetctl's own message for an unknown network
        names = [p['name']] if p['name'] else sorted(nets)
        drift = p['drift'] and not p['root']
        result = dict((n, describe(v, n, nets[n], drift)) for n in names)
        backend = chosen_backend(v)
    except VnetctlError as e:
        e.fail(module)
    module.exit_json(changed=False, networks=result, backend=backend)


if __name__ == '__main__':
    main()
