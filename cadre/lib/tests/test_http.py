import gzip

import pytest
from django.http import FileResponse, HttpResponse, JsonResponse

from cadre.lib.http import TextGZipMiddleware, local_path, public_page


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


def compressed(rf, response: HttpResponse | FileResponse) -> HttpResponse | FileResponse:
    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    return TextGZipMiddleware(lambda request: response)(request)  # type: ignore[return-value]


def test_a_page_and_json_are_compressed_for_a_slow_line(rf) -> None:
    page = "<tr><td>Kenya</td><td>Accepted</td></tr>" * 200
    response = compressed(rf, HttpResponse(page))
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) < len(page) / 10
    assert gzip.decompress(response.content).decode() == page

    response = compressed(rf, JsonResponse({"items": [{"country": "KE"}] * 100}))
    assert response["Content-Encoding"] == "gzip"


def test_a_pdf_download_is_left_as_it_is(rf, tmp_path) -> None:
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 40)
    with letter.open("rb") as handle:  # closed here: response.close() would signal a request's end
        response = compressed(rf, FileResponse(handle, content_type="application/pdf"))
        assert not response.has_header("Content-Encoding")
        assert response["Content-Length"] == str(letter.stat().st_size)


def test_a_page_is_not_compressed_for_a_client_that_does_not_ask(rf) -> None:
    response = TextGZipMiddleware(lambda request: HttpResponse("x" * 500))(rf.get("/"))
    assert not response.has_header("Content-Encoding")
