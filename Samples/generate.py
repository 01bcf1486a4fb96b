#!/usr/bin/env python3
"""Draws the Samples class: 14 made-up student artworks, from beginner scribbles to accomplished work,
plus class.csv. Python standard library only (zlib + struct PNG writer); deterministic (fixed seeds).

    python3 Samples/generate.py            # rewrites the PNG files and class.csv beside this script

No image here is a photo or a third-party picture: every pixel comes from the code below.
"""
import math
import os
import random
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


class Canvas:
    def __init__(self, w, h, bg=(255, 255, 255)):
        self.w, self.h = w, h
        self.px = bytearray(bytes(bg) * (w * h))

    def set(self, x, y, c, a=1.0):
        if 0 <= x < self.w and 0 <= y < self.h:
            i = (y * self.w + x) * 3
            if a >= 1.0:
                self.px[i:i + 3] = bytes(c)
            else:
                p = self.px
                p[i] = int(p[i] + (c[0] - p[i]) * a)
                p[i + 1] = int(p[i + 1] + (c[1] - p[i + 1]) * a)
                p[i + 2] = int(p[i + 2] + (c[2] - p[i + 2]) * a)

    def get(self, x, y):
        i = (y * self.w + x) * 3
        return tuple(self.px[i:i + 3])

    def rect(self, x0, y0, x1, y1, c, a=1.0):
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        if a >= 1.0:
            row = bytes(c) * (x1 - x0)
            for y in range(y0, y1):
                i = (y * self.w + x0) * 3
                self.px[i:i + len(row)] = row
        else:
            for y in range(y0, y1):
                for x in range(x0, x1):
                    self.set(x, y, c, a)

    def vgradient(self, y0, y1, top, bottom):
        for y in range(int(y0), int(y1)):
            t = (y - y0) / max(1, (y1 - y0 - 1))
            c = tuple(int(top[k] + (bottom[k] - top[k]) * t) for k in range(3))
            self.rect(0, y, self.w, y + 1, c)

    def circle(self, cx, cy, r, c, a=1.0):
        r2 = r * r
        for y in range(int(cy - r), int(cy + r) + 1):
            dy = y - cy
            if dy * dy > r2:
                continue
            dx = int(math.sqrt(r2 - dy * dy))
            if a >= 1.0:
                self.rect(cx - dx, y, cx + dx + 1, y + 1, c)
            else:
                for x in range(int(cx - dx), int(cx + dx) + 1):
                    self.set(x, y, c, a)

    def ring(self, cx, cy, r, width, c):
        for y in range(int(cy - r - width), int(cy + r + width) + 1):
            for x in range(int(cx - r - width), int(cx + r + width) + 1):
                d = math.hypot(x - cx, y - cy)
                if abs(d - r) <= width / 2:
                    self.set(x, y, c)

    def line(self, x0, y0, x1, y1, c, width=1, jitter=0.0, rng=None, a=1.0):
        n = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        for i in range(n + 1):
            t = i / max(1, n)
            x = x0 + (x1 - x0) * t
            y = y0 + (y1 - y0) * t
            if jitter and rng:
                x += rng.uniform(-jitter, jitter)
                y += rng.uniform(-jitter, jitter)
            if width <= 1:
                self.set(int(x), int(y), c, a)
            else:
                self.circle(x, y, width / 2, c, a)

    def polyline(self, pts, c, width=1, jitter=0.0, rng=None):
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            self.line(x0, y0, x1, y1, c, width, jitter, rng)

    def polygon(self, pts, c, a=1.0):
        ys = [p[1] for p in pts]
        for y in range(max(0, int(min(ys))), min(self.h, int(max(ys)) + 1)):
            xs = []
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                if (y0 <= y < y1) or (y1 <= y < y0):
                    xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
            xs.sort()
            for i in range(0, len(xs) - 1, 2):
                if a >= 1.0:
                    self.rect(xs[i], y, xs[i + 1] + 1, y + 1, c)
                else:
                    for x in range(int(xs[i]), int(xs[i + 1]) + 1):
                        self.set(x, y, c, a)

    def grain(self, rng, amount, y0=0, y1=None):
        """Paper grain: a small random brightness change per pixel."""
        y1 = self.h if y1 is None else y1
        for y in range(y0, y1):
            for x in range(0, self.w):
                d = rng.randint(-amount, amount)
                i = (y * self.w + x) * 3
                for k in range(3):
                    v = self.px[i + k] + d
                    self.px[i + k] = 0 if v < 0 else 255 if v > 255 else v

    def save(self, name):
        raw = bytearray()
        stride = self.w * 3
        prev = bytes(stride)
        for y in range(self.h):
            row = bytes(self.px[y * stride:(y + 1) * stride])
            sub = bytes((row[i] - (row[i - 3] if i >= 3 else 0)) & 255 for i in range(stride))
            up = bytes((row[i] - prev[i]) & 255 for i in range(stride))
            best = min(((0, row), (1, sub), (2, up)), key=lambda f: sum(b if b < 128 else 256 - b for b in f[1]))
            raw.append(best[0])
            raw += best[1]
            prev = row

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
        png += chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(png)


def mix(c1, c2, t):
    return tuple(int(c1[k] + (c2[k] - c1[k]) * t) for k in range(3))


def stick_figure(cv, x, y, s, c, rng, width=2):
    cv.ring(x, y - 3 * s, s * 0.8, width, c)
    cv.line(x, y - 2.2 * s, x, y, c, width, 0.6, rng)
    cv.line(x, y - 1.6 * s, x - s * 1.1, y - 2.2 * s, c, width, 0.6, rng)
    cv.line(x, y - 1.6 * s, x + s * 1.1, y - 1.2 * s, c, width, 0.6, rng)
    cv.line(x, y, x - s * 0.7, y + 1.5 * s, c, width, 0.6, rng)
    cv.line(x, y, x + s * 0.7, y + 1.5 * s, c, width, 0.6, rng)


def brush(cv, rng, x, y, length, angle, c, width, a=0.8):
    """A short brush stroke: overlapping soft dabs along a slightly curved path."""
    for i in range(int(length)):
        t = i / max(1, length)
        bend = math.sin(t * math.pi) * width * 0.6
        px = x + math.cos(angle) * i - math.sin(angle) * bend
        py = y + math.sin(angle) * i + math.cos(angle) * bend
        cv.circle(px, py, width / 2 * (0.6 + 0.4 * math.sin(t * math.pi)), c, a)


# --- the artworks -----------------------------------------------------------------------------------------

def me_and_the_sun():
    rng = random.Random(1)
    cv = Canvas(640, 480)
    cv.circle(560, 70, 45, (255, 214, 0))
    for k in range(10):
        ang = k * math.pi / 5
        cv.line(560 + 55 * math.cos(ang), 70 + 55 * math.sin(ang), 560 + 85 * math.cos(ang),
                70 + 85 * math.sin(ang), (255, 190, 0), 3, 1.0, rng)
    stick_figure(cv, 250, 330, 40, (20, 20, 20), rng, 3)
    cv.line(20, 420, 620, 425, (40, 160, 40), 4, 1.5, rng)
    return cv


def my_family():
    rng = random.Random(2)
    cv = Canvas(640, 480)
    for x, s, c in [(170, 45, (30, 30, 200)), (300, 50, (200, 30, 30)), (420, 30, (120, 0, 160))]:
        stick_figure(cv, x, 320 + (50 - s) * 1.5, s, c, rng, 3)
    cv.line(0, 400, 640, 400, (0, 150, 0), 5, 1.0, rng)
    cv.circle(70, 60, 30, (255, 220, 0))
    return cv


def my_house():
    rng = random.Random(3)
    cv = Canvas(640, 480)
    cv.rect(220, 220, 420, 400, (230, 60, 50))
    cv.polygon([(200, 222), (320, 110), (440, 222)], (120, 70, 30))
    cv.rect(300, 320, 345, 400, (90, 50, 20))
    cv.rect(245, 250, 290, 290, (120, 200, 255))
    cv.rect(355, 250, 400, 290, (120, 200, 255))
    for pts in ([(220, 220), (420, 220), (420, 400), (220, 400), (220, 220)], [(200, 222), (320, 110), (440, 222)]):
        cv.polyline(pts, (30, 30, 30), 3, 1.5, rng)
    cv.rect(0, 400, 640, 480, (110, 200, 90))
    return cv


def storm():
    rng = random.Random(4)
    cv = Canvas(640, 480)
    colors = [(20, 20, 20), (40, 60, 200), (150, 150, 150), (90, 0, 140), (0, 120, 200)]
    for _ in range(26):
        x, y = rng.uniform(40, 600), rng.uniform(40, 440)
        pts = [(x, y)]
        for _ in range(rng.randint(6, 14)):
            x += rng.uniform(-90, 90)
            y += rng.uniform(-70, 70)
            pts.append((x, y))
        cv.polyline(pts, rng.choice(colors), rng.choice([2, 3, 4]), 1.0, rng)
    cv.polyline([(420, 60), (380, 170), (430, 170), (370, 300)], (255, 220, 0), 6)
    return cv


def self_portrait():
    rng = random.Random(5)
    cv = Canvas(480, 640)
    cv.circle(240, 280, 150, (250, 215, 180))
    cv.ring(240, 280, 150, 4, (60, 40, 30))
    cv.circle(190, 240, 14, (40, 90, 160))
    cv.circle(290, 240, 14, (40, 90, 160))
    for k in range(40):
        t = k / 39
        x = 170 + 140 * t
        cv.circle(x, 340 + 35 * math.sin(t * math.pi), 3, (200, 40, 60))
    for k in range(30):
        x = 100 + k * 9.5
        cv.line(x, 150 - rng.uniform(0, 20), x + rng.uniform(-15, 15), 90, (110, 60, 20), 5)
    cv.rect(150, 440, 330, 640, (60, 130, 200))
    return cv


def shapes_party():
    rng = random.Random(6)
    cv = Canvas(640, 480, (250, 246, 236))
    palette = [(230, 40, 40), (30, 90, 210), (250, 200, 20), (40, 170, 80), (250, 130, 20)]
    for i in range(14):
        c = palette[i % len(palette)]
        x, y, s = rng.uniform(40, 600), rng.uniform(40, 440), rng.uniform(25, 70)
        kind = i % 3
        if kind == 0:
            cv.circle(x, y, s, c)
        elif kind == 1:
            cv.rect(x - s, y - s, x + s, y + s, c)
        else:
            cv.polygon([(x, y - s), (x + s, y + s), (x - s, y + s)], c)
    return cv


def fjord_at_dusk():
    rng = random.Random(7)
    cv = Canvas(800, 560)
    cv.vgradient(0, 300, (36, 40, 92), (246, 150, 96))
    cv.circle(560, 175, 60, (255, 220, 160), 0.5)
    cv.circle(560, 175, 38, (255, 236, 190))
    layers = [((120, 100, 140), 200, 0.004), ((84, 70, 112), 240, 0.007), ((52, 44, 80), 280, 0.011)]
    for c, base, f in layers:
        pts = [(0, 560)]
        phase = rng.uniform(0, 6)
        for x in range(0, 801, 8):
            y = base - 70 * abs(math.sin(x * f + phase)) - 20 * math.sin(x * f * 3.7 + phase)
            pts.append((x, y))
        pts.append((800, 560))
        cv.polygon(pts, c)
    cv.vgradient(330, 420, (200, 120, 110), (40, 50, 90))
    for _ in range(160):
        y = rng.uniform(335, 415)
        x = rng.uniform(0, 780)
        cv.line(x, y, x + rng.uniform(10, 40), y, (255, 210, 170), 1, 0, None, 0.6)
    cv.rect(0, 420, 800, 560, (34, 52, 30))
    for _ in range(900):
        x, y = rng.uniform(0, 800), rng.uniform(415, 560)
        g = rng.randint(60, 140)
        brush(cv, rng, x, y, rng.uniform(8, 20), -math.pi / 2 + rng.uniform(-0.4, 0.4), (30, g, 40), 2.5, 0.7)
    return cv


def last_light():
    rng = random.Random(8)
    cv = Canvas(640, 480)
    cv.vgradient(0, 260, (250, 120, 60), (255, 214, 140))
    cv.circle(320, 250, 50, (255, 245, 200))
    cv.vgradient(260, 480, (40, 70, 120), (10, 20, 50))
    for _ in range(700):
        y = rng.uniform(262, 480)
        spread = 30 + (y - 260) * 0.9
        x = 320 + rng.gauss(0, spread)
        cv.line(x, y, x + rng.uniform(6, 30), y, (255, 200 - int((y - 260) / 3), 120), 2, 0, None, 0.5)
    for _ in range(300):
        x, y = rng.uniform(0, 640), rng.uniform(270, 480)
        cv.line(x, y, x + rng.uniform(10, 40), y, (70, 110, 170), 1, 0, None, 0.7)
    cv.polygon([(60, 262), (110, 262), (100, 250), (70, 250)], (30, 20, 20))
    cv.line(85, 250, 85, 200, (30, 20, 20), 2)
    cv.polygon([(86, 202), (86, 246), (112, 246)], (240, 235, 225))
    return cv


def market_day_pattern():
    rng = random.Random(9)
    cv = Canvas(600, 600, (250, 240, 220))
    palette = [(214, 40, 57), (0, 117, 164), (252, 163, 17), (35, 140, 90), (120, 50, 140), (20, 20, 20)]
    cell = 60
    for gy in range(10):
        for gx in range(10):
            x0, y0 = gx * cell, gy * cell
            c1, c2 = palette[(gx + gy) % 6], palette[(gx * 2 + gy * 3 + 1) % 6]
            kind = (gx * 7 + gy * 3) % 4
            cx, cy = x0 + cell / 2, y0 + cell / 2
            if kind == 0:
                for r in range(28, 0, -7):
                    cv.circle(cx, cy, r, c1 if (r // 7) % 2 else c2)
            elif kind == 1:
                cv.rect(x0 + 4, y0 + 4, x0 + cell - 4, y0 + cell - 4, c1)
                cv.polygon([(cx, y0 + 8), (x0 + cell - 8, cy), (cx, y0 + cell - 8), (x0 + 8, cy)], c2)
            elif kind == 2:
                for k in range(5):
                    y = y0 + 8 + k * 11
                    cv.polyline([(x0 + 4 + j * 13, y + (6 if j % 2 else 0)) for j in range(5)], c1, 3)
            else:
                cv.rect(x0 + 2, y0 + 2, x0 + cell - 2, y0 + cell - 2, c2)
                for k in range(4):
                    cv.circle(x0 + 15 + (k % 2) * 30, y0 + 15 + (k // 2) * 30, 8, c1)
    cv.grain(rng, 2)
    return cv


def night_city():
    rng = random.Random(10)
    cv = Canvas(640, 480)
    cv.vgradient(0, 480, (8, 12, 40), (30, 40, 90))
    for _ in range(120):
        cv.set(rng.randrange(640), rng.randrange(260), (255, 255, 230))
    cv.circle(520, 80, 34, (250, 245, 210))
    cv.circle(536, 72, 30, (12, 18, 50))
    x = 0
    while x < 640:
        w = rng.randint(40, 90)
        h = rng.randint(120, 330)
        shade = rng.randint(18, 40)
        cv.rect(x, 480 - h, x + w, 480, (shade, shade, shade + 20))
        for wy in range(480 - h + 12, 470, 18):
            for wx in range(x + 8, x + w - 10, 14):
                if rng.random() < 0.45:
                    cv.rect(wx, wy, wx + 7, wy + 9, (255, 210, 90))
        x += w + rng.randint(0, 6)
    return cv


def sunflowers_for_grandma():
    rng = random.Random(11)
    cv = Canvas(560, 700, (90, 120, 150))
    for _ in range(1400):
        x, y = rng.uniform(0, 560), rng.uniform(0, 520)
        c = mix((70, 100, 140), (140, 160, 180), rng.random())
        brush(cv, rng, x, y, rng.uniform(10, 25), rng.uniform(0, math.pi), c, 4, 0.35)
    cv.rect(0, 520, 560, 700, (130, 90, 60))
    for y in range(520, 700, 6):
        cv.line(0, y, 560, y + rng.uniform(-2, 2), (110, 75, 50), 1)
    cv.polygon([(210, 420), (350, 420), (380, 620), (180, 620)], (50, 90, 160))
    cv.polygon([(330, 420), (350, 420), (380, 620), (350, 620)], (30, 60, 120))
    heads = [(200, 200), (300, 150), (390, 230), (260, 280), (340, 320)]
    for hx, hy in heads:
        cv.line(hx, hy, 280, 440, (50, 110, 40), 5, 1.0, rng)
    for hx, hy in heads:
        for k in range(16):
            ang = k * math.pi / 8 + rng.uniform(-0.1, 0.1)
            px, py = hx + 40 * math.cos(ang), hy + 40 * math.sin(ang)
            cv.polygon([(hx + 18 * math.cos(ang - 0.25), hy + 18 * math.sin(ang - 0.25)), (px, py),
                        (hx + 18 * math.cos(ang + 0.25), hy + 18 * math.sin(ang + 0.25))],
                       mix((250, 200, 20), (230, 140, 10), rng.random()))
        cv.circle(hx, hy, 20, (90, 50, 20))
        for _ in range(40):
            a, r = rng.uniform(0, 6.3), rng.uniform(0, 18)
            cv.set(int(hx + r * math.cos(a)), int(hy + r * math.sin(a)), (40, 20, 10))
    return cv


def tension():
    rng = random.Random(12)
    cv = Canvas(640, 640, (240, 232, 214))
    cv.rect(0, 0, 213, 640, (28, 50, 90))
    for _ in range(500):
        x, y = rng.uniform(0, 213), rng.uniform(0, 640)
        brush(cv, rng, x, y, rng.uniform(15, 40), math.pi / 2 + rng.uniform(-0.2, 0.2), (40, 70, 120), 3, 0.4)
    cv.circle(400, 230, 140, (232, 110, 40), 0.85)
    cv.circle(300, 330, 90, (200, 40, 60), 0.6)
    cv.polygon([(213, 470), (640, 420), (640, 460), (213, 500)], (20, 20, 20))
    for _ in range(260):
        x, y = rng.uniform(250, 560), rng.uniform(100, 360)
        if math.hypot(x - 400, y - 230) < 135:
            brush(cv, rng, x, y, rng.uniform(10, 30), rng.uniform(-0.5, 0.5), (250, 150, 60), 2, 0.5)
    cv.line(430, 520, 620, 600, (232, 110, 40), 3)
    cv.circle(470, 560, 10, (28, 50, 90))
    return cv


def forest_path():
    rng = random.Random(13)
    cv = Canvas(640, 480)
    cv.vgradient(0, 480, (250, 220, 160), (120, 80, 40))
    cv.polygon([(300, 250), (340, 250), (520, 480), (120, 480)], (190, 150, 100))
    for depth in range(3):
        for _ in range(9):
            x = rng.uniform(0, 640)
            if 260 < x < 380:
                continue
            w = 6 + depth * 10
            cv.rect(x, 60 - depth * 40, x + w, 300 + depth * 60, mix((90, 70, 60), (50, 30, 20), depth / 2))
    for _ in range(1800):
        x, y = rng.uniform(0, 640), rng.uniform(0, 260)
        cv.circle(x, y, rng.uniform(2, 6), rng.choice([(200, 90, 30), (230, 150, 40), (170, 60, 30), (120, 110, 40)]),
                  0.6)
    for _ in range(900):
        x, y = rng.uniform(0, 640), rng.uniform(300, 480)
        cv.circle(x, y, rng.uniform(1, 3), rng.choice([(200, 90, 30), (150, 100, 40), (90, 60, 30)]), 0.8)
    for k in range(5):
        x = 360 + k * 25
        cv.polygon([(x, 0), (x + 12, 0), (x - 60 + k * 5, 480), (x - 90 + k * 5, 480)], (255, 240, 200), 0.12)
    return cv


def light_study():
    cv = Canvas(560, 560, (236, 236, 236))
    cv.rect(0, 380, 560, 560, (180, 180, 180))
    for y in range(380, 560):
        cv.rect(0, y, 560, y + 1, mix((190, 190, 190), (150, 150, 150), (y - 380) / 180))
    for y in range(400, 470):
        for x in range(200, 460):
            d = ((x - 320) / 130) ** 2 + ((y - 435) / 30) ** 2
            if d < 1:
                cv.set(x, y, (90, 90, 90), 0.7 * (1 - d) ** 0.5)
    cx, cy, r = 280, 300, 130
    lx, ly, lz = -0.5, -0.6, 0.62
    for y in range(cy - r, cy + r + 1):
        for x in range(cx - r, cx + r + 1):
            dx, dy = (x - cx) / r, (y - cy) / r
            d2 = dx * dx + dy * dy
            if d2 <= 1:
                dz = math.sqrt(1 - d2)
                lum = max(0.0, dx * lx + dy * ly + dz * lz)
                spec = lum ** 30
                v = int(40 + 190 * lum + 40 * spec)
                v = min(255, v + (25 if dy > 0.6 and lum < 0.1 else 0))
                cv.set(x, y, (v, v, v))
    return cv


def clay_dog():
    rng = random.Random(15)
    cv = Canvas(640, 480, (255, 255, 255))
    cv.circle(300, 280, 90, (150, 100, 60))
    cv.circle(420, 220, 55, (150, 100, 60))
    for lx in (240, 280, 330, 360):
        cv.rect(lx, 340, lx + 18, 420, (130, 85, 50))
    cv.circle(440, 210, 6, (0, 0, 0))
    cv.circle(470, 235, 8, (20, 20, 20))
    cv.line(210, 260, 160, 210, (130, 85, 50), 8, 1.0, rng)
    cv.line(30, 420, 610, 420, (0, 0, 0), 2, 0.5, rng)
    return cv


ARTWORKS = [
    ("me_and_the_sun.png", me_and_the_sun, "Liam O'Brien", "Me and the Sun", "me"),
    ("my_family.png", my_family, "Ava Kowalski", "My Family", "This is my family. Mum, Dad and me."),
    ("my_house.png", my_house, "Noah Schmidt", "My House", ""),
    ("storm.png", storm, "Oscar Lindqvist", "Storm", "a storm with lightning"),
    ("self_portrait.png", self_portrait, "Ethan Brooks", "Self Portrait", "It's me smiling."),
    ("clay_dog.png", clay_dog, "Nora Haddad", "Biscuit", "My dog Biscuit"),
    ("shapes_party.png", shapes_party, "Mia Rossi", "Shapes Party",
     "I only used circles, squares and triangles, in the primary colours plus green and orange."),
    ("night_city.png", night_city, "王小明", "Night City",
     "The city from our balcony at night. I counted the lit windows, about 40, and made the moon a thin crescent."),
    ("last_light.png", last_light, "José Martínez", "Last Light on the Water",
     "A sailing boat going home at sunset. The sun's reflection breaks up on the waves, "
     "so I painted it with lots of short strokes that spread out towards the front."),
    ("market_day_pattern.png", market_day_pattern, "Chloé Dubois", "Market Day Pattern",
     "Inspired by the fabric stalls at the Saturday market: a grid of ten by ten tiles, "
     "each one a different pattern (rings, diamonds, zigzags, dots) so the eye keeps moving.\n"
     "My aunt said, \"it's too busy\", but busy is the point."),
    ("sunflowers_for_grandma.png", sunflowers_for_grandma, "Amara Okafor", "Sunflowers for Grandma",
     "A still life of the sunflowers I gave my grandma. The background is dabbed blue-grey so the yellow "
     "petals stand out, and the vase has a dark side where the light doesn't reach."),
    ("forest_path.png", forest_path, "Ingrid Johansson", "Forest Path in Autumn",
     "The path gets narrower as it goes back to make it look far away. Thin trees are further back, "
     "thick trees in front, and there are soft rays of light coming through the leaves."),
    ("light_study.png", light_study, "Lucas Müller", "Light Study",
     "Value study of a ball lit from the top left: highlight, core shadow, reflected light and a cast shadow."),
    ("fjord_at_dusk.png", fjord_at_dusk, "Zoë Ångström", "Fjord at Dusk",
     "Three layers of mountains getting lighter and more purple as they go back (atmospheric perspective). "
     "The sky goes from deep blue to orange, and the water picks up the warm light in broken lines. "
     "The grass in front is made of hundreds of small upward strokes so it feels close and textured."),
    ("tension.png", tension, "Sofía Hernández", "Tension",
     "An abstract about waiting for exam results. The cold blue band on the left pushes against the hot orange "
     "circle; the black bar cuts across like a deadline. I put the circle on a third line and left the "
     "bottom right almost empty so that the small blue dot feels alone."),
]


def main():
    import csv
    for name, draw, *_ in ARTWORKS:
        draw().save(name)
        print(name, os.path.getsize(os.path.join(HERE, name)), "bytes")
    with open(os.path.join(HERE, "class.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(["file", "student", "title", "description"])
        for name, _, student, title, description in ARTWORKS:
            writer.writerow([name, student, title, description])


if __name__ == "__main__":
    main()
