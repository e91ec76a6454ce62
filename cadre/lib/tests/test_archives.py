import io
import zipfile
from pathlib import Path
from typing import IO

import pytest
from django.core.exceptions import ValidationError

from cadre.lib.tests import samples
from cadre.lib.uploads import archives, inspect_archive, safe_extract

LIMITS = {"max_members": 100, "max_total_bytes": 100 * samples.MB, "max_ratio": 100}


def inspect(data: bytes, **limits: int) -> archives.ArchiveReport:
    return inspect_archive(io.BytesIO(data), **{**LIMITS, **limits})


def refusal_code(data: bytes, **limits: int) -> str:
    with pytest.raises(ValidationError) as refused:
        inspect(data, **limits)
    return str(refused.value.code)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return samples.zip_bomb()


def test_a_sound_archive_is_reported() -> None:
    report = inspect(samples.zip_of({"index.html": "<p>hi</p>", "img/": b"", "img/a.png": samples.png()}))
    assert report.names == ("index.html", "img/", "img/a.png")
    assert report.members == 3
    assert report.total_bytes == len("<p>hi</p>") + len(samples.png())
    assert report.nested == ()


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "docs/../../etc/passwd",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "c:evil.txt",
        "docs\\..\\evil.txt",
    ],
)
def test_paths_that_escape_the_folder_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        inspect(samples.zip_of({"ok.txt": "fine", name: "pwned"}))
    assert refused.value.code == "archive_path"
    assert name[:20] in refused.value.messages[0]


def test_backslashes_are_named_in_the_refusal() -> None:
    with pytest.raises(ValidationError) as refused:
        inspect(samples.zip_of({"docs\\notes.txt": "x"}))
    assert "backslashes" in refused.value.messages[0]


def test_a_symlink_member_is_refused() -> None:
    assert refusal_code(samples.symlink_zip()) == "archive_link"


def test_an_encrypted_member_is_refused() -> None:
    encrypted = samples.patch_headers(samples.zip_of({"secret.txt": "x"}), flag_bits=0x1)
    assert refusal_code(encrypted) == "archive_encrypted"


def test_too_many_members_are_refused() -> None:
    many = samples.zip_of({f"file{number}.txt": "x" for number in range(6)})
    assert inspect(many, max_members=6).members == 6
    with pytest.raises(ValidationError) as refused:
        inspect(many, max_members=5)
    assert refused.value.code == "archive_too_many_members"
    assert "more than 5 files and folders" in refused.value.messages[0]


def test_a_zip_bomb_is_refused_by_its_ratio(bomb: bytes) -> None:
    assert len(bomb) < samples.MB  # 50 MB of zeros, about a thousand times smaller
    with pytest.raises(ValidationError) as refused:
        inspect(bomb, max_total_bytes=100 * samples.MB, max_ratio=100)
    assert refused.value.code == "archive_ratio"
    assert "zeros.bin" in refused.value.messages[0]


def test_a_zip_bomb_is_refused_by_its_unpacked_size(bomb: bytes) -> None:
    assert refusal_code(bomb, max_total_bytes=10 * samples.MB, max_ratio=10_000) == "archive_too_big"


def test_small_members_are_not_held_to_the_ratio() -> None:
    assert inspect(samples.zip_of({"spaces.txt": " " * 100_000}), max_ratio=2).members == 1


def test_an_archive_inside_an_archive_is_inspected_one_level_deep() -> None:
    inner = samples.zip_of({"page.html": "<p>inner</p>"})
    report = inspect(samples.zip_of({"readme.txt": "x", "inner.zip": inner}))
    assert report.nested == ("inner.zip",)
    assert report.members == 3


def test_a_bad_member_inside_a_nested_archive_is_refused() -> None:
    inner = samples.zip_of({"../escape.txt": "x"})
    assert refusal_code(samples.zip_of({"inner.zip": inner})) == "archive_path"


def test_archives_nested_two_levels_deep_are_refused() -> None:
    innermost = samples.zip_of({"a.txt": "x"})
    middle = samples.zip_of({"innermost.zip": innermost})
    assert refusal_code(samples.zip_of({"middle.zip": middle})) == "archive_nested_too_deep"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 40,
        samples.zip_of({"a.txt": "hello" * 100})[:-30],
        b"not a zip at all",
    ],
)
def test_a_corrupt_archive_is_refused(data: bytes) -> None:
    assert refusal_code(data) == "archive_corrupt"


def test_a_member_name_appearing_twice_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "one")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("a.txt", "two")
    assert refusal_code(buffer.getvalue()) == "archive_duplicate"


def test_an_unknown_compression_method_is_refused() -> None:
    data = bytearray(samples.zip_of({"a.txt": "x"}, compression=zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        position = data.index(signature) + offset
        data[position : position + 2] = (99).to_bytes(2, "little")  # AES, which zipfile cannot read
    assert refusal_code(bytes(data)) == "archive_compression"


# --- safe_extract -------------------------------------------------------------------------


def test_safe_extract_unpacks_every_member(tmp_path: Path) -> None:
    data = samples.zip_of({"index.html": "<p>hi</p>", "img/": b"", "img/a.png": samples.png()})
    report = safe_extract(io.BytesIO(data), tmp_path / "package", **LIMITS)
    assert report.members == 3
    assert (tmp_path / "package" / "index.html").read_text() == "<p>hi</p>"
    assert (tmp_path / "package" / "img" / "a.png").read_bytes() == samples.png()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["package"]


def test_safe_extract_accepts_an_empty_destination_folder(tmp_path: Path) -> None:
    (tmp_path / "package").mkdir()
    safe_extract(io.BytesIO(samples.zip_of({"a.txt": "x"})), tmp_path / "package", **LIMITS)
    assert (tmp_path / "package" / "a.txt").exists()


def test_safe_extract_refuses_a_destination_with_content(tmp_path: Path) -> None:
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "old.txt").write_text("old")
    with pytest.raises(FileExistsError):
        safe_extract(io.BytesIO(samples.zip_of({"a.txt": "x"})), tmp_path / "package", **LIMITS)


def test_safe_extract_refuses_zip_slip_and_writes_nothing(tmp_path: Path) -> None:
    data = samples.zip_of({"a.txt": "x", "../../evil.txt": "pwned"})
    with pytest.raises(ValidationError):
        safe_extract(io.BytesIO(data), tmp_path / "out" / "package", **LIMITS)
    assert not (tmp_path / "out" / "package").exists()
    assert not any(tmp_path.rglob("*.txt"))


def test_safe_extract_refuses_a_member_whose_header_understates_its_size(tmp_path: Path) -> None:
    honest = samples.zip_of({"first.txt": "x" * 10_000, "second.txt": "y"})
    lying = samples.patch_headers(honest, file_size=100)
    with pytest.raises(ValidationError):
        safe_extract(io.BytesIO(lying), tmp_path / "package", **LIMITS)
    assert list(tmp_path.iterdir()) == []


class Flood(io.RawIOBase):
    """A member that produces far more than its header says, as a lying archive would."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        count = min(self.left, size if size > 0 else self.left)
        self.left -= count
        return bytes(count)


def test_safe_extract_counts_the_bytes_written_not_the_declared_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def open_flood(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
        return Flood(5 * samples.MB) if info.filename == "big.txt" else archive.open(info)  # type: ignore[return-value]

    data = samples.zip_of({"a.txt": "a", "big.txt": "tiny"})
    monkeypatch.setattr(archives, "open_member", open_flood)
    # Inspection reads only the first bytes: the flood shows when the bytes are written.
    with pytest.raises(ValidationError) as refused:
        safe_extract(io.BytesIO(data), tmp_path / "package", **LIMITS)
    assert refused.value.code == "archive_size_mismatch"
    assert list(tmp_path.iterdir()) == []


def test_extraction_stops_when_the_bytes_written_pass_the_total_limit() -> None:
    limits = archives.ArchiveLimits(max_members=10, max_total_bytes=100, max_ratio=10_000)
    with archives.open_zip(io.BytesIO(samples.zip_of({"a.txt": "x" * 500}))) as archive:
        info = archive.getinfo("a.txt")
        with pytest.raises(ValidationError) as refused:
            archives._copy_member(archive, info, io.BytesIO(), limits, allowance=100)
    assert refused.value.code == "archive_too_big"


def test_safe_extract_stops_a_bomb_whose_header_hides_it(tmp_path: Path, bomb: bytes) -> None:
    hidden = samples.patch_headers(bomb, file_size=1000)
    with pytest.raises(ValidationError):
        safe_extract(io.BytesIO(hidden), tmp_path / "package", **LIMITS)
    assert list(tmp_path.iterdir()) == []
