"""Evidence files on disk and what they are, read from their content (never the file name or
the browser's content type).

`sniff` names a file's kind from its first bytes (Pillow for photos, a small signature table
for the rest); `clean_photo` re-saves a photo without its EXIF data (location, device) and with
its orientation applied; `FileStore` keeps files under one private folder (0700), each file
0600 under a random name.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from backend.db import private_dir

# Formats Pillow may open for a photo (no HEIC without a plugin: those are refused plainly).
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
PHOTO_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# A photo larger than this many pixels is refused (a decompression bomb, not a photo).
MAX_PIXELS = 80_000_000


class NotAllowed(Exception):
    """The file is not a kind we take (or is damaged)."""


@dataclass(frozen=True)
class FileType:
    kind: str  # photo, video, audio, document
    content_type: str
    extension: str


def _iso_media(head: bytes) -> FileType | None:
    """MP4, MOV and M4A: an ISO base media `ftyp` box first, its brand saying which."""
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand == b"qt  ":
        return FileType("video", "video/quicktime", "mov")
    if brand in (b"M4A ", b"M4B "):
        return FileType("audio", "audio/mp4", "m4a")
    return FileType("video", "video/mp4", "mp4")


def _signature(head: bytes) -> FileType | None:  # declarative table
    """Videos, sound recordings and documents by their first bytes."""
    if head.startswith(b"%PDF-"):
        return FileType("document", "application/pdf", "pdf")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return FileType("video", "video/webm", "webm")
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return FileType("audio", "audio/wav", "wav")
    if head.startswith(b"OggS"):
        return FileType("audio", "audio/ogg", "ogg")
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return FileType("audio", "audio/mpeg", "mp3")
    return _iso_media(head)


def sniff(path: Path) -> FileType:
    """What the file at `path` is, from its content; NotAllowed for anything else."""
    with path.open("rb") as handle:
        head = handle.read(64)
    found = _signature(head)
    if found is not None:
        return found
    try:
        with Image.open(path) as image:
            image_format = image.format or ""
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise NotAllowed("unknown type") from exc
    if image_format not in PHOTO_FORMATS:
        raise NotAllowed("unknown image type")
    return FileType("photo", PHOTO_FORMATS[image_format], PHOTO_EXTENSIONS[image_format])


def clean_photo(path: Path) -> bytes:
    """The photo re-saved without EXIF (location, device, time) or other metadata, turned the
    way its EXIF orientation said; NotAllowed when Pillow cannot read it whole."""
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise NotAllowed("too many pixels")
            image_format = image.format or ""
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise NotAllowed("damaged image") from exc
    upright.info.pop("exif", None)
    upright.info.pop("icc_profile", None)
    out = io.BytesIO()
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(out, format="JPEG", quality=95)
    elif image_format == "GIF":
        upright.save(out, format="GIF")
    else:
        upright.save(out, format=image_format, exif=b"")
    return out.getvalue()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    """Evidence files under `root` (made 0700); each file 0600 under a random name."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self) -> Path:
        return private_dir(self.root)

    def new_temp(self) -> Path:
        """A new empty private file for an upload still arriving."""
        path = self.folder() / f".upload-{secrets.token_hex(16)}"
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return path

    def keep(self, temp: Path, extension: str, content: bytes | None = None) -> str:
        """Move the upload (or write `content` instead of it) to its final random name."""
        name = f"{secrets.token_hex(20)}.{extension}"
        final = self.folder() / name
        if content is not None:
            fd = os.open(final, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            temp.unlink(missing_ok=True)
        else:
            os.replace(temp, final)
            os.chmod(final, 0o600)
        return name

    def path(self, stored_name: str) -> Path:
        if "/" in stored_name or stored_name.startswith("."):
            raise ValueError("not a stored evidence name")
        return self.root / stored_name

    def delete(self, stored_name: str) -> None:
        self.path(stored_name).unlink(missing_ok=True)
