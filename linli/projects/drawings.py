"""Pictures for the demo, drawn locally with Pillow (never downloaded): site plans, design
drawings of each version, before and after photos."""

import io
import random

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _png(image):
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _jpeg(image):
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


def site_plan(name, buildings, seed=1, size=(1200, 800)) -> bytes:
    """A compound's plan: green ground, paths, numbered buildings, a gate."""
    rng = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size, "#e9f2e4")
    d = ImageDraw.Draw(img)
    d.rectangle([20, 20, w - 20, h - 20], outline="#7a8b70", width=6)
    d.rectangle([w // 2 - 30, 20, w // 2 + 30, h - 20], fill="#d9d4c7")
    d.rectangle([20, h // 2 - 25, w - 20, h // 2 + 25], fill="#d9d4c7")
    cols = 5 if buildings > 10 else 4
    rows = -(-buildings // cols)
    font = _font(28)
    for n in range(buildings):
        r, c = divmod(n, cols)
        x0 = 60 + c * ((w - 120) // cols)
        y0 = 60 + r * ((h - 120) // rows)
        if abs(x0 + 60 - w // 2) < 80:
            x0 += 70
        d.rectangle([x0, y0, x0 + 120, y0 + 60], fill="#b9c3cf", outline="#5b6675", width=3)
        d.text((x0 + 40, y0 + 12), str(n + 1), fill="#1f2933", font=font)
    for _ in range(14):
        x, y = rng.randrange(40, w - 40), rng.randrange(40, h - 40)
        d.ellipse([x - 14, y - 14, x + 14, y + 14], fill="#8fbf7f")
    d.rectangle([w // 2 - 45, h - 40, w // 2 + 45, h - 10], fill="#0b6e4f")
    d.text((w // 2 - 30, h - 40), "GATE", fill="white", font=_font(22))
    d.text((40, 30), name, fill="#1f2933", font=_font(34))
    return _png(img)


def design(title, version, notes, seed=0, size=(960, 640)) -> bytes:
    """A design drawing: a room plan whose layout changes with the version."""
    rng = random.Random(seed * 100 + version)
    w, h = size
    img = Image.new("RGB", size, "#fbfaf6")
    d = ImageDraw.Draw(img)
    for x in range(0, w, 40):
        d.line([x, 0, x, h], fill="#eceae2")
    for y in range(0, h, 40):
        d.line([0, y, w, y], fill="#eceae2")
    d.rectangle([80, 120, w - 80, h - 80], outline="#2d3a4a", width=6)
    colors = ["#4a7c59", "#1f6fb2", "#8a8f98", "#c0392b", "#e0a800"]
    labels = ["湿垃圾", "可回收", "干垃圾", "有害", "洗手池"]
    bins = 4 + (version % 2)
    span = (w - 220) // bins
    for i in range(bins):
        x0 = 110 + i * span + rng.randrange(0, 10)
        d.rectangle(
            [x0, h - 220, x0 + span - 30, h - 110], fill=colors[i % 5], outline="#1f2933", width=2
        )
        d.text((x0 + 10, h - 200), labels[i % 5], fill="white", font=_font(24))
    if version >= 3:
        d.polygon([(80, 120), (w // 2, 60), (w - 80, 120)], outline="#2d3a4a", fill="#d7e3ee")
    if version >= 5:
        d.rectangle([w - 260, 150, w - 110, 260], outline="#4a7c59", width=4)
        d.text((w - 250, 180), "绿植墙", fill="#4a7c59", font=_font(26))
    if version >= 6:
        d.line([110, 180, 360, 180], fill="#1f6fb2", width=6)
        d.text((120, 190), "除臭排风", fill="#1f6fb2", font=_font(22))
    d.text((30, 20), f"{title} · v{version}", fill="#1f2933", font=_font(36))
    d.text((30, h - 60), notes[:40], fill="#5b6675", font=_font(22))
    return _jpeg(img)


def photo(scene, after, seed=0, size=(900, 600)) -> bytes:
    """A 'photo': a messy corner before, a tidy one after."""
    rng = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size, "#c9d6df" if after else "#a9a39a")
    d = ImageDraw.Draw(img)
    d.rectangle([0, h * 2 // 3, w, h], fill="#9aa39a" if after else "#7d776e")
    if after:
        d.rectangle(
            [w // 4, h // 3, w * 3 // 4, h * 2 // 3 + 20],
            fill="#f2efe6",
            outline="#2d3a4a",
            width=4,
        )
        for i, c in enumerate(["#4a7c59", "#1f6fb2", "#8a8f98", "#c0392b"]):
            d.rectangle(
                [w // 4 + 30 + i * 100, h // 2, w // 4 + 110 + i * 100, h * 2 // 3 + 10], fill=c
            )
        for _ in range(6):
            x = rng.randrange(20, w - 20)
            d.ellipse([x - 30, h * 2 // 3 - 50, x + 30, h * 2 // 3 + 10], fill="#6fa86a")
    else:
        for _ in range(25):
            x, y = rng.randrange(0, w), rng.randrange(h // 2, h)
            d.rectangle(
                [x, y, x + rng.randrange(20, 70), y + rng.randrange(15, 50)],
                fill=rng.choice(["#5b4636", "#3a3a3a", "#8c7b5a", "#2f4f4f"]),
            )
    d.text((20, 20), scene, fill="#1f2933", font=_font(32))
    return _jpeg(img)
