"""A course's question bank: its questions, how many each test asks, adding and changing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadre.assessments import permissions, selectors, services
from cadre.assessments.forms import BankForm, TestQuestionForm
from cadre.assessments.models import TestQuestion
from cadre.assessments.views.common import posted, signed_in
from cadre.courses.models import Course

QUESTIONS_PER_PAGE = 50


def _bank_page(request: HttpRequest, course: Course, form: BankForm, status: int = 200) -> HttpResponse:
    bank = selectors.bank_of(course.pk)
    questions = selectors.bank_questions(bank) if bank is not None else TestQuestion.objects.none()
    context = {
        "course": course,
        "bank": bank,
        "form": form,
        "page": Paginator(questions, QUESTIONS_PER_PAGE).get_page(request.GET.get("page")),
        "active_count": questions.filter(is_active=True).count() if bank is not None else 0,
    }
    return render(request, "assessments/bank.html", context, status=status)


@require_http_methods(["GET", "POST"])
def bank(request: HttpRequest, course_id: int) -> HttpResponse:
    user = signed_in(request)
    course = permissions.get_bank_course_for(user, course_id)
    found = selectors.bank_of(course.pk)
    initial = {"questions_per_test": found.questions_per_test if found else 10}
    form = BankForm(posted(request), initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_bank(
                    course=course, by=user, questions_per_test=form.cleaned_data["questions_per_test"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The question bank is saved."))
                return redirect("assessments:bank", course.pk)
        return _bank_page(request, course, form, status=400)
    return _bank_page(request, course, form)


def _question_page(
    request: HttpRequest, course: Course, form: TestQuestionForm, question: TestQuestion | None
) -> HttpResponse:
    context = {"course": course, "form": form, "question": question}
    return render(request, "assessments/bank_question.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def add_question(request: HttpRequest, course_id: int) -> HttpResponse:
    user = signed_in(request)
    course = permissions.get_bank_course_for(user, course_id)
    form = TestQuestionForm(posted(request), languages=services.bank_languages(course))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_test_question(
                course=course,
                by=user,
                texts=form.texts(),
                choices=form.choices(),
                position=form.cleaned_data["position"] or None,
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question is added to the bank."))
            return redirect("assessments:bank", course.pk)
    return _question_page(request, course, form, None)


@require_http_methods(["GET", "POST"])
def edit_question(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    question = TestQuestion.objects.select_related("bank").filter(pk=pk).first()
    if question is None:
        raise Http404
    course = permissions.get_bank_course_for(user, question.bank.course_id)
    form = TestQuestionForm(posted(request), languages=services.bank_languages(course), question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_test_question(
                question=question,
                by=user,
                texts=form.texts(),
                choices=form.choices(),
                position=form.cleaned_data["position"],
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("assessments:bank", course.pk)
    return _question_page(request, course, form, question)
