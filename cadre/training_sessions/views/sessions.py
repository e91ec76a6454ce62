"""Sessions: the list, a session's page, scheduling and changing one, moving it through its
states, rescheduling and cancelling it."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.training_sessions import ical, permissions
from cadre.training_sessions.forms import sessions as forms
from cadre.training_sessions.models import Session
from cadre.training_sessions.selectors import sessions as selectors
from cadre.training_sessions.services import sessions as services
from cadre.training_sessions.views.session_history import history_lines

SESSIONS_PER_PAGE = 25
MORE_ROWS = 3
Status = Session.Status
# What the button moving a session on says, and what is said once it has moved.
NEXT_STEP = {
    Status.OPEN: (gettext_lazy("Open nominations"), gettext_lazy("Nominations are open.")),
    Status.SELECTION: (
        gettext_lazy("Close nominations and start selection"),
        gettext_lazy("The session is in selection."),
    ),
    Status.CONFIRMED: (gettext_lazy("Confirm the session"), gettext_lazy("The session is confirmed.")),
    Status.RUNNING: (gettext_lazy("Mark as running"), gettext_lazy("The session is running.")),
}


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def add_service_error(form: BaseForm, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- The list ------------------------------------------------------------------------------------


@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = forms.SessionFilterForm(request.GET or None, user=user)
    found = selectors.session_list(user, form.filters())
    page = Paginator(found, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    feed = reverse("training_sessions:feed", args=[ical.feed_token(user.pk)])
    context = {
        "form": form,
        "page": page,
        "may_schedule": permissions.can_schedule_any_session(user),
        "feed_url": request.build_absolute_uri(feed),
    }
    return render(request, "training_sessions/sessions/list.html", context)


# --- One session ---------------------------------------------------------------------------------


def next_step(session: Session) -> dict[str, str] | None:
    following = services.NEXT_STATUS.get(Status(session.status))
    if following is None:
        return None
    return {"to": following, "label": str(NEXT_STEP[following][0])}


def detail_context(user: User, session: Session) -> dict[str, Any]:
    may_change = permissions.can_change_session(user, session)
    overview = selectors.overview(session)
    return {
        "session": session,
        "overview": overview,
        "history": history_lines(overview.history),
        "may_change": may_change,
        "may_cancel": permissions.can_cancel_session(user, session),
        "may_reschedule": may_change and session.status in services.RESCHEDULABLE,
        "next_step": next_step(session) if may_change else None,
        # For the parts of the session that link from its page or act on it.
        "can_complete": permissions.can_complete_session(user, session),
        "can_recompute": permissions.can_recompute_outcomes(user, session),
        "may_nominate": permissions.can_nominate(user, session),
        "can_take_attendance": permissions.can_take_attendance(user, session),
    }


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    return render(request, "training_sessions/sessions/detail.html", detail_context(user, session))


@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what the session moves to."))
        return redirect("training_sessions:detail", session.pk)
    to = form.cleaned_data["to"]
    try:
        services.change_status(session=session, by=user, to=to)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(NEXT_STEP[Status(to)][1]))
    return redirect("training_sessions:detail", session.pk)


# --- The plan: scheduling and changing a session -----------------------------------------------------


def typed(form: BaseForm) -> dict[str, Any]:
    """What was typed in the form, unchecked, to show it again."""
    return {name: form[name].data for name in form.fields if name != "DELETE"}


def typed_rows(formset: "BaseFormSet[Any]") -> list[dict[str, Any]]:
    """The rows of a formset that hold something and are not marked for removal."""
    rows = []
    for form in formset.forms:
        removed = "DELETE" in form.fields and form["DELETE"].data
        if form.has_changed() and not removed:
            rows.append(typed(form))
    return rows


def wants_more(request: HttpRequest, name: str) -> int:
    """How many empty rows to add for the button pressed (one for the other formset)."""
    return MORE_ROWS if name in request.POST else 1


class Plan:
    """The plan's three parts on one page: the session, its days and its reserved seats. The
    days are changed here only while the session is planned (then by rescheduling). A button
    asking for more empty rows shows the page again with what was typed, unchecked."""

    def __init__(self, request: HttpRequest, user: User, session: Session | None) -> None:
        data = request.POST if request.method == "POST" else None
        self.more = data is not None and ("more_days" in data or "more_quotas" in data)
        self.session = session
        self.days_editable = session is None or session.status == Status.PLANNED
        self.form = forms.SessionForm(data, user=user, session=session)
        days = forms.day_initial(session) if session else []
        self.days = forms.day_formset(data, initial=days, blank=2 if days else 5)
        quotas = forms.quota_initial(session) if session else []
        self.quotas = forms.quota_formset(data, initial=quotas, blank=3)
        if self.more:
            self.form = forms.SessionForm(initial=typed(self.form), user=user, session=session)
            self.days = forms.day_formset(
                None, initial=typed_rows(self.days), blank=wants_more(request, "more_days")
            )
            self.quotas = forms.quota_formset(
                None, initial=typed_rows(self.quotas), blank=wants_more(request, "more_quotas")
            )

    def is_valid(self) -> bool:
        if self.more or not self.form.is_bound:
            return False
        valid = [self.form.is_valid(), self.quotas.is_valid()]
        if self.days_editable:
            valid.append(self.days.is_valid())
        if not all(valid):
            return False
        return forms.check_together(self.form, self.days if self.days_editable else None, self.quotas)

    def context(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "days": self.days,
            "quotas": self.quotas,
            "session": self.session,
            "days_editable": self.days_editable,
            "time_zones": forms.COMMON_TIME_ZONES,
        }


def _save_plan(plan: Plan, user: User) -> Session:
    values = plan.form.values()
    if plan.session is None:
        return services.create_session(
            by=user, values=values, days=plan.days.plans(), quotas=plan.quotas.rows()
        )
    return services.update_session(
        session=plan.session,
        by=user,
        values=values,
        quotas=plan.quotas.rows(),
        days=plan.days.plans() if plan.days_editable else None,
    )


def plan_page(request: HttpRequest, user: User, session: Session | None) -> HttpResponse:
    plan = Plan(request, user, session)
    if plan.is_valid():
        try:
            saved = _save_plan(plan, user)
        except ValidationError as error:
            add_service_error(plan.form, error)
        except PermissionDenied:
            plan.form.add_error("course", _("Choose a published course you look after."))
        else:
            done = _("The session is scheduled. Add its instructors, then open nominations.")
            messages.success(request, done if session is None else _("The session is saved."))
            return redirect("training_sessions:detail", saved.pk)
    status = 400 if request.method == "POST" and not plan.more else 200
    return render(request, "training_sessions/sessions/form.html", plan.context(), status=status)


@require_http_methods(["GET", "POST"])
def create_session(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    permissions.require(permissions.can_schedule_any_session(user))
    return plan_page(request, user, None)


@require_http_methods(["GET", "POST"])
def edit_session(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    return plan_page(request, user, session)


# --- Rescheduling and cancelling -------------------------------------------------------------------


def _report_dropped(request: HttpRequest, result: services.Rescheduled) -> None:
    for item in result.dropped:
        messages.warning(
            request,
            _("%(name)s is no longer booked: the rule refuses the new dates. %(reasons)s")
            % {"name": item.name, "reasons": " ".join(item.reasons)},
        )


@require_http_methods(["GET", "POST"])
def reschedule_session(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk, write=True)
    permissions.require(session.status in services.RESCHEDULABLE)
    data = request.POST if request.method == "POST" else None
    window = {name: getattr(session, name) for name in services.WINDOW_FIELDS}
    form = forms.RescheduleForm(data, initial=window)
    days = forms.day_formset(data, initial=forms.day_initial(session), blank=2)
    more = data is not None and "more_days" in data
    if more:
        form = forms.RescheduleForm(initial=typed(form))
        days = forms.day_formset(None, initial=typed_rows(days), blank=MORE_ROWS)
    elif data is not None and form.is_valid() & days.is_valid():
        try:
            result = services.reschedule_session(
                session=session,
                by=user,
                days=days.plans(),
                reason=form.cleaned_data["reason"],
                window=form.window(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session is rescheduled; everyone concerned is told by e-mail."))
            _report_dropped(request, result)
            return redirect("training_sessions:detail", session.pk)
    context = {
        "session": session,
        "form": form,
        "days": days,
        "instructors": selectors.instructor_links(session),
    }
    status = 400 if data is not None and not more else 200
    return render(request, "training_sessions/sessions/reschedule.html", context, status=status)


@require_http_methods(["GET", "POST"])
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    permissions.require(permissions.can_cancel_session(user, session))
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(session=session, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session is cancelled; everyone concerned is told by e-mail."))
            return redirect("training_sessions:detail", session.pk)
    context = {"session": session, "form": form, "overview": selectors.overview(session)}
    status = 400 if request.method == "POST" else 200
    return render(request, "training_sessions/sessions/cancel.html", context, status=status)
