# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs vnetctl for the modules of vnetctl.network: argv lists only (never a
shell), --json parsed, and vnetctl's own error line carried to the caller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET

# vnetctl's exit codes (vnetctl(1), EXIT STATUS).
EXIT_OK = 0
EXIT_DIFFERS = 2

# libvirt's virIPAddrType, as virt_net's dhcp_leases carry it.
LEASE_TYPES = {'ipv4': 0, 'ipv6': 1}

COMMON_ARGS = dict(
    backend=dict(type='str', choices=['auto', 'networkmanager', 'networkd', 'netplan', 'ifupdown']),
    root=dict(type='path'),
    vnetctl_path=dict(type='path'),
)


WARNING = 'vnetctl: warning: '


class VnetctlError(Exception):
    """A vnetctl command failed: msg is its error line(s), verbatim."""

    def __init__(self, msg, rc, cmd, stdout='', stderr=''):
        super(VnetctlError, self).__init__(msg)
        self.msg = msg
        self.rc = rc
        self.cmd = cmd
        self.stdout = stdout
        self.stderr = stderr

    def fail(self, module, **extra):
        module.fail_json(msg=self.msg, rc=self.rc, cmd=self.cmd, stdout=self.stdout,
                         stderr=self.stderr, **extra)


def error_lines(stderr, stdout=''):
    """vnetctl's `vnetctl: error:` lines (with any continuation lines that
    follow them, such as a source line and caret); all of stderr if none."""
    lines = stderr.splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith('vnetctl: error:')), None)
    if start is None:
        text = stderr.strip() or stdout.strip()
        return text or 'vnetctl failed without a message'
    kept = [l for l in lines[start:] if not l.startswith('vnetctl: warning:')]
    return '\n'.join(kept).strip()


class Vnetctl(object):
    """One managed host's vnetctl, with the module's --backend and --root."""

    def __init__(self, module, path=None, backend=None, root=None):
        self.module = module
        self.path = path or module.get_bin_path('vnetctl', required=True,
                                                opt_dirs=['/usr/local/bin', '/usr/sbin'])
        self.backend = backend
        self.root = root
        self.commands = []

    def argv(self, args, json_out=True):
        argv = [self.path, '--no-color']
        if self.backend:
            argv += ['--backend', self.backend]
        if self.root:
            argv += ['--root', self.root]
        if json_out:
            argv.append('--json')
        return argv + list(args)

    def run(self, args, json_out=True, data=None, ok=(EXIT_OK,), root=None):
        """Runs vnetctl ARGS; returns (rc, parsed stdout). Raises VnetctlError
        for an exit code not in OK."""
        saved = self.root
        if root is not None:
            self.root = root
        try:
            cmd = self.argv(args, json_out)
        finally:
            self.root = saved
        rc, out, err = self.module.run_command(cmd, data=data, binary_data=data is not None,
                                               environ_update={'NO_COLOR': '1'})
        self.commands.append(cmd)
        if rc not in ok:
            raise VnetctlError(error_lines(err, out), rc, cmd, out, err)
        # vnetctl's warnings (a host firewall that blocks a network, an
        # unwise setting) reach the play as the module's own warnings.
        for line in err.splitlines():
            if line.startswith(WARNING):
                self.module.warn(line[len(WARNING):])
        if not json_out:
            return rc, out
        try:
            return rc, json.loads(out) if out.strip() else None
        except ValueError:
            raise VnetctlError('vnetctl printed no JSON: %s' % out[:200], rc, cmd, out, err)

    # Reading

    def networks(self):
        """list --all: {name: {name, uuid, active, autostart, persistent, bridge}}."""
        return dict((n['name'], n) for n in self.run(['list', '--all'])[1])

    def dumpxml(self, name, inactive=False):
        args = ['dumpxml', name] + (['--inactive'] if inactive else [])
        return self.run(args, json_out=False)[1]

    def leases(self, name):
        return self.run(['dhcp-leases', name])[1] or []

    def diff(self, target):
        """The plan (diff --json) for a name or file: (differs, plan)."""
        rc, out = self.run(['diff', target], ok=(EXIT_OK, EXIT_DIFFERS))
        plans = (out or {}).get('networks', [])
        return rc == EXIT_DIFFERS, (plans[0] if plans else None)

    # Changing (dry_run: vnetctl's --dry-run, the plan and nothing changed)

    def define(self, xml, root=None):
        return self.run(['define', '-'], data=xml, root=root)[1]

    def apply(self, path, dry_run=False):
        out = self.run(['apply', path] + (['--dry-run'] if dry_run else []))[1]
        plans = (out or {}).get('networks', [])
        return plans[0] if plans else None

    def start(self, name, dry_run=False):
        return self.run(['start', name] + (['--dry-run'] if dry_run else []))[1]

    def destroy(self, name, dry_run=False):
        return self.run(['destroy', name] + (['--dry-run'] if dry_run else []))[1]

    def undefine(self, name):
        return self.run(['undefine', name])[1]

    def autostart(self, name, enable):
        return self.run(['autostart', name] + ([] if enable else ['--disable']))[1]

    def update(self, name, command, section, xml, live):
        args = ['update', name, command, section, xml, '--config'] + (['--live'] if live else [])
        return self.run(args)[1]

    def canonical(self, xml, stored=None):
        """What `define` would store for XML, without changing anything: both
        definitions go through a scratch --root (the stored one first, so its
        uuid, MAC and bridge are kept as a real redefinition keeps them).
        Returns the canonical inactive XML."""
        scratch = tempfile.mkdtemp(prefix='vnetctl-ansible-')
        # An existing store is not seeded with libvirt's `default` network.
        os.makedirs(os.path.join(scratch, 'etc', 'vnetctl', 'networks', 'autostart'))
        try:
            if stored is not None:
                self.define(stored, root=scratch)
            out = self.define(xml, root=scratch)
            return self.run(['dumpxml', out['name'], '--inactive'], json_out=False,
                            root=scratch)[1]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def write_temp(self, xml):
        """XML in a private temporary file (for apply, which reads a file)."""
        fd, path = tempfile.mkstemp(prefix='vnetctl-ansible-', suffix='.xml')
        with os.fdopen(fd, 'w') as f:
            f.write(xml)
        return path


def xml_name(xml):
    """The <name> of a network XML document, or None."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return None
    node = root.find('name')
    return node.text.strip() if node is not None and node.text else None


def facts_of(xml, entry, leases):
    """One network as virt_net's `facts`/`info` describe it (autostart,
    persistent and state as words; no crash when there is no bridge)."""
    root = ET.fromstring(xml)
    result = dict(
        autostart='yes' if entry['autostart'] else 'no',
        persistent='yes' if entry['persistent'] else 'no',
        state='active' if entry['active'] else 'inactive',
        bridge=entry.get('bridge') or '',
        uuid=entry['uuid'],
        dhcp_leases=[libvirt_lease(l, entry.get('bridge')) for l in leases],
    )
    forward = root.find('forward')
    if forward is not None:
        result['forward_mode'] = forward.get('mode', 'nat')
    domain = root.find('domain')
    if domain is not None:
        result['domain'] = domain.get('name')
    mac = root.find('mac')
    if mac is not None:
        result['macaddress'] = mac.get('address')
    return result


def addresses_of(xml):
    """The network's <ip> elements as ADDRESS/PREFIX strings."""
    out = []
    for ip in ET.fromstring(xml).findall('ip'):
        prefix = ip.get('prefix')
        if prefix is None and ip.get('netmask'):
            prefix = str(sum(bin(int(p)).count('1') for p in ip.get('netmask').split('.')))
        out.append('%s/%s' % (ip.get('address'), prefix) if prefix else ip.get('address'))
    return out


def libvirt_lease(lease, bridge):
    """A vnetctl dhcp-leases record with libvirt's DHCPLeases() keys."""
    return dict(
        iface=bridge or '',
        expirytime=lease.get('expiry_time'),
        type=LEASE_TYPES.get(lease.get('type'), lease.get('type')),
        mac=lease.get('mac'),
        iaid=lease.get('iaid'),
        ipaddr=lease.get('ipaddr'),
        prefix=lease.get('prefix'),
        hostname=lease.get('hostname'),
        clientid=lease.get('clientid'),
    )
