from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.directory import selectors
from cadre.directory.forms import CountrySearchForm
from cadre.directory.models import Country
from cadre.lib.http import HtmxHttpRequest

COUNTRIES_PER_PAGE = 50
AGENCIES_PER_PAGE = 25


@require_GET
def countries(request: HtmxHttpRequest) -> HttpResponse:
    form = CountrySearchForm(request.GET or None)
    query, region_code = "", ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        region = form.cleaned_data["region"]
        region_code = region.code if region else ""
    found = selectors.search_countries(query=query, region_code=region_code)
    page = Paginator(found, COUNTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "total": len(found)}
    template = "directory/_country_results.html" if request.htmx else "directory/countries.html"
    return render(request, template, context)


@require_GET
def country(request: HttpRequest, iso2: str) -> HttpResponse:
    try:
        found = selectors.country_detail(iso2)
    except Country.DoesNotExist:
        raise Http404 from None
    agencies = Paginator(selectors.agencies_of(found), AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "country": found,
        "ncb": selectors.ncb_of(found),
        "agencies": agencies,
        "institutions": selectors.institutions_of(found),
    }
    return render(request, "directory/country.html", context)
