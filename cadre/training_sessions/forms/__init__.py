"""What the forms and views of sessions share: reading an object's id from a form or an address."""

# The largest id a database column holds: a larger number is no object's id (and SQLite cannot
# compare one with a column).
MAX_ID = 2**63 - 1
MAX_ID_DIGITS = len(str(MAX_ID))


def as_id(value: object) -> int | None:
    """`value` as an object's id: None unless it is written in plain digits and fits a column."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
