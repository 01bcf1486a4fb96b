#!/usr/bin/env python3
"""Converts an XWD screen dump (as `xwd` writes it: ZPixmap, 24/32 bits per pixel, TrueColor) to PNG.

Standard library only (struct, zlib), so screenshots need neither ImageMagick nor netpbm.
Usage: xwd2png.py IN.xwd OUT.png
"""
import struct
import sys
import zlib


def read_xwd(data):
    fields = struct.unpack(">25I", data[:100])
    header_size, version, pixmap_format, depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    red_mask, green_mask, blue_mask = fields[14], fields[15], fields[16]
    ncolors = fields[19]
    if version != 7 or pixmap_format != 2 or bits_per_pixel not in (24, 32):
        sys.exit(f"unsupported XWD: version {version}, format {pixmap_format}, {bits_per_pixel} bits per pixel")
    offset = header_size + ncolors * 12
    step = bits_per_pixel // 8
    order = "little" if byte_order == 0 else "big"

    def shift(mask):
        return (mask & -mask).bit_length() - 1

    shifts = [shift(m) for m in (red_mask, green_mask, blue_mask)]
    rows = []
    for y in range(height):
        line = data[offset + y * bytes_per_line: offset + y * bytes_per_line + width * step]
        out = bytearray(width * 3)
        for x in range(width):
            v = int.from_bytes(line[x * step: x * step + step], order)
            out[x * 3] = (v >> shifts[0]) & 0xFF
            out[x * 3 + 1] = (v >> shifts[1]) & 0xFF
            out[x * 3 + 2] = (v >> shifts[2]) & 0xFF
        rows.append(bytes(out))
    return width, height, rows


def write_png(path, width, height, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: xwd2png.py IN.xwd OUT.png")
    with open(sys.argv[1], "rb") as f:
        w, h, rows = read_xwd(f.read())
    write_png(sys.argv[2], w, h, rows)
