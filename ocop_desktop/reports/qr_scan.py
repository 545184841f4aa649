"""Reading QR codes from a picture of a certificate (a phone photo, a scan) with zxing-cpp.

Qt-free: the picture is a Pillow image (the verify dialog renders PDF pages with Qt and
hands them over). zxing-cpp is imported on first use, never at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_PIXELS = 60_000_000  # a 300 dpi A3 scan is ~17 Mpx; bigger is refused, not decoded
QR_PREFIXES = ("GIẤY CHỨNG NHẬN SẢN PHẨM OCOP", "OCOP1.", "OCOP2.")


def decode_picture(image: Image) -> list[str]:
    """The texts of every QR code found in ``image``, certificate payloads first."""
    import zxingcpp

    gray = image.convert("L")
    found = [r.text for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode) if r.text]
    if not found:  # small codes in a large photo: try once at half size, then doubled
        for factor in (0.5, 2.0):
            w, h = int(gray.width * factor), int(gray.height * factor)
            if 100 < w * h <= MAX_PIXELS:
                found = [r.text for r in zxingcpp.read_barcodes(gray.resize((w, h)),
                                                                formats=zxingcpp.BarcodeFormat.QRCode) if r.text]
                if found:
                    break
    return sorted(dict.fromkeys(found), key=lambda t: not t.lstrip().startswith(QR_PREFIXES))


def open_picture(path: Path) -> Image:
    """A PNG/JPG/… file as a Pillow image; BadInput with the reason if it is not one."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            if im.width * im.height > MAX_PIXELS:
                raise BadInput(_("{name} is too large a picture ({width} × {height} pixels): scan the certificate "
                                 "at 300 dpi or less.").format(name=path.name, width=im.width, height=im.height))
            im.load()
            return im.copy()
    except FileNotFoundError:
        raise BadInput(_("The file {path} does not exist.").format(path=path)) from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        raise BadInput(_("{name} is not a picture this app can read (PNG, JPG or a PDF file).")
                       .format(name=path.name)) from None
