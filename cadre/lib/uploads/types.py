"""What Cadre accepts: families of content, and the file types each holds, as people name them.

A type whose family is None is recognised only to say what a refused file is (a program, a
script, a web page); no family accepts it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Family:
    code: str
    label: str | Promise


@dataclass(frozen=True)
class FileType:
    code: str
    label: str | Promise
    mime_type: str
    extensions: tuple[str, ...]  # the first is the one a stored file gets
    family: Family | None = None
    hint: str | Promise | None = None  # how to fix a refusal, when the generic advice would not do

    @property
    def extension(self) -> str:
        return self.extensions[0]


DOCUMENT = Family("document", _("documents"))
IMAGE = Family("image", _("images"))
VIDEO = Family("video", _("videos"))
AUDIO = Family("audio", _("audio recordings"))
ARCHIVE = Family("archive", _("ZIP archives"))
FAMILIES = (DOCUMENT, IMAGE, VIDEO, AUDIO, ARCHIVE)

_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"

PDF = FileType("pdf", _("PDF document"), "application/pdf", (".pdf",), DOCUMENT)
DOCX = FileType("docx", _("Word document"), f"{_OOXML}.wordprocessingml.document", (".docx",), DOCUMENT)
XLSX = FileType("xlsx", _("Excel workbook"), f"{_OOXML}.spreadsheetml.sheet", (".xlsx",), DOCUMENT)
PPTX = FileType(
    "pptx", _("PowerPoint presentation"), f"{_OOXML}.presentationml.presentation", (".pptx",), DOCUMENT
)
ODT = FileType("odt", _("OpenDocument text"), f"{_ODF}.text", (".odt",), DOCUMENT)
ODS = FileType("ods", _("OpenDocument spreadsheet"), f"{_ODF}.spreadsheet", (".ods",), DOCUMENT)
ODP = FileType("odp", _("OpenDocument presentation"), f"{_ODF}.presentation", (".odp",), DOCUMENT)
TEXT = FileType("txt", _("plain text file"), "text/plain", (".txt",), DOCUMENT)
CSV = FileType("csv", _("CSV file"), "text/csv", (".csv",), DOCUMENT)

PNG = FileType("png", _("PNG image"), "image/png", (".png",), IMAGE)
JPEG = FileType("jpeg", _("JPEG image"), "image/jpeg", (".jpg", ".jpeg", ".jfif", ".jpe"), IMAGE)
WEBP = FileType("webp", _("WebP image"), "image/webp", (".webp",), IMAGE)
GIF = FileType("gif", _("GIF image"), "image/gif", (".gif",), IMAGE)

MP4 = FileType("mp4", _("MP4 video"), "video/mp4", (".mp4", ".m4v"), VIDEO)
WEBM = FileType("webm", _("WebM video"), "video/webm", (".webm",), VIDEO)

MP3 = FileType("mp3", _("MP3 audio"), "audio/mpeg", (".mp3",), AUDIO)
M4A = FileType("m4a", _("M4A audio"), "audio/mp4", (".m4a",), AUDIO)
AAC = FileType("aac", _("AAC audio"), "audio/aac", (".aac",), AUDIO)
OGG = FileType("ogg", _("Ogg audio"), "audio/ogg", (".ogg", ".oga", ".opus"), AUDIO)

ZIP = FileType("zip", _("ZIP archive"), "application/zip", (".zip",), ARCHIVE)

ACCEPTABLE = (
    *(PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TEXT, CSV),
    *(PNG, JPEG, WEBP, GIF, MP4, WEBM, MP3, M4A, AAC, OGG, ZIP),
)

_NEVER = _(
    "Files of this kind are never accepted, because they could run code on the computer of "
    "whoever opens them."
)
_RESAVE_OFFICE = _(
    "Open it in its program and save it in a current format (.docx, .xlsx or .pptx), then upload it again."
)
_USE_ZIP = _("Put its content in a ZIP archive instead, then upload that.")

WINDOWS_PROGRAM = FileType(
    "exe", _("Windows program"), "application/vnd.microsoft.portable-executable", (".exe",), hint=_NEVER
)
LINUX_PROGRAM = FileType("elf", _("Linux program"), "application/x-executable", (".elf",), hint=_NEVER)
MAC_PROGRAM = FileType("macho", _("macOS program"), "application/x-mach-binary", (".macho",), hint=_NEVER)
JAVA_PROGRAM = FileType("jar", _("Java program"), "application/java-archive", (".jar", ".class"), hint=_NEVER)
SCRIPT = FileType("script", _("script"), "text/x-script", (".sh",), hint=_NEVER)
HTML = FileType("html", _("web page (HTML)"), "text/html", (".html", ".htm"), hint=_NEVER)
SVG = FileType("svg", _("SVG image"), "image/svg+xml", (".svg",), hint=_NEVER)
XML = FileType("xml", _("XML document"), "application/xml", (".xml",))
OFFICE_MACROS = FileType(
    "macros", _("Office document with macros"), "application/vnd.ms-office.macroenabled", (), hint=_NEVER
)
OLD_OFFICE = FileType(
    "ole",
    _("older Microsoft Office file"),
    "application/x-ole-storage",
    (".doc", ".xls", ".ppt"),
    hint=_RESAVE_OFFICE,
)
OTHER_ARCHIVE = FileType(
    "archive", _("archive in a format other than ZIP"), "application/octet-stream",
    (".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz"), hint=_USE_ZIP,
)  # fmt: skip
RTF = FileType("rtf", _("RTF document"), "application/rtf", (".rtf",))
QUICKTIME = FileType("mov", _("QuickTime video"), "video/quicktime", (".mov",))
MATROSKA = FileType("mkv", _("Matroska video"), "video/x-matroska", (".mkv",))
HEIC = FileType("heic", _("HEIC image"), "image/heic", (".heic", ".heif"))


def types_of(families: tuple[Family, ...]) -> tuple[FileType, ...]:
    """The acceptable types of the given families, in the order people expect to read them."""
    return tuple(file_type for file_type in ACCEPTABLE if file_type.family in families)


def accept_attribute(families: tuple[Family, ...]) -> str:
    """The `accept` attribute of a file input for these families (a hint to the browser only)."""
    return ",".join(extension for file_type in types_of(families) for extension in file_type.extensions)
