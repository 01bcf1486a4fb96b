#!/usr/bin/env python3
"""Draws the extra artworks of Easel's evaluation set into Training/evaluation/generated/ and writes
generated/descriptions.csv. Python standard library only; it reuses the Canvas and brush helpers of
Samples/generate.py; deterministic (fixed seeds). Every pixel comes from the code below.

    python3 Training/evaluation/generate.py
"""
import csv
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Samples"))
import generate as samples  # noqa: E402

Canvas, brush, mix, stick_figure = samples.Canvas, samples.brush, samples.mix, samples.stick_figure
OUT = os.path.join(HERE, "generated")
RAINBOW = [(230, 40, 40), (250, 140, 20), (250, 220, 30), (50, 170, 70), (40, 110, 220), (110, 50, 170)]


def lone_circle():
    rng = random.Random(11)
    cv = Canvas(480, 360)
    cv.ring(200, 190, 30, 2, (60, 60, 60))
    cv.line(170, 230, 240, 232, (60, 60, 60), 1, 0.8, rng)
    return cv, "ball"


def corner_scribble():
    rng = random.Random(12)
    cv = Canvas(480, 360)
    x, y = 400, 300
    pts = [(x, y)]
    for _ in range(25):
        x = min(470, max(340, x + rng.uniform(-25, 25)))
        y = min(350, max(260, y + rng.uniform(-20, 20)))
        pts.append((x, y))
    cv.polyline(pts, (40, 40, 160), 2, 0.5, rng)
    return cv, ""


def two_trees():
    rng = random.Random(13)
    cv = Canvas(480, 360)
    for x in (140, 330):
        cv.rect(x - 10, 200, x + 10, 300, (120, 70, 30))
        cv.circle(x, 170, 55, (40, 150, 50))
    cv.line(0, 300, 480, 302, (60, 140, 40), 4, 1.0, rng)
    return cv, "trees in the park"


def rainbow_arc():
    rng = random.Random(14)
    cv = Canvas(480, 360, (235, 245, 255))
    for k, c in enumerate(RAINBOW):
        cv.ring(240, 330, 200 - k * 14, 13, c)
    for cx in (90, 390):
        for dx in (-30, 0, 30):
            cv.circle(cx + dx, 80 + abs(dx) * 0.3, 28, (255, 255, 255))
    cv.rect(0, 330, 480, 360, (120, 190, 90))
    for _ in range(40):
        x = rng.uniform(0, 480)
        cv.line(x, 360, x + rng.uniform(-4, 4), 322, (70, 150, 60), 2)
    return cv, "A rainbow after the rain, with two fluffy clouds and wet grass"


def cat_outline():
    rng = random.Random(15)
    cv = Canvas(480, 360)
    ink = (25, 25, 25)
    cv.ring(240, 210, 70, 3, ink)
    cv.ring(240, 120, 42, 3, ink)
    cv.polyline([(208, 92), (212, 60), (230, 82)], ink, 3, 0.8, rng)
    cv.polyline([(250, 82), (268, 60), (272, 92)], ink, 3, 0.8, rng)
    cv.polyline([(300, 250), (360, 240), (380, 200)], ink, 3, 0.8, rng)
    cv.circle(225, 115, 4, ink)
    cv.circle(255, 115, 4, ink)
    for dy in (-4, 4):
        cv.line(200, 130 + dy, 170, 128 + dy * 2, ink, 1, 0.5, rng)
        cv.line(280, 130 + dy, 310, 128 + dy * 2, ink, 1, 0.5, rng)
    return cv, "my cat Pepper sleeping"


def underwater():
    rng = random.Random(16)
    cv = Canvas(480, 360)
    cv.vgradient(0, 360, (40, 150, 210), (10, 40, 90))
    for _ in range(30):
        x = rng.uniform(0, 480)
        h = rng.uniform(60, 160)
        brush(cv, rng, x, 360, h, -math.pi / 2 + rng.uniform(-0.3, 0.3), (30, rng.randint(110, 170), 60), 5, 0.9)
    for _ in range(9):
        x, y, s = rng.uniform(40, 440), rng.uniform(40, 280), rng.uniform(12, 26)
        c = rng.choice([(250, 140, 20), (250, 220, 40), (230, 60, 90), (240, 240, 240)])
        for dx in range(int(-2 * s), int(2 * s)):
            hh = s * math.sqrt(max(0.0, 1 - (dx / (2 * s)) ** 2))
            cv.rect(x + dx, y - hh, x + dx + 1, y + hh, c)
        cv.polygon([(x + 2 * s, y), (x + 3 * s, y - s), (x + 3 * s, y + s)], c)
        cv.circle(x - s, y - s * 0.2, 3, (10, 10, 10))
        for k in range(3):
            cv.line(x - s * 0.5 + k * s * 0.6, y - s * 0.8, x - s * 0.5 + k * s * 0.6, y + s * 0.8, mix(c, (0, 0, 0), 0.3), 2)
    for _ in range(40):
        cv.ring(rng.uniform(0, 480), rng.uniform(0, 300), rng.uniform(2, 6), 1, (200, 235, 255))
    cv.rect(0, 340, 480, 360, (200, 180, 120))
    return cv, ("Under the sea near the reef. Nine striped fish swim between the kelp, the water gets darker "
                "as it gets deeper, and bubbles float up to the light.")


def city_day():
    rng = random.Random(17)
    cv = Canvas(480, 360, (150, 200, 250))
    cv.circle(400, 60, 30, (255, 220, 60))
    x = 0
    while x < 480:
        w, h = rng.uniform(40, 80), rng.uniform(100, 250)
        g = rng.randint(90, 170)
        cv.rect(x, 360 - h, x + w - 4, 360, (g, g, g + 10))
        for wy in range(int(360 - h + 12), 350, 22):
            for wx in range(int(x + 8), int(x + w - 14), 16):
                cv.rect(wx, wy, wx + 8, wy + 10, (250, 240, 170))
        x += w
    return cv, "The city where I live, with lots of tall buildings"


def abstract_brush():
    rng = random.Random(18)
    cv = Canvas(480, 360, (245, 240, 230))
    for _ in range(420):
        c = rng.choice([(240, 120, 30), (250, 170, 60), (30, 70, 180), (60, 120, 220), (20, 30, 80)])
        brush(cv, rng, rng.uniform(-20, 480), rng.uniform(-20, 360), rng.uniform(20, 70),
              rng.uniform(0, 2 * math.pi), c, rng.uniform(4, 14), 0.7)
    return cv, ("An abstract about the sound of a drum: orange beats crash into deep blue silence, with "
                "strokes in every direction like the echo.")


def hatching():
    rng = random.Random(19)
    cv = Canvas(480, 360)
    cx, cy, r = 240, 170, 110
    for layer, angle in enumerate([0.6, -0.6, 1.4, 0.1]):
        for k in range(-140, 140, 6):
            for t in range(-140, 140, 2):
                x = cx + k * math.cos(angle + math.pi / 2) + t * math.cos(angle)
                y = cy + k * math.sin(angle + math.pi / 2) + t * math.sin(angle)
                d = math.hypot(x - cx, y - cy)
                light = ((x - cx) * -0.6 + (y - cy) * -0.7) / r
                if d < r and light < 0.45 - layer * 0.35:
                    cv.set(int(x), int(y), (30, 30, 30))
    cv.ring(cx, cy, r, 2, (30, 30, 30))
    for k in range(0, 200, 5):
        cv.line(cx + 20 + k, cy + r - 5, cx + k - 10, cy + r + 25, (60, 60, 60), 1, 0.4, rng)
    return cv, "Cross-hatching practice: a sphere lit from the top left, with four layers of hatching and a cast shadow."


def flower_row():
    rng = random.Random(20)
    cv = Canvas(480, 360)
    for x in range(40, 480, 80):
        cv.line(x, 300, x, 220, (40, 140, 40), 3)
        for k in range(5):
            a = k * 2 * math.pi / 5
            cv.circle(x + 14 * math.cos(a), 205 + 14 * math.sin(a), 9, (230, 60, 120))
        cv.circle(x, 205, 7, (250, 210, 40))
    cv.line(0, 300, 480, 300, (40, 140, 40), 3, 0.5, rng)
    return cv, "flowers"


def volcano():
    rng = random.Random(21)
    cv = Canvas(480, 360)
    cv.vgradient(0, 360, (20, 10, 40), (120, 40, 40))
    cv.polygon([(60, 360), (230, 120), (270, 120), (440, 360)], (60, 45, 40))
    for _ in range(60):
        x = rng.uniform(225, 275)
        brush(cv, rng, x, 125, rng.uniform(40, 200), math.pi / 2 + rng.uniform(-0.5, 0.5),
              rng.choice([(250, 80, 20), (250, 160, 30), (200, 30, 20)]), rng.uniform(3, 7), 0.8)
    for k in range(14):
        cv.circle(250 + rng.uniform(-40, 40), 100 - k * 7, 14 + k * 2, (110, 100, 100), 0.35)
    cv.rect(0, 330, 480, 360, (20, 40, 90))
    for _ in range(30):
        x = rng.uniform(0, 480)
        cv.line(x, 335, x + 20, 335, (240, 120, 40), 1)
    return cv, "A volcano erupting at night. The lava runs down into the sea and the smoke hides the stars."


def half_boat():
    rng = random.Random(22)
    cv = Canvas(480, 360)
    cv.polygon([(30, 220), (200, 220), (170, 260), (60, 260)], (120, 70, 40))
    cv.line(110, 220, 110, 100, (40, 40, 40), 3)
    cv.polygon([(114, 105), (114, 210), (190, 210)], (240, 240, 240))
    cv.polyline([(114, 105), (190, 210), (114, 210)], (40, 40, 40), 2, 0.4, rng)
    cv.line(10, 262, 230, 262, (40, 90, 200), 3, 1.0, rng)
    return cv, "a boat"


def mandala():
    cv = Canvas(480, 480, (250, 248, 240))
    cx, cy = 240, 240
    palette = [(200, 40, 60), (240, 150, 30), (40, 130, 170), (90, 50, 140), (60, 160, 90), (240, 200, 60)]
    for ring_i, r in enumerate([200, 170, 140, 110, 80, 50]):
        c = palette[ring_i]
        petals = 12 + ring_i * 2
        for k in range(petals):
            a = k * 2 * math.pi / petals + ring_i * 0.2
            cv.circle(cx + r * math.cos(a), cy + r * math.sin(a), 9 + (6 - ring_i) * 2, c)
            cv.circle(cx + r * math.cos(a), cy + r * math.sin(a), 4, palette[(ring_i + 3) % 6])
        cv.ring(cx, cy, r - 15, 2, (40, 30, 30))
    cv.circle(cx, cy, 22, (40, 30, 30))
    cv.circle(cx, cy, 12, (240, 200, 60))
    return cv, ("A mandala with six rings of petals in warm and cool colours; every ring has more petals "
                "than the one inside it, and each petal has a dot of the opposite colour.")


def rocket():
    rng = random.Random(24)
    cv = Canvas(480, 360, (10, 10, 30))
    for _ in range(80):
        cv.circle(rng.uniform(0, 480), rng.uniform(0, 360), rng.choice([1, 1, 2]), (255, 255, 220))
    cv.rect(210, 150, 270, 280, (220, 220, 230))
    cv.polygon([(210, 150), (240, 90), (270, 150)], (220, 40, 40))
    cv.polygon([(210, 240), (185, 290), (210, 280)], (220, 40, 40))
    cv.polygon([(270, 240), (295, 290), (270, 280)], (220, 40, 40))
    cv.circle(240, 190, 14, (80, 160, 230))
    for k in range(20):
        cv.circle(240 + rng.uniform(-12, 12), 290 + k * 3, 10 - k * 0.4, (250, 160 - k * 4, 30), 0.8)
    cv.circle(400, 70, 40, (230, 230, 210))
    return cv, "rocket going to the moon"


def painterly_portrait():
    rng = random.Random(25)
    cv = Canvas(360, 480, (60, 80, 70))
    for _ in range(500):
        brush(cv, rng, rng.uniform(0, 360), rng.uniform(0, 480), rng.uniform(15, 40), rng.uniform(0, math.pi),
              rng.choice([(50, 80, 70), (70, 100, 80), (90, 90, 60), (40, 60, 60)]), 8, 0.6)
    for _ in range(900):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, 1) ** 0.5
        x, y = 180 + 95 * d * math.cos(a), 200 + 125 * d * math.sin(a)
        shade = mix((240, 200, 170), (170, 110, 90), max(0.0, min(1.0, (x - 130) / 150)))
        brush(cv, rng, x, y, rng.uniform(6, 16), rng.uniform(0, math.pi), shade, 5, 0.7)
    for ex in (145, 215):
        cv.circle(ex, 185, 10, (250, 245, 240))
        cv.circle(ex + 2, 186, 5, (60, 40, 30))
    for k in range(30):
        cv.circle(150 + k * 2, 275 + 6 * math.sin(k / 29 * math.pi), 3, (170, 60, 60))
    for _ in range(250):
        brush(cv, rng, rng.uniform(80, 280), rng.uniform(60, 120), rng.uniform(20, 60), rng.uniform(-0.5, 0.5) + math.pi,
              rng.choice([(60, 35, 20), (90, 55, 30), (40, 25, 15)]), 6, 0.8)
    cv.rect(90, 340, 270, 480, (150, 40, 50))
    return cv, ("A portrait of my grandfather from a photo. I painted his face with short strokes, warm on the lit "
                "side and cooler in the shadow, and a dark green background so the face comes forward.")


def grey_smudge():
    cv = Canvas(480, 360)
    for r in range(90, 0, -3):
        g = int(200 - (90 - r) * 1.2)
        cv.circle(240, 180, r, (g, g, g))
    return cv, "fog"


def garden():
    rng = random.Random(27)
    cv = Canvas(480, 360, (190, 225, 250))
    cv.rect(0, 200, 480, 360, (90, 160, 70))
    for x in range(0, 480, 24):
        cv.rect(x, 160, x + 14, 230, (235, 225, 200))
        cv.polygon([(x, 160), (x + 7, 148), (x + 14, 160)], (235, 225, 200))
    cv.rect(0, 175, 480, 182, (200, 190, 160))
    for _ in range(300):
        x = rng.uniform(0, 480)
        cv.line(x, 360, x + rng.uniform(-6, 6), rng.uniform(230, 330), (50, rng.randint(110, 160), 40), 1)
    for _ in range(40):
        x, y = rng.uniform(10, 470), rng.uniform(240, 350)
        c = rng.choice([(230, 50, 70), (250, 200, 40), (150, 80, 200), (250, 250, 250), (250, 130, 40)])
        for k in range(6):
            a = k * math.pi / 3
            cv.circle(x + 6 * math.cos(a), y + 6 * math.sin(a), 4, c)
        cv.circle(x, y, 3, (250, 220, 60))
    for wing in (-1, 1):
        cv.polygon([(380, 90), (380 + wing * 22, 72), (380 + wing * 18, 100)], (240, 130, 30))
    cv.line(380, 80, 380, 102, (30, 30, 30), 2)
    return cv, ("Our school garden in June: a white picket fence, about forty flowers in five colours, tall grass "
                "and a monarch butterfly that landed while we were drawing.")


def snowman():
    rng = random.Random(28)
    cv = Canvas(480, 360, (200, 225, 245))
    cv.rect(0, 290, 480, 360, (250, 250, 255))
    for y, r in ((250, 60), (165, 42), (105, 28)):
        cv.circle(240, y, r, (255, 255, 255))
        cv.ring(240, y, r, 2, (150, 170, 190))
    cv.polygon([(240, 105), (275, 110), (240, 114)], (250, 130, 30))
    cv.circle(230, 98, 3, (20, 20, 20))
    cv.circle(250, 98, 3, (20, 20, 20))
    cv.line(200, 165, 150, 130, (110, 70, 30), 3, 0.6, rng)
    return cv, "snowman"


ARTWORKS = [lone_circle, corner_scribble, two_trees, rainbow_arc, cat_outline, underwater, city_day,
            abstract_brush, hatching, flower_row, volcano, half_boat, mandala, rocket, painterly_portrait,
            grey_smudge, garden, snowman]


def main():
    os.makedirs(OUT, exist_ok=True)
    samples.HERE = OUT
    rows = []
    for draw in ARTWORKS:
        cv, description = draw()
        name = draw.__name__ + ".png"
        cv.save(name)
        rows.append((name, description))
        print("wrote", name)
    with open(os.path.join(OUT, "descriptions.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "description"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
