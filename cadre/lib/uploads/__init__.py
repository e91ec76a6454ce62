"""Checking uploads before anything is stored or extracted.

    from cadre.lib.uploads import CheckedFileField, check_upload, DOCUMENT, IMAGE, VIDEO, AUDIO, ARCHIVE

    evidence = CheckedFileField(allowed=[DOCUMENT, IMAGE])       # in a form; file.checked after clean
    checked = check_upload(upload, allowed=[DOCUMENT])           # anywhere else; ValidationError if refused
    report = safe_extract(package, destination)                  # a ZIP, checked again and unpacked

The type is decided by the content, never by the name; limits come from the UPLOAD_* and
ARCHIVE_* settings unless given.
"""

from cadre.lib.uploads.archives import ArchiveLimits, ArchiveReport, inspect_archive, safe_extract
from cadre.lib.uploads.checks import CheckedUpload, check_upload, max_bytes_for
from cadre.lib.uploads.fields import CheckedFileField, checked_of, describe_accepted
from cadre.lib.uploads.types import (
    ACCEPTABLE,
    ARCHIVE,
    AUDIO,
    DOCUMENT,
    FAMILIES,
    IMAGE,
    VIDEO,
    Family,
    FileType,
    accept_attribute,
    types_of,
)

__all__ = [
    "ACCEPTABLE",
    "ARCHIVE",
    "AUDIO",
    "DOCUMENT",
    "FAMILIES",
    "IMAGE",
    "VIDEO",
    "ArchiveLimits",
    "ArchiveReport",
    "CheckedFileField",
    "CheckedUpload",
    "Family",
    "FileType",
    "accept_attribute",
    "check_upload",
    "checked_of",
    "describe_accepted",
    "inspect_archive",
    "max_bytes_for",
    "safe_extract",
    "types_of",
]
