"""`CheckedFileField`: a form's file field that runs `check_upload` on what is uploaded."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from cadre.lib.uploads.checks import CheckedUpload, check_upload, max_bytes_for
from cadre.lib.uploads.types import VIDEO, Family, accept_attribute, types_of
from cadre.lib.uploads.wording import or_list, size_text


def describe_accepted(allowed: Iterable[Family], max_bytes: int | None = None) -> str:
    """ "Accepted: PDF document, … or CSV file; up to 50 MB." in the active language."""
    families = tuple(allowed)
    types = or_list(file_type.label for file_type in types_of(families))
    if max_bytes is None and VIDEO in families and len(families) > 1:
        others = max(max_bytes_for(family) for family in families if family != VIDEO)
        return _("Accepted: %(types)s; up to %(limit)s (videos up to %(video_limit)s).") % {
            "types": types,
            "limit": size_text(others),
            "video_limit": size_text(max_bytes_for(VIDEO)),
        }
    limit = max_bytes if max_bytes is not None else max(max_bytes_for(family) for family in families)
    return _("Accepted: %(types)s; up to %(limit)s.") % {"types": types, "limit": size_text(limit)}


class CheckedFileField(forms.FileField):
    """A file field whose cleaned file carries `.checked`, the `CheckedUpload` of its content.

    Without `help_text`, the field says which types and sizes it accepts. The widget's `accept`
    attribute lists the extensions, as a hint to the browser's file chooser only.
    """

    def __init__(self, *, allowed: Iterable[Family], max_bytes: int | None = None, **kwargs: Any) -> None:
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes
        kwargs.setdefault("help_text", lazy(describe_accepted, str)(self.allowed, max_bytes))
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = accept_attribute(self.allowed)
        return attrs

    def clean(self, data: Any, initial: Any = None) -> Any:
        cleaned = super().clean(data, initial)
        if isinstance(cleaned, UploadedFile):
            cleaned.checked = check_upload(  # type: ignore[attr-defined]
                cleaned, allowed=self.allowed, max_bytes=self.max_bytes
            )
        return cleaned


def checked_of(upload: UploadedFile) -> CheckedUpload:
    """The `CheckedUpload` a CheckedFileField put on a cleaned file."""
    checked: CheckedUpload = upload.checked  # type: ignore[attr-defined]
    return checked
