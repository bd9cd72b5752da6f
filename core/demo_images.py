"""Small generated pictures for demo content: no files shipped, no network.

Each picture is a solid colour with a few simple shapes, drawn with Pillow from a seed so the
same title always gives the same picture. Shared by every app's demo loader.
"""

from __future__ import annotations

import io
import random

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTE = [
    ("#0b5394", "#f1c232"),
    ("#38761d", "#ffe599"),
    ("#990000", "#f9cb9c"),
    ("#674ea7", "#d9d2e9"),
    ("#e69138", "#fff2cc"),
    ("#134f5c", "#a2c4c9"),
]


def demo_picture_bytes(seed: int, size: tuple[int, int] = (960, 540)) -> bytes:
    """A JPEG: background, a "sun", a few hills and blocks (about 20 kB)."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    background, light = PALETTE[seed % len(PALETTE)]
    width, height = size
    picture = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    radius = rng.randint(height // 10, height // 5)
    cx, cy = rng.randint(radius, width - radius), rng.randint(radius, height // 2)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=light)
    for _ in range(3):
        x = rng.randint(-width // 4, width)
        w = rng.randint(width // 3, width // 2)
        top = rng.randint(height // 2, height * 3 // 4)
        draw.ellipse(
            (x, top, x + w, height + w // 2), fill="#ffffff" if rng.random() < 0.3 else light
        )
    for _ in range(4):
        x = rng.randint(0, width - 60)
        h = rng.randint(height // 8, height // 3)
        draw.rectangle((x, height - h, x + rng.randint(30, 90), height), fill="#ffffff")
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=80)
    return out.getvalue()


def demo_image_ensure(title: str, *, seed: int, description: str = ""):
    """The Wagtail image with this title in the current school, created once."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is not None:
        return image
    content = io.BytesIO(demo_picture_bytes(seed))
    image = image_model(
        title=title,
        description=description or title,
        file=ImageFile(content, name=f"{slugify(title)[:60] or 'anh'}.jpg"),
    )
    image.save()
    return image
