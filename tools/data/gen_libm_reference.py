#!/usr/bin/env python3
"""Reference values of the platform C log, sin and cos (Python's math module calls them directly).

Run on x86-64 Linux with glibc >= 2.28 on a CPU with FMA and AVX2, the platform numpy's reference
vectors were made on (glibc then loads its FMA builds):
    python3 tools/data/gen_libm_reference.py kiln-core/src/test/resources/data
Writes glibc-log-reference.txt (input and log as IEEE-754 hex bits, one pair a line) and
glibc-trig-reference.txt (for each linspace used by make_circles / make_moons: m, kind, angle,
cos, sin as hex bits).
"""
import math
import os
import platform
import random
import struct
import sys

out = sys.argv[1]


def bits(x):
    return struct.pack('>d', x).hex()


rng = random.Random(20261121)
xs = []
# Values like the Gaussian's r2 = x1^2 + x2^2 in (0, 1): the inputs that matter most.
for _ in range(4000):
    x1, x2 = 2.0 * rng.random() - 1.0, 2.0 * rng.random() - 1.0
    r2 = x1 * x1 + x2 * x2
    if 0.0 < r2 < 1.0:
        xs.append(r2)
# Near 1 (the order-12 polynomial path), wide exponents, subnormals and edges.
xs += [1.0 + rng.uniform(-0.07, 0.07) for _ in range(1000)]
xs += [math.ldexp(rng.uniform(1.0, 2.0), rng.randint(-1070, 1023)) for _ in range(1000)]
xs += [math.ldexp(rng.uniform(1.0, 2.0), rng.randint(-1074, -1023)) for _ in range(50)]
xs += [1.0, 2.0, 0.5, 1.0 - 2.0 ** -53, 1.0 + 2.0 ** -52, 1.0 - 2.0 ** -4, 1.0 + float.fromhex("0x1.09p-4"),
       2.0 ** -1074, 2.0 ** -1022, 1.7976931348623157e308, math.e, 10.0]
with open(os.path.join(out, 'glibc-log-reference.txt'), 'w') as f:
    f.write(f'# x log(x) as IEEE-754 bits; {platform.libc_ver()} {platform.machine()}\n')
    for x in xs:
        f.write(f'{bits(x)} {bits(math.log(x))}\n')

with open(os.path.join(out, 'glibc-trig-reference.txt'), 'w') as f:
    f.write(f'# m kind angle cos sin as IEEE-754 bits; {platform.libc_ver()} {platform.machine()}\n')
    for m in [1, 2, 3, 4, 5, 100, 500]:
        # make_circles: linspace(0, 2*pi, m, endpoint=False)
        step = 2 * math.pi / m
        for i in range(m):
            t = i * step
            f.write(f'{m} circle {bits(t)} {bits(math.cos(t))} {bits(math.sin(t))}\n')
        # make_moons: linspace(0, pi, m), last value set to pi
        ts = [0.0] if m == 1 else [i * (math.pi / (m - 1)) for i in range(m)]
        if m > 1:
            ts[-1] = math.pi
        for t in ts:
            f.write(f'{m} moon {bits(t)} {bits(math.cos(t))} {bits(math.sin(t))}\n')
