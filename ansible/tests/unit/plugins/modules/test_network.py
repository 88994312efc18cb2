# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of vnetctl.network's modules: the helpers on their own, and the
modules run in-process against the real vnetctl (VNETCTL, default `vnetctl`
on PATH) in image mode (root=), which needs no privileges and touches nothing
live."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import shutil
import xml.etree.ElementTree as ET

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes
from ansible_collections.vnetctl.network.plugins.module_utils import vnetctl as vu
from ansible_collections.vnetctl.network.plugins.module_utils import network_ops as ops
from ansible_collections.vnetctl.network.plugins.modules import network, network_info

VNETCTL = os.environ.get('VNETCTL') or shutil.which('vnetctl')

LAB = """<network>
  <name>lab</name>
  <forward mode='nat'/>
  <bridge name='vlab0'/>
  <ip address='192.168.140.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.140.100' end='192.168.140.199'/>
    </dhcp>
  </ip>
</network>
"""
HOST = "<host mac='52:54:00:14:00:09' name='h9' ip='192.168.140.9'/>"
LAB_WITH_HOST = LAB.replace("    </dhcp>", "      %s\n    </dhcp>" % HOST)


# The helpers

def test_error_lines_keeps_vnetctl_error_and_its_caret_not_warnings():
    err = ("vnetctl: warning: forward delay raised to 2 s\n"
           "vnetctl: error: lab.xml:3: bad thing (/network/ip[1])\n"
           "    <ip address='x'/>\n"
           "        ^\n")
    assert vu.error_lines(err) == ("vnetctl: error: lab.xml:3: bad thing (/network/ip[1])\n"
                                   "    <ip address='x'/>\n        ^")


def test_error_lines_without_error_prefix_keeps_everything():
    assert vu.error_lines('  something odd\n') == 'something odd'
    assert vu.error_lines('', '') == 'vnetctl failed without a message'


def test_xml_name():
    assert vu.xml_name(LAB) == 'lab'
    assert vu.xml_name('<network/>') is None
    assert vu.xml_name('not xml') is None


def test_facts_of_a_network_without_bridge_does_not_crash():
    xml = "<network><name>ext</name><forward mode='bridge'/></network>"
    entry = dict(name='ext', uuid='u', active=False, autostart=True, persistent=True, bridge=None)
    facts = vu.facts_of(xml, entry, [])
    assert facts == dict(autostart='yes', persistent='yes', state='inactive', bridge='',
                         uuid='u', dhcp_leases=[], forward_mode='bridge')


def test_facts_of_carries_domain_mac_and_libvirt_lease_keys():
    xml = ("<network><name>n</name><domain name='lab.test'/><mac address='52:54:00:aa:bb:cc'/>"
           "</network>")
    entry = dict(name='n', uuid='u', active=True, autostart=False, persistent=False, bridge='virbr9')
    lease = dict(expiry_time=1700000000, mac='52:54:00:00:00:01', type='ipv4', ipaddr='10.0.0.5',
                 prefix=24, hostname='g', clientid='01:52', iaid=None)
    facts = vu.facts_of(xml, entry, [lease])
    assert 'forward_mode' not in facts  # isolated
    assert facts['domain'] == 'lab.test' and facts['macaddress'] == '52:54:00:aa:bb:cc'
    assert facts['dhcp_leases'] == [dict(iface='virbr9', expirytime=1700000000, type=0,
                                         mac='52:54:00:00:00:01', iaid=None, ipaddr='10.0.0.5',
                                         prefix=24, hostname='g', clientid='01:52')]


def test_addresses_of_netmask_and_prefix():
    xml = ("<network><ip address='10.1.0.1' netmask='255.255.252.0'/>"
           "<ip family='ipv6' address='fd00::1' prefix='64'/></network>")
    assert vu.addresses_of(xml) == ['10.1.0.1/22', 'fd00::1/64']


def test_modify_command_host_by_mac():
    current = ET.fromstring(LAB_WITH_HOST)
    assert ops.modify_command(ET.fromstring(HOST), current) is None
    assert ops.modify_command(ET.fromstring(HOST.replace('.9', '.19')), current) == 'modify'
    assert ops.modify_command(ET.fromstring(HOST.replace(':09', ':10')), current) == 'add-last'


def test_modify_command_range_and_refusal():
    current = ET.fromstring(LAB)
    same = "<range start='192.168.140.100' end='192.168.140.199'/>"
    assert ops.modify_command(ET.fromstring(same), current) is None
    assert ops.modify_command(ET.fromstring(same.replace('199', '150')), current) == 'add-last'
    with pytest.raises(ValueError, match='not supported'):
        ops.modify_command(ET.fromstring("<forward mode='route'/>"), current)


def test_plan_text():
    plan = dict(name='lab', steps=[dict(action='create', object='link', name='vlab0',
                                        why='missing', disruptive=False)])
    assert ops.plan_text([plan, None]) == 'lab: create link vlab0 (missing)\n'
    plan['blocked'] = [dict(chain='ip filter FORWARD', why='policy drop')]
    assert ops.plan_text([plan]) == ('lab: create link vlab0 (missing)\n'
                                     'lab: blocked by ip filter FORWARD (policy drop)\n')


# The modules against the real vnetctl, in image mode

@pytest.fixture
def root(tmp_path):
    if not VNETCTL:
        pytest.fail('no vnetctl: set VNETCTL to the built binary')
    (tmp_path / 'image').mkdir()
    return str(tmp_path / 'image')


def run(module, capsys, check=False, diff=False, **args):
    args.setdefault('vnetctl_path', VNETCTL)
    args.update(_ansible_check_mode=check, _ansible_diff=diff)
    basic._ANSIBLE_ARGS = to_bytes(json.dumps(dict(ANSIBLE_MODULE_ARGS=args)))
    with pytest.raises(SystemExit):
        module.main()
    return json.loads(capsys.readouterr().out)


def test_present_defines_then_is_idempotent(root, capsys):
    r = run(network, capsys, root=root, xml=LAB, state='present')
    assert r['changed'] and r['created'] == 'lab' and r['network']['name'] == 'lab'
    assert not r['network']['active'] and r['network']['persistent']
    assert all(isinstance(c, list) for c in r['commands'])  # argv lists, never a shell
    r = run(network, capsys, root=root, xml=LAB, state='present')
    assert not r['changed'] and not r['redefined']


def test_present_redefines_when_xml_differs_with_diff(root, capsys):
    run(network, capsys, root=root, xml=LAB, state='present')
    uuid = run(network, capsys, root=root, name='lab', command='status')
    r = run(network, capsys, root=root, xml=LAB_WITH_HOST, state='present', diff=True)
    assert r['changed'] and r['redefined'] and 'created' not in r
    d = r['diff'][0]
    assert HOST not in d['before'] and HOST in d['after']
    x = run(network, capsys, root=root, name='lab', command='get_xml')['get_xml']
    assert HOST in x
    assert uuid['status'] == 'inactive'


def test_check_mode_changes_nothing(root, capsys):
    r = run(network, capsys, root=root, xml=LAB, state='present', check=True, diff=True)
    assert r['changed'] and r['diff'][0]['before'] == '' and '<name>lab</name>' in r['diff'][0]['after']
    r = run(network, capsys, root=root, command='list_nets')
    assert 'lab' not in r['list_nets']
    run(network, capsys, root=root, xml=LAB, state='present')
    r = run(network, capsys, root=root, xml=LAB_WITH_HOST, state='present', check=True)
    assert r['changed']
    assert HOST not in run(network, capsys, root=root, name='lab', command='get_xml')['get_xml']
    r = run(network, capsys, root=root, name='lab', state='absent', check=True)
    assert r['changed']
    assert 'lab' in run(network, capsys, root=root, command='list_nets')['list_nets']


def test_autostart_with_state_and_alone(root, capsys):
    r = run(network, capsys, root=root, xml=LAB, state='present', autostart=True)
    assert r['changed'] and r['network']['autostart']
    r = run(network, capsys, root=root, xml=LAB, state='present', autostart=True)
    assert not r['changed']
    r = run(network, capsys, root=root, network='lab', autostart=False)
    assert r['changed'] and not r['network']['autostart']


def test_absent_undefines(root, capsys):
    run(network, capsys, root=root, xml=LAB, state='present')
    r = run(network, capsys, root=root, name='lab', state='absent')
    assert r['changed'] and r['network'] is None
    r = run(network, capsys, root=root, name='lab', state='absent')
    assert not r['changed']


def test_vnetctl_error_verbatim_with_rc(root, capsys):
    bad = LAB.replace("start='192.168.140.100'", "start='192.168.141.100'")
    r = run(network, capsys, root=root, xml=bad, state='present')
    assert r['failed'] and r['rc'] == 65
    assert r['msg'].startswith('vnetctl: error:')
    assert 'lab' not in run(network, capsys, root=root, command='list_nets')['list_nets']


def test_virt_net_commands_and_keys(root, capsys):
    r = run(network, capsys, root=root, name='lab', command='define', xml=LAB)
    assert r == dict(r, changed=True, created='lab')
    r = run(network, capsys, root=root, name='lab', command='define', xml=LAB)
    assert not r['changed'] and 'modified' not in r
    r = run(network, capsys, root=root, name='lab', command='modify', xml=HOST)
    assert r['changed'] and r['modified'] == 'lab'
    r = run(network, capsys, root=root, name='lab', command='modify', xml=HOST)
    assert not r['changed']
    assert run(network, capsys, root=root, name='lab', command='status')['status'] == 'inactive'
    r = run(network, capsys, root=root, command='list_nets', state='inactive')
    assert 'lab' in r['list_nets']
    info = run(network, capsys, root=root, command='info')['networks']['lab']
    assert info['state'] == 'inactive' and info['bridge'] == 'vlab0' and info['forward_mode'] == 'nat'
    assert info['autostart'] == 'no' and info['persistent'] == 'yes'
    facts = run(network, capsys, root=root, name='lab', command='facts')['ansible_facts']
    assert list(facts['ansible_libvirt_networks']) == ['lab']
    r = run(network, capsys, root=root, name='lab', command='undefine')
    assert r['changed'] and 'undefine' in r


def test_state_and_command_conflict(root, capsys):
    r = run(network, capsys, root=root, name='lab', state='active', command='start')
    assert r['failed'] and 'mutually exclusive' in r['msg']
    r = run(network, capsys, root=root, name='lab', state='absent', autostart=True)
    assert r['failed'] and 'contradicts' in r['msg']


def test_present_needs_xml_for_a_new_network(root, capsys):
    r = run(network, capsys, root=root, name='nope', state='present')
    assert r['failed'] and "not present, but xml not specified" in r['msg']


def test_src_on_the_host(root, capsys, tmp_path):
    src = tmp_path / 'lab.xml'
    src.write_text(LAB)
    r = run(network, capsys, root=root, src=str(src), state='present')
    assert r['changed'] and r['network']['name'] == 'lab'


def test_network_info(root, capsys):
    run(network, capsys, root=root, xml=LAB, state='present')
    r = run(network_info, capsys, root=root)
    lab = r['networks']['lab']
    assert not r['changed'] and lab['addresses'] == ['192.168.140.1/24']
    assert lab['drift'] is None and lab['state'] == 'inactive' and lab['uuid']
    r = run(network_info, capsys, root=root, name='missing')
    assert r['failed'] and r['msg'].startswith('vnetctl: error:')
