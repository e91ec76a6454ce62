"""The attendance percentage and the outcome it leads to: pure functions, by example and by
property."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.training_sessions.models import Attendance, Nomination
from cadre.training_sessions.selectors.attendance import attendance_percent, day_credit
from cadre.training_sessions.services.completion import decide_outcome

P, L, H, A, E = "present", "late", "partial", "absent", "excused"
Outcome = Nomination.Outcome

# From worst to best whatever the rule: a day's credit never falls along this order.
ORDER = [None, A, E, H, L, P]


def percent(statuses: list[str | None], late: bool = True, share: int = 50) -> int:
    return attendance_percent(statuses, late_counts_as_present=late, partial_day_share=share)


@pytest.mark.parametrize(
    ("statuses", "late", "share", "expected"),
    [
        ([], True, 50, 0),
        ([P, P, P], True, 50, 100),
        ([A, A], True, 50, 0),
        ([P, H], True, 50, 75),
        ([P, H], True, 0, 50),
        ([P, L], True, 50, 100),
        ([P, L], False, 50, 75),
        ([P, L], False, 20, 60),
        ([P, E], True, 50, 50),  # excused counts as absent for the percentage
        ([P, None], True, 50, 50),  # a day not recorded counts as absent
        ([P, P, A], True, 50, 66),  # rounded down: 66.7% does not reach 67
        ([P, P, P, P, A], True, 50, 80),
        ([H, H, H], True, 100, 100),
    ],
)
def test_attendance_percent(statuses: list[str | None], late: bool, share: int, expected: int) -> None:
    assert percent(statuses, late, share) == expected


def test_every_mark_has_a_place_in_the_order() -> None:
    assert set(Attendance.Status.values) <= set(ORDER)


def test_a_share_outside_0_to_100_is_held_within_it() -> None:
    assert day_credit(H, late_counts_as_present=True, partial_day_share=250) == 100
    assert day_credit(H, late_counts_as_present=True, partial_day_share=-5) == 0


statuses_strategy = st.lists(st.sampled_from(ORDER), min_size=1, max_size=30)
share_strategy = st.integers(min_value=0, max_value=100)


@given(statuses_strategy, st.booleans(), share_strategy)
def test_always_between_0_and_100(statuses: list[str | None], late: bool, share: int) -> None:
    assert 0 <= percent(statuses, late, share) <= 100


@given(statuses_strategy, st.booleans(), share_strategy, st.data())
def test_a_better_mark_never_lowers_the_percentage(
    statuses: list[str | None], late: bool, share: int, data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(statuses) - 1))
    better = data.draw(st.sampled_from(ORDER[ORDER.index(statuses[index]) :]))
    improved = [*statuses[:index], better, *statuses[index + 1 :]]
    assert percent(improved, late, share) >= percent(statuses, late, share)


@given(statuses_strategy, st.booleans(), share_strategy, share_strategy)
def test_a_larger_partial_share_never_lowers_the_percentage(
    statuses: list[str | None], late: bool, share: int, other: int
) -> None:
    low, high = sorted((share, other))
    assert percent(statuses, late, high) >= percent(statuses, late, low)


@given(statuses_strategy, share_strategy)
def test_counting_late_as_present_never_lowers_the_percentage(statuses: list[str | None], share: int) -> None:
    assert percent(statuses, True, share) >= percent(statuses, False, share)


@given(statuses_strategy, st.booleans(), share_strategy)
def test_another_day_present_never_lowers_and_absent_never_raises(
    statuses: list[str | None], late: bool, share: int
) -> None:
    now = percent(statuses, late, share)
    assert percent([*statuses, P], late, share) >= now
    assert percent([*statuses, A], late, share) <= now


@given(st.integers(min_value=1, max_value=30), st.booleans(), share_strategy)
def test_present_every_day_is_100_and_never_there_is_0(days: int, late: bool, share: int) -> None:
    assert percent([P] * days, late, share) == 100
    assert percent([None] * days, late, share) == 0
    assert percent([E] * days, late, share) == 0


# --- The outcome ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent_", "needs_post_test", "score", "expected"),
    [
        (80, True, 70, Outcome.COMPLETED),
        (100, True, 95, Outcome.COMPLETED),
        (80, True, 69, Outcome.ATTENDED),  # took the post-test, did not pass
        (80, True, None, Outcome.ATTENDED),  # did not take it
        (80, False, None, Outcome.COMPLETED),  # not required, or no question bank
        (79, False, None, Outcome.NOT_COMPLETED),
        (79, True, 100, Outcome.NOT_COMPLETED),  # passing does not make up for attendance
        (0, True, None, Outcome.NOT_COMPLETED),
    ],
)
def test_decide_outcome(percent_: int, needs_post_test: bool, score: int | None, expected: str) -> None:
    assert (
        decide_outcome(
            percent=percent_, min_percent=80, needs_post_test=needs_post_test, score=score, pass_mark=70
        )
        == expected
    )
