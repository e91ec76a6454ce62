"""Reference data: the member countries, their regions, NCBs and offices, agencies,
training institutions, and the training taxonomy. Everything here is editable data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """A seat of the organisation: the General Secretariat, the training directorate,
    a regional bureau or a liaison office."""

    class Kind(models.TextChoices):
        GENERAL_SECRETARIAT = "general_secretariat", _("General Secretariat")
        TRAINING_DIRECTORATE = "training_directorate", _("Training directorate")
        REGIONAL_BUREAU = "regional_bureau", _("Regional bureau")
        LIAISON_OFFICE = "liaison_office", _("Liaison office")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    city = models.CharField(_("city"), max_length=120)
    country = models.ForeignKey(
        "Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="offices_hosted"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"


class Country(models.Model):
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166 numeric code"), max_length=3)
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="countries"
    )
    covering_office = models.ForeignKey(
        Office,
        verbose_name=_("covering office"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="countries_covered",
    )
    is_member = models.BooleanField(_("member country"), default=True)

    class Meta:
        ordering = ["iso2"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class NationalCentralBureau(models.Model):
    country = models.OneToOneField(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="ncb"
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["country__iso2"]
        verbose_name = _("National Central Bureau")
        verbose_name_plural = _("National Central Bureaus")

    def __str__(self) -> str:
        return _("NCB %(city)s") % {"city": self.city or self.country.name}


class SubBureau(models.Model):
    """A territory's bureau working under its country's NCB."""

    ncb = models.ForeignKey(
        NationalCentralBureau,
        verbose_name=_("National Central Bureau"),
        on_delete=models.CASCADE,
        related_name="sub_bureaus",
    )
    territory_code = models.CharField(_("territory code"), max_length=2, unique=True)
    name = models.CharField(_("territory"), max_length=120)

    class Meta:
        ordering = ["territory_code"]
        verbose_name = _("sub-bureau")
        verbose_name_plural = _("sub-bureaus")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """The shape every taxonomy list shares: a stable code, a translated name, an order."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Sector(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class GlobalProgramme(TaxonomyTerm):
    description = models.TextField(_("description"), blank=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("global programme")
        verbose_name_plural = _("global programmes")


class CrimeArea(TaxonomyTerm):
    programme = models.ForeignKey(
        GlobalProgramme,
        verbose_name=_("global programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crime_areas",
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("crime area")
        verbose_name_plural = _("crime areas")


class PolicingCapability(TaxonomyTerm):
    class Kind(models.TextChoices):
        NETWORK = "network", _("Secure communication network")
        NOTICES = "notices", _("Notices and diffusions")
        DATABASE = "database", _("Database")
        ANALYSIS = "analysis", _("Criminal analysis")
        DATA_PROTECTION = "data_protection", _("Data protection")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("policing capability")
        verbose_name_plural = _("policing capabilities")


class NoticeType(TaxonomyTerm):
    colour = models.CharField(_("colour"), max_length=7, help_text=_("Hexadecimal, e.g. #c8102e."))
    purpose = models.TextField(_("purpose"), blank=True)
    is_pilot = models.BooleanField(_("pilot"), default=False)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("notice type")
        verbose_name_plural = _("notice types")


class CourseType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("course type")
        verbose_name_plural = _("course types")


class DeliveryMode(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("delivery mode")
        verbose_name_plural = _("delivery modes")


class Agency(models.Model):
    """A national or international body whose staff take part in training."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text=_("Leave empty for an international organisation."),
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="agency_unique_name_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Institution(models.Model):
    """An academy, college or centre that hosts or delivers training."""

    class Kind(models.TextChoices):
        POLICE_ACADEMY = "police_academy", _("Police academy")
        TRAINING_CENTRE = "training_centre", _("Regional training centre")
        UNIVERSITY = "university", _("University")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="institutions"
    )
    city = models.CharField(_("city"), max_length=120)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training institution")
        verbose_name_plural = _("training institutions")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="institution_unique_name_per_country")
        ]

    def __str__(self) -> str:
        return self.name
