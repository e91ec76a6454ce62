from cadre.lib import codes


def test_a_code_uses_the_readable_alphabet_and_skips_taken_ones() -> None:
    seen: list[str] = []

    def taken(code: str) -> bool:
        seen.append(code)
        return len(seen) < 3  # the first two draws are taken

    code = codes.unguessable_code(10, taken=taken)

    assert code == seen[-1]
    assert len(seen) == 3
    assert len(code) == 10
    assert set(code) <= set(codes.ALPHABET)
    assert not set("01IO") & set(codes.ALPHABET)


def test_a_typed_code_is_read_in_its_stored_form() -> None:
    assert codes.normalised_code(" abc-def 23 ") == "ABCDEF23"
    assert codes.normalised_code("abcdefgh", max_length=4) == "ABCD"
