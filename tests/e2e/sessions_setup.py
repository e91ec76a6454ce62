"""What the sessions' browser test sets up before people take over, as a person would not do it
in the flow: the two runs (English and Arabic), the people with their roles, the course, the
certified and the uncertified instructor; and the passing of time to the session's day."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import Country, CrimeArea
from cadre.instructors import services as instructor_services
from cadre.instructors.models import Assignment, Certification, CertificationEvent, Instructor, Level
from cadre.training_sessions.models import Nomination, Session, SessionDay
from conftest import person_with
from tests.factories import CourseFactory


@dataclass(frozen=True)
class Run:
    """What changes between the two runs: the language, the countries and the people's names."""

    language: str
    course_title: str
    countries: tuple[str, str]  # the first nominates two officials, the second one
    host: str
    city: str
    time_zone: str
    names: dict[str, tuple[str, str]]
    place_freed_by: str  # "withdrawal" by the NCB or "declining" by the participant
    says: dict[str, str]  # what people type, in the run's language


ENGLISH = Run(
    language="en",
    course_title="Investigating ransomware attacks",
    countries=("KE", "NG"),
    host="KE",
    city="Nairobi",
    time_zone="Africa/Nairobi",
    names={
        "manager": ("Grace", "Wanjiku"),
        "instructor": ("Lucía", "Fernández"),
        "uncertified": ("Mateo", "Ruiz"),
        "focal_1": ("Peter", "Kamau"),
        "head_1": ("Faith", "Njeri"),
        "focal_2": ("Emeka", "Obi"),
        "head_2": ("Ngozi", "Eze"),
        "leaving": ("Achieng", "Otieno"),
        "waiting": ("Brian", "Mwangi"),
        "staying": ("Chidinma", "Okafor"),
    },
    place_freed_by="withdrawal",
    says={
        "place": "Cyber Lab, Block C",
        "joining": "Bring your laptop and your agency ID card.",
        "motivation": "Leads the cybercrime unit's ransomware cases.",
        "withdrawal": "Called to testify in court on the session's day.",
        "declining": "Posted abroad that week.",
        "comment": "The exercises on real ransomware samples were the most useful part.",
    },
)
ARABIC = Run(
    language="ar",
    course_title="التحقيق في هجمات برمجيات الفدية",
    countries=("EG", "JO"),
    host="JO",
    city="عمّان",
    time_zone="Asia/Amman",
    names={
        "manager": ("سميرة", "حداد"),
        "instructor": ("يوسف", "المصري"),
        "uncertified": ("طارق", "العلي"),
        "focal_1": ("أحمد", "فؤاد"),
        "head_1": ("هالة", "منصور"),
        "focal_2": ("رامي", "النسور"),
        "head_2": ("دينا", "الزعبي"),
        "leaving": ("منى", "حسن"),
        "waiting": ("كريم", "سعيد"),
        "staying": ("ليلى", "الخطيب"),
    },
    place_freed_by="declining",
    says={
        "place": "مختبر الجرائم السيبرانية، المبنى ج",
        "joining": "أحضروا حواسيبكم المحمولة وبطاقات الهوية المهنية.",
        "motivation": "تقود قضايا برمجيات الفدية في وحدة الجرائم السيبرانية.",
        "withdrawal": "مطلوبة للشهادة أمام المحكمة في يوم الدورة.",
        "declining": "في مهمة خارج البلاد ذلك الأسبوع.",
        "comment": "كانت التمارين على عينات حقيقية من برمجيات الفدية أكثر ما أفادني.",
    },
)


@dataclass
class People:
    manager: User
    instructor: User
    uncertified: User
    focal_1: User
    head_1: User
    focal_2: User
    head_2: User
    leaving: User  # first country, accepted, then gives up the place
    waiting: User  # first country, waitlisted, then promoted
    staying: User  # second country, accepted


def cybercrime() -> CrimeArea:
    return CrimeArea.objects.get(code="cybercrime")


def course_for(run: Run) -> Course:
    course = CourseFactory(
        status=Course.Status.PUBLISHED,
        title_en=ENGLISH.course_title,
        title_ar=ARABIC.course_title,
        offered_in_en=True,
        offered_in_ar=True,
        admission_criteria_en="Investigators with two years' experience of digital evidence.",
        admission_criteria_ar="محققون لديهم خبرة سنتين في الأدلة الرقمية.",
    )
    course.crime_areas.set([cybercrime()])
    return course


def person(run: Run, key: str, role: str | None, scope: object, country: Country) -> User:
    given, family = run.names[key]
    return person_with(
        role,
        scope,
        country=country,
        given_names=given,
        family_name=family,
        preferred_language=run.language,
    )


def instructor_profile(user: User, run: Run, country: Country) -> Instructor:
    return instructor_services.create_instructor_profile(
        person=user,
        by=None,
        values={
            "home_country": country,
            "crime_areas": [cybercrime()],
            "languages": {run.language: "native"},
        },
        check_permission=False,
    )


def certify(instructor: Instructor, run: Run) -> None:
    """Written directly, as the instructors' browser test does: context for the booking."""
    issued_on = timezone.localdate() - timedelta(days=200)
    certification = Certification(
        instructor=instructor,
        level=Level.objects.get(code="certified"),
        name_on_certificate=instructor.person.get_full_name(),
        issued_on=issued_on,
        period_started_on=issued_on,
        expires_on=issued_on + timedelta(days=3 * 365),
        status=Certification.Status.ACTIVE,
        code=instructor_services.new_certification_code(),
    )
    certification.set_languages([run.language])
    certification.save()
    certification.crime_areas.set([cybercrime()])
    CertificationEvent.objects.create(
        certification=certification, kind="issued", expires_after=certification.expires_on
    )


def the_people(run: Run, course: Course) -> People:
    first, second = (Country.objects.get(iso2=code) for code in run.countries)
    host = Country.objects.get(iso2=run.host)
    people = People(
        manager=person(run, "manager", "course-manager", course, host),
        instructor=person(run, "instructor", "instructor", None, host),
        uncertified=person(run, "uncertified", "instructor", None, host),
        focal_1=person(run, "focal_1", "ncb-focal-point", first, first),
        head_1=person(run, "head_1", "ncb-head", first, first),
        focal_2=person(run, "focal_2", "ncb-focal-point", second, second),
        head_2=person(run, "head_2", "ncb-head", second, second),
        leaving=person(run, "leaving", "learner", None, first),
        waiting=person(run, "waiting", "learner", None, first),
        staying=person(run, "staying", "learner", None, second),
    )
    certify(instructor_profile(people.instructor, run, host), run)
    instructor_profile(people.uncertified, run, host)
    return people


def nomination_of(user: User) -> Nomination:
    return Nomination.objects.get(person=user)


def the_day_comes(session: Session) -> None:
    """Time passes: the session was planned for tomorrow, with nominations taken today; now its
    day has come. Only dates move (the day, the window before it, the instructor's booking)."""
    today = datetime.now(ZoneInfo(session.time_zone)).date()
    SessionDay.objects.filter(session=session).update(date=today)
    Session.objects.filter(pk=session.pk).update(
        starts_on=today,
        ends_on=today,
        nominations_open_on=today - timedelta(days=1),
        nominations_close_on=today - timedelta(days=1),
    )
    Assignment.objects.filter(session_link__session=session).update(starts_on=today, ends_on=today)
