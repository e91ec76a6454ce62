"""Seat arithmetic: how many more participants a country (or region) may take.

A session has a capacity. It may reserve seats for countries or for regions (its `seats_by`);
the seats it does not reserve are open to everybody. A group's reserved seats that it has not
filled yet are *held* for it while its nominations are still to be decided (and while the
nomination window is open, since more may come); once they are all decided, its unfilled reserved
seats are released to everybody.

So a group may take as many seats as are free, less the unfilled reserved seats held for the
other groups: while everything is held, that is its own unfilled reserved seats plus the open
seats left. Properties follow and are tested: the seats taken never exceed the capacity; every
held group can still fill its reserved seats (when the reservations fit in the capacity); and no
seat is stuck: when nobody may take one more, the session is full.

This module is pure: the services count the rows (under the session's lock) and ask it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

# A country's or a region's id, as the session's `seats_by` says; None for a session without
# reserved seats, where the group does not matter.
Group = int | None


class NoSeatLeft(Exception):
    """The group may take no more seats: the session is full, or what is free is held for others."""

    def __init__(self, group: Group, *, full: bool) -> None:
        super().__init__(group)
        self.group = group
        self.full = full


@dataclass(frozen=True)
class SeatBook:
    capacity: int
    reserved: Mapping[int, int] = field(default_factory=dict)  # group -> seats reserved for it
    taken: Mapping[Group, int] = field(default_factory=dict)  # group -> participants accepted
    held: frozenset[int] = frozenset()  # groups whose unfilled reserved seats are kept for them

    @property
    def taken_total(self) -> int:
        return sum(self.taken.values())

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken_total, 0)

    @property
    def is_full(self) -> bool:
        return self.free == 0

    @property
    def reserved_total(self) -> int:
        return sum(self.reserved.values())

    @property
    def unreserved(self) -> int:
        """Seats reserved for nobody: open to every group."""
        return max(self.capacity - self.reserved_total, 0)

    def reserved_left(self, group: Group) -> int:
        """The group's reserved seats it has not filled yet."""
        if group is None:
            return 0
        return max(self.reserved.get(group, 0) - self.taken.get(group, 0), 0)

    def is_held(self, group: Group) -> bool:
        return group is not None and group in self.held and self.reserved_left(group) > 0

    def held_for_others(self, group: Group) -> int:
        return sum(self.reserved_left(other) for other in self.held if other != group)

    @property
    def open_left(self) -> int:
        """Free seats that any group may take: those not held for a group."""
        return max(self.free - self.held_for_others(None), 0)

    def allowance(self, group: Group) -> int:
        """How many more participants the group may take now: the free seats not held for others,
        and at least its own unfilled reserved seats while they are held (when the reservations
        add up to more than the capacity, the first to fill them get them)."""
        own = min(self.reserved_left(group), self.free) if self.is_held(group) else 0
        return max(self.free - self.held_for_others(group), own, 0)

    def take(self, group: Group) -> "SeatBook":
        """The book after the group takes one seat; NoSeatLeft when it may not."""
        if self.allowance(group) < 1:
            raise NoSeatLeft(group, full=self.is_full)
        return replace(self, taken={**self.taken, group: self.taken.get(group, 0) + 1})

    def release(self, group: Group) -> "SeatBook":
        """The book after one of the group's participants leaves."""
        count = self.taken.get(group, 0)
        if count < 1:
            raise ValueError(f"The group {group!r} holds no seat to release.")
        return replace(self, taken={**self.taken, group: count - 1})
