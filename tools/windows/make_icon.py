"""Draw the OCOP Desktop icon (a green tile with a gold star and "OCOP") as a multi-size .ico.

Drawn, not stored: the launchers, shortcuts and file associations use it
(tools/build-windows.sh). Usage: make_icon.py OUT.ico
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "LiberationSerif-Bold.ttf"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 8
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=r, fill=(22, 112, 64, 255))
    cx, cy, outer = size / 2, size * 0.36, size * 0.26
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    d.polygon(points, fill=(250, 204, 21, 255))
    font = ImageFont.truetype(str(FONT), int(size * 0.27))
    d.text((cx, size * 0.8), "OCOP", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img


def main(out: str) -> None:
    draw().save(out, format="ICO", sizes=[(s, s) for s in SIZES])


if __name__ == "__main__":
    main(sys.argv[1])
