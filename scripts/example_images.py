"""Make the example kit's images (examples/images/): abstract shapes with their role written in.

    python scripts/example_images.py

They stand for a poster, two stills and a director's photo in `examples/presskit.toml`; they are
generated, never photographs (and never of a person), and say so on their face. Pillow draws them,
with its own bundled font, so the files are the same on every machine with the same Pillow.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "examples" / "images"
# name: (size, background, shapes' colours, words, format)
IMAGES = {
    "example-poster.png": ((600, 900), "#1d2b3a", ("#c9a227", "#3d5a80", "#9b4f2a"), "EXAMPLE POSTER", "PNG"),
    "example-still-1.jpg": ((960, 540), "#5f6f64", ("#e2d9c8", "#1d1a16", "#94711b"), "example still 1", "JPEG"),
    "example-still-2.jpg": ((960, 540), "#3d5a80", ("#fbf8f2", "#9b4f2a", "#c9a227"), "example still 2", "JPEG"),
    "example-director.png": ((480, 600), "#6d655b", ("#f3ead6", "#3d5a80", "#94711b"), "example photo", "PNG"),
}


def draw(size: tuple[int, int], background: str, colours: tuple[str, ...], words: str) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, background)
    pen = ImageDraw.Draw(image)
    for i, colour in enumerate(colours):  # three overlapping shapes: a circle, a band, a triangle
        if i == 0:
            r = min(width, height) // 3
            pen.ellipse((width // 2 - r, height // 3 - r, width // 2 + r, height // 3 + r), fill=colour)
        elif i == 1:
            pen.rectangle((0, height * 3 // 5, width, height * 3 // 5 + height // 10), fill=colour)
        else:
            pen.polygon([(0, height), (width // 2, height * 2 // 3), (width, height)], fill=colour)
    font = ImageFont.load_default(size=max(24, width // 14))
    box = pen.textbbox((0, 0), words, font=font)
    x, y = (width - (box[2] - box[0])) // 2, height - (box[3] - box[1]) - height // 12
    pen.rectangle((x - 12, y - 8, x + box[2] - box[0] + 12, y + box[3] - box[1] + 16), fill="#000000")
    pen.text((x, y), words, font=font, fill="#ffffff")
    return image


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, (size, background, colours, words, kind) in IMAGES.items():
        image = draw(size, background, colours, words)
        options = {"quality": 80, "optimize": True} if kind == "JPEG" else {"optimize": True}
        image.save(FOLDER / name, kind, **options)
        print(f"{name}: {size[0]}x{size[1]}, {(FOLDER / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
