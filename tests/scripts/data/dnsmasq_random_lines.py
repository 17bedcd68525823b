# Prints N random dnsmasq DHCP config lines built from tricky atoms (seeded): dnsmasq_random_lines.py SEED N
import random, subprocess, sys
random.seed(int(sys.argv[1]))
atoms = ['tag:a','tag:!b','set:x','net:y','cafe','1.2.3.4','192.0.2.10','192.0.2.20','255.255.255.0','255.255.0.0','static','proxy','12h','infinite','30','5m','deprecated','',' ','"q,t"','ab"1"','id:*','id:01:02','id:abc','02:00:00:00:00:01','06-02:00:00:00:00:*','*:*:*:*:*:*','host1','host_1','-bad','a.b.c','ignore','[::1]','1','3','119','120','option:router','option:mtu','option:hostname','encap:175','vi-encap:3561','vendor:PXE','0102','1-2','-1','5i','1:2:abc','01:*:03','a,b','"192.0.2.5"','x y','example.com','.','1.2.3.4/24','0.0.0.0','s','b','300','70000','#c','x#y','enterprise:5','x86PC','IA32_EFI','menu','pxelinux','0','/path','eth0']
keys = ['dhcp-range','dhcp-host','dhcp-option','dhcp-option-force','dhcp-match','dhcp-boot','dhcp-vendorclass','dhcp-userclass','dhcp-circuitid','dhcp-remoteid','dhcp-subscrid','dhcp-mac','tag-if','dhcp-ignore','dhcp-ignore-names','dhcp-name-match','pxe-service','pxe-prompt','domain','dhcp-lease-max','dhcp-generate-names','enable-tftp','tftp-root','dhcp-authoritative','dhcp-sequential-ip']
n=int(sys.argv[2])
for i in range(n):
    k=random.choice(keys)
    parts=[random.choice(atoms) for _ in range(random.randint(0,5))]
    line = k if (not parts and random.random()<0.5) else k+'='+','.join(parts)
    print(line)
