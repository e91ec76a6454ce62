"""Instructor profiles: who they are, what they teach and in which languages, and when they can."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.directory.models import Country, Institution
from cadre.instructors.models._common import AboutSubjects, stored_name


def photo_name(instructor: "Instructor", filename: str) -> str:
    return stored_name("photos", filename)


class Instructor(AboutSubjects):
    """A person's instructor profile; its subjects are what they teach, whatever they are
    certified for (certifications say that)."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        PARTNER = "partner", _("External: partner organisation")
        NATIONAL_EXPERT = "national_expert", _("External: national expert")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="instructor_profile",
    )
    biography = models.TextField(_("biography"), blank=True, max_length=5000)
    photo = models.ImageField(_("photo"), upload_to=photo_name, blank=True, max_length=200)
    photo_type = models.CharField(_("photo type"), max_length=40, blank=True)
    kind = models.CharField(
        _("internal or external"), max_length=16, choices=Kind.choices, default=Kind.INTERNAL
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For external instructors: who they come from."),
    )
    home_country = models.ForeignKey(
        Country,
        verbose_name=_("home country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instructors",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("home institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instructors",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructors_managed",
        help_text=_("Reminded, with the instructor, before a certification expires."),
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    # Kept up to date from the ratings of their deliveries (Assignment.rating).
    average_rating = models.DecimalField(
        _("average participant rating"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_count = models.PositiveIntegerField(_("ratings"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: models.Manager["Instructor"] = models.Manager()

    class Meta:
        ordering = ["person__family_name", "person__given_names", "pk"]
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        indexes = [
            models.Index(fields=["is_active", "kind"], name="instructor_active_kind"),
            models.Index(fields=["home_country", "is_active"], name="instructor_country"),
        ]

    def __str__(self) -> str:
        return self.person.display_name


class InstructorLanguage(models.Model):
    """A language the instructor teaches in, and how well they speak it."""

    class Proficiency(models.TextChoices):
        B1 = "B1", _("B1 (intermediate)")
        B2 = "B2", _("B2 (upper intermediate)")
        C1 = "C1", _("C1 (advanced)")
        C2 = "C2", _("C2 (proficient)")
        NATIVE = "native", _("Native speaker")

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    proficiency = models.CharField(_("level"), max_length=6, choices=Proficiency.choices)

    objects: models.Manager["InstructorLanguage"] = models.Manager()

    class Meta:
        ordering = ["instructor", "language"]
        verbose_name = _("teaching language")
        verbose_name_plural = _("teaching languages")
        constraints = [
            models.UniqueConstraint(fields=["instructor", "language"], name="instructor_language_once")
        ]
        indexes = [models.Index(fields=["language", "proficiency"], name="instructor_language_level")]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.proficiency})"


class AvailabilityPeriod(models.Model):
    """A period the instructor declared themselves available or unavailable. Unavailable
    periods refuse a delivery that overlaps them; available ones rank them higher."""

    class Kind(models.TextChoices):
        AVAILABLE = "available", _("Available")
        UNAVAILABLE = "unavailable", _("Unavailable")

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="availability"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects: models.Manager["AvailabilityPeriod"] = models.Manager()

    class Meta:
        ordering = ["instructor", "starts_on", "pk"]
        verbose_name = _("availability period")
        verbose_name_plural = _("availability periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="availability_ends_after_start"
            )
        ]
        indexes = [
            models.Index(fields=["instructor", "kind", "starts_on", "ends_on"], name="availability_dates")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"
