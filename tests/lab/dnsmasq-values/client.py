# Minimal DHCPDISCOVER client over a UDP socket; prints each reply option as "code hex".
import socket, struct, sys, random
iface = sys.argv[1]
mac = bytes.fromhex('020000000042')
xid = random.randint(1, 2**31)
pkt = struct.pack('!BBBBIHH4s4s4s4s16s64s128s', 1, 1, 6, 0, xid, 0, 0x8000, b'\0'*4, b'\0'*4, b'\0'*4, b'\0'*4,
                  mac + b'\0'*10, b'\0'*64, b'\0'*128)
pkt += bytes([99, 130, 83, 99]) + bytes([53, 1, 1, 57, 2, 0x05, 0xdc, 255])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, 25, iface.encode())  # SO_BINDTODEVICE
s.bind(('0.0.0.0', 68))
s.settimeout(5)
s.sendto(pkt, ('255.255.255.255', 67))
while True:
    data, _ = s.recvfrom(4096)
    if data[0] == 2 and struct.unpack('!I', data[4:8])[0] == xid:
        break
opts = data[240:]
i = 0
while i < len(opts):
    c = opts[i]
    if c == 255: break
    if c == 0: i += 1; continue
    l = opts[i + 1]
    print(c, opts[i + 2:i + 2 + l].hex())
    i += 2 + l
