"""The rules a change's steps name, each defined once.

A rule reads ``family:detail``: the family says what kind of repair it is, the detail
which one.  Passes write their steps' rules from here, and a pass that needs to know what
an earlier one did asks the step (``Step.by_codec``, ``Step.restores_ligature``,
``Step.reads_utf8``) rather than matching names, so that renaming a rule cannot silently
change another pass.

>>> codec_rule("mac_roman>cp1252"), codec_rule("mac_roman>cp1252", placeholder=True)
('mojibake:mac_roman>cp1252', 'placeholder:mac_roman>cp1252')
>>> family(LIGATURE_SPLIT), family(codec_rule("utf-8>cp1252"))
('ligature', 'mojibake')
"""

from __future__ import annotations

#: A codec confusion read back (``mojibake:<channel>``).
MOJIBAKE = "mojibake"
#: The same, where a placeholder ("•", U+FFFD, a C1 control) stood for a lost letter.
PLACEHOLDER = "placeholder"
#: The families whose steps repaired letters through a code-page channel.
CODEC_FAMILIES = frozenset({MOJIBAKE, PLACEHOLDER})
#: The UTF-8 channels' names start so (``utf-8>cp1252``, ``utf-8>cp1252>cp1252``).
UTF8_CHANNEL = "utf-8>"

CID_BYTE = "cid:byte"
CID_GUILLEMET = "cid:guillemet"
CID_LIGATURE = "cid:ligature"

LIGATURE = "ligature"
LIGATURE_CODEPOINT = "ligature:codepoint"
LIGATURE_REPLACED = "ligature:replaced"
LIGATURE_SPLIT = "ligature:split"
LIGATURE_DROPPED = "ligature:dropped"

HYGIENE_BOM = "hygiene:bom"
HYGIENE_CONTROL = "hygiene:control"
HYGIENE_NFC = "hygiene:nfc"
HYGIENE_C1_PUNCTUATION = "hygiene:c1-punctuation"

ACCENTS_SPACING = "accents:spacing"

#: A word split apart joined: by the layout pass (glyph-width drift) and by the mojibake
#: pass (a word split at a broken letter, decided with the letter).
SPLIT_WORD = "spacing:split_word"
SPACING_AFTER_REPAIR = "spacing:after_repair"
SPACING_LETTER_SPACED = "spacing:letter_spaced"
SPACING_RUNS = "spacing:runs"
SPACING_TRAILING = "spacing:trailing"

HYPHENATION_JOIN = "hyphenation:join"
HYPHENATION_KEEP = "hyphenation:keep"
HYPHENATION_SOFT_HYPHEN = "hyphenation:soft_hyphen"


def family(rule: str) -> str:
    """The family of ``rule``: what comes before its colon."""
    return rule.partition(":")[0]


def codec_rule(channel: str, placeholder: bool = False) -> str:
    """The rule of a repair through ``channel`` (a channel's name, ``true>read``)."""
    return f"{PLACEHOLDER if placeholder else MOJIBAKE}:{channel}"


def ligature_join_rule(name: str) -> str:
    """The rule of a word joined at a gap beside a ligature letter (``oe``, ``ae``)."""
    return f"{LIGATURE}:{name}"
