# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What vnetctl.network.network does to one network: the states, virt_net's
entry commands, autostart; check mode through vnetctl's --dry-run and a
scratch --root, so nothing changes and the plan is still vnetctl's own."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import xml.etree.ElementTree as ET


def plan_steps(plan):
    return (plan or {}).get('steps') or []


def plan_text(plans):
    """vnetctl's plans as lines for diff mode's `prepared`."""
    lines = []
    for plan in plans:
        if not plan:
            continue
        for s in plan_steps(plan):
            lines.append('%s: %s %s %s%s%s' % (
                plan.get('name'), s.get('action'), s.get('object'), s.get('name'),
                (' (%s)' % s['why']) if s.get('why') else '',
                ' [disruptive]' if s.get('disruptive') else ''))
        for b in plan.get('blocked') or []:
            lines.append('%s: blocked by %s (%s)' % (plan.get('name'), b.get('chain'), b.get('why')))
    return '\n'.join(lines) + ('\n' if lines else '')


class Converger(object):
    """One network: reads it once, then changes it (or, in check mode, plans)."""

    def __init__(self, vnetctl, name, xml, check_mode):
        self.v = vnetctl
        self.name = name
        self.xml = xml
        self.check = check_mode
        self.entry = vnetctl.networks().get(name)
        self.before_xml = self.stored_xml()
        self.after_xml = self.before_xml
        self.plans = []
        self.changed = False
        self.result = {}

    def stored_xml(self):
        if not self.entry:
            return ''
        return self.v.dumpxml(self.name, inactive=self.entry['persistent'])

    @property
    def active(self):
        return bool(self.entry and self.entry['active'])

    def need_xml(self):
        if not self.entry and not self.xml:
            raise ValueError("network '%s' not present, but xml not specified" % self.name)

    # The definition

    def desired(self):
        """Canonical form of the desired XML (as define would store it), and
        whether it differs from the stored definition."""
        if not self.xml:
            return False
        self.after_xml = self.v.canonical(self.xml, self.before_xml or None)
        return not self.entry or not self.entry['persistent'] or self.after_xml != self.before_xml

    def define(self):
        if not self.check:
            self.v.define(self.after_xml)
        self.changed = True
        if not self.entry:
            self.result['created'] = self.name

    def apply(self):
        """apply (define + start, or update live / repair) of the desired XML."""
        path = self.v.write_temp(self.after_xml)
        try:
            plan = self.v.apply(path, dry_run=self.check)
        finally:
            os.unlink(path)
        self.plans.append(plan)
        if plan_steps(plan):
            self.changed = True
        return plan

    # Live state

    def start(self):
        if not self.active:
            self.plans.append(self.v.start(self.name, dry_run=self.check))
            self.changed = True

    def stop(self):
        if self.active:
            self.plans.append(self.v.destroy(self.name, dry_run=self.check))
            self.changed = True

    def repair(self):
        """An active network without new XML: repair drift from its definition."""
        differs, plan = self.v.diff(self.name)
        if differs:
            self.after_xml = self.before_xml
            self.apply()

    def autostart(self, want):
        if want is None:
            return
        if not self.entry and not (self.xml and want):
            return
        current = bool(self.entry and self.entry['autostart'])
        if current != want:
            if not self.check:
                self.v.autostart(self.name, want)
            self.changed = True

    # States

    def present(self):
        self.need_xml()
        redefine = self.desired()
        if redefine and self.active:
            self.apply()  # define + the change live, as far as vnetctl can
            self.mark_defined()
        elif redefine:
            self.define()
        return redefine

    def mark_defined(self):
        self.changed = True
        if not self.entry:
            self.result['created'] = self.name

    def state_active(self):
        self.need_xml()
        redefine = self.desired()
        if redefine or not self.active:
            if self.xml:
                self.apply()
                if redefine:
                    self.mark_defined()
            else:
                self.start()
        else:
            self.repair()
        return redefine

    def state_inactive(self):
        redefine = False
        if self.xml:
            redefine = self.desired()
        self.stop()
        if redefine:
            self.define()
        return redefine

    def absent(self):
        self.after_xml = ''
        if not self.entry:
            return False
        self.stop()
        if self.entry['persistent']:
            if not self.check:
                self.v.undefine(self.name)
            self.changed = True
        return False

    def run(self, state, command, autostart):
        if state:
            handler = dict(present=self.present, active=self.state_active,
                           inactive=self.state_inactive, absent=self.absent)[state]
            # autostart: on an inactive or new network after it is defined;
            # apply and start honour it by placing files under /etc at once.
            if state == 'active' and self.entry and self.entry['persistent']:
                self.autostart(autostart)
                self.result['redefined'] = handler()
            else:
                self.result['redefined'] = handler()
                self.autostart_after(autostart)
        else:
            self.command(command)
            self.autostart_after(autostart)
        return self.finish()

    def autostart_after(self, want):
        """Autostart once the network may just have been defined: in check
        mode a network that does not exist yet would need it."""
        if want is None:
            return
        if self.check and not self.entry:
            self.changed = self.changed or bool(want and self.xml)
            return
        self.entry = self.v.networks().get(self.name) if not self.check else self.entry
        self.autostart(want)

    def finish(self):
        if not self.changed:  # as read at the start: no need to ask vnetctl again
            network = self.entry
        else:
            network = self.v.networks().get(self.name)
            if not self.check:
                self.after_xml = self.stored_xml_of(network)
        self.result.update(changed=self.changed, network=network,
                           plan=[p for p in self.plans if p])
        return self.result

    def stored_xml_of(self, network):
        if not network:
            return ''
        return self.v.dumpxml(self.name, inactive=network['persistent'])

    # virt_net's entry commands

    def command(self, command):
        if command:
            getattr(self, 'cmd_' + command)()
        else:
            self.require()  # autostart alone, as virt_net

    def cmd_define(self):
        if not self.xml:
            raise ValueError('define requires xml argument')
        existed = bool(self.entry)
        if self.desired():
            self.define()  # as virsh net-define: a running network is not changed
            if existed:
                self.result['modified'] = self.name

    def cmd_create(self):
        self.require()
        self.start()
        self.result['create'] = None

    def cmd_start(self):
        self.require()
        self.start()
        self.result['start'] = None

    def cmd_stop(self):
        self.require()
        self.stop()
        self.result['stop'] = None

    def cmd_destroy(self):
        self.require()
        self.stop()
        self.result['destroy'] = None

    def cmd_undefine(self):
        self.after_xml = ''
        if self.entry and self.entry['persistent']:
            if not self.check:
                self.v.undefine(self.name)
            self.changed = True
        self.result['undefine'] = None

    def cmd_get_xml(self):
        self.require()
        self.result['get_xml'] = self.v.dumpxml(self.name)

    def cmd_status(self):
        self.require()
        self.result['status'] = 'active' if self.active else 'inactive'

    def require(self):
        if not self.entry:
            raise ValueError('network %s not found' % self.name)

    def cmd_modify(self):
        """virt_net's modify: one <host> (by MAC) or <range>, config and live."""
        if not self.xml:
            raise ValueError('modify requires xml argument')
        if not self.entry:
            # virt_net defines the network from the XML when it does not exist.
            self.xml_is_network()
            self.desired()
            self.define()
            return
        element = ET.fromstring(self.xml)
        current = ET.fromstring(self.before_xml)
        command = modify_command(element, current)
        if command is None:
            return
        self.result['modified'] = self.name
        self.changed = True
        section = 'ip-dhcp-host' if element.tag == 'host' else 'ip-dhcp-range'
        if not self.check:
            self.v.update(self.name, command, section, self.xml, live=self.active)

    def xml_is_network(self):
        if ET.fromstring(self.xml).tag != 'network':
            raise ValueError("network '%s' not present, but xml not specified" % self.name)


def modify_command(element, current):
    """vnetctl update's command for ELEMENT against the CURRENT definition:
    add-last, modify, or None when it is already there."""
    if element.tag == 'host':
        mac = (element.get('mac') or '').lower()
        for host in current.findall('ip/dhcp/host'):
            if mac and (host.get('mac') or '').lower() == mac:
                same = all(host.get(k) == element.get(k) for k in ('name', 'ip'))
                return None if same else 'modify'
        return 'add-last'
    if element.tag == 'range':
        for r in current.findall('ip/dhcp/range'):
            if r.get('start') == element.get('start') and r.get('end') == element.get('end'):
                return None
        return 'add-last'
    raise ValueError('updating this is not supported yet %s (modify takes a <host> or <range>; '
                     'use state=present with the whole definition)' % ET.tostring(element).decode())
