#!/usr/bin/env python3
"""Generates a dhcpd.conf with N hosts spread over M subnets (benchmark input for `check`)."""
import sys

def main():
    hosts = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    subnets = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    out = sys.stdout
    out.write("# generated: %d hosts in %d subnets\n" % (hosts, subnets))
    out.write("authoritative;\ndefault-lease-time 600;\nmax-lease-time 7200;\n")
    out.write('option domain-name "example.org";\noption domain-name-servers 192.0.2.53, 192.0.2.54;\n\n')
    for s in range(subnets):
        a, b = divmod(s, 256)
        out.write("subnet 10.%d.%d.0 netmask 255.255.255.0 {\n" % (a, b))
        out.write("  range 10.%d.%d.100 10.%d.%d.200;\n" % (a, b, a, b))
        out.write("  option routers 10.%d.%d.1;\n" % (a, b))
        out.write('  option domain-name "s%d.example.org";\n}\n' % s)
    for h in range(hosts):
        s = h % subnets
        a, b = divmod(s, 256)
        mac = "02:00:%02x:%02x:%02x:%02x" % ((h >> 24) & 255, (h >> 16) & 255, (h >> 8) & 255, h & 255)
        out.write("host h%d {\n  hardware ethernet %s;\n  fixed-address 10.%d.%d.%d;\n  option host-name \"h%d\";\n}\n"
                  % (h, mac, a, b, 2 + (h // subnets) % 250, h))

if __name__ == "__main__":
    main()
