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
