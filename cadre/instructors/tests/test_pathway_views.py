"""The pathway's pages: who may open and use each (a table of personas), handing in and
confirming evidence, the observation form, withdrawing, starting a candidacy, "My candidates"."""

from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.audit.models import AuditEntry
from cadre.instructors import services
from cadre.instructors.models import Candidacy, Observation, StageCompletion
from cadre.instructors.tests.conftest import (
    area,
    complete_pathway,
    days,
    evidence_upload,
    level,
    make_instructor,
    scores_for,
    start,
    today,
)
from cadre.lib.tests import samples

pytestmark = pytest.mark.django_db

PERSONAS = (
    "own",  # the candidate
    "other_candidate",  # another instructor, on a pathway of their own
    "assessor",  # assigned to the candidacy
    "other_assessor",  # assigned to another candidacy
    "certification_manager",
    "administrator",
    "course_manager",
    "learner",
    "ncb_officer",
)


@pytest.fixture
def world(request, candidacy, other_instructor, certification_manager, other_assessor):
    other_candidacy = start(other_instructor, certification_manager, other_assessor)
    people = {
        name: request.getfixturevalue(name) for name in PERSONAS if name not in {"own", "other_candidate"}
    }
    people["own"] = candidacy.instructor.person
    people["other_candidate"] = other_instructor.person
    return {"people": people, "candidacy": candidacy, "other_candidacy": other_candidacy}


def _first_stage(world: dict[str, Any]) -> Any:
    return world["candidacy"].level.stages.order_by("position").first()


def _stage_url(name: str):
    return lambda world: reverse(f"instructors:{name}", args=[world["candidacy"].pk, _first_stage(world).pk])


def _candidacy_url(name: str):
    return lambda world: reverse(f"instructors:{name}", args=[world["candidacy"].pk])


def _with_file(world: dict[str, Any], prefix: str) -> dict[str, Any]:
    stage = _first_stage(world)
    name = f"{prefix}-{stage.pk}"
    return {f"{name}-file": SimpleUploadedFile("result.pdf", samples.pdf()), f"{name}-note": "Passed."}


# name: (method, url, data, {persona: status}); every persona not named gets 404.
PAGES: dict[str, tuple[str, Any, Any, dict[str, int]]] = {
    "candidacy": (
        "get",
        _candidacy_url("candidacy"),
        None,
        {"own": 200, "assessor": 200, "certification_manager": 200, "administrator": 200},
    ),
    "observe": (
        "get",
        _candidacy_url("observe"),
        None,
        {"own": 403, "assessor": 200, "certification_manager": 403, "administrator": 403},
    ),
    "start_candidacy": (
        "get",
        lambda world: reverse("instructors:start_candidacy", args=[world["candidacy"].instructor_id]),
        None,
        {
            "own": 403,
            "assessor": 403,
            "certification_manager": 200,
            "administrator": 403,
            "course_manager": 403,
        },
    ),
    "my_candidates": (
        "get",
        lambda world: reverse("instructors:my_candidates"),
        None,
        {
            "own": 403,
            "other_candidate": 403,
            "assessor": 200,
            "other_assessor": 200,
            "certification_manager": 403,
            "administrator": 403,
            "course_manager": 403,
            "learner": 403,
            "ncb_officer": 403,
        },
    ),
    "submit_evidence": (
        "post",
        _stage_url("submit_evidence"),
        lambda world: _with_file(world, "submit"),
        {"own": 302, "assessor": 302, "certification_manager": 302, "administrator": 403},
    ),
    "confirm_stage": (
        "post",
        _stage_url("confirm_stage"),
        lambda world: _with_file(world, "confirm"),
        {"own": 403, "assessor": 302, "certification_manager": 302, "administrator": 403},
    ),
    "candidacy_assessors": (
        "post",
        _candidacy_url("candidacy_assessors"),
        lambda world: {"assessors": [world["people"]["other_assessor"].pk]},
        {"own": 403, "assessor": 403, "certification_manager": 302, "administrator": 403},
    ),
    "withdraw_candidacy": (
        "post",
        _candidacy_url("withdraw_candidacy"),
        lambda world: {"reason": "Moving to another post."},
        {"own": 302, "assessor": 403, "certification_manager": 302, "administrator": 403},
    ),
}


def _state(candidacy: Candidacy) -> tuple[Any, ...]:
    candidacy = Candidacy.objects.get(pk=candidacy.pk)
    return (
        candidacy.status,
        candidacy.completions.count(),
        candidacy.completions.filter(confirmed_at__isnull=False).count(),
        sorted(candidacy.assessors.values_list("pk", flat=True)),
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_and_use_the_pathway_pages(client, world, page, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    method, url, data, allowed = PAGES[page]
    expected = allowed.get(persona, 404)
    client.force_login(world["people"][persona])
    before = _state(world["candidacy"])
    send = client.post if method == "post" else client.get
    response = send(url(world), data(world) if data else {})
    assert response.status_code == expected
    if method == "post":
        changed = _state(world["candidacy"]) != before
        assert changed is (expected == 302)


def test_visitors_are_sent_to_sign_in(client, candidacy):
    response = client.get(reverse("instructors:candidacy", args=[candidacy.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- The pathway page --------------------------------------------------------------------------------


def test_the_page_shows_each_stage_done_or_remaining_with_its_evidence(client, candidacy, assessor):
    first, second, third = candidacy.level.stages.order_by("position")
    services.confirm_stage(
        candidacy=candidacy, stage=first, by=assessor, file=evidence_upload(), note="Passed."
    )
    services.submit_stage_evidence(
        candidacy=candidacy, stage=second, by=candidacy.instructor.person, note="Co-delivered in Nairobi."
    )
    client.force_login(candidacy.instructor.person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the candidate prefers Spanish
    response = client.get(reverse("instructors:candidacy", args=[candidacy.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    stages = response.context["stages"]
    assert [row["step"].stage for row in stages] == [first, second, third]
    assert [row["step"].done for row in stages] == [True, False, False]
    assert stages[1]["step"].submitted
    completion = StageCompletion.objects.get(candidacy=candidacy, stage=first)
    assert reverse("instructors:evidence", args=[completion.pk]) in body
    assert assessor.display_name in body  # who confirmed
    assert "Co-delivered in Nairobi." in body
    assert "Evidence handed in, waiting for confirmation" in body
    assert "Remaining" in body
    assert not any(row["may_confirm"] for row in stages)  # the candidate does not confirm
    assert all(row["may_submit"] for row in stages[1:])


def test_only_the_next_stage_can_be_confirmed(client, candidacy, assessor):
    client.force_login(assessor)
    stages = client.get(reverse("instructors:candidacy", args=[candidacy.pk])).context["stages"]
    assert [row["may_confirm"] for row in stages] == [True, False, False]


def test_the_candidate_hands_in_evidence_and_the_assessor_confirms_it(
    client, candidacy, assessor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    stage = candidacy.level.stages.get(position=1)
    client.force_login(candidacy.instructor.person)
    response = client.post(
        reverse("instructors:submit_evidence", args=[candidacy.pk, stage.pk]),
        {f"submit-{stage.pk}-file": SimpleUploadedFile("course.pdf", samples.pdf())},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#stage-{stage.pk}")
    completion = StageCompletion.objects.get(candidacy=candidacy, stage=stage)
    assert completion.evidence_name == "course.pdf"
    assert not completion.is_confirmed

    client.force_login(assessor)
    response = client.post(
        reverse("instructors:confirm_stage", args=[candidacy.pk, stage.pk]),
        {f"confirm-{stage.pk}-note": "Seen."},
    )
    assert response.status_code == 302
    completion.refresh_from_db()
    assert completion.confirmed_by == assessor
    actions = set(
        AuditEntry.objects.filter(action__startswith="instructors.stage").values_list("action", flat=True)
    )
    assert actions == {"instructors.stage_submitted", "instructors.stage_confirmed"}


def test_a_program_renamed_pdf_is_refused_with_the_reason(client, candidacy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stage = candidacy.level.stages.get(position=1)
    client.force_login(candidacy.instructor.person)
    response = client.post(
        reverse("instructors:submit_evidence", args=[candidacy.pk, stage.pk]),
        {f"submit-{stage.pk}-file": SimpleUploadedFile("certificate.pdf", samples.windows_program())},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Windows program" in body
    assert not StageCompletion.objects.filter(candidacy=candidacy).exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_handing_in_nothing_is_refused(client, candidacy):
    stage = candidacy.level.stages.get(position=1)
    client.force_login(candidacy.instructor.person)
    response = client.post(reverse("instructors:submit_evidence", args=[candidacy.pk, stage.pk]), {})
    assert response.status_code == 400
    assert "Attach the evidence or describe it in a note." in response.content.decode()
    assert not StageCompletion.objects.filter(candidacy=candidacy).exists()


def test_confirming_out_of_order_says_which_stage_comes_first(
    client, candidacy, assessor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    first, second = candidacy.level.stages.order_by("position")[:2]
    client.force_login(assessor)
    response = client.post(
        reverse("instructors:confirm_stage", args=[candidacy.pk, second.pk]),
        {f"confirm-{second.pk}-file": SimpleUploadedFile("co.pdf", samples.pdf())},
    )
    assert response.status_code == 400
    assert f"Confirm the stage “{first.name}” first" in response.content.decode()
    assert not StageCompletion.objects.filter(candidacy=candidacy, confirmed_at__isnull=False).exists()


def test_a_stage_of_another_level_is_not_found(client, candidacy, assessor):
    other = level("master").stages.first()
    client.force_login(assessor)
    response = client.post(reverse("instructors:confirm_stage", args=[candidacy.pk, other.pk]), {})
    assert response.status_code == 404


def test_the_certify_action_appears_when_every_stage_is_done_and_certifying_is_recommended(
    client, candidacy, assessor, certification_manager
):
    client.force_login(certification_manager)
    url = reverse("instructors:candidacy", args=[candidacy.pk])
    certify = reverse("instructors:certify", args=[candidacy.pk])
    response = client.get(url)
    assert certify not in response.content.decode()
    assert "No assessor has observed a delivery yet." in response.content.decode()
    complete_pathway(candidacy, assessor)
    response = client.get(url)
    assert response.context["ready_to_certify"]
    assert certify in response.content.decode()


def test_a_not_yet_recommendation_keeps_the_certify_action_away(
    client, candidacy, assessor, certification_manager
):
    complete_pathway(candidacy, assessor, recommendation=Observation.Recommendation.NOT_YET)
    client.force_login(certification_manager)
    response = client.get(reverse("instructors:candidacy", args=[candidacy.pk]))
    assert not response.context["ready_to_certify"]
    assert reverse("instructors:certify", args=[candidacy.pk]) not in response.content.decode()


def test_the_page_works_in_arabic_right_to_left(client, candidacy, assessor, settings):
    complete_pathway(candidacy, assessor)
    client.force_login(assessor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get(reverse("instructors:candidacy", args=[candidacy.pk]))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_the_page_takes_a_bounded_number_of_queries(
    client, candidacy, assessor, django_assert_max_num_queries
):
    complete_pathway(candidacy, assessor)
    services.record_observation(
        instructor=candidacy.instructor,
        candidacy=candidacy,
        by=assessor,
        observed_on=days(-1),
        scores=scores_for(candidacy, 2),
        recommendation=Observation.Recommendation.NOT_YET,
    )
    client.force_login(assessor)
    url = reverse("instructors:candidacy", args=[candidacy.pk])
    client.get(url)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


# --- Withdrawing and the assessors ---------------------------------------------------------------------


def test_withdrawing_needs_a_reason(client, candidacy):
    client.force_login(candidacy.instructor.person)
    response = client.post(reverse("instructors:withdraw_candidacy", args=[candidacy.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert response.context["withdraw_form"].errors["reason"]
    assert '<details class="card" open>' in response.content.decode()  # the form shows its error
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.IN_PROGRESS


def test_withdrawing_keeps_the_reason_and_closes_the_pathway(client, candidacy, certification_manager):
    client.force_login(certification_manager)
    response = client.post(
        reverse("instructors:withdraw_candidacy", args=[candidacy.pk]), {"reason": "Left the service."}
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.WITHDRAWN
    assert candidacy.closing_reason == "Left the service."
    assert AuditEntry.objects.filter(action="instructors.candidacy_withdrawn").exists()
    response = client.get(reverse("instructors:candidacy", args=[candidacy.pk]))
    assert "Left the service." in response.content.decode()
    assert not response.context["rights"].withdraw
    again = client.post(reverse("instructors:withdraw_candidacy", args=[candidacy.pk]), {"reason": "Again."})
    assert again.status_code == 403


def test_an_assessor_cannot_be_the_candidate(client, candidacy, certification_manager):
    client.force_login(certification_manager)
    response = client.post(
        reverse("instructors:candidacy_assessors", args=[candidacy.pk]),
        {"assessors": [candidacy.instructor.person_id]},
    )
    assert response.status_code == 400  # not offered: the candidate is left out of the choices


# --- Starting a candidacy ----------------------------------------------------------------------------


def test_a_certification_manager_starts_a_candidacy(client, instructor, certification_manager, assessor):
    client.force_login(certification_manager)
    url = reverse("instructors:start_candidacy", args=[instructor.pk])
    form = client.get(url).context["form"]
    assert form.initial["languages"] == ["en", "es"]  # from the profile
    response = client.post(
        url,
        {
            "level": level("associate").pk,
            "crime_areas": [area("cybercrime").pk],
            "languages": ["es"],
            "assessors": [assessor.pk],
            "note": "Recommended by her unit.",
        },
    )
    candidacy = Candidacy.objects.get(instructor=instructor)
    assert response.status_code == 302
    assert response["Location"] == reverse("instructors:candidacy", args=[candidacy.pk])
    assert candidacy.languages == ["es"]
    assert list(candidacy.assessors.all()) == [assessor]
    assert AuditEntry.objects.filter(action="instructors.candidacy_started").exists()


def test_starting_a_candidacy_needs_a_subject_and_a_language(client, instructor, certification_manager):
    client.force_login(certification_manager)
    response = client.post(
        reverse("instructors:start_candidacy", args=[instructor.pk]), {"level": level("associate").pk}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one language the candidate will teach in." in body
    assert not Candidacy.objects.filter(instructor=instructor).exists()
    response = client.post(
        reverse("instructors:start_candidacy", args=[instructor.pk]),
        {"level": level("associate").pk, "languages": ["en"]},
    )
    assert "Choose at least one subject" in response.content.decode()


def test_a_second_candidacy_to_the_same_level_is_refused(client, candidacy, certification_manager):
    client.force_login(certification_manager)
    response = client.post(
        reverse("instructors:start_candidacy", args=[candidacy.instructor_id]),
        {"level": candidacy.level_id, "crime_areas": [area("cybercrime").pk], "languages": ["es"]},
    )
    assert response.status_code == 400
    assert "already on the pathway to this level" in response.content.decode()
    assert Candidacy.objects.filter(instructor=candidacy.instructor).count() == 1


def test_the_profile_links_to_the_pathway_and_to_starting_one(client, candidacy, certification_manager):
    client.force_login(certification_manager)
    body = client.get(reverse("instructors:profile", args=[candidacy.instructor_id])).content.decode()
    assert reverse("instructors:candidacy", args=[candidacy.pk]) in body
    assert reverse("instructors:start_candidacy", args=[candidacy.instructor_id]) in body
    client.force_login(candidacy.instructor.person)
    body = client.get(reverse("instructors:profile", args=[candidacy.instructor_id])).content.decode()
    assert reverse("instructors:candidacy", args=[candidacy.pk]) in body
    assert reverse("instructors:start_candidacy", args=[candidacy.instructor_id]) not in body


# --- My candidates ------------------------------------------------------------------------------------


def test_my_candidates_lists_only_the_candidacies_assigned(
    client, candidacy, assessor, other_assessor, other_instructor, certification_manager
):
    theirs = start(other_instructor, certification_manager, other_assessor)
    client.force_login(assessor)
    response = client.get(reverse("instructors:my_candidates"))
    assert [row["candidacy"] for row in response.context["rows"]] == [candidacy]
    assert reverse("instructors:candidacy", args=[theirs.pk]) not in response.content.decode()


def test_my_candidates_shows_what_waits_for_the_assessor(client, candidacy, assessor):
    stage = candidacy.level.stages.get(position=1)
    services.submit_stage_evidence(
        candidacy=candidacy, stage=stage, by=candidacy.instructor.person, note="Done."
    )
    client.force_login(assessor)
    response = client.get(reverse("instructors:my_candidates"))
    assert f"Evidence to confirm: {stage.name}" in response.content.decode()


def test_my_candidates_leaves_closed_candidacies_out_unless_asked(
    client, candidacy, assessor, certification_manager
):
    services.withdraw_candidacy(candidacy=candidacy, by=certification_manager, reason="Left.")
    client.force_login(assessor)
    assert client.get(reverse("instructors:my_candidates")).context["rows"] == []
    rows = client.get(reverse("instructors:my_candidates"), {"show": "all"}).context["rows"]
    assert [row["candidacy"] for row in rows] == [candidacy]


def test_my_candidates_takes_a_bounded_number_of_queries(
    client, assessor, certification_manager, django_assert_max_num_queries
):
    for number in range(30):
        instructor = make_instructor(crime_areas=[area("cybercrime")], languages={"en": "C1"})
        candidacy = start(
            instructor, certification_manager, assessor, level_code="associate" if number % 2 else "certified"
        )
        if number % 3 == 0:
            stage = candidacy.level.stages.get(position=1)
            services.submit_stage_evidence(
                candidacy=candidacy, stage=stage, by=instructor.person, note="Done."
            )
    client.force_login(assessor)
    client.get(reverse("instructors:my_candidates"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("instructors:my_candidates"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 25
    assert response.context["page"].paginator.count == 30


# --- The observation form ----------------------------------------------------------------------------


def _observation_data(candidacy: Candidacy, *, skip: int | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "observed_on": today().isoformat(),
        "recommendation": "certify",
        "comment": "Good.",
    }
    for index, (criterion_pk, (score, comment)) in enumerate(scores_for(candidacy, 4).items()):
        if index != skip:
            data[f"score_{criterion_pk}"] = score
        data[f"comment_{criterion_pk}"] = comment
    data.update(extra)
    return data


def test_the_form_shows_every_criterion_of_the_rubric_with_four_scores(client, candidacy, assessor):
    client.force_login(assessor)
    response = client.get(reverse("instructors:observe", args=[candidacy.pk]))
    body = response.content.decode()
    criteria = list(candidacy.level.rubric.criteria.order_by("position"))
    assert len(response.context["form"].criteria()) == len(criteria)
    for criterion in criteria:
        assert criterion.name in body
        assert body.count(f'name="score_{criterion.pk}"') == 4
    assert body.count('name="recommendation"') == 3


def test_every_criterion_must_be_scored(client, candidacy, assessor):
    client.force_login(assessor)
    response = client.post(
        reverse("instructors:observe", args=[candidacy.pk]), _observation_data(candidacy, skip=2)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Score this criterion from 1 to 4." in body
    assert body.count("Score this criterion from 1 to 4.") == 1
    assert not Observation.objects.exists()


def test_a_score_outside_one_to_four_is_refused(client, candidacy, assessor):
    client.force_login(assessor)
    criterion = candidacy.level.rubric.criteria.order_by("position").first()
    data = _observation_data(candidacy, **{f"score_{criterion.pk}": "7"})
    response = client.post(reverse("instructors:observe", args=[candidacy.pk]), data)
    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_an_observation_in_the_future_is_refused(client, candidacy, assessor):
    client.force_login(assessor)
    data = _observation_data(candidacy, observed_on=days(3).isoformat())
    response = client.post(reverse("instructors:observe", args=[candidacy.pk]), data)
    assert response.status_code == 400
    assert "the date cannot be in the future" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_recommendation_is_needed(client, candidacy, assessor):
    client.force_login(assessor)
    data = _observation_data(candidacy)
    del data["recommendation"]
    response = client.post(reverse("instructors:observe", args=[candidacy.pk]), data)
    assert response.status_code == 400
    assert "Choose a recommendation" in response.content.decode()


def test_the_observation_is_recorded_with_its_scores(client, candidacy, assessor):
    client.force_login(assessor)
    response = client.post(
        reverse("instructors:observe", args=[candidacy.pk]), _observation_data(candidacy, language="es")
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#observations")
    observation = Observation.objects.get()
    assert observation.assessor == assessor
    assert observation.language == "es"
    assert {score.score for score in observation.scores.all()} == {4}
    assert observation.scores.count() == candidacy.level.rubric.criteria.count()
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.RECOMMENDED
    page = client.get(reverse("instructors:candidacy", args=[candidacy.pk])).content.decode()
    assert "4 — Exemplary" in page
    assert "Seen in the session." in page


def test_the_observation_form_works_in_arabic(client, candidacy, assessor, settings):
    client.force_login(assessor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get(reverse("instructors:observe", args=[candidacy.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in body
    criterion = candidacy.level.rubric.criteria.order_by("position").first()
    assert criterion.name_ar in body
