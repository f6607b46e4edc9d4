"""Checks that a PNG screenshot (argv[1]) is not blank: decodes it (8-bit
RGB/RGBA, non-interlaced, what Chromium writes) with zlib alone, and
requires several colours and a share of pixels that differ from the most
common one (the background).  Prints the numbers it judged by."""
import struct
import sys
import zlib
from collections import Counter


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


width, height, bpp, rows = decode(sys.argv[1])
pixels = Counter()
for row in rows[::2]:
    for x in range(0, len(row), bpp * 2):
        pixels[row[x:x + 3]] += 1
total = sum(pixels.values())
background = pixels.most_common(1)[0][1]
share = 1 - background / total
print("size %dx%d colours %d non-background %.3f" % (width, height, len(pixels), share))
assert len(pixels) >= 8, "too few colours: blank"
assert share >= 0.01, "almost everything is the background colour: blank"
print("not blank")
