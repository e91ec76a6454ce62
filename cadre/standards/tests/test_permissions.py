"""Who may read and who may change the standards: a table of personas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.standards import permissions
from cadre.standards.models import Guideline

pytestmark = pytest.mark.django_db

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_head",
    "institution_admin",
    "dpo",
    "course_manager",
    "instructor",
    "quality_officer",
    "administrator",
)
EDITORS = {"quality_officer", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_edits_the_standards(request, persona):
    user = request.getfixturevalue(persona)
    editor = persona in EDITORS
    assert permissions.can_view_standards(user)
    assert permissions.can_edit_standards(user) is editor
    assert permissions.can_open_edition(user) is editor
    assert permissions.can_create_guideline(user) is editor


@pytest.mark.parametrize("persona", PERSONAS)
def test_editions_by_status(request, persona, guide, draft):
    user = request.getfixturevalue(persona)
    editor = persona in EDITORS
    assert permissions.can_view_edition(user, guide)
    assert permissions.can_view_edition(user, draft) is editor
    assert permissions.can_edit_edition(user, draft) is editor
    assert permissions.can_publish_edition(user, draft) is editor
    assert not permissions.can_edit_edition(user, guide)  # in force: never edited in place
    assert not permissions.can_publish_edition(user, guide)


@pytest.mark.parametrize("persona", PERSONAS)
def test_getting_an_edition(request, persona, guide, draft):
    user = request.getfixturevalue(persona)
    assert permissions.get_edition_for(user, guide.number) == guide
    with pytest.raises(PermissionDenied):
        permissions.get_edition_for(user, guide.number, write=True)
    if persona in EDITORS:
        assert permissions.get_edition_for(user, draft.number, write=True) == draft
    else:
        with pytest.raises(Http404):
            permissions.get_edition_for(user, draft.number)
    with pytest.raises(Http404):
        permissions.get_edition_for(user, 999)


@pytest.mark.parametrize("persona", PERSONAS)
def test_guidelines(request, persona, human_rights):
    user = request.getfixturevalue(persona)
    editor = persona in EDITORS
    assert permissions.can_view_guideline(user, human_rights)
    assert permissions.can_edit_guideline(user, human_rights) is editor
    assert permissions.can_withdraw_guideline(user, human_rights) is editor
    withdrawn = Guideline(code="old", status=Guideline.Status.WITHDRAWN)
    assert not permissions.can_edit_guideline(user, withdrawn)
    if editor:
        assert permissions.get_guideline_for(user, human_rights.code, write=True) == human_rights
    else:
        with pytest.raises(PermissionDenied):
            permissions.get_guideline_for(user, human_rights.code, write=True)


def test_visitors_neither_read_nor_edit(guide, human_rights):
    visitor = AnonymousUser()
    assert not permissions.can_view_standards(visitor)
    assert not permissions.can_edit_standards(visitor)
    with pytest.raises(Http404):
        permissions.get_guideline_for(visitor, human_rights.code)
