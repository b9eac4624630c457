import pytest

from forum.privacy.recognizers import nir


def spans(ctx, text):
    return [text[h.start:h.end] for h in nir.find(ctx(text))]


@pytest.mark.parametrize("number", [
    "2 55 04 67 482 077 32",
    "1.45.03.44.109.031.94",
    "2-33-02-63-113-032-79",
    "238052901904518",
    "1 60 07 59 350 412 / 40",
])
def test_valid_keys_are_found(ctx, number):
    assert nir.check(number) == "valid"
    assert spans(ctx, f"Son NIR : {number}, merci.") == [number]


def _key(body: str) -> int:
    return 97 - int(body.replace("2A", "19").replace("2B", "18")) % 97


@pytest.mark.parametrize("dept", ["2A", "2B"])
def test_corsica_keys(ctx, dept):
    body = f"15504{dept}482077"
    key = _key(body)
    assert nir.check(f"{body}{key:02d}") == "valid"
    assert nir.check(f"{body}{(key + 1) % 97:02d}") == "badkey"
    text = f"NIR 1 55 04 {dept} 482 077 {key:02d} pour la FSE"
    assert spans(ctx, text) == [f"1 55 04 {dept} 482 077 {key:02d}"]


def test_bad_key_still_reported_but_flagged():
    assert nir.check("1 52 11 69 123 087 87") == "badkey"


def test_thirteen_digits_without_key():
    assert nir.check("1 52 11 69 123 087") == "nokey"


@pytest.mark.parametrize("text", [
    "ticket n° 458213 chez le support",
    "RPPS 10101234567",
    "rappelle au 06 12 34 56 78",
    "IPP 20231045872",
    "9 99 99 99 999 999 99",
])
def test_other_numbers_are_not_nir(ctx, text):
    assert spans(ctx, text) == []


def test_invalid_month_is_not_nir():
    assert nir.check("1 52 13 69 123 087 86") is None
