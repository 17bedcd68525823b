#!/usr/bin/env python3
# Differential fuzzing of the dnsmasq simulator against the real dnsmasq (needs root, like the lab).
#   fuzz_dnsmasq_sim.py BUILD_DIR WORK_DIR SEED COUNT
# Generates COUNT random configs (ranges with tags, hosts, matches, tag-if, option tiers, encap,
# boot lines, flags) with 8 random clients each (DISCOVER, SELECTING REQUEST, BOOTP, relayed),
# keeps the configs `dnsmasq --test` accepts, asks the real dnsmasq through the lab and compares
# with `isc2dnsmasq simulate --against`. Prints every mismatching case; the config, scenarios and
# real answers stay in WORK_DIR/c<SEED>_<N>/ for reproduction. Not a CTest (it is slow and random);
# run it by hand after changing the simulator.
import json, os, random, subprocess, sys

build, work, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
R = random.Random(seed)
TAGS = ['a', 'b', 'c', 'lan', 'ipxe', 'efi', 'known', 'vc', 'uc', 'h1']


def tag():
    return ('!' if R.random() < 0.2 else '') + R.choice(TAGS)


def tags(k=None):
    k = R.randint(0, 2) if k is None else k
    return ''.join('tag:%s,' % tag() for _ in range(k))


def mac(i):
    return '02:00:00:00:%02x:%02x' % (R.randint(0, 1), i)


def config():
    lines = []
    for i in range(R.randint(1, 3)):
        lo = 100 + i * 30
        pre = ('tag:%s,' % tag() if R.random() < 0.3 else '') + ('set:%s,' % R.choice(['lan', 'r%d' % i]) if R.random() < 0.6 else '')
        lease = R.choice(['', ',1h', ',12h', ',infinite', ',90', ',10m'])
        lines.append('dhcp-range=%s192.0.2.%d,192.0.2.%d%s' % (pre, lo, lo + R.randint(3, 25), lease))
    if R.random() < 0.15:
        lines.append('dhcp-range=%s198.51.100.10,198.51.100.%d%s' % (R.choice(['', 'set:rem,', 'tag:a,']), 10 + R.randint(2, 40),
                                                                    R.choice(['', ',255.255.255.0', ',255.255.255.128,2h'])))
    body = []
    used = set()
    for i in range(R.randint(0, 4)):
        parts = [mac(R.randint(1, 12))] if R.random() < 0.8 else ['02:00:00:00:00:*']
        if R.random() < 0.5:
            a = R.randint(20, 99)
            if a not in used:
                used.add(a)
                parts.append('192.0.2.%d' % a)
        if R.random() < 0.3: parts.append('set:h1')
        if R.random() < 0.2: parts.append(R.choice(['5m', 'infinite', '2h']))
        if R.random() < 0.2: parts.append('host%d' % i)
        if R.random() < 0.05: parts.append('ignore')
        body.append('dhcp-host=' + ','.join(parts))
    for i in range(R.randint(0, 3)):
        body.append(R.choice(['dhcp-match=set:ipxe,175', 'dhcp-match=set:efi,option:client-arch,7', 'dhcp-match=set:c,60,PXE',
                              'dhcp-match=set:b,77,69:50:58:45', 'dhcp-vendorclass=set:vc,MSFT', 'dhcp-userclass=set:uc,iPXE',
                              'dhcp-mac=set:a,02:00:00:00:00:*', 'dhcp-mac=set:b,02:00:00:00:01:*', 'dhcp-match=set:c,93,0']))
    for i in range(R.randint(0, 3)):
        body.append('tag-if=set:%s%s' % (R.choice(TAGS), (',' + tags(R.randint(1, 2)).rstrip(',')) if R.random() < 0.8 else ''))
    for i in range(R.randint(0, 10)):
        code = R.choice([3, 6, 15, 42, 44, 66, 67, 12, 1, 28, 200, 201, 252])
        val = {3: '192.0.2.254', 6: '192.0.2.53', 15: 'ex%d.test' % i, 42: '192.0.2.%d' % i, 44: '0.0.0.0', 66: 'tftp%d' % i,
               67: 'file%d.0' % i, 12: 'nm%d' % i, 1: '255.255.0.0', 28: '192.0.2.250', 200: str(R.randint(0, 70000)),
               201: 'text%d' % i, 252: '"http://x/%d"' % i}[code]
        if R.random() < 0.1: val = ''
        kw = 'dhcp-option-force' if R.random() < 0.15 else 'dhcp-option'
        body.append('%s=%s%d%s' % (kw, tags(), code, (',' + val) if val else ''))
    for i in range(R.randint(0, 2)):
        body.append('dhcp-option=%sencap:175,%d,%d' % (tags(R.randint(0, 1)), R.randint(1, 5), R.randint(0, 300)))
    if R.random() < 0.3: body.append('dhcp-option=vendor:%s,1,%d' % (R.choice(['PXE', 'MSFT', '']), R.randint(1, 9)))
    if R.random() < 0.2: body.append('dhcp-option=vi-encap:%d,1,abc' % R.randint(1, 9999))
    for i in range(R.randint(0, 3)):
        body.append('dhcp-boot=%sboot%d.0%s' % (tags(), i, R.choice(['', ',srv', ',srv,192.0.2.9', ',,192.0.2.8'])))
    for line, p in [('dhcp-ignore=%s' % tags(1).rstrip(','), 0.2), ('dhcp-no-override', 0.1), ('domain=example.test', 0.1),
                    ('dhcp-authoritative', 0.15), ('dhcp-sequential-ip', 0.1), ('dhcp-ignore-names', 0.1),
                    ('dhcp-generate-names', 0.1), ('dhcp-option=%d,%s' % (R.randint(200, 210), 'y' * R.randint(60, 120)), 0.1),
                    ('dhcp-option=119,example.com,sub.example.com', 0.1), ('dhcp-option=121,10.0.0.0/8,192.0.2.1', 0.1),
                    ('tag-if=set:w,tag:l*', 0.1), ('dhcp-option=tag:w,230,1', 0.1)]:
        if R.random() < p: body.append(line)
    R.shuffle(body)
    return '\n'.join(lines + body) + '\n'


def scenario():
    s = {'mac': mac(R.randint(1, 12))}
    if R.random() < 0.7: s['prl'] = R.sample([1, 3, 6, 12, 15, 28, 42, 43, 44, 60, 66, 67, 125, 175, 200, 201, 252], R.randint(0, 8))
    if R.random() < 0.3: s['vendor_class'] = R.choice(['PXEClient:Arch:00007', 'MSFT 5.0', 'xPXEy'])
    if R.random() < 0.3: s['user_class'] = R.choice(['iPXE', '0x0469505845'])
    if R.random() < 0.3: s['ipxe_175'] = ['http']
    if R.random() < 0.3: s['arch'] = R.choice([0, 7, 9])
    if R.random() < 0.2: s['hostname'] = R.choice(['nm1', 'host1', 'other', '0x6e6d3100', 'a.b.c'])
    if R.random() < 0.15: s['options'] = {'51': R.choice(['0000003c', '00000e10', 'ffffffff'])}
    if R.random() < 0.1: s.setdefault('options', {})['57'] = R.choice(['0240', '05dc', '0010'])
    if R.random() < 0.1: s['requested_address'] = '192.0.2.%d' % R.randint(95, 140)
    if R.random() < 0.1: s['client_id'] = '01' + s['mac'].replace(':', '')
    if R.random() < 0.15: s['relay'] = R.choice(['198.51.100.1', '198.51.100.200', '203.0.113.1'])
    if R.random() < 0.2:
        s['message'] = 'request'
        s['requested_address'] = '192.0.2.%d' % R.randint(95, 140)
        if R.random() < 0.7: s['server_id'] = R.choice(['192.0.2.1', '192.0.2.1', '192.0.2.2'])
    elif R.random() < 0.05:
        s['message'] = 'bootp'
    if R.random() < 0.1: s['prl'] = s.get('prl', []) + list(range(200, 211)) + [119, 121, 230]
    return s


bad = tested = 0
for k in range(count):
    d = os.path.join(work, 'c%d_%d' % (seed, k))
    os.makedirs(d, exist_ok=True)
    conf = os.path.join(d, 'dnsmasq.conf')
    open(conf, 'w').write(config())
    json.dump([scenario() for _ in range(8)], open(os.path.join(d, 's.json'), 'w'))
    if subprocess.run(['dnsmasq', '--test', '-C', conf], capture_output=True).returncode:
        continue
    tested += 1
    real = subprocess.run([os.path.join(build, 'tests/lab/isc2dnsmasq_lab'), '--server', 'dnsmasq', '--config', conf, '--link',
                           '192.0.2.1/24', '--scenarios', os.path.join(d, 's.json'), '--timeout', '1.5'],
                          capture_output=True, text=True)
    open(os.path.join(d, 'real.jsonl'), 'w').write(real.stdout)
    c = subprocess.run([os.path.join(build, 'isc2dnsmasq'), 'simulate', conf, '--client', '@' + os.path.join(d, 's.json'),
                        '--against', os.path.join(d, 'real.jsonl'), '--interface', '192.0.2.1/24'], capture_output=True, text=True)
    if c.returncode != 0:
        bad += 1
        print('==', d)
        print('\n'.join(l for l in c.stdout.splitlines() if l.startswith('MISMATCH')), c.stderr[:300], flush=True)
print('fuzz seed %d: %d configs tested, %d with mismatches' % (seed, tested, bad))
