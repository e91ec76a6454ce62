"""Loading the reference data shipped in `data/`: countries (named from CLDR data in the
four languages), their NCBs and sub-bureaus, offices, regions and the training taxonomy.

Loading is idempotent: rows are matched on their natural key and created when missing.
Existing rows keep any edits made in the admin unless `refresh` is asked for.
"""

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from django.conf import settings
from django.db import models, transaction

from cadre.directory import models as directory

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

Translations = Mapping[str, str]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: type[models.Model], created: bool) -> None:
        bucket = self.created if created else self.updated
        name = str(model._meta.verbose_name_plural)
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def translated(field_name: str, values: Translations) -> dict[str, str]:
    """{"name_en": ..., "name_fr": ..., ...} for a modeltranslation field."""
    return {f"{field_name}_{code}": values[code] for code in LANGUAGE_CODES}


def cldr_territory_names(iso2: str) -> dict[str, str]:
    return {code: Locale.parse(code).territories[iso2] for code in LANGUAGE_CODES}


def read_json(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Loader:
    def __init__(self, *, refresh: bool) -> None:
        self.refresh = refresh
        self.report = LoadReport()

    def put(self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        if self.refresh:
            obj, created = model._default_manager.update_or_create(defaults=values, **lookup)
        else:
            obj, created = model._default_manager.get_or_create(defaults=values, **lookup)
        if created or self.refresh:
            self.report.count(model, created)
        return obj

    def put_terms(
        self,
        model: type[directory.TaxonomyTerm],
        rows: Iterable[Mapping[str, Any]],
        extra: Any = None,
    ) -> dict[str, Any]:
        by_code = {}
        for position, row in enumerate(rows, start=1):
            values: dict[str, Any] = {"position": position, **translated("name", row["name"])}
            for text_field in ("description", "purpose"):
                if text_field in row:
                    values.update(translated(text_field, row[text_field]))
            if extra is not None:
                values.update(extra(row))
            by_code[row["code"]] = self.put(model, {"code": row["code"]}, values)
        return by_code


def load_reference_data(*, refresh: bool = False) -> LoadReport:
    reference = read_json("reference.json")
    loader = Loader(refresh=refresh)
    with transaction.atomic():
        regions = load_regions(loader, reference["regions"])
        countries = load_countries(loader, regions)
        load_offices(loader, reference["offices"], regions, countries)
        load_sub_bureaus(loader, countries)
        load_taxonomy(loader, reference)
    return loader.report


def load_regions(loader: Loader, rows: list[dict[str, Any]]) -> dict[str, directory.Region]:
    return {
        row["code"]: loader.put(
            directory.Region,
            {"code": row["code"]},
            {"position": position, **translated("name", row["name"])},
        )
        for position, row in enumerate(rows, start=1)
    }


def load_countries(loader: Loader, regions: Mapping[str, directory.Region]) -> dict[str, directory.Country]:
    countries = {}
    for row in read_csv("countries.csv"):
        iso2 = row["iso2"]
        record = pycountry.countries.get(alpha_2=iso2)
        if record is None:
            raise ValueError(f"countries.csv: {iso2} is not an ISO 3166 code.")
        country = loader.put(
            directory.Country,
            {"iso2": iso2},
            {
                "iso3": record.alpha_3,
                "numeric": record.numeric,
                "region": regions[row["region"]],
                **translated("name", cldr_territory_names(iso2)),
            },
        )
        loader.put(directory.NationalCentralBureau, {"country": country}, {"city": row["ncb_city"]})
        countries[iso2] = country
    return countries


def load_offices(
    loader: Loader,
    rows: list[dict[str, Any]],
    regions: Mapping[str, directory.Region],
    countries: Mapping[str, directory.Country],
) -> None:
    offices = {}
    for row in rows:
        offices[row["code"]] = loader.put(
            directory.Office,
            {"code": row["code"]},
            {
                "kind": row["kind"],
                "country": countries[row["country"]],
                "region": regions.get(row["region"]) if row.get("region") else None,
                **translated("name", row["name"]),
                **translated("city", row["city"]),
            },
        )
    for row in read_csv("countries.csv"):
        country = countries[row["iso2"]]
        if country.covering_office_id is None or loader.refresh:
            country.covering_office = offices[row["office"]]
            country.save(update_fields=["covering_office"])


def load_sub_bureaus(loader: Loader, countries: Mapping[str, directory.Country]) -> None:
    for row in read_csv("sub_bureaus.csv"):
        parent = countries[row["parent_iso2"]]
        loader.put(
            directory.SubBureau,
            {"territory_code": row["iso2"]},
            {"ncb": parent.ncb, **translated("name", cldr_territory_names(row["iso2"]))},
        )


def load_taxonomy(loader: Loader, reference: Mapping[str, Any]) -> None:
    loader.put_terms(directory.Sector, reference["sectors"])
    programmes = loader.put_terms(directory.GlobalProgramme, reference["programmes"])
    loader.put_terms(
        directory.CrimeArea,
        reference["crime_areas"],
        extra=lambda row: {"programme": programmes.get(row["programme"]) if row["programme"] else None},
    )
    loader.put_terms(
        directory.PolicingCapability, reference["capabilities"], extra=lambda row: {"kind": row["kind"]}
    )
    loader.put_terms(
        directory.NoticeType,
        reference["notice_types"],
        extra=lambda row: {"colour": row["colour"], "is_pilot": row["is_pilot"]},
    )
    loader.put_terms(directory.CourseType, reference["course_types"])
    loader.put_terms(directory.DeliveryMode, reference["delivery_modes"])


def ensure_agency(
    *, country: directory.Country | None, name: str, acronym: str, sector_code: str
) -> directory.Agency:
    agency, _created = directory.Agency.objects.get_or_create(
        country=country,
        name=name,
        defaults={"acronym": acronym, "sector": directory.Sector.objects.get(code=sector_code)},
    )
    return agency


def ensure_institution(
    *, country: directory.Country, name: str, acronym: str, kind: str, city: str
) -> directory.Institution:
    institution, _created = directory.Institution.objects.get_or_create(
        country=country, name=name, defaults={"acronym": acronym, "kind": kind, "city": city}
    )
    return institution
