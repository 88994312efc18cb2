#!/usr/bin/env python3
"""same_error.py LOG HOST ITEM VNETCTL: the failed loop item ITEM of HOST in
ansible-playbook's LOG carries, in msg and rc, exactly what `vnetctl define -`
prints and returns for the XML the task sent (its invocation's module_args)."""
import json
import re
import subprocess
import sys
import tempfile

log, host, item, vnetctl = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3], sys.argv[4]
m = re.search(r'failed: \[%s\] \(item=%s\) => ' % (re.escape(host), re.escape(item)), log)
if not m:
    sys.exit('no failure of %s on %s in %s' % (host, item, sys.argv[1]))
r = json.JSONDecoder().raw_decode(log, m.end())[0]
with tempfile.TemporaryDirectory() as root:
    p = subprocess.run([vnetctl, '--root', root, 'define', '-'],
                       input=r['invocation']['module_args']['xml'], capture_output=True, text=True)
print('    msg: %s' % r['msg'])
print('    rc:  %s (vnetctl define: %s)' % (r['rc'], p.returncode))
sys.exit(0 if r['msg'] == p.stderr.strip() and r['rc'] == p.returncode != 0 else 1)
