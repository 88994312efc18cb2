#!/usr/bin/env python3
"""same_error.py LOG HOST ITEM VNETCTL TEMPLATE [VAR=VALUE...]: the failed loop
item ITEM of HOST in ansible-playbook's LOG carries, in msg and rc, exactly
what `vnetctl define -` prints and returns for the XML the task sent: TEMPLATE
rendered as Ansible's template lookup renders it (trim_blocks) with VARs."""
import json
import re
import subprocess
import sys
import tempfile

import jinja2

log, host, item, vnetctl, template = sys.argv[1:6]
variables = dict(a.split('=', 1) for a in sys.argv[6:])
text = open(log).read()
m = re.search(r'failed: \[%s\] \(item=%s\) => ' % (re.escape(host), re.escape(item)), text)
if not m:
    sys.exit('no failure of %s on %s in %s' % (host, item, log))
r = json.JSONDecoder().raw_decode(text, m.end())[0]
env = jinja2.Environment(trim_blocks=True, undefined=jinja2.StrictUndefined)
env.filters['bool'] = lambda v: str(v).lower() in ('1', 'true', 'yes', 'on')
xml = env.from_string(open(template).read()).render(**variables)
with tempfile.TemporaryDirectory() as root:
    p = subprocess.run([vnetctl, '--root', root, 'define', '-'], input=xml,
                       capture_output=True, text=True)
print('    msg: %s' % r['msg'])
print('    rc:  %s (vnetctl define: %s)' % (r['rc'], p.returncode))
sys.exit(0 if r['msg'] == p.stderr.strip() and r['rc'] == p.returncode != 0 else 1)
