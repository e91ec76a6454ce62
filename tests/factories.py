from datetime import date, time, timedelta

import factory
from allauth.account.models import EmailAddress

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import Agency, Country, CourseType, DeliveryMode, Institution, Sector


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"officer{n}@police.example")
    given_names = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    country = factory.LazyFunction(lambda: Country.objects.get(iso2="KE"))
    rank = "Inspector"
    gender = User.Gender.FEMALE
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"National Police Agency {n}")
    acronym = factory.Sequence(lambda n: f"NPA{n}")
    country = factory.LazyFunction(lambda: Country.objects.get(iso2="KE"))
    sector = factory.LazyFunction(lambda: Sector.objects.get(code="police"))


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Police Academy {n}")
    acronym = factory.Sequence(lambda n: f"PA{n}")
    kind = Institution.Kind.POLICE_ACADEMY
    country = factory.LazyFunction(lambda: Country.objects.get(iso2="KE"))
    city = "Nyeri"


class CourseFactory(factory.django.DjangoModelFactory):
    """A draft course, not in the search index: search tests create courses through the services."""

    class Meta:
        model = Course

    code = factory.Sequence(lambda n: f"course-{n}")
    title_en = factory.Sequence(lambda n: f"Course {n}")
    duration_value = 5
    course_type = factory.LazyFunction(lambda: CourseType.objects.get(code="specialised-crime-course"))
    delivery_mode = factory.LazyFunction(lambda: DeliveryMode.objects.get(code="in-person"))
    offered_in_en = True


class SessionFactory(factory.django.DjangoModelFactory):
    """A session of a published course, open for nominations from last week to next week and
    running for three days a month from now; give `days=N` to create its days."""

    class Meta:
        model = "training_sessions.Session"
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"s-{n:05d}")
    course = factory.SubFactory(CourseFactory, status=Course.Status.PUBLISHED)
    language = "en"
    time_zone = "Africa/Nairobi"
    city = "Nairobi"
    capacity = 20
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=2))
    nominations_open_on = factory.LazyFunction(lambda: date.today() - timedelta(days=7))
    nominations_close_on = factory.LazyFunction(lambda: date.today() + timedelta(days=7))
    manager = factory.SubFactory(UserFactory)
    status = "open"

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        from cadre.training_sessions.models import SessionDay

        for offset in range(int(extracted)):
            SessionDay.objects.create(
                session=obj, date=obj.starts_on + timedelta(days=offset), starts_at=time(9), ends_at=time(17)
            )


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training_sessions.Nomination"

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(UserFactory)
    country = factory.LazyAttribute(lambda o: o.person.country)
    status = "nominated"
