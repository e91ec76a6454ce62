import pytest
from django.test import Client
from pytest_django import Settings

from cadre.portal import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_component(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "pdf"}
    assert all(check["ok"] for check in body["checks"].values())


def test_healthz_answers_503_when_a_component_is_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cache_down() -> health.CheckResult:
        raise ConnectionError("refused")

    monkeypatch.setitem(health.CHECKS, "cache", cache_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "detail": "ConnectionError"}


def test_an_unreachable_broker_is_reported_down(settings: Settings) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    result = health.run_checks()["broker"]
    assert result.ok is False
