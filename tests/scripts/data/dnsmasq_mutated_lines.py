# Prints N lines of corpus/dnsmasq/ok-pxe-ipxe with random quote/comment/space/escape insertions:
# dnsmasq_mutated_lines.py SEED N MAX_INSERTIONS SOURCE_DIR
import random, sys
random.seed(int(sys.argv[1]))
base = [l for l in open(sys.argv[4] + '/corpus/dnsmasq/ok-pxe-ipxe/dnsmasq.conf').read().splitlines() if not l.startswith('#%')]
ins = ['"', '#', ' ', '\t', '\\', '"\\"', ',', '=', '""', '" "', 'x', '1', ':', '.', '*', '!']
for i in range(int(sys.argv[2])):
    l = random.choice(base)
    for _ in range(random.randint(1, int(sys.argv[3]))):
        p = random.randint(0, len(l))
        l = l[:p] + random.choice(ins) + l[p:]
    print(l)
