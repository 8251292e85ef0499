"""What a file is comes from its content, never its name; photos lose their EXIF data."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from PIL import Image

from backend.evidence.storage import FileStore, NotAllowed, clean_photo, sniff
from tests.backend.evidence.conftest import DEVICE, mp4_bytes, pdf_bytes, photo_with_exif


def write(tmp_path: Path, data: bytes, name: str = "upload.bin") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "kind", "content_type"),
    [
        (photo_with_exif("JPEG"), "photo", "image/jpeg"),
        (photo_with_exif("PNG"), "photo", "image/png"),
        (mp4_bytes(), "video", "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00" + b"\x00" * 40, "video", "video/quicktime"),
        (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00" + b"\x00" * 40, "audio", "audio/mp4"),
        (b"\x1a\x45\xdf\xa3" + b"\x00" * 60, "video", "video/webm"),
        (b"ID3\x04\x00" + b"\x00" * 60, "audio", "audio/mpeg"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40, "audio", "audio/wav"),
        (b"OggS\x00\x02" + b"\x00" * 60, "audio", "audio/ogg"),
        (pdf_bytes(), "document", "application/pdf"),
    ],
)
def test_the_type_comes_from_the_content(tmp_path, data, kind, content_type) -> None:
    # Named as something else entirely: the name plays no part.
    found = sniff(write(tmp_path, data, "holiday.txt"))
    assert (found.kind, found.content_type) == (kind, content_type)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00 a program",
        b"PK\x03\x04 a zip archive",
        b"just some words",
        photo_with_exif()[:40],  # a photo cut short
    ],
)
def test_anything_else_is_refused_whatever_its_name(tmp_path, data) -> None:
    with pytest.raises(NotAllowed):
        sniff(write(tmp_path, data, "photo.jpg"))


def test_a_photo_loses_location_and_device_and_is_turned_upright(tmp_path) -> None:
    original = photo_with_exif()
    assert DEVICE.encode() in original
    cleaned = clean_photo(write(tmp_path, original))
    assert DEVICE.encode() not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (20, 40)  # the orientation was applied, not just dropped
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)  # no GPS
        assert 0x010F not in exif and 0x0110 not in exif and 0x0112 not in exif


def test_a_png_with_exif_is_cleaned_too(tmp_path) -> None:
    cleaned = clean_photo(write(tmp_path, photo_with_exif("PNG")))
    assert DEVICE.encode() not in cleaned


def test_files_are_private(tmp_path) -> None:
    store = FileStore(tmp_path / "evidence")
    temp = store.new_temp()
    temp.write_bytes(pdf_bytes())
    name = store.keep(temp, "pdf")
    assert stat.S_IMODE(store.path(name).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "evidence").stat().st_mode) == 0o700
    assert not temp.exists()
    with pytest.raises(ValueError):
        store.path("../secrets.env")
