"""``fix_text`` is ``clean(...).text`` under every option, and says so when an option is wrong."""

from __future__ import annotations

import pytest
from conftest import BROCHURE_INPUT

from mojibake_fix import clean, fix_text

OPTIONS = [
    {},
    {"keep_line_breaks": True},
    {"languages": ["fr"], "min_confidence": 0.99},
    {"channels": ["utf-8>cp1252"], "repairs": []},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_fix_text_is_the_text_clean_gives(options: dict[str, object]) -> None:
    text = BROCHURE_INPUT.read_text(encoding="utf-8")[:3000].replace("\n", "\r\n")
    assert fix_text(text, **options) == clean(text, **options).text  # type: ignore[arg-type]


def test_fix_text_names_an_unknown_option_and_the_known_ones() -> None:
    with pytest.raises(TypeError, match=r"fix_text\(\) got unknown option\(s\) keep_breaks \(choose from .*keep_line_breaks"):
        fix_text("x", keep_breaks=True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_confidence": 2}, "min_confidence must be between 0 and 1"),
        ({"languages": ["xx"]}, "no word list for language"),
        ({"repairs": ["colours"]}, "unknown repair"),
    ],
)
def test_a_wrong_value_is_the_same_error_for_fix_text_and_clean(options: dict[str, object], message: str) -> None:
    for function in (fix_text, clean):
        with pytest.raises(ValueError, match=message):
            function("x", **options)  # type: ignore[operator]
