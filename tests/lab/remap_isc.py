#!/usr/bin/env python3
# Rewrites a dhcpd.conf's IPv4 addresses into the lab's RFC 5737 ranges, consistently, or says why it cannot.
#
#   remap_isc.py IN OUT      exit 0: OUT written (prints the mapping); exit 4: does not fit (prints the reason)
#
# Every /24 that holds a subnet declaration is mapped to one lab /24 (192.0.2.0/24, 198.51.100.0/24,
# 203.0.113.0/24; a lab /24 the config already uses keeps its place), keeping the host octet, so
# subnets, ranges, fixed addresses, routers, relay addresses and any option value inside those /24s
# keep their relations (same subnet, same order, same broadcast address). Every other address
# (DNS servers, next-server elsewhere, ...) is mapped one to one onto host numbers 10, 11, ... of a
# lab /24 that no subnet uses. Netmasks, 0.0.0.0 and 255.255.255.255 are kept. The config is refused
# (exit 4) when it cannot be remapped safely or does not fit the lab: a subnet shorter than /24,
# more than three subnet /24s, other addresses but no spare lab /24, include files, failover, host
# names where dhcpd resolves addresses, statements that make dhcpd run programs, bind to a given
# address or use other ports, DHCPv6 declarations. Afterwards every dotted quad in OUT is checked
# to be a lab address, a netmask, 0.0.0.0 or 255.255.255.255, so nothing can target another network.
import re
import sys

LAB = [(192, 0, 2), (198, 51, 100), (203, 0, 113)]
QUAD = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")
REFUSE = [
    (r"^\s*include\b", "include files"),
    (r"\bfailover\b", "failover peers"),
    (r"\bexecute\s*\(", "execute() runs host programs"),
    (r"\b(lease-file-name|pid-file-name)\b", "sets host file names"),
    (r"\blocal-address\b", "binds to a given address"),
    (r"\b(local-port|remote-port)\b", "uses other ports"),
    (r"\b(subnet6|range6|fixed-address6|prefix6)\b", "DHCPv6 declarations"),
    (r"\b(fixed-address|next-server|server-identifier)\s+[A-Za-z_]", "a host name where dhcpd resolves an address"),
    (r"\bzone\s+\S+\s*\{", "DNS update zones"),
    (r"^\s*interface\s", "names server interfaces the lab does not have"),
    (r'"[^"\n]{256,}"', "an option value over 255 bytes (dhcpd splits it and overloads file/sname; not simulated)"),
]


def is_mask(q):
    v = (q[0] << 24) | (q[1] << 16) | (q[2] << 8) | q[3]
    inv = (~v) & 0xFFFFFFFF
    return q[0] == 255 and (inv & (inv + 1)) == 0


def keep(q):
    return q == (0, 0, 0, 0) or q == (255, 255, 255, 255) or is_mask(q)


def lab(q):
    return q[:3] in LAB


def main():
    src, dst = sys.argv[1], sys.argv[2]
    text = open(src, encoding="utf-8", errors="surrogateescape").read()
    # Reasons are looked for outside comments.
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    for pat, why in REFUSE:
        if re.search(pat, code, re.M):
            return refuse(why)
    subnets = re.findall(r"\bsubnet\s+(\d+\.\d+\.\d+\.\d+)\s+netmask\s+(\d+\.\d+\.\d+\.\d+)", code)
    if not subnets:
        return refuse("no subnet declaration")
    nets24 = []
    for net, mask in subnets:
        m = tuple(int(x) for x in mask.split("."))
        n = tuple(int(x) for x in net.split("."))
        if max(n + m) > 255 or not is_mask(m) or m[:3] != (255, 255, 255):
            return refuse(f"subnet {net} netmask {mask} is wider than a /24")
        if n[:3] not in nets24:
            nets24.append(n[:3])
    if len(nets24) > 3:
        return refuse(f"{len(nets24)} subnet /24s (the lab has 3)")
    mapping24 = {n: n for n in nets24 if n in LAB}
    free = [l for l in LAB if l not in mapping24.values()]
    for n in nets24:
        if n not in mapping24:
            mapping24[n] = free.pop(0)
    quads = []
    for m in QUAD.finditer(code):
        q = tuple(int(x) for x in m.groups())
        if max(q) > 255:
            return refuse(f"'{m.group(0)}' is not an address")
        if not keep(q) and q[:3] not in mapping24 and q not in quads:
            quads.append(q)
    single = {}
    if quads:
        if not free:
            return refuse("addresses outside the subnets' /24s but no spare lab /24")
        spare = free[0]
        if len(quads) > 240:
            return refuse("too many distinct addresses outside the subnets")
        for i, q in enumerate(quads):
            single[q] = spare + (10 + i,)

    def sub(m):
        q = tuple(int(x) for x in m.groups())
        if max(q) > 255 or keep(q):
            return m.group(0)
        if q in single:
            r = single[q]
        elif q[:3] in mapping24:
            r = mapping24[q[:3]] + (q[3],)
        else:
            return m.group(0)
        return ".".join(str(x) for x in r)

    out = QUAD.sub(sub, text)
    for m in QUAD.finditer("\n".join(line.split("#", 1)[0] for line in out.splitlines())):
        q = tuple(int(x) for x in m.groups())
        if not (keep(q) or lab(q)):
            return refuse(f"'{m.group(0)}' would stay outside the lab ranges")
    with open(dst, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(out)
    print("remap: " + ", ".join(f"{'.'.join(map(str, a))}.0/24->{'.'.join(map(str, b))}.0/24"
                                for a, b in mapping24.items()) + (f", {len(single)} other addresses" if single else ""))
    return 0


def refuse(why):
    print(f"does not fit: {why}")
    return 4


if __name__ == "__main__":
    sys.exit(main())
