"""ZIP archives: checked without extracting anything, then extracted safely.

`inspect_archive` reads the central directory (and the first bytes of each member, to find
archives inside the archive) and refuses what could escape the destination folder (absolute
paths, `..`, drive letters, backslashes, links), what cannot be checked (passwords, unknown
compression), and what could overload the server (too many members, too much once unpacked, a
member that expands more than `max_ratio` times, archives nested deeper than one level).

`safe_extract` checks again, then unpacks into a temporary folder beside the destination,
counting the bytes actually written rather than trusting the sizes the archive declares, and
moves the folder into place only when every member is out: a refused archive leaves nothing.
"""

import lzma
import os
import re
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.lib.uploads.wording import number_text, size_text

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Small members may legitimately compress very well (a page of spaces): the ratio is held
# against members bigger than this, and against the bytes written past it when extracting.
RATIO_CHECKED_ABOVE = 1024 * 1024
CHUNK_BYTES = 64 * 1024
NESTED_SPOOL_BYTES = 8 * 1024 * 1024
NAME_SHOWN_CHARS = 120
SUPPORTED_COMPRESSION = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
ENCRYPTED_FLAG = 0x1

# Everything the zipfile module (and the decompressors below it) raises on a damaged archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    ValueError,  # includes UnicodeDecodeError for a member name that is not valid UTF-8
    NotImplementedError,
    OverflowError,
    struct.error,
    zlib.error,
    lzma.LZMAError,
    OSError,  # bz2 raises OSError on invalid data; a failed seek is one too
)

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int
    max_total_bytes: int
    max_ratio: int

    @classmethod
    def resolve(
        cls, max_members: int | None = None, max_total_bytes: int | None = None, max_ratio: int | None = None
    ) -> "ArchiveLimits":
        """The limits given, or the instance's (ARCHIVE_MAX_* settings) for those left out."""
        return cls(
            max_members=settings.ARCHIVE_MAX_MEMBERS if max_members is None else max_members,
            max_total_bytes=settings.ARCHIVE_MAX_TOTAL_BYTES if max_total_bytes is None else max_total_bytes,
            max_ratio=settings.ARCHIVE_MAX_RATIO if max_ratio is None else max_ratio,
        )


@dataclass(frozen=True)
class ArchiveReport:
    members: int  # files and folders, those of nested archives included
    total_bytes: int  # unpacked size as declared, nested archives' content included
    names: tuple[str, ...]  # the archive's own members, in order
    nested: tuple[str, ...]  # those of its members that are ZIP archives themselves


@dataclass
class _Budget:
    limits: ArchiveLimits
    members: int = 0
    total_bytes: int = 0
    nested: list[str] = field(default_factory=list)

    def add_members(self, count: int) -> None:
        self.members += count
        if self.members > self.limits.max_members:
            raise ValidationError(
                _(
                    "The archive contains more than %(limit)s files and folders, the most accepted. "
                    "Split it into several smaller archives."
                )
                % {"limit": number_text(self.limits.max_members)},
                code="archive_too_many_members",
            )

    def add_bytes(self, count: int) -> None:
        self.total_bytes += count
        if self.total_bytes > self.limits.max_total_bytes:
            raise too_big_unpacked(self.limits.max_total_bytes)


def too_big_unpacked(limit: int) -> ValidationError:
    return ValidationError(
        _(
            "Once unpacked, the archive would take more than %(limit)s, the most accepted. "
            "Split it into several smaller archives."
        )
        % {"limit": size_text(limit)},
        code="archive_too_big",
    )


def corrupt() -> ValidationError:
    return ValidationError(
        _(
            "This archive is damaged or is not a valid ZIP file. Create it again (for example with "
            "the “Compress” command of your computer) and upload the new file."
        ),
        code="archive_corrupt",
    )


def _member_error(message: str, name: str, code: str, **params: str) -> ValidationError:
    shown = name if len(name) <= NAME_SHOWN_CHARS else name[:NAME_SHOWN_CHARS] + "…"
    return ValidationError(message % {"name": shown, **params}, code=code)


def inspect_archive(
    fileobj: IO[bytes],
    *,
    max_members: int | None = None,
    max_total_bytes: int | None = None,
    max_ratio: int | None = None,
) -> ArchiveReport:
    """Check a ZIP archive without extracting it; ValidationError says what is wrong.

    Limits left out come from the ARCHIVE_MAX_* settings.
    """
    budget = _Budget(ArchiveLimits.resolve(max_members, max_total_bytes, max_ratio))
    with open_zip(fileobj) as archive:
        names = _inspect(archive, budget, depth=0)
    return ArchiveReport(
        members=budget.members, total_bytes=budget.total_bytes, names=names, nested=tuple(budget.nested)
    )


@contextmanager
def open_zip(fileobj: IO[bytes]) -> Iterator[zipfile.ZipFile]:
    """The archive open for reading; one whose directory cannot be read raises ValidationError."""
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except ZIP_ERRORS:
        raise corrupt() from None
    try:
        with archive:
            yield archive
    finally:
        fileobj.seek(0)


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """One member's decompressed content, chunk by chunk; damaged content raises ValidationError."""
    try:
        with open_member(archive, info) as source:
            while chunk := source.read(CHUNK_BYTES):
                yield chunk
    except ZIP_ERRORS:
        raise corrupt() from None


def _inspect(archive: zipfile.ZipFile, budget: _Budget, *, depth: int) -> tuple[str, ...]:
    infos = archive.infolist()
    budget.add_members(len(infos))
    seen: set[str] = set()
    for info in infos:
        check_member(info, budget.limits.max_ratio, seen)
        budget.add_bytes(info.file_size)
    for info in infos:
        if not info.is_dir() and _is_zip(archive, info):
            _inspect_nested(archive, info, budget, depth=depth)
    return tuple(info.filename for info in infos)


def _inspect_nested(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, *, depth: int) -> None:
    if depth >= 1:
        raise _member_error(
            _(
                "The archive contains “%(name)s”, an archive inside an archive inside an archive. "
                "Archives may be nested one level deep at most: unpack the inner archives and create "
                "the archive again."
            ),
            info.filename,
            "archive_nested_too_deep",
        )
    if depth == 0:
        budget.nested.append(info.filename)
    with tempfile.SpooledTemporaryFile(max_size=NESTED_SPOOL_BYTES) as inner:
        _copy_member(archive, info, inner, budget.limits, budget.limits.max_total_bytes)
        with open_zip(inner) as nested:
            _inspect(nested, budget, depth=depth + 1)


def _is_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    try:
        with open_member(archive, info) as member:
            return member.read(len(ZIP_SIGNATURES[0])).startswith(ZIP_SIGNATURES)
    except ZIP_ERRORS:
        raise corrupt() from None


def check_member(info: zipfile.ZipInfo, max_ratio: int, seen: set[str]) -> None:
    """Refuse a member that could escape the destination, cannot be checked, or is a bomb."""
    check_name(info.filename)
    if info.filename in seen:
        raise _member_error(
            _("The archive contains “%(name)s” twice. Create it again so that each file appears once."),
            info.filename,
            "archive_duplicate",
        )
    seen.add(info.filename)
    if info.flag_bits & ENCRYPTED_FLAG:
        raise _member_error(
            _(
                "The archive contains “%(name)s”, which is protected by a password. Create the archive "
                "again without a password."
            ),
            info.filename,
            "archive_encrypted",
        )
    if _is_link_or_special(info):
        raise _member_error(
            _(
                "The archive contains “%(name)s”, a link or special file rather than an ordinary file. "
                "Replace it with the file it points to and create the archive again."
            ),
            info.filename,
            "archive_link",
        )
    if info.compress_type not in SUPPORTED_COMPRESSION:
        raise _member_error(
            _(
                "The archive contains “%(name)s”, compressed with a method that cannot be read here. "
                "Create the archive again with standard (Deflate) compression."
            ),
            info.filename,
            "archive_compression",
        )
    if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > info.compress_size * max_ratio:
        raise _expands_too_much(info.filename, max_ratio)


def _expands_too_much(name: str, max_ratio: int) -> ValidationError:
    return _member_error(
        _(
            "The archive contains “%(name)s”, which would expand more than %(limit)s times when "
            "unpacked (files like this are made to overload servers). Check the file and create the "
            "archive again."
        ),
        name,
        "archive_ratio",
        limit=number_text(max_ratio),
    )


def check_name(name: str) -> None:
    """Refuse a member name that would land outside the folder it is extracted into."""
    parts = name.split("/")
    if "\\" in name:
        message = _(
            "The archive contains “%(name)s”, a path written with backslashes, which is not accepted. "
            "Create the archive again with a standard ZIP tool."
        )
    elif not name or name.startswith("/") or _DRIVE.match(name) or ".." in parts or _CONTROL.search(name):
        message = _(
            "The archive contains “%(name)s”, a path that would be placed outside its folder. Create "
            "the archive again from inside the folder, without absolute paths or “..”."
        )
    else:
        return
    raise _member_error(message, name, "archive_path")


def _is_link_or_special(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return bool(stat.S_IFMT(mode)) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _copy_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sink: IO[bytes], limits: ArchiveLimits, allowance: int
) -> int:
    """Copy one member, counting the bytes actually produced, never trusting the declared sizes.

    Refuses when the member produces more than it declares, expands more than the ratio allows,
    or passes `allowance`, the bytes still allowed for the whole archive.
    """
    ratio_limit = max(RATIO_CHECKED_ABOVE, info.compress_size * limits.max_ratio)
    written = 0
    for chunk in member_chunks(archive, info):
        written += len(chunk)
        if written > allowance:
            raise too_big_unpacked(limits.max_total_bytes)
        if written > ratio_limit:
            raise _expands_too_much(info.filename, limits.max_ratio)
        if written > info.file_size:
            raise _member_error(
                _(
                    "The content of “%(name)s” does not match the size the archive declares for it. "
                    "The archive may be damaged or made to overload servers; create it again and "
                    "upload the new file."
                ),
                info.filename,
                "archive_size_mismatch",
            )
        sink.write(chunk)
    return written


def open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """One member's decompressed content (a seam for tests that make an archive lie)."""
    return archive.open(info)


def safe_extract(
    fileobj: IO[bytes],
    destination: str | os.PathLike[str],
    *,
    max_members: int | None = None,
    max_total_bytes: int | None = None,
    max_ratio: int | None = None,
) -> ArchiveReport:
    """Check the archive, then extract it into `destination` (absent or an empty folder).

    Either every member is extracted, or nothing is and ValidationError says why.
    """
    report = inspect_archive(
        fileobj, max_members=max_members, max_total_bytes=max_total_bytes, max_ratio=max_ratio
    )
    limits = ArchiveLimits.resolve(max_members, max_total_bytes, max_ratio)
    target = Path(destination)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} must be absent or an empty folder.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=target.parent))
    try:
        staging.chmod(0o755)
        with open_zip(fileobj) as archive:
            _extract_all(archive, staging, limits)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _extract_all(archive: zipfile.ZipFile, staging: Path, limits: ArchiveLimits) -> None:
    total = 0
    for info in archive.infolist():
        check_name(info.filename)
        path = staging.joinpath(*[part for part in info.filename.split("/") if part not in {"", "."}])
        if not path.resolve().is_relative_to(staging.resolve()):
            raise corrupt()
        try:
            if info.is_dir():
                path.mkdir(parents=True, exist_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as sink:
                total += _copy_member(archive, info, sink, limits, limits.max_total_bytes - total)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            raise _member_error(
                _(
                    "The archive contains “%(name)s”, which cannot be unpacked because a file and a "
                    "folder have the same name. Create the archive again."
                ),
                info.filename,
                "archive_conflict",
            ) from None
