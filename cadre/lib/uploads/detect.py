"""Deciding a file's type from its content, never from its name.

Text is told apart from binary content by the bytes themselves; binary content by its magic
numbers (puremagic, a pure-Python, maintained table), MP4 and M4A by their `ftyp` brands, and
ZIP-based formats by looking inside: OpenDocument's `mimetype` member, Office Open XML's
`[Content_Types].xml` and folders. ZIP-based files go through the archive checks on the way.
"""

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import IO

import puremagic
from django.core.exceptions import ValidationError

from cadre.lib.uploads import types as t
from cadre.lib.uploads.archives import (
    ZIP_SIGNATURES,
    ArchiveLimits,
    ArchiveReport,
    inspect_archive,
    member_chunks,
    open_zip,
)

# Bytes that do not occur in text: C0 controls other than tab, line feed, form feed and carriage
# return, and DEL.
_BINARY = bytes([*range(0, 9), 11, *range(14, 32), 127])
_TEXT_BYTES = bytes(byte for byte in range(256) if byte not in _BINARY)
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<style")
_EBML = b"\x1a\x45\xdf\xa3"

_ODF_TYPES = {b"application/vnd.oasis.opendocument." + kind: found for kind, found in (
    (b"text", t.ODT), (b"spreadsheet", t.ODS), (b"presentation", t.ODP),
)}  # fmt: skip
_OOXML_FOLDERS = (("word/", t.DOCX), ("xl/", t.XLSX), ("ppt/", t.PPTX))
_M4A_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P "})
_MP4_BRANDS = frozenset({
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp71", b"avc1", b"dash",
    b"M4V ", b"M4VH", b"M4VP", b"MSNV", b"mmp4", b"f4v ", b"XAVC",
})  # fmt: skip
_OTHER_BRANDS = {b"qt  ": t.QUICKTIME, **dict.fromkeys((b"heic", b"heix", b"mif1", b"msf1", b"hevc"), t.HEIC)}
_MAGIC_EXTENSIONS: dict[str, t.FileType] = {
    ".pdf": t.PDF,
    ".png": t.PNG,
    **dict.fromkeys((".jpg", ".jpeg", ".jfif", ".jpe"), t.JPEG),
    ".webp": t.WEBP,
    ".gif": t.GIF,
    ".mp3": t.MP3,
    ".mpga": t.MP3,
    ".aac": t.AAC,
    **dict.fromkeys((".ogg", ".oga", ".ogv", ".opus"), t.OGG),
    **dict.fromkeys((".exe", ".dll", ".sys", ".drv", ".scr", ".ocx", ".cpl"), t.WINDOWS_PROGRAM),
    ".class": t.JAVA_PROGRAM,
    **dict.fromkeys((".doc", ".xls", ".ppt", ".msg", ".msi"), t.OLD_OFFICE),
    **dict.fromkeys(
        (".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".tar.bz2", ".bzip2", ".tbz2", ".xz", ".cab"),
        t.OTHER_ARCHIVE,
    ),
    **dict.fromkeys((".html", ".htm", ".xhtml"), t.HTML),
    ".svg": t.SVG,
    ".xml": t.XML,
    ".rtf": t.RTF,
    ".mov": t.QUICKTIME,
    ".heic": t.HEIC,
}
_MAGIC_NAMES = (("ELF", t.LINUX_PROGRAM), ("Mach-O", t.MAC_PROGRAM))


@dataclass(frozen=True)
class Detected:
    file_type: t.FileType | None  # None: not recognised
    archive: ArchiveReport | None = None


class TextProbe:
    """Fed the whole file chunk by chunk, says whether it is text (UTF-16 with a BOM, or bytes)."""

    def __init__(self) -> None:
        self.is_text = True
        self._started = False
        self._decoder: codecs.IncrementalDecoder | None = None

    def feed(self, chunk: bytes, *, final: bool = False) -> None:
        if not self.is_text:
            return
        if not self._started:
            self._started = True
            if chunk.startswith(_UTF16_BOMS):
                self._decoder = codecs.getincrementaldecoder("utf-16")("strict")
        if self._decoder is None:
            self.is_text = not chunk.translate(None, _TEXT_BYTES)
            return
        try:
            self.is_text = not _BINARY_CHARS.search(self._decoder.decode(chunk, final))
        except UnicodeDecodeError:
            self.is_text = False


def detect(
    stream: IO[bytes],
    *,
    head: bytes,
    is_text: bool,
    name_extension: str,
    limits: ArchiveLimits,
    look_inside_zip: bool = True,
) -> Detected:
    """The type of the content; `head` is its beginning, `is_text` what a TextProbe said of all of it.

    A ZIP-based file that fails the archive checks raises ValidationError when `look_inside_zip`;
    otherwise (no ZIP-based type is accepted anyway) it is reported as a plain ZIP archive.
    """
    if is_text:
        return Detected(text_type(head, name_extension))
    if head.startswith(ZIP_SIGNATURES):
        try:
            return zip_type(stream, limits)
        except ValidationError:
            if look_inside_zip:
                raise
            return Detected(t.ZIP)
    found = _brand_type(head) or _ebml_type(head) or _magic_type(stream)
    return Detected(found)


def text_type(head: bytes, name_extension: str) -> t.FileType:
    if head.startswith(b"%PDF-"):
        return t.PDF
    if head.startswith(_UTF16_BOMS):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="replace")
    start = text.lstrip("\ufeff \t\r\n\x0c")[:4096].lower()
    if start.startswith("#!"):
        return t.SCRIPT
    if start.startswith("{\\rtf"):
        return t.RTF
    if start.startswith("<"):
        return _markup_type(start)
    return t.CSV if name_extension == ".csv" else t.TEXT


def _markup_type(start: str) -> t.FileType:
    if "<svg" in start:
        return t.SVG
    if start.startswith("<?xml") and not any(marker in start for marker in _HTML_MARKERS):
        return t.XML
    return t.HTML  # anything else that opens with a tag a browser could take for a page


def _brand_type(head: bytes) -> t.FileType | None:
    """MP4-family files: the `ftyp` box's major brand, then its compatible brands."""
    if head[4:8] != b"ftyp":
        return None
    box_size = int.from_bytes(head[0:4], "big")
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
    if major in _M4A_BRANDS or (major in _MP4_BRANDS and compatible & _M4A_BRANDS):
        return t.M4A
    if major in _MP4_BRANDS:
        return t.MP4
    return _OTHER_BRANDS.get(major)


def _ebml_type(head: bytes) -> t.FileType | None:
    """WebM and Matroska share a header; the document type in it tells them apart."""
    if not head.startswith(_EBML):
        return None
    return t.WEBM if b"webm" in head[:64] else t.MATROSKA


def _magic_type(stream: IO[bytes]) -> t.FileType | None:
    stream.seek(0)
    try:
        candidates = puremagic.magic_stream(stream)
    except (puremagic.PureError, ValueError):
        return None
    finally:
        stream.seek(0)
    for candidate in candidates:
        found = _MAGIC_EXTENSIONS.get(candidate.extension)
        found = found or next((kind for marker, kind in _MAGIC_NAMES if marker in candidate.name), None)
        if found:
            return found
    return None


def zip_type(stream: IO[bytes], limits: ArchiveLimits) -> Detected:
    """Check the archive, then tell OpenDocument, Office Open XML and Java from a plain ZIP."""
    report = inspect_archive(
        stream,
        max_members=limits.max_members,
        max_total_bytes=limits.max_total_bytes,
        max_ratio=limits.max_ratio,
    )
    names = set(report.names)
    with open_zip(stream) as archive:
        if "mimetype" in names:
            found = _ODF_TYPES.get(_small_member(archive, "mimetype").strip())
            if found:
                return Detected(found, report)
        if "[Content_Types].xml" in names:
            return Detected(_ooxml_type(archive, names), report)
    if "META-INF/MANIFEST.MF" in names:
        return Detected(t.JAVA_PROGRAM, report)
    return Detected(t.ZIP, report)


def _ooxml_type(archive: zipfile.ZipFile, names: set[str]) -> t.FileType | None:
    content_types = _small_member(archive, "[Content_Types].xml", limit=1024 * 1024)
    if b"macroEnabled" in content_types or any(name.lower().endswith("vbaproject.bin") for name in names):
        return t.OFFICE_MACROS
    for folder, found in _OOXML_FOLDERS:
        if any(name.startswith(folder) for name in names):
            return found
    return None


def _small_member(archive: zipfile.ZipFile, name: str, *, limit: int = 256) -> bytes:
    content = b""
    for chunk in member_chunks(archive, archive.getinfo(name)):
        content += chunk
        if len(content) >= limit:
            break
    return content[:limit]
