"""What the current request tells code that has no request at hand: the client's address.

Services record it in the audit trail without every view passing it down.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


def client_ip_of(request: HttpRequest) -> str | None:
    """The client's address as the connection gives it. No forwarding header is read, since a
    client could forge one; the audit trail, the lockout and the sessions list all use this."""
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _client_ip.set(client_ip_of(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
