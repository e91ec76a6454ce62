from typing import Any

import pytest

from cadre.accounts.models import User
from cadre.courses import services
from cadre.courses.models import Course
from cadre.directory.models import CourseType, DeliveryMode


def make_course(
    *, by: User | None = None, publish: bool = True, public: bool = False, **values: Any
) -> Course:
    """A course written through the services, so that it is in the search index."""
    defaults: dict[str, Any] = {
        "duration_value": 3,
        "duration_unit": Course.DurationUnit.DAYS,
        "course_type": CourseType.objects.get(code="specialised-crime-course"),
        "delivery_mode": DeliveryMode.objects.get(code="in-person"),
        "is_public": public,
    }
    if not any(key.startswith("offered_in_") for key in values):
        defaults["offered_in_en"] = True
    course = services.create_course(by=by, values={**defaults, **values}, check_permission=False)
    if publish:
        course = services.publish_course(course=course, by=by, check_permission=False)
    return course


@pytest.fixture
def cyber_course(db: None) -> Course:
    return make_course(
        title_en="Investigating cybercrime on the dark web",
        summary_en="Tracing cryptocurrency payments and anonymised marketplaces.",
        title_fr="Enquêter sur la cybercriminalité",
        offered_in_fr=True,
        public=True,
    )


@pytest.fixture
def arabic_course(db: None) -> Course:
    return make_course(
        title_ar="مكافحة الاتجار بالبشر",
        summary_ar="تحديد الضحايا والتحقيق في شبكات الاتجار.",
        offered_in_ar=True,
        public=True,
    )
