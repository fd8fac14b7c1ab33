"""The owner's images (poster, stills, the director's photo): read, checked, copied into the kit with
web-sized copies.

No source holds them: the kit file names each (a path relative to it) with its credit and caption.
Each is checked with Pillow before anything is written: a JPEG, PNG or WebP file of at most
MAX_BYTES, each side between MIN_SIDE and MAX_SIDE pixels and at most MAX_PIXELS in all, whole
(decoded to its last pixel). A missing, unreadable, corrupt or wrong file is a ContentError naming the
kit file's key and the path. The kit keeps the original, byte for byte, for print
(`images/original/`), and a web copy (`images/`): at most WEB_SIDE pixels on its longer side (never
enlarged), turned upright by its orientation tag, in sRGB, without metadata (no camera, no place),
as JPEG (quality JPEG_QUALITY), or PNG where it has transparency.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lasttrain_awards.presskit.content import ContentError, Picture

if TYPE_CHECKING:
    from PIL import Image as PILImage

    from lasttrain_awards.presskit.kitfile import ImageRef

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}  # Pillow's name: the original's extension in the kit
MAX_BYTES = 30 * 1024 * 1024  # a print-quality still is a few MB; a file far bigger is a mistake
MIN_SIDE = 200  # pixels: anything smaller is a thumbnail, of no use to the press
MAX_SIDE = 12_000  # pixels on either side
MAX_PIXELS = 60_000_000  # 60 megapixels: checked from the header, before decoding (a decompression bomb is refused)
WEB_SIDE = 1600  # pixels: the web copy's longer side, at most
JPEG_QUALITY = 85


@dataclass(frozen=True)
class RawImage:
    """An image file as read: the kit file's reference and its bytes (reading is kit.py's, not here)."""

    ref: ImageRef
    data: bytes


def read_image(ref: ImageRef) -> RawImage:
    """The file's bytes; ContentError naming the key and the path when it is missing, not a file,
    unreadable or too large."""
    where = f"{ref.file} ({ref.path})" if str(ref.path) != ref.file else ref.file
    try:
        if not ref.path.is_file():
            raise ContentError(f"{where}: {'not a file' if ref.path.exists() else 'no such file'}", f"{ref.key}.file")
        with ref.path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ContentError(f"{where}: cannot read ({exc.strerror or exc})", f"{ref.key}.file") from None
    if len(data) > MAX_BYTES:
        raise ContentError(f"{where}: larger than {MAX_BYTES // (1024 * 1024)} MB", f"{ref.key}.file")
    return RawImage(ref, data)


def _names(ref: ImageRef, extension: str) -> tuple[str, str]:
    """The web copy's stem and the original's name in the kit, from the image's role (never the user's
    file name): images/poster, images/still-01..., images/director."""
    if ref.key.startswith("stills["):
        stem = f"still-{int(ref.key[len('stills[') : -1]) + 1:02d}"
    else:
        stem = {"poster": "poster", "director.photo": "director"}[ref.key]
    return f"images/{stem}", f"images/original/{stem}.{extension}"


def _opened(raw: RawImage) -> PILImage.Image:
    """The image decoded whole, after its format and size were checked from the header."""
    from PIL import Image, UnidentifiedImageError

    ref, key = raw.ref, f"{raw.ref.key}.file"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw.data), formats=None)
            if image.format not in FORMATS:
                raise ContentError(
                    f"{ref.file}: a {image.format or 'unknown'} image; the kit takes JPEG, PNG or WebP", key
                )
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise ContentError(
                    f"{ref.file}: {width}x{height} pixels; at most {MAX_SIDE} pixels a side and "
                    f"{MAX_PIXELS // 1_000_000} megapixels",
                    key,
                )
            if min(width, height) < MIN_SIDE:
                raise ContentError(f"{ref.file}: {width}x{height} pixels; at least {MIN_SIDE} pixels a side", key)
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except ContentError:
        raise
    except UnidentifiedImageError:
        raise ContentError(f"{ref.file}: not an image (JPEG, PNG or WebP) that can be read", key) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ContentError(
            f"{ref.file}: too many pixels to decode safely; at most {MAX_PIXELS // 1_000_000} megapixels", key
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ContentError(f"{ref.file}: a damaged or unreadable image ({exc})", key) from None
    return image


def _web_copy(image: PILImage.Image) -> tuple[bytes, str, tuple[int, int]]:
    """The web-sized copy: upright, sRGB, no metadata, fitted within WEB_SIDE; (bytes, extension, size)."""
    from PIL import Image, ImageCms, ImageOps

    upright = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if icc and upright.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            srgb = ImageCms.createProfile("sRGB")
            mode = "RGBA" if upright.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(upright, io.BytesIO(icc), srgb, outputMode=mode)
            upright = converted if converted is not None else upright
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: the pixels as they are
    transparent = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    upright = upright.convert("RGBA" if transparent else "RGB")
    upright.thumbnail((WEB_SIDE, WEB_SIDE), Image.Resampling.LANCZOS)  # never enlarges
    out = io.BytesIO()
    if transparent:
        upright.save(out, "PNG", optimize=True)
        return out.getvalue(), "png", upright.size
    upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), "jpg", upright.size


def prepare_image(raw: RawImage) -> tuple[Picture, dict[str, bytes]]:
    """The image checked, with its web copy and original: (the picture the pages show, files by name)."""
    image = _opened(raw)
    assert image.format is not None  # checked by _opened
    web_stem, original = _names(raw.ref, FORMATS[image.format])
    data, extension, (width, height) = _web_copy(image)
    web = f"{web_stem}.{extension}"
    picture = Picture(
        web=web,
        original=original,
        width=width,
        height=height,
        original_size=image.size,
        caption=raw.ref.caption,
        credit=raw.ref.credit,
        alt=raw.ref.alt or raw.ref.caption,
    )
    return picture, {web: data, original: raw.data}
