"""`check_upload`: is an upload one of the accepted types and within the size limit?

Run before anything is stored or extracted. The type comes from the content (see `detect`);
the name only chooses between CSV and plain text, which are the same bytes. The file is read once
to count its size, hash it and tell text from binary; it is left rewound for saving.
"""

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cadre.lib.uploads.archives import ArchiveLimits, ArchiveReport
from cadre.lib.uploads.detect import TextProbe, detect
from cadre.lib.uploads.types import ARCHIVE, DOCUMENT, VIDEO, Family, FileType, types_of
from cadre.lib.uploads.wording import or_list, sizes_text

CHUNK_BYTES = 1024 * 1024
HEAD_BYTES = 64 * 1024
STEM_MAX_CHARS = 80


@dataclass(frozen=True)
class CheckedUpload:
    mime_type: str  # from the content, e.g. "application/pdf"
    extension: str  # the detected type's, e.g. ".pdf", whatever the name said
    family: Family
    label: str | Promise  # what people call the type, e.g. "PDF document"
    size: int  # bytes counted, not declared
    sha256: str  # hex digest of the content
    original_name: str  # as the person's computer named it; show it, never use it as a path
    stored_name: str  # safe to store under: a slug of the original name and `extension`
    archive: ArchiveReport | None = None  # for ZIP-based types (Office, OpenDocument, ZIP)


@dataclass(frozen=True)
class _Scan:
    size: int
    sha256: str
    head: bytes
    is_text: bool


def max_bytes_for(family: Family) -> int:
    """The instance's limit for one family (UPLOAD_VIDEO_MAX_BYTES for videos, else UPLOAD_MAX_BYTES)."""
    return settings.UPLOAD_VIDEO_MAX_BYTES if family == VIDEO else settings.UPLOAD_MAX_BYTES


def check_upload(upload: File, *, allowed: Iterable[Family], max_bytes: int | None = None) -> CheckedUpload:
    """Check an uploaded file; ValidationError (translated) says what is wrong and how to fix it.

    `max_bytes` left out: each family's limit from the settings (see `max_bytes_for`).
    """
    families = tuple(allowed)
    if not families:
        raise ValueError("check_upload needs at least one family in `allowed`.")
    ceiling = max_bytes if max_bytes is not None else max(max_bytes_for(family) for family in families)
    if upload.size is not None and upload.size > ceiling:
        raise too_large(upload.size, ceiling)
    scan = _scan(upload, ceiling)
    original_name = _base_name(upload.name or "")
    name_extension = os.path.splitext(original_name)[1].lower()
    detected = detect(
        upload,
        head=scan.head,
        is_text=scan.is_text,
        name_extension=name_extension,
        limits=ArchiveLimits.resolve(),
        look_inside_zip=ARCHIVE in families or DOCUMENT in families,
    )
    file_type = detected.file_type
    if file_type is None or file_type.family is None or file_type.family not in families:
        raise not_accepted(file_type, families, name_extension)
    limit = max_bytes if max_bytes is not None else max_bytes_for(file_type.family)
    if scan.size > limit:
        raise too_large(scan.size, limit)
    upload.seek(0)
    return CheckedUpload(
        mime_type=file_type.mime_type,
        extension=file_type.extension,
        family=file_type.family,
        label=file_type.label,
        size=scan.size,
        sha256=scan.sha256,
        original_name=original_name,
        stored_name=stored_name_for(original_name, file_type),
        archive=detected.archive,
    )


def _scan(upload: File, ceiling: int) -> _Scan:
    digest = hashlib.sha256()
    probe = TextProbe()
    size = 0
    head = b""
    upload.seek(0)
    while chunk := upload.read(CHUNK_BYTES):
        size += len(chunk)
        if size > ceiling:
            raise too_large(size + _count_rest(upload), ceiling)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        probe.feed(chunk)
    probe.feed(b"", final=True)
    upload.seek(0)
    if size == 0:
        raise ValidationError(
            _(
                "This file is empty. Check that you chose the right file and that it was saved "
                "completely, then upload it again."
            ),
            code="upload_empty",
        )
    return _Scan(size=size, sha256=digest.hexdigest(), head=head, is_text=probe.is_text)


def _count_rest(upload: File) -> int:
    rest = 0
    while chunk := upload.read(CHUNK_BYTES):
        rest += len(chunk)
    upload.seek(0)
    return rest


def too_large(size: int, limit: int) -> ValidationError:
    size_shown, limit_shown = sizes_text(size, limit)
    return ValidationError(
        _(
            "This file is %(size)s; the largest accepted is %(limit)s. Make it smaller (for example "
            "by compressing it or splitting it into parts) and upload it again."
        )
        % {"size": size_shown, "limit": limit_shown},
        code="upload_too_large",
    )


def not_accepted(
    file_type: FileType | None, families: tuple[Family, ...], name_extension: str
) -> ValidationError:
    sentences = [
        _("The content of this file is not one of the accepted types (%(accepted)s).")
        % {"accepted": or_list(accepted.label for accepted in types_of(families))}
    ]
    if file_type is None:
        sentences.append(_("Its content could not be recognised."))
    elif name_extension and name_extension not in file_type.extensions:
        sentences.append(
            _("Its name says %(extension)s, but its content is of another type: %(actual)s.")
            % {"extension": name_extension, "actual": file_type.label}
        )
    else:
        sentences.append(_("Its content is of this type: %(actual)s.") % {"actual": file_type.label})
    hint = file_type.hint if file_type and file_type.hint else None
    sentences.append(
        str(hint or _("Save or export it in one of the accepted formats, then upload it again."))
    )
    return ValidationError(" ".join(sentences), code="upload_type")


def _base_name(name: str) -> str:
    """The name without any folder a browser or client sent along (either kind of slash)."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def stored_name_for(original_name: str, file_type: FileType) -> str:
    """A name safe to store under: the original's stem as a slug, and the detected type's extension."""
    stem = os.path.splitext(original_name)[0]
    slug = slugify(stem, allow_unicode=True)[:STEM_MAX_CHARS].strip("-_") or "file"
    return f"{slug}{file_type.extension}"
