from django.http import HttpResponse

from cadre.lib.http import public_page


def test_a_public_page_is_not_indexed_and_keeps_its_address_to_itself() -> None:
    response = public_page(HttpResponse("ok"))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
