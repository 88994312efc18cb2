#!/usr/bin/env python3
"""nat_ports.py < XML: libvirt's live network XML with the default NAT source
ports it spells out (<nat><port start='1024' end='65535'/></nat>, and nothing
else inside <forward>) folded back to <forward mode='nat'/>."""
import re
import sys

xml = sys.stdin.read()
sys.stdout.write(re.sub(r"<forward mode='nat'>\s*<nat>\s*<port start='1024' end='65535'/>\s*</nat>\s*</forward>",
                        "<forward mode='nat'/>", xml).rstrip('\n'))
