from django.urls import path

from cadre.training_sessions.views import attendance, completion_rules, session_calendars, session_instructors
from cadre.training_sessions.views import invitations as invitation_views
from cadre.training_sessions.views import ncb as ncb_views
from cadre.training_sessions.views import nominations as nomination_views
from cadre.training_sessions.views import record as record_views
from cadre.training_sessions.views import selection as selection_views
from cadre.training_sessions.views import sessions as session_views

app_name = "training_sessions"

urlpatterns: list = []

# --- Scheduling: the list, a session's page, its plan, states, instructors and calendars ---------
urlpatterns += [
    path("", session_views.session_list, name="list"),
    path("new/", session_views.create_session, name="create"),
    path("calendar/<str:token>.ics", session_calendars.feed, name="feed"),
    path("<int:pk>/", session_views.session_detail, name="detail"),
    path("<int:pk>/edit/", session_views.edit_session, name="edit"),
    path("<int:pk>/status/", session_views.change_status, name="change_status"),
    path("<int:pk>/reschedule/", session_views.reschedule_session, name="reschedule"),
    path("<int:pk>/cancel/", session_views.cancel_session, name="cancel"),
    path("<int:pk>/instructors/", session_instructors.candidates, name="instructors"),
    path("<int:pk>/instructors/add/", session_instructors.add_instructor, name="add_instructor"),
    path(
        "<int:pk>/instructors/<int:link>/remove/",
        session_instructors.remove_instructor,
        name="remove_instructor",
    ),
    path("<int:pk>/calendar.ics", session_calendars.session_ics, name="ics"),
]

# --- Attendance, QR check-in and completion ------------------------------------------------------
urlpatterns += [
    path("<int:pk>/attendance/", attendance.sheet, name="attendance"),
    path("<int:pk>/attendance/record/", attendance.record, name="record_attendance"),
    path("<int:pk>/attendance/summary/", attendance.attendance_summary, name="attendance_summary"),
    path("<int:pk>/days/<int:day>/check-in-screen/", attendance.checkin_screen, name="checkin_screen"),
    path("<int:pk>/days/<int:day>/rotate-check-in/", attendance.rotate_checkin, name="rotate_checkin"),
    path("check-in/<slug:key>/", attendance.check_in, name="check_in"),
    path("<int:pk>/complete/", completion_rules.complete, name="complete"),
    path("<int:pk>/recompute-outcomes/", completion_rules.recompute, name="recompute_outcomes"),
    path("completion-rules/<int:course>/", completion_rules.completion_rule, name="completion_rule"),
]

# --- Nominations: nominating, endorsing, the NCB's page and a participant's record ---------------
urlpatterns += [
    path("<int:pk>/nominate/", nomination_views.nominate, name="nominate"),
    path("nominations/<int:pk>/", nomination_views.nomination_detail, name="nomination"),
    path("nominations/endorse/", nomination_views.endorse, name="endorse"),
    path("ncb/", ncb_views.ncb, name="ncb"),
    path("ncb/export/", ncb_views.ncb_export, name="ncb_export"),
    path("my/", record_views.record, name="record"),
]

# --- Selection, waitlist, withdrawal, and the participant's invitation and letter -------------
urlpatterns += [
    path("<int:pk>/selection/", selection_views.selection, name="selection"),
    path("<int:pk>/selection/decide/", selection_views.decide_bulk, name="decide_bulk"),
    path("<int:pk>/waitlist/", selection_views.waitlist, name="waitlist"),
    path("<int:pk>/waitlist/fill/", selection_views.fill_waitlist, name="fill_waitlist"),
    path("nominations/<int:pk>/decide/", selection_views.decide, name="decide"),
    path("nominations/<int:pk>/move/", selection_views.move_waitlisted, name="move_waitlisted"),
    path("nominations/<int:pk>/withdraw/", selection_views.withdraw, name="withdraw"),
    path("nominations/<int:pk>/remove/", selection_views.remove, name="remove_participant"),
    path("nominations/<int:pk>/invitation/", invitation_views.respond, name="respond"),
    path("nominations/<int:pk>/letter/", invitation_views.letter, name="letter"),
]
