"""Small files of every kind the upload checks meet, made here rather than shipped."""

import io
import stat
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

MB = 1024 * 1024


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def zip_of(members: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return buffer.getvalue()


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"
    )


def gif() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def webp() -> bytes:
    body = b"WEBPVP8 " + struct.pack("<I", 10) + b"\x30\x01\x00\x9d\x01\x2a\x01\x00\x01\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    brands = b"".join(compatible)
    box = struct.pack(">I", 16 + len(brands)) + b"ftyp" + major + b"\x00\x00\x02\x00" + brands
    return box + struct.pack(">I", 8) + b"free" + b"\x00" * 64


def mp4() -> bytes:
    return ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")


def m4a() -> bytes:
    return ftyp(b"M4A ", b"M4A ", b"mp42", b"isom")


def webm() -> bytes:
    return (
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm\x42\x87\x81\x04" + b"\x00" * 32
    )


def mp3() -> bytes:
    return b"ID3\x03\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + b"\xff\xfb\x90\x64" + b"\x00" * 64


def ogg() -> bytes:
    return b"OggS\x00\x02" + b"\x00" * 20 + b"\x01\x1e\x01vorbis" + b"\x00" * 40


def docx() -> bytes:
    return zip_of({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document/>",
    })  # fmt: skip


def xlsx() -> bytes:
    return zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})


def pptx() -> bytes:
    return zip_of({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"})


def docm() -> bytes:
    content_types = (
        '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    )
    return zip_of(
        {"[Content_Types].xml": content_types, "word/document.xml": "<w/>", "word/vbaProject.bin": b"\x00"}
    )


def odf(kind: str) -> bytes:
    return zip_of(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}",
            "content.xml": "<office:document-content/>",
        },
        compression=zipfile.ZIP_STORED,
    )


def jar() -> bytes:
    return zip_of({"META-INF/MANIFEST.MF": "Manifest-Version: 1.0\n", "Main.class": b"\xca\xfe\xba\xbe"})


def windows_program() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 44
        + b"PE\x00\x00"
        + b"\x00" * 64
    )


def linux_program() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def old_word() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


def html() -> bytes:
    return b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def svg() -> bytes:
    return b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def zip_bomb(size: int = 50 * MB) -> bytes:
    """One member of `size` zero bytes: deflated, about a thousandth of that."""
    return zip_of({"zeros.bin": bytes(size)})


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("docs/passwd")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def patch_headers(data: bytes, *, flag_bits: int | None = None, file_size: int | None = None) -> bytes:
    """Rewrite the first member's local and central headers: what a hand-made archive can claim."""
    patched = bytearray(data)
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    if flag_bits is not None:
        struct.pack_into("<H", patched, local + 6, flag_bits)
        struct.pack_into("<H", patched, central + 8, flag_bits)
    if file_size is not None:
        struct.pack_into("<I", patched, local + 22, file_size)
        struct.pack_into("<I", patched, central + 24, file_size)
    return bytes(patched)
