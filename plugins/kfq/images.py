"""Article photos: what the contract accepts, and the resized copies the site publishes.

The original stays under content/images/ as the contributor sent it; readers get copies 480,
960 and 1600 px wide, WebP with a JPEG fallback, turned upright by their EXIF orientation and
then written without any metadata (EXIF, GPS, XMP, ICC), each within a byte budget.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from kfq.errors import KfqError

# What a contributor's camera or phone sends, and what browsers show.
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
MAX_BYTES = 20 * 1024 * 1024  # an original larger than this is no photo from a phone or camera
MAX_PIXELS = 60_000_000  # and more pixels than a 60-megapixel camera takes is refused unread
MIN_WIDTH = 480  # narrower than the smallest copy: too small to print or show
WIDTHS = (480, 960, 1600)
# The largest each copy may weigh: a phone (at most 40em wide) is offered the 480 and 960
# copies only, so its largest image stays under 150 KB.
BUDGET = {480: 60_000, 960: 140_000, 1600: 320_000}
QUALITIES = (80, 72, 64, 56, 48, 40)
PHONE_MAX_WIDTH = 960


class ImageRefused(KfqError):
    """An image the site will not publish (unknown format, too large, damaged)."""


@dataclass(frozen=True)
class ImageInfo:
    """What an image file is: its format, size in pixels and bytes."""

    format: str
    width: int
    height: int
    size: int

    @property
    def suffix(self) -> str:
        return FORMATS[self.format]


@dataclass(frozen=True)
class Copy:
    """One resized copy, in both formats, by its URL path under the site."""

    width: int
    height: int
    webp: str
    jpeg: str
    webp_bytes: int
    jpeg_bytes: int


@dataclass(frozen=True)
class Rendition:
    """The copies of one photo, smallest first, and the markup's attributes."""

    copies: tuple[Copy, ...]

    @property
    def width(self) -> int:
        return self.copies[-1].width

    @property
    def height(self) -> int:
        return self.copies[-1].height

    @property
    def fallback(self) -> Copy:
        """The JPEG an old browser loads: the middle copy."""
        return self.copies[min(1, len(self.copies) - 1)]

    def srcset(self, kind: str, prefix: str = "", phone: bool = False) -> str:
        """`url 480w, …` of the copies in one format (a phone's: those up to 960 px only)."""
        chosen = [c for c in self.copies if not phone or c.width <= PHONE_MAX_WIDTH] or self.copies[:1]
        return ", ".join(f"{prefix}{getattr(c, kind)} {c.width}w" for c in chosen)


def inspect(data: bytes, name: str) -> ImageInfo:
    """The image's format and size; raises ImageRefused with what to do."""
    if len(data) > MAX_BYTES:
        raise ImageRefused(
            f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_BYTES // 2**20} MB limit for a photo — "
            "send a smaller export (e.g. 3000 px wide)"
        )
    try:
        with Image.open(io.BytesIO(data)) as im:
            fmt, (width, height) = im.format or "", im.size
            if width * height > MAX_PIXELS:
                raise ImageRefused(
                    f"{name}: {width}×{height} px is more than {MAX_PIXELS // 10**6} megapixels — "
                    "export it smaller"
                )
            im.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as e:
        raise ImageRefused(
            f"{name}: not an image the site can show ({e.__class__.__name__}) — send it as JPEG, PNG or WebP"
        ) from e
    if fmt not in FORMATS:
        raise ImageRefused(f"{name}: {fmt or 'unknown'} images are not published — send JPEG, PNG or WebP")
    if width < MIN_WIDTH:
        raise ImageRefused(
            f"{name}: {width} px wide is too small (at least {MIN_WIDTH} px) — send the original"
        )
    return ImageInfo(fmt, width, height, len(data))


def render(source: Path, out_dir: Path, url_base: str) -> Rendition:
    """Write the copies of source into out_dir (named by its content, so an unchanged photo is
    not encoded again) and return them with their URLs under url_base."""
    data = Path(source).read_bytes()
    inspect(data, str(source))
    digest = hashlib.blake2b(data, digest_size=5).hexdigest()
    stem = f"{Path(source).stem}-{digest}"
    out_dir.mkdir(parents=True, exist_ok=True)
    with Image.open(io.BytesIO(data)) as opened:
        upright = ImageOps.exif_transpose(opened)
        picture = upright.convert("RGB")
    copies = []
    widths = [w for w in WIDTHS if w < picture.width] + [min(picture.width, WIDTHS[-1])]
    for width in sorted(set(widths)):
        height = round(picture.height * width / picture.width)
        files = {}
        for kind, ext in (("webp", "webp"), ("jpeg", "jpg")):
            path = out_dir / f"{stem}-{width}.{ext}"
            if not path.exists():
                resized = (
                    picture
                    if width == picture.width
                    else picture.resize((width, height), Image.Resampling.LANCZOS)
                )
                tmp = path.with_suffix(path.suffix + ".part")
                tmp.write_bytes(_encode(resized, kind, BUDGET.get(width, BUDGET[WIDTHS[-1]])))
                tmp.replace(path)
            files[kind] = path
        copies.append(
            Copy(
                width,
                height,
                f"{url_base}/{files['webp'].name}",
                f"{url_base}/{files['jpeg'].name}",
                files["webp"].stat().st_size,
                files["jpeg"].stat().st_size,
            )
        )
    return Rendition(tuple(copies))


def _encode(picture: Image.Image, kind: str, budget: int) -> bytes:
    """The picture encoded without metadata, at the best quality within budget bytes."""
    out = b""
    for quality in QUALITIES:
        buf = io.BytesIO()
        if kind == "webp":
            picture.save(buf, "WEBP", quality=quality, method=4)
        else:
            picture.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
        out = buf.getvalue()
        if len(out) <= budget:
            break
    return out
