"""A session idle for longer than SESSION_IDLE_MINUTES ends; activity is noted once a minute."""

import time

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from cadre.accounts.middleware import LAST_SEEN_KEY


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_is_signed_out_with_a_message(client, settings, learner):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(learner)
    idle_for(client, 31 * 60)

    response = client.get(reverse("portal:dashboard"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert SESSION_KEY not in client.session
    assert "You were signed out after 30 minutes without activity." in response.content.decode()


def test_an_active_session_goes_on(client, learner):
    client.force_login(learner)
    idle_for(client, 29 * 60)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < 5


def test_activity_is_written_at_most_once_a_minute(client, learner):
    client.force_login(learner)
    idle_for(client, 30)
    before = client.session[LAST_SEEN_KEY]
    client.get(reverse("portal:dashboard"))
    assert client.session[LAST_SEEN_KEY] == before
