"""Demo material: a few submissions by the demo course manager, reviewed by the demo quality
officer, with versions in each state. Loading twice adds nothing."""

import io
import zipfile
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.materials import selectors
from cadre.materials.models import Material, MaterialVersion, Review, ReviewFinding
from cadre.materials.services.reviews import Finding, choose_criteria, decide_review, start_review
from cadre.materials.services.submission import submit_material, submit_version

SUBMITTER = "nadia.benali@cadre.example"
REVIEWER = "priya.raman@cadre.example"
Kind = Material.Kind
Outcome = Review.Outcome
Rating = ReviewFinding.Rating


def pdf_file(text: str) -> bytes:
    """A small, valid one-page PDF showing `text` (ASCII)."""
    safe = text.encode("ascii", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 18 Tf 72 760 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return out


_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def docx_file(text: str) -> bytes:
    """A small, valid Word document with one paragraph."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zip({**_DOCX_PARTS, "word/document.xml": document})


def scorm_package(title: str) -> bytes:
    """A small SCORM 1.2 package: a manifest and one page."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest identifier="cadre-demo" version="1.2" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
        ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">'
        '<organizations default="org"><organization identifier="org">'
        f'<title>{title}</title><item identifier="item" identifierref="page"><title>{title}</title></item>'
        "</organization></organizations>"
        '<resources><resource identifier="page" type="webcontent" adlcp:scormtype="sco" href="index.html">'
        '<file href="index.html"/></resource></resources></manifest>'
    )
    page = f"<!doctype html><html lang='en'><title>{title}</title><h1>{title}</h1></html>"
    return _zip({"imsmanifest.xml": manifest, "index.html": page})


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@dataclass(frozen=True)
class DemoVersion:
    name: str
    content: bytes
    outcome: str = ""  # "", or the review's outcome
    comments: str = ""
    weak: str = ""  # a finding short of "meets", with this comment


@dataclass(frozen=True)
class DemoMaterial:
    course: str
    title: str
    kind: str
    language: str
    description: str
    versions: tuple[DemoVersion, ...]
    crime_areas: tuple[str, ...] = field(default=())
    capabilities: tuple[str, ...] = field(default=())


RETURN_COMMENTS = (
    "Slides 12 to 15 show real names from a closed case: replace them with fictitious examples. "
    "Add the learning objective of each module to its first slide."
)

DEMO: tuple[DemoMaterial, ...] = (
    DemoMaterial(
        course="ncb-induction-en",
        title="NCB induction handbook",
        kind=Kind.DOCUMENT,
        language="en",
        description="The handbook every new NCB officer receives: the secure network, notices and data.",
        capabilities=("secure-network", "notices-diffusions"),
        versions=(
            DemoVersion("ncb-induction-handbook.pdf", pdf_file("NCB induction handbook"), Outcome.APPROVED),
        ),
    ),
    DemoMaterial(
        course="ncb-induction-en",
        title="Welcome to the NCB: slides for the first day",
        kind=Kind.SLIDES,
        language="en",
        description="The trainer's slides for the first day of the induction course.",
        capabilities=("secure-network",),
        versions=(
            DemoVersion(
                "first-day-slides.pdf",
                pdf_file("Welcome to the NCB - first day"),
                Outcome.RETURNED,
                RETURN_COMMENTS,
                weak="Personal data of real cases is shown without need.",
            ),
            DemoVersion("first-day-slides-v2.pdf", pdf_file("Welcome to the NCB - first day (v2)")),
        ),
    ),
    DemoMaterial(
        course="ncb-induction-fr",
        title="Guide d'accueil au BCN",
        kind=Kind.DOCUMENT,
        language="fr",
        description="Le guide remis aux nouveaux agents du Bureau central national.",
        capabilities=("secure-network",),
        versions=(
            DemoVersion("guide-accueil-bcn.docx", docx_file("Guide d'accueil au BCN"), Outcome.APPROVED),
            DemoVersion(
                "guide-accueil-bcn-2.docx", docx_file("Guide d'accueil au BCN, 2e version"), Outcome.APPROVED
            ),
        ),
    ),
    DemoMaterial(
        course="cyber-first-responders",
        title="First response to cybercrime: e-learning module",
        kind=Kind.PACKAGE,
        language="en",
        description="A self-paced module on securing a scene with digital devices.",
        crime_areas=("cybercrime",),
        versions=(DemoVersion("first-response-module.zip", scorm_package("First response to cybercrime")),),
    ),
    DemoMaterial(
        course="cyber-first-responders",
        title="قائمة التحقق لحفظ الأدلة الرقمية",
        kind=Kind.DOCUMENT,
        language="ar",
        description="قائمة تحقق من صفحة واحدة لحفظ الأدلة الرقمية في مسرح الجريمة.",
        crime_areas=("cybercrime",),
        versions=(
            DemoVersion(
                "digital-evidence-checklist.pdf", pdf_file("Digital evidence checklist"), Outcome.APPROVED
            ),
        ),
    ),
)


def _review(version_pk: int, demo: DemoVersion, reviewer: User) -> None:
    version = MaterialVersion.objects.get(pk=version_pk)
    review = start_review(by=reviewer, version=version)
    if not review.criteria.exists():
        # No criterion of the Guide in force is marked as applying to material: take its first ones.
        choose_criteria(by=reviewer, review=review, criteria=selectors.criteria_choices()[:3])
    criteria = list(review.criteria.all())
    findings = {criterion.pk: Finding(Rating.MEETS) for criterion in criteria}
    if demo.weak and criteria:
        findings[criteria[0].pk] = Finding(Rating.PARTLY, demo.weak)
    decide_review(
        by=reviewer,
        review=review,
        outcome=demo.outcome,
        comments=demo.comments,
        findings=findings,
        notify=False,
    )


def _load_one(row: DemoMaterial, course: Course, submitter: User, reviewer: User) -> None:
    first, *later = row.versions
    material = submit_material(
        by=submitter,
        course=course,
        title=row.title,
        kind=row.kind,
        language=row.language,
        description=row.description,
        crime_areas=CrimeArea.objects.filter(code__in=row.crime_areas),
        capabilities=PolicingCapability.objects.filter(code__in=row.capabilities),
        upload=ContentFile(first.content, name=first.name),
    )
    pending = selectors.pending_version_of(material)
    if first.outcome and pending is not None:
        _review(pending.pk, first, reviewer)
    for demo in later:
        version = submit_version(
            by=submitter, material=material, upload=ContentFile(demo.content, name=demo.name)
        )
        if demo.outcome:
            _review(version.pk, demo, reviewer)


@transaction.atomic
def load_demo_materials() -> int:
    """The demo material; material already there (by course and title) is left as it is.
    Returns how many were created."""
    people = {user.email: user for user in User.objects.filter(email__in=[SUBMITTER, REVIEWER])}
    submitter, reviewer = people.get(SUBMITTER), people.get(REVIEWER)
    if submitter is None or reviewer is None:
        return 0
    courses = {course.code: course for course in Course.objects.filter(code__in={row.course for row in DEMO})}
    created = 0
    for row in DEMO:
        course = courses.get(row.course)
        if course is None or Material.objects.filter(course=course, title=row.title).exists():
            continue
        _load_one(row, course, submitter, reviewer)
        created += 1
    return created
