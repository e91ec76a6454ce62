import pytest
from django.http import HttpResponse

from cadre.lib.http import local_path, public_page


def test_a_public_page_is_not_indexed_and_keeps_its_address_to_itself() -> None:
    response = public_page(HttpResponse("ok"))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/sessions/12/selection/?status=waitlisted", True),
        ("", False),
        ("selection", False),  # a word redirect() would take for a page's name
        ("2026-02-30", False),
        ("//elsewhere.example/", False),
        ("https://elsewhere.example/", False),
        ("/\\elsewhere.example/", False),
    ],
)
def test_only_a_path_of_this_site_is_followed(rf, target: str, kept: bool) -> None:
    request = rf.post("/")
    assert local_path(request, target) == (target if kept else None)
