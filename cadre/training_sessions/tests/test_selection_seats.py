"""The seat arithmetic: examples, and properties over any sequence of seats taken and freed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.training_sessions.services.seats import NoSeatLeft, SeatBook

KE, FR, NG = 1, 2, 3


def test_without_reserved_seats_everyone_takes_until_full() -> None:
    book = SeatBook(capacity=2, taken={None: 0})
    book = book.take(None).take(None)
    assert book.free == 0
    assert book.is_full
    with pytest.raises(NoSeatLeft) as refusal:
        book.take(None)
    assert refusal.value.full


def test_a_held_country_gets_its_reserved_seats_and_the_open_seats_left() -> None:
    # Ten seats: three for Kenya, two for France, five open to everybody.
    book = SeatBook(capacity=10, reserved={KE: 3, FR: 2}, held=frozenset({KE, FR}))
    assert book.unreserved == 5
    assert book.allowance(KE) == 3 + 5
    assert book.allowance(FR) == 2 + 5
    assert book.allowance(NG) == 5  # no reservation: only the open seats
    assert book.open_left == 5


def test_a_country_beyond_its_reservation_eats_the_open_seats_only() -> None:
    book = SeatBook(capacity=10, reserved={KE: 3, FR: 2}, held=frozenset({KE, FR}))
    for _ in range(8):
        book = book.take(KE)
    assert book.allowance(KE) == 0
    with pytest.raises(NoSeatLeft) as refusal:
        book.take(KE)
    assert not refusal.value.full  # seats are free, but they are France's
    assert book.free == 2
    assert book.allowance(FR) == 2
    assert book.allowance(NG) == 0


def test_reserved_seats_not_held_any_more_are_open_to_all() -> None:
    book = SeatBook(capacity=4, reserved={KE: 2, FR: 2}, taken={FR: 1}, held=frozenset({FR}))
    # Kenya's nominations are all decided: its two seats are no longer kept for it.
    assert book.allowance(NG) == 4 - 1 - 1  # France still holds one unfilled seat
    assert book.allowance(FR) == 3
    assert not book.is_held(KE)
    assert book.is_held(FR)


def test_reservations_beyond_capacity_go_to_the_first_to_fill_them() -> None:
    book = SeatBook(capacity=3, reserved={KE: 3, FR: 3}, held=frozenset({KE, FR}))
    assert book.unreserved == 0
    assert book.allowance(KE) == 3
    book = book.take(KE).take(KE)
    assert book.allowance(FR) == 1
    assert book.allowance(NG) == 0
    book = book.take(FR)
    assert book.is_full
    assert book.allowance(KE) == book.allowance(FR) == 0


def test_release_frees_one_seat_of_the_group() -> None:
    book = SeatBook(capacity=2, reserved={KE: 1}, taken={KE: 1, FR: 1}, held=frozenset({KE}))
    assert book.is_full
    book = book.release(KE)
    assert book.allowance(KE) == 1
    assert book.allowance(FR) == 0  # the seat freed is Kenya's reserved seat
    with pytest.raises(ValueError, match="holds no seat"):
        book.release(NG)


# --- Properties -------------------------------------------------------------------------------

GROUPS = st.sampled_from([KE, FR, NG, None])


@st.composite
def books(draw: st.DrawFn) -> SeatBook:
    capacity = draw(st.integers(min_value=1, max_value=40))
    reserved = draw(st.dictionaries(st.sampled_from([KE, FR]), st.integers(min_value=1, max_value=25)))
    held = draw(st.frozensets(st.sampled_from(sorted(reserved)))) if reserved else frozenset()
    return SeatBook(capacity=capacity, reserved=reserved, held=held)


def _check(book: SeatBook, start: SeatBook) -> None:
    assert book.taken_total <= book.capacity
    assert all(count >= 0 for count in book.taken.values())
    for group in book.held:
        # A held group can always still take what is left of its reservation, when the
        # reservations fit in the capacity.
        if start.reserved_total <= start.capacity:
            assert book.allowance(group) >= book.reserved_left(group)


@settings(max_examples=300, deadline=None)
@given(books(), st.lists(st.tuples(st.sampled_from(["take", "release"]), GROUPS), max_size=80))
def test_seats_are_never_over_capacity_nor_over_a_country_allowance(
    start: SeatBook, steps: list[tuple[str, int | None]]
) -> None:
    book = start
    for action, group in steps:
        if action == "take":
            allowance = book.allowance(group)
            try:
                after = book.take(group)
            except NoSeatLeft:
                assert allowance == 0
                continue
            assert allowance >= 1
            assert after.taken.get(group, 0) == book.taken.get(group, 0) + 1
            book = after
        elif book.taken.get(group, 0) > 0:
            book = book.release(group)
        _check(book, start)


@settings(max_examples=300, deadline=None)
@given(books(), st.lists(GROUPS, max_size=80))
def test_while_held_a_country_never_exceeds_its_reserved_plus_the_open_seats(
    start: SeatBook, takes: list[int | None]
) -> None:
    book = start
    for group in takes:
        if book.allowance(group) > 0:
            book = book.take(group)
    for group in (KE, FR, NG):
        taken = book.taken.get(group, 0)
        own = start.reserved.get(group, 0) if group is not None else 0
        others_held = sum(start.reserved[other] for other in start.held if other != group)
        assert taken <= max(start.capacity - others_held, own if group in start.held else 0)
        if start.reserved_total <= start.capacity and start.held == frozenset(start.reserved):
            # Everything held: the allowance is exactly its reservation plus the open seats.
            assert taken <= own + start.unreserved


@settings(max_examples=200, deadline=None)
@given(books(), st.lists(GROUPS, max_size=80))
def test_greedy_taking_fills_every_seat_someone_may_take(start: SeatBook, takes: list[int | None]) -> None:
    book = start
    for group in [*takes, KE, FR, NG, None] * 3:
        while book.allowance(group) > 0:
            book = book.take(group)
    # When nobody may take one more seat, none is left: no seat is stuck between reservations.
    assert book.free == 0
