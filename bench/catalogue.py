"""Benchmark data: a catalogue of generated courses in the four languages, written in bulk.

Run by bench/run.py inside its scratch instance (the environment names the database): it adds
N courses whose titles, summaries and objectives are composed from word lists in Arabic,
English, French and Spanish around the reference taxonomy (programmes, crime areas,
capabilities, course types, delivery modes), each offered in a subset of the languages,
mostly published, owned by one of 200 generated course managers. The rows are inserted with bulk_create, then the full-text index is built
with the catalogue's own `search_index.reindex` (a no-op on PostgreSQL, which searches the
columns themselves). Then it opens each page given once with Django's test client, counting
its queries and the courses it reports found, and prints everything as one JSON object.

    python bench/catalogue.py --courses 20000 --pages '[["/courses/?q=x", "en", true]]'
"""

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_EMAIL = "david.otieno@ncb.ke.example"
BATCH = 1000
OWNERS = 200  # course managers, about a hundred courses each at 20,000
SEED = 20_000
LANGUAGES = ("ar", "en", "fr", "es")

# Which languages a course is offered in, and how often (weights add up to 100).
LANGUAGE_SETS: list[tuple[tuple[str, ...], int]] = [
    (("en",), 30),
    (("fr",), 10),
    (("es",), 8),
    (("ar",), 7),
    (("en", "fr"), 14),
    (("en", "es"), 8),
    (("en", "ar"), 7),
    (("fr", "ar"), 3),
    (("en", "fr", "es"), 5),
    (("ar", "en", "fr", "es"), 8),
]
STATUSES = [("published", 90), ("draft", 7), ("archived", 3)]
# How often a generated course has each property.
SHARE = {
    "topic is a crime area": 0.8,  # otherwise its title names a capability
    "measured in days": 0.7,  # otherwise in hours
    "English text besides": 0.4,  # of the courses not taught in English
    "in its area's programme": 0.85,
    "at an institution": 0.7,
    "public": 0.6,
    "accredited": 0.2,
    "second crime area": 0.3,
}


@dataclass(frozen=True)
class Words:
    levels: Sequence[str]
    skills: Sequence[str]
    audiences: Sequence[str]
    titles: Sequence[str]
    summary: str
    closings: Sequence[str]
    objectives: str
    days: str
    hours: str
    audience_line: str


WORDS: dict[str, Words] = {
    "en": Words(
        levels=[
            "Introductory",
            "Advanced",
            "Practical",
            "Intensive",
            "Refresher",
            "Specialised",
            "Regional",
            "Foundation",
        ],
        skills=[
            "investigation techniques",
            "intelligence analysis",
            "evidence handling",
            "investigative interviewing",
            "case management",
            "open-source research",
            "financial investigation",
            "cross-border cooperation",
            "digital forensics",
            "risk assessment",
            "victim identification",
            "operational planning",
            "information exchange",
            "crime scene management",
            "surveillance and tracing",
        ],
        audiences=[
            "investigators",
            "criminal analysts",
            "frontline officers",
            "NCB staff",
            "prosecutors and judges",
            "border and customs officers",
            "police trainers",
            "senior managers",
            "forensic specialists",
            "liaison officers",
        ],
        titles=[
            "{level} course in {skill}: {topic}",
            "{topic}: {skill} for {audience}",
            "{level} workshop on {topic_lower}",
            "{Skill} for {audience} ({topic})",
        ],
        summary="A {length} {type_lower} for {audience} on {topic_lower}. Participants practise "
        "{skill} with the {capability_lower}. {closing}",
        closings=[
            "Cases are drawn from recent regional operations.",
            "Delivered with partner agencies and national experts.",
            "Ends with a practical exercise and an assessment.",
            "Includes a simulation of a cross-border case.",
            "Participants leave with a national action plan.",
        ],
        objectives="Apply {skill} to cases of {topic_lower}.\nUse the {capability_lower} in daily "
        "work.\nWork with {audience} in other countries.",
        days="{n}-day",
        hours="{n}-hour",
        audience_line="Serving {audience} with at least two years in post.",
    ),
    "fr": Words(
        levels=[
            "d'initiation",
            "avancé",
            "pratique",
            "intensif",
            "de remise à niveau",
            "spécialisé",
            "régional",
            "de base",
        ],
        skills=[
            "techniques d'enquête",
            "analyse du renseignement",
            "traitement des preuves",
            "audition d'enquête",
            "gestion des affaires",
            "recherche en sources ouvertes",
            "enquête financière",
            "coopération transfrontalière",
            "criminalistique numérique",
            "évaluation des risques",
            "identification des victimes",
            "planification opérationnelle",
            "échange d'informations",
            "gestion des scènes de crime",
            "surveillance et traçage",
        ],
        audiences=[
            "enquêteurs",
            "analystes criminels",
            "agents de première ligne",
            "personnels des BCN",
            "procureurs et juges",
            "agents des frontières et des douanes",
            "formateurs de police",
            "cadres supérieurs",
            "spécialistes en criminalistique",
            "officiers de liaison",
        ],
        titles=[
            "Cours {level} : {skill} — {topic}",
            "{topic} : {skill} pour les {audience}",
            "Atelier {level} — {topic}",
            "{Skill} à l'usage des {audience} ({topic_lower})",
        ],
        summary="{Type} de {length} destiné aux {audience} et consacré au domaine suivant : "
        "{topic_lower}. Les participants s'exercent à : {skill}, avec l'outil « {capability} ». {closing}",
        closings=[
            "Les cas étudiés proviennent d'opérations régionales récentes.",
            "Dispensé avec des agences partenaires et des experts nationaux.",
            "Se termine par un exercice pratique et une évaluation.",
            "Comprend la simulation d'une affaire transfrontalière.",
            "Les participants repartent avec un plan d'action national.",
        ],
        objectives="Mettre en œuvre : {skill}, dans les affaires relevant du domaine « {topic} ».\n"
        "Utiliser l'outil « {capability} » au quotidien.\nCoopérer avec les {audience} d'autres pays.",
        days="{n} jours",
        hours="{n} heures",
        audience_line="{Audience} en poste depuis au moins deux ans.",
    ),
    "es": Words(
        levels=[
            "de iniciación",
            "avanzado",
            "práctico",
            "intensivo",
            "de actualización",
            "especializado",
            "regional",
            "básico",
        ],
        skills=[
            "técnicas de investigación",
            "análisis de inteligencia",
            "manejo de pruebas",
            "entrevista de investigación",
            "gestión de casos",
            "investigación en fuentes abiertas",
            "investigación financiera",
            "cooperación transfronteriza",
            "informática forense",
            "evaluación de riesgos",
            "identificación de víctimas",
            "planificación operativa",
            "intercambio de información",
            "gestión de la escena del crimen",
            "vigilancia y rastreo",
        ],
        audiences=[
            "investigadores",
            "analistas criminales",
            "agentes de primera línea",
            "personal de las OCN",
            "fiscales y jueces",
            "agentes de fronteras y aduanas",
            "instructores policiales",
            "mandos superiores",
            "especialistas forenses",
            "oficiales de enlace",
        ],
        titles=[
            "Curso {level}: {skill} — {topic}",
            "{topic}: {skill} para {audience}",
            "Taller {level} sobre {topic_lower}",
            "{Skill} para {audience} ({topic_lower})",
        ],
        summary="{Type} de {length} dirigido a {audience} sobre {topic_lower}. Los participantes "
        "practican {skill} con la herramienta «{capability}». {closing}",
        closings=[
            "Los casos proceden de operaciones regionales recientes.",
            "Impartido con organismos asociados y expertos nacionales.",
            "Termina con un ejercicio práctico y una evaluación.",
            "Incluye la simulación de un caso transfronterizo.",
            "Los participantes se llevan un plan de acción nacional.",
        ],
        objectives="Aplicar {skill} a casos de {topic_lower}.\nUtilizar la herramienta «{capability}» "
        "en el trabajo diario.\nCooperar con {audience} de otros países.",
        days="{n} días",
        hours="{n} horas",
        audience_line="{Audience} con al menos dos años en el puesto.",
    ),
    "ar": Words(
        levels=["تمهيدية", "متقدمة", "تطبيقية", "مكثفة", "تنشيطية", "متخصصة", "إقليمية", "أساسية"],
        skills=[
            "تقنيات التحقيق",
            "تحليل المعلومات الاستخبارية",
            "التعامل مع الأدلة",
            "المقابلات التحقيقية",
            "إدارة القضايا",
            "البحث في المصادر المفتوحة",
            "التحقيقات المالية",
            "التعاون عبر الحدود",
            "التحليل الجنائي الرقمي",
            "تقييم المخاطر",
            "تحديد هوية الضحايا",
            "التخطيط العملياتي",
            "تبادل المعلومات",
            "إدارة مسرح الجريمة",
            "المراقبة والتعقب",
        ],
        audiences=[
            "المحققين",
            "محللي الجرائم",
            "ضباط الخطوط الأمامية",
            "موظفي المكاتب المركزية الوطنية",
            "المدعين العامين والقضاة",
            "موظفي الحدود والجمارك",
            "مدربي الشرطة",
            "كبار المديرين",
            "خبراء الأدلة الجنائية",
            "ضباط الاتصال",
        ],
        titles=[
            "دورة {level} في {skill}: {topic}",
            "{topic}: {skill} لفائدة {audience}",
            "حلقة عمل {level} حول {topic}",
            "{skill} لفائدة {audience} ({topic})",
        ],
        summary="{type} مدتها {length} موجهة إلى {audience} في مجال {topic}. يتدرب المشاركون على "
        "{skill} باستخدام {capability}. {closing}",
        closings=[
            "تستند الحالات المدروسة إلى عمليات إقليمية حديثة.",
            "تُقدَّم بالتعاون مع وكالات شريكة وخبراء وطنيين.",
            "تُختتم بتمرين عملي وتقييم.",
            "تشمل محاكاة لقضية عابرة للحدود.",
            "يغادر المشاركون بخطة عمل وطنية.",
        ],
        objectives="تطبيق {skill} على قضايا {topic}.\nاستخدام {capability} في العمل اليومي.\n"
        "التعاون مع {audience} في بلدان أخرى.",
        days="{n} أيام",
        hours="{n} ساعات",
        audience_line="{audience} ممن لا تقل خدمتهم في المنصب عن سنتين.",
    ),
}


def lower_first(text: str) -> str:
    """`Drug trafficking` -> `drug trafficking`, but `NCB staff` and `CBRNE` stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def weighted(rng: random.Random, choices: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in choices], weights=[weight for _, weight in choices])[0]


def names(term: Any) -> dict[str, str]:
    return {code: getattr(term, f"name_{code}") or term.name_en or term.code for code in LANGUAGES}


def texts(language: str, slots: dict[str, dict[str, str]], picks: dict[str, int]) -> dict[str, str]:
    """The title, summary, objectives and target audience of one course in one language."""
    words = WORDS[language]
    skill = words.skills[picks["skill"]]
    audience = words.audiences[picks["audience"]]
    length = (words.days if picks["days"] else words.hours).format(n=picks["length"])
    values = {
        "level": words.levels[picks["level"]],
        "skill": skill,
        "Skill": upper_first(skill),
        "audience": audience,
        "Audience": upper_first(audience),
        "topic": slots["topic"][language],
        "topic_lower": lower_first(slots["topic"][language]),
        "capability": slots["capability"][language],
        "capability_lower": lower_first(slots["capability"][language]),
        "type_lower": lower_first(slots["type"][language]),
        "Type": slots["type"][language],
        "type": slots["type"][language],
        "length": length,
        "closing": words.closings[picks["closing"]],
    }
    return {
        "title": words.titles[picks["title"]].format(**values)[:200],
        "summary": words.summary.format(**values),
        "objectives": words.objectives.format(**values),
        "target_audience": words.audience_line.format(**values),
    }


def owners() -> list[Any]:
    """The course managers who own the generated courses (unusable passwords, no roles)."""
    from cadre.accounts.models import User

    people = [
        User(
            email=f"bench-manager-{number}@training.example",
            given_names=f"Manager {number}",
            family_name="Bench",
            password="!",  # noqa: S106 - unusable
        )
        for number in range(OWNERS)
    ]
    User.objects.bulk_create(people, ignore_conflicts=True)
    return list(User.objects.filter(email__startswith="bench-manager-"))


class Taxonomy:
    """The reference terms, each with its name in the four languages."""

    def __init__(self) -> None:
        from cadre.directory.models import (
            CourseType,
            CrimeArea,
            DeliveryMode,
            GlobalProgramme,
            Institution,
            PolicingCapability,
        )

        self.programmes = {item.pk: item for item in GlobalProgramme.objects.all()}
        self.crime_areas = list(CrimeArea.objects.all())
        self.capabilities = list(PolicingCapability.objects.all())
        self.types = list(CourseType.objects.all())
        self.modes = list(DeliveryMode.objects.all())
        self.institutions = list(Institution.objects.all())
        self.owners = owners()
        self.names = {
            (type(term).__name__, term.pk): names(term)
            for term in [*self.crime_areas, *self.capabilities, *self.types]
        }

    def name(self, term: Any) -> dict[str, str]:
        return self.names[(type(term).__name__, term.pk)]


@dataclass
class Planned:
    course: Any
    crime_areas: list[Any]
    capabilities: list[Any]


def plan(rng: random.Random, number: int, taxonomy: Taxonomy, now: Any) -> Planned:
    """One generated course (unsaved) with the terms it is tagged with."""
    from cadre.courses.models import Course

    area = rng.choice(taxonomy.crime_areas)
    capabilities = rng.sample(taxonomy.capabilities, rng.randint(1, 3))
    course_type = rng.choice(taxonomy.types)
    offered = weighted(rng, LANGUAGE_SETS)
    status = weighted(rng, STATUSES)
    topic = area if rng.random() < SHARE["topic is a crime area"] else capabilities[0]
    slots = {
        "topic": taxonomy.name(topic),
        "capability": taxonomy.name(capabilities[0]),
        "type": taxonomy.name(course_type),
    }
    days = rng.random() < SHARE["measured in days"]
    picks = {
        "level": rng.randrange(8),
        "skill": rng.randrange(15),
        "audience": rng.randrange(10),
        "title": rng.randrange(4),
        "closing": rng.randrange(5),
        "days": int(days),
        "length": rng.randint(1, 15) if days else rng.choice((2, 3, 4, 6, 8, 12, 16)),
    }
    written = set(offered)
    if "en" not in written and rng.random() < SHARE["English text besides"]:
        written.add("en")  # an English title and summary for the catalogue, taught in another language
    values: dict[str, Any] = {}
    for language in written:
        for field, text in texts(language, slots, picks).items():
            values[f"{field}_{language}"] = text
    programme = taxonomy.programmes.get(area.programme_id or 0)
    if rng.random() >= SHARE["in its area's programme"]:
        programme = None
    course = Course(
        code=f"bench-{number:06d}",
        duration_value=picks["length"],
        duration_unit="days" if days else "hours",
        course_type=course_type,
        delivery_mode=rng.choice(taxonomy.modes),
        owner=rng.choice(taxonomy.owners),
        programme=programme,
        institution=rng.choice(taxonomy.institutions)
        if taxonomy.institutions and rng.random() < SHARE["at an institution"]
        else None,
        status=status,
        is_public=rng.random() < SHARE["public"],
        published_at=None if status == "draft" else now - timedelta(days=rng.randint(0, 5 * 365)),
        accredited_until=now.date() + timedelta(days=rng.randint(-365, 3 * 365))
        if rng.random() < SHARE["accredited"]
        else None,
        **{f"offered_in_{code}": code in offered for code in LANGUAGES},
        **values,
    )
    extra = [rng.choice(taxonomy.crime_areas)] if rng.random() < SHARE["second crime area"] else []
    return Planned(course, list({item.pk: item for item in [area, *extra]}.values()), capabilities)


def batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert(planned: list[Planned]) -> list[Any]:
    """The courses and their tags, written with bulk_create; returns the saved courses."""
    from cadre.courses.models import Course

    area_link: Any = Course.crime_areas.through
    capability_link: Any = Course.capabilities.through
    saved: list[Any] = []
    for chunk in batches(planned, BATCH):
        courses = Course.objects.bulk_create([item.course for item in chunk])
        if any(course.pk is None for course in courses):  # a backend that returns no ids
            by_code = dict(
                Course.objects.filter(code__in=[c.code for c in courses]).values_list("code", "pk")
            )
            for course in courses:
                course.pk = by_code[course.code]
        area_link.objects.bulk_create(
            [area_link(course_id=i.course.pk, crimearea_id=a.pk) for i in chunk for a in i.crime_areas]
        )
        capability_link.objects.bulk_create(
            [
                capability_link(course_id=i.course.pk, policingcapability_id=c.pk)
                for i in chunk
                for c in i.capabilities
            ]
        )
        saved.extend(courses)
    return saved


def fill(count: int) -> dict[str, float]:
    """Add `count` generated courses and index them; returns the seconds each step took."""
    from django.db import transaction
    from django.utils import timezone

    from cadre.courses import search_index

    rng = random.Random(SEED)  # noqa: S311 - benchmark data, not secrets
    taxonomy = Taxonomy()
    now = timezone.now()
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    planned = [plan(rng, number, taxonomy, now) for number in range(1, count + 1)]
    seconds["generate"] = time.perf_counter() - started
    with transaction.atomic():
        started = time.perf_counter()
        saved = insert(planned)
        seconds["insert"] = time.perf_counter() - started
        started = time.perf_counter()
        for course in saved:
            search_index.reindex(course)
        seconds["index"] = time.perf_counter() - started
    started = time.perf_counter()
    analyse()
    seconds["analyse"] = time.perf_counter() - started
    return seconds


def analyse() -> None:
    """Fresh planner statistics, as a live instance would have after its routine maintenance."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


_FOUND = re.compile(r'role="status">[^<]*?(\d[\d,.\u00a0\u202f ]*)')


def count_queries(pages: list[tuple[str, str, bool]], email: str = DEMO_EMAIL) -> list[dict[str, Any]]:
    """Each page opened once in-process, signed in as `email` (the demo NCB officer unless told):
    its status, its number of queries and the number its status line reports found."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cadre.accounts.models import User

    officer = User.objects.get(email=email)
    counted = []
    for path, language, signed_in in pages:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE=language)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if signed_in:
            client.force_login(officer)
        client.get(path)  # the first request fills per-process caches; count the second
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found = _FOUND.search(response.content.decode())
        counted.append(
            {
                "path": path,
                "status": response.status_code,
                "queries": len(queries),
                "found": int(re.sub(r"\D", "", found.group(1))) if found else None,
            }
        )
    return counted


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--courses", type=int, default=20_000, help="how many courses to add")
    parser.add_argument("--pages", default="[]", help="JSON list of [path, language, signed_in]")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    seconds = fill(args.courses) if args.courses > 0 else {}
    pages = [(str(path), str(language), bool(signed)) for path, language, signed in json.loads(args.pages)]
    print(json.dumps({"seconds": seconds, "pages": count_queries(pages)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
