"""People and the roles they hold. A role is held within a scope: the whole organisation,
one region, one country (its NCB), one institution, one course, one programme or one
symposium edition."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNDISCLOSED = "undisclosed", _("Prefers not to say")

    email = models.EmailField(_("official e-mail"), unique=True)
    given_names = models.CharField(_("given names (as in passport)"), max_length=150)
    family_name = models.CharField(_("family name (as in passport)"), max_length=150)
    preferred_name = models.CharField(
        _("preferred name"), max_length=150, blank=True, help_text=_("How you would like to be addressed.")
    )
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    agency = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    rank = models.CharField(_("rank"), max_length=120, blank=True)
    position = models.CharField(_("job title"), max_length=150, blank=True)
    supervisor_name = models.CharField(_("supervisor's name"), max_length=150, blank=True)
    supervisor_email = models.EmailField(_("supervisor's e-mail"), blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("May sign in to the administration site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    anonymised_at = models.DateTimeField(
        _("anonymised at"),
        null=True,
        blank=True,
        help_text=_("When the person's identifying data was erased; their training records stay."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["given_names", "family_name"]

    class Meta:
        ordering = ["family_name", "given_names"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["country", "family_name"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    def get_short_name(self) -> str:
        return self.preferred_name or self.given_names or self.email

    @property
    def display_name(self) -> str:
        if self.preferred_name:
            return f"{self.preferred_name} {self.family_name}".strip()
        return self.get_full_name() or self.email


class ScopeKind(models.TextChoices):
    ORGANISATION = "organisation", _("Whole organisation")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")
    INSTITUTION = "institution", _("Institution")
    COURSE = "course", _("Course")
    PROGRAMME = "programme", _("Programme")
    EDITION = "edition", _("Symposium edition")


# The model each scope kind points at. A kind whose app is not installed yet cannot be
# assigned; Role.objects.assignable() leaves such roles out.
SCOPE_MODELS: dict[str, str] = {
    ScopeKind.REGION: "directory.region",
    ScopeKind.COUNTRY: "directory.country",
    ScopeKind.INSTITUTION: "directory.institution",
    ScopeKind.COURSE: "courses.course",
    ScopeKind.PROGRAMME: "programmes.programme",
    ScopeKind.EDITION: "symposium.edition",
}


class RoleQuerySet(models.QuerySet["Role"]):
    def assignable(self) -> "RoleQuerySet":
        from django.apps import apps

        missing = [kind for kind, label in SCOPE_MODELS.items() if not apps.is_installed(_app_of(label))]
        return self.exclude(scope_kind__in=missing)


def _app_of(model_label: str) -> str:
    return "cadre." + model_label.split(".", maxsplit=1)[0]


class Role(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    scope_kind = models.CharField(_("scope"), max_length=20, choices=ScopeKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="assignments"
    )
    scope_type = models.ForeignKey(
        ContentType,
        verbose_name=_("scope type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        ordering = ["role__position", "granted_at"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "scope_type", "scope_id"],
                condition=models.Q(scope_type__isnull=False),
                name="role_assignment_unique_in_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(scope_type__isnull=True),
                name="role_assignment_unique_organisation_wide",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope_type__isnull=True, scope_id__isnull=True)
                    | models.Q(scope_type__isnull=False, scope_id__isnull=False)
                ),
                name="role_assignment_scope_complete",
            ),
        ]
        indexes = [models.Index(fields=["role", "scope_type", "scope_id"])]

    def __str__(self) -> str:
        if self.scope_id is None:
            return f"{self.role} — {self.user}"
        return f"{self.role} ({self.scope}) — {self.user}"

    def clean(self) -> None:
        from cadre.accounts.scopes import validate_scope

        validate_scope(self.role, self.scope_type, self.scope_id)
