"""``fix_text`` is ``clean(...).text`` under every option, and says so when an option is wrong."""

from __future__ import annotations

import pytest
from conftest import BROCHURE_INPUT

from mojibake_fix import Options, clean, fix_text
from mojibake_fix.options import OptionError, default_repairs

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


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_confidence": -0.1}, "min_confidence must be between 0 and 1"),
        ({"languages": ["fr", "xx"]}, r"no word list for language\(s\) xx$"),
        ({"channels": ["cp1252"]}, "channel 'cp1252' is not of the form"),
        ({"repairs": ["accents", "colours"]}, r"unknown repair\(s\) colours \(choose from "),
    ],
)
def test_options_check_their_values_when_made(options: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError, match=message) as caught:
        Options(**options)  # type: ignore[arg-type]
    assert caught.value.option == next(iter(options))
    with pytest.raises(ValueError, match=message):  # the same words wherever the options come in
        clean("x", **options)  # type: ignore[arg-type]


def test_options_given_whole_clean_as_the_same_keyword_options() -> None:
    text = BROCHURE_INPUT.read_text(encoding="utf-8")[:2000].replace("\n", "\r\n")
    keywords: dict[str, object] = {"languages": ["fr"], "keep_line_breaks": True, "repairs": []}
    options = Options(**keywords)  # type: ignore[arg-type]
    assert clean(text, options=options) == clean(text, **keywords)  # type: ignore[arg-type]
    assert fix_text(text, options=options) == clean(text, **keywords).text  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not both"):
        clean(text, options=options, min_confidence=0.5)


def test_options_are_values_whatever_collections_they_were_given_in() -> None:
    assert Options(languages=["fr"], channels=["utf-8>cp1252"], repairs=["accents"]) == Options(
        languages=("fr",), channels=("utf-8>cp1252",), repairs={"accents"}
    )
    assert len({Options(), Options(min_confidence=0.9)}) == 1
    assert Options().enabled_repairs() == default_repairs(pdf=False) != default_repairs(pdf=True)
