"""What several of the app's models share: the languages a row covers and the subjects it is
about (crime areas, policing capabilities and courses of the catalogue)."""

import uuid
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import LANGUAGE_CODES, Course
from cadre.directory.models import CrimeArea, PolicingCapability


class CoversLanguages(models.Model):
    """One flag per official language, as courses carry them, so lists filter on an index."""

    in_ar = models.BooleanField(_("in Arabic"), default=False, db_index=True)
    in_en = models.BooleanField(_("in English"), default=False, db_index=True)
    in_fr = models.BooleanField(_("in French"), default=False, db_index=True)
    in_es = models.BooleanField(_("in Spanish"), default=False, db_index=True)

    class Meta:
        abstract = True

    @property
    def languages(self) -> list[str]:
        """The codes of the languages covered, in the catalogue's order."""
        return [code for code in LANGUAGE_CODES if getattr(self, f"in_{code}")]

    def set_languages(self, codes: Iterable[str]) -> None:
        chosen = set(codes)
        for code in LANGUAGE_CODES:
            setattr(self, f"in_{code}", code in chosen)


class AboutSubjects(models.Model):
    """The subjects a row is about. A course matches when it is one of `courses`, or shares a
    crime area or a policing capability with the row."""

    crime_areas = models.ManyToManyField(
        CrimeArea, verbose_name=_("crime areas"), blank=True, related_name="+"
    )
    capabilities = models.ManyToManyField(
        PolicingCapability, verbose_name=_("policing capabilities"), blank=True, related_name="+"
    )
    courses = models.ManyToManyField(Course, verbose_name=_("courses"), blank=True, related_name="+")

    class Meta:
        abstract = True


def stored_name(folder: str, filename: str) -> str:
    """A name that reveals nothing of the uploaded one and never collides."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"instructors/{folder}/{uuid.uuid4().hex}.{extension[:10]}"
