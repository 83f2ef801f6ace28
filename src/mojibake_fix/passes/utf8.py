"""UTF-8 read through single-byte code pages, found and decoded by ftfy.

ftfy's ``fix_encoding_and_explain`` knows UTF-8 read as Latin-1, cp1250 to cp1254,
cp1257, ISO-8859-2, Mac-Roman and cp437, once or several times over, in a whole line or
in part of one, and the lossy forms (a no-break space become a space, a byte lost as
"?"); its byte-structure heuristics (``ftfy.badness``) are years of tuning on real text,
and they leave correct text alone.  This pass does not re-derive them: it asks ftfy for
its repair of each line and turns it into positioned, reversible proposals, one per
stretch that differs, each named by the code pages of ftfy's plan (the bytes it decodes
are the evidence).  What ftfy lacks is word knowledge: it takes the first code page
whose bytes decode, and Finnish "myĆ¶s" decodes through cp1250 as "myƶs" before cp1257
gives "myös"; every code page that decodes a line is tried, and the lexicon chooses
(``_likeliest``).

A stretch that decodes to a no-break space alone ("Â " read back through ftfy's
``restore_byte_a0``) is left as it is unless ftfy reads another stretch of its line as
words: one lead byte before a space is too little, and in Russian read as cp1252 from
cp1251 "Â " is "В ", in Danish read as Mac-Roman "å ".

A "•" may stand for a byte no code page could show ("teÄ•ka" is "tečka" or "teďka")
rather than for the byte 0x95 ftfy reads it as ("Î•" is "Ε" or "Ν").  A line with a
stretch holding one, as it is or once read back ("Ã¢â‚¬â€¢" is "â€•"), is left to the
mojibake pass where it reads UTF-8 through one of the plan's code pages, which weighs every byte the "•" may hide
with the lexicon and the evidence of the line's other words; unless ftfy's reading
makes only letters, in words some language lists, and no other byte the placeholder
may stand for does (``_alone_makes_words``: "Î•Î»Î»Î·Î½Î¹ÎºÎ¬" is "Ελληνικά").

>>> from mojibake_fix import clean
>>> clean("РљРёС—РІ С– Р›СЊРІС–РІ").text
'Київ і Львів'
>>> clean("─îe┼ítina").text, clean("Avenue de l'HĂ´pital, LiĂ¨ge").text
('Čeština', "Avenue de l'Hôpital, Liège")
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import cache

from ftfy import ExplanationStep, apply_plan, fix_encoding_and_explain
from ftfy.badness import is_bad
from ftfy.chardata import CHARMAP_ENCODINGS, possible_encoding

from .. import rules
from ..align import diff_spans
from ..changes import Proposal, Step
from ..channels import PLACEHOLDERS, Channel, decode_byte
from ..context import Context
from ..document import Document
from ..lexicon import Lexicon, listed_somewhere, worded
from ..scoring import LETTERS, TOKEN, text_logprob
from ..triggers import Check

#: The code page behind each of ftfy's encodings, in this project's spelling.
CODE_PAGES = {
    "latin-1": "latin-1",
    "iso-8859-2": "iso8859_2",
    "macroman": "mac_roman",
    "cp437": "cp437",
    **{f"sloppy-windows-{n}": f"cp{n}" for n in (1250, 1251, 1252, 1253, 1254, 1257)},
}
#: How sure a stretch of UTF-8 bytes decoded is: ftfy's heuristics found the line bad,
#: and the bytes decode as UTF-8.
DECODED = 0.99
#: Where ftfy could only mark a byte lost (U+FFFD for "â€?"): the letter is still gone.
LOSSY = 0.95

#: Lines longer than this are left to the mojibake pass: aligning ftfy's repair with the
#: line (``diff_spans``) and trying every code page cost more than linear time.
MAX_LINE = 5_000
#: Placeholders in a line beyond which each is read as the byte it shows, unweighed.
MAX_PLACEHOLDERS = 8
#: ftfy's plan where it decoded stretches of a line apart, each by its own plan.
INCONSISTENT = [("apply", "decode_inconsistent_utf8")]
#: ftfy's plan of a repair: (action, parameter) steps such as ("encode", "sloppy-windows-1252").
Plan = Sequence[tuple[str, str]]
#: What gives the pass work in a whole text: a non-ASCII character ftfy finds odd.
TRIGGER = Check(lambda text: not text.isascii() and is_bad(text))


def _explain(text: str) -> tuple[str, Plan]:
    """ftfy's repair of ``text``'s encoding and its plan (empty where there is none)."""
    fixed, plan = fix_encoding_and_explain(text)
    return fixed, plan or []


def channel_of(plan: Plan) -> str | None:
    """The confusion ftfy's ``plan`` undoes, as ``"utf-8>read>read again"``; None when
    the plan decodes no UTF-8 (a lone C1 control read as Windows-1252 is hygiene's).

    >>> channel_of([("encode", "sloppy-windows-1251"), ("decode", "utf-8")])
    'utf-8>cp1251'
    >>> channel_of([("encode", "sloppy-windows-1252"), ("decode", "utf-8"), ("encode", "macroman"), ("decode", "utf-8")])
    'utf-8>mac_roman>cp1252'
    >>> channel_of([("apply", "decode_inconsistent_utf8")]), channel_of([("transcode", "fix_c1_controls")])
    ('utf-8>cp1252', None)
    """
    read: list[str] = []
    for action, parameter in plan:
        if action == "encode":
            read.append(CODE_PAGES.get(parameter, parameter))
        elif action == "apply" and parameter == "decode_inconsistent_utf8":
            read.append("cp1252")
    decodes = any(action == "decode" and parameter.startswith("utf-8") for action, parameter in plan)
    if not read or not (decodes or "decode_inconsistent_utf8" in (p for _, p in plan)):
        return None
    return ">".join(["utf-8", *reversed(read)])


def _through_placeholder(text: str, plan: Plan) -> bool:
    """Whether ``text`` holds a placeholder, as it is or read back through a first part
    of ``plan`` (a plan that does not apply to ``text`` alone says nothing).

    >>> plan = [("encode", "sloppy-windows-1252"), ("decode", "utf-8")] * 2
    >>> _through_placeholder("Ã¢â‚¬â€¢", plan), _through_placeholder("Ã¢â‚¬Å“", plan)
    (True, False)
    """
    layers = [text]
    for end, (action, _) in enumerate(plan[:-1], 1):
        if action == "decode":
            try:
                layers.append(apply_plan(text, list(plan[:end])))
            except UnicodeError:
                break
    return any(p in layer for layer in layers for p in PLACEHOLDERS)


def _makes_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is letters only, inside words of two letters or more
    that some language lists (a lone letter says too little: "ѕ" may be "с").

    >>> _makes_words("Ελληνικά", 0, 1), _makes_words("teĕka", 2, 3), _makes_words("text―", 4, 5)
    (True, False, False)
    >>> _makes_words("работает ѕ файлами", 9, 10)
    False
    """
    words = [m.group() for m in LETTERS.finditer(text) if m.start() < end and start < m.end()]
    return (
        all(c.isalpha() for c in text[start:end]) and bool(words)
        and all(len(word) > 1 and listed_somewhere(word) for word in words)
    )


def _likeliest(text: str, fixed: str, plan: Plan, lexicon: Lexicon) -> tuple[str, Plan]:
    """ftfy's ``fixed`` reading of ``text`` by ``plan``, or where the plan reads UTF-8 back
    through one code page, the reading the lexicon finds likeliest among those through
    each of ftfy's code pages, with each placeholder read as the byte the code page shows
    as "•" or as any it could not show (``_byte_reading``; ftfy's reading on a tie).

    >>> from mojibake_fix.lexicon import Lexicon
    >>> _likeliest("myĆ¶s", "myƶs", [("encode", "sloppy-windows-1250"), ("decode", "utf-8")], Lexicon(["fi"]))[0]
    'myös'
    >>> _likeliest("PĹ•ĂŤPONA", "PŕÍPONA", [("encode", "sloppy-windows-1250"), ("decode", "utf-8")], Lexicon(["cs"]))[0]
    'PŘÍPONA'
    """
    if [action for action, _ in plan[:2]] != ["encode", "decode"] or plan[1][1] != "utf-8":
        return fixed, plan
    scores: dict[str, float] = {}
    best, best_score = (fixed, plan), _logprob(fixed, lexicon, scores)
    for encoding in CHARMAP_ENCODINGS:
        if not possible_encoding(text, encoding):
            continue
        reading = _byte_reading(text, encoding, lexicon, scores)
        score = _logprob(reading, lexicon, scores) if reading is not None else -math.inf
        if reading is not None and score > best_score:
            best, best_score = (reading, [ExplanationStep("encode", encoding), ExplanationStep("decode", "utf-8")]), score
    return best


def _stretch_reading(
    before: str, alone: str, own: Plan, fixed: str, start: int, end: int, lexicon: Lexicon
) -> tuple[str, Plan]:
    """ftfy's reading ``alone`` of a stretch ``before`` it decoded apart by plan ``own``
    (now ``fixed[start:end]``), or where the plan reads UTF-8 back through one code page,
    the reading through each of ftfy's code pages that makes the likeliest token with the
    rest of its token in the line: ftfy takes the first that decodes, and Czech "ĹžĂĄ"
    beside correct words is "Şå" through cp1250 but "žá" through ISO-8859-2.

    >>> from mojibake_fix.lexicon import Lexicon
    >>> plan = [("encode", "sloppy-windows-1250"), ("decode", "utf-8")]
    >>> _stretch_reading("ĹžĂĄ", "Şå", plan, "pivo leŞåk", 7, 9, Lexicon(["cs"]))[0]
    'žá'
    """
    if [action for action, _ in own[:2]] != ["encode", "decode"] or own[1][1] != "utf-8":
        return alone, own
    first = fixed.rfind(" ", 0, start) + 1
    last = fixed.find(" ", end) % (len(fixed) + 1)  # the line's end where no space follows

    def score(reading: str) -> float:
        return text_logprob(fixed[first:start] + reading + fixed[end:last], lexicon)

    best, best_score = (alone, own), score(alone)
    for encoding in CHARMAP_ENCODINGS:
        try:
            reading = before.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if (found := score(reading)) > best_score:
            best, best_score = (reading, [ExplanationStep("encode", encoding), ExplanationStep("decode", "utf-8")]), found
    return best


def _byte_reading(text: str, encoding: str, lexicon: Lexicon, scores: dict[str, float]) -> str | None:
    """``text`` encoded in ``encoding`` and decoded as UTF-8 (None where it does not
    decode), each placeholder the code page shows as one byte read, in turn, as the byte
    that makes the likeliest line: that byte, or one the code page cannot show (in a line
    of more than ``MAX_PLACEHOLDERS``, each as the byte it shows).

    >>> from mojibake_fix.lexicon import Lexicon
    >>> _byte_reading("neumoĹľĹ•uje", "sloppy-windows-1250", Lexicon(["cs"]), {})
    'neumožňuje'
    """
    data = bytearray(text.encode(encoding))
    if len(data) != len(text):
        return None  # not a single-byte code page
    hidden = [i for i, char in enumerate(text) if char in PLACEHOLDERS and len(char.encode(encoding)) == 1]
    for i in hidden if len(hidden) <= MAX_PLACEHOLDERS else ():  # each try decodes the line
        options = []
        for byte in (data[i], *_unshown(encoding)):
            data[i] = byte
            try:
                options.append((byte, _logprob(data.decode("utf-8"), lexicon, scores)))
            except UnicodeDecodeError:
                continue
        if options:
            data[i] = max(options, key=lambda option: option[1])[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _logprob(text: str, lexicon: Lexicon, scores: dict[str, float]) -> float:
    """The log-probability of a line, token by token (``scores`` caches the tokens')."""
    total = 0.0
    for token in text.split():
        if token not in scores:
            scores[token] = text_logprob(token, lexicon)
        total += scores[token]
    return total


@cache
def _unshown(encoding: str) -> tuple[int, ...]:
    """The bytes a code page cannot show (ftfy's sloppy codecs show them as C1 controls).

    >>> _unshown("sloppy-windows-1250"), _unshown("latin-1")
    ((129, 131, 136, 144, 152), ())
    """
    codec = encoding.removeprefix("sloppy-").replace("windows-", "cp")
    return tuple(byte for byte in range(0x80, 0x100) if decode_byte(codec, byte, sloppy=False) is None)


def _alone_makes_words(line: str, start: int, end: int, before: str, plan: Plan) -> bool:
    """Whether ``line[start:end]``, the reading of ``before`` by ``plan``, makes words
    (``_makes_words``) and no other byte its placeholders may stand for does: Greek
    "Î•" is "Ε", as no other reading makes "Ελληνικά" a word, but "Ä•i" is Czech
    "či" or Vietnamese "đi".

    >>> plan = [("encode", "sloppy-windows-1252"), ("decode", "utf-8")]
    >>> _alone_makes_words("Ελληνικά", 0, 1, "Î•", plan), _alone_makes_words("cmp či diff", 4, 5, "Ä•", plan)
    (True, False)
    """
    if not _makes_words(line, start, end):
        return False
    if [action for action, _ in plan] != ["encode", "decode"]:
        return False
    data = bytearray(before.encode(plan[0][1]))
    hidden = [i for i, char in enumerate(before) if char in PLACEHOLDERS]
    if len(data) != len(before) or len(hidden) != 1:
        return False
    for byte in _unshown(plan[0][1]) + (0x95,):
        data[hidden[0]] = byte
        try:
            other = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if other != line[start:end] and _makes_words(line[:start] + other + line[end:], start, start + len(other)):
            return False
    return True


def _read_otherwise(text: str, least: int, channels: Sequence[Channel], lexicon: Lexicon) -> bool:
    """Whether ``least`` tokens of the line ``text`` or more are no words as they stand but
    words of the ``lexicon``'s languages through one of the single-byte ``channels``,
    which changes their letters ("Ã³" in Spanish is no Ukrainian "Гі").  A line holding more of them than
    of stretches ftfy reads as words (at least one) is left to the mojibake pass, which
    weighs both readings with the document's evidence: in Danish read as Mac-Roman, "mÂ"
    is "må", not "m" and a no-break space; in Czech read as cp1252 from Mac-Roman,
    "Ř‡dek" is "Řádek", not "؇dek"; in Russian read as cp1252 from KOI8-R, the "Î£" of
    "ÓÍÅÎ£Î" is no "Σ" beside "ËÏÇÄÁ" ("когда").

    >>> from mojibake_fix.channels import get_channel
    >>> _read_otherwise("Ř‡dek zač’naj’c’ znakem", 1, [get_channel("mac_roman>cp1252")], Lexicon(["cs"]))
    True
    >>> _read_otherwise("Le cafÃ© est trÃ¨s bon", 1, [get_channel("mac_roman>cp1252")], Lexicon(["fr"]))
    False
    """
    found = 0
    for token in dict.fromkeys(TOKEN.findall(text)):
        if token.isascii() or worded(token):
            continue
        letters = LETTERS.findall(token)
        if any(
            worded(reading, lexicon.known) and LETTERS.findall(reading) != letters
            for channel in channels for reading, _ in channel.readings(token)
        ):
            found += 1
            if found >= least:
                return True
    return False


def _reads(channel: Channel, text: str) -> bool:
    """Whether ``channel`` could have written every character of ``text`` and reads it
    back: German "Ć•" is a "ß" read as cp1257, which lost its second byte; the "˘" of
    Hebrew "×˘" is no character of cp1252, and only ftfy's cp1250 reads it.

    >>> from mojibake_fix.channels import get_channel
    >>> _reads(get_channel("utf-8>cp1257"), "Ć•"), _reads(get_channel("utf-8>cp1252"), "Ć•")
    (True, False)
    >>> _reads(get_channel("utf-8>cp1252"), "×•×“×˘")
    False
    """
    return channel.could_write(text) and next(iter(channel.readings(text, partial=False)), None) is not None


def _words_undone(text: str, a0: int, a1: int, fixed: str, b0: int, b1: int) -> bool:
    """Whether a token of ``text`` around ``[a0, a1)`` is a listed word (``worded``) and
    some token of ``fixed`` around ``[b0, b1)``, its reading, is not.  ftfy reads
    "l’équipe de la soirÃ©e" back through Mac-Roman, the one code page whose bytes
    decode for the whole line, and the correct "l’équipe" holds the bytes of "Վ" ("’é");
    in Ukrainian read as cp1251, the correct "має" before "Р±СѓС‚Рё" ends with the bytes
    of "ຠ" once the space between is read as a no-break space.  Such a line was not
    read through one code page, and is left to the mojibake pass, which reads it token
    by token.

    >>> _words_undone("l’équipe", 1, 3, "lՎquipe", 1, 2), _words_undone("cafÃ©", 3, 5, "café", 3, 4)
    (True, False)
    >>> _words_undone("має Р±СѓС‚Рё", 1, 11, "мຠбути", 1, 6)
    True
    """
    return any(worded(token) for token in _tokens(text, a0, a1)) and not all(worded(token) for token in _tokens(fixed, b0, b1))


def _read_better_otherwise(
    text: str, a0: int, a1: int, fixed: str, b0: int, b1: int, channels: Sequence[Channel], lexicon: Lexicon
) -> bool:
    """Whether the tokens of ``fixed`` around ``[b0, b1)``, ftfy's reading of ``text``
    around ``[a0, a1)``, are not all listed words (nor hold a byte ftfy marked lost), and
    one of the UTF-8 ``channels`` reads
    the tokens of ``text`` there, each whole, into likelier text.  In Polish read as
    Mac-Roman, ftfy finds the bytes of "ǃ" in "Od≈ÇƒÖcza" through cp1252, out of step
    with the bytes of "Odłącza".

    >>> from mojibake_fix.channels import get_channel
    >>> channels, lexicon = [get_channel("utf-8>mac_roman")], Lexicon(["pl"])
    >>> _read_better_otherwise("Od≈ÇƒÖcza", 3, 5, "Od≈ǃÖcza", 3, 4, channels, lexicon)
    True
    >>> _read_better_otherwise("cafÃ©", 3, 5, "café", 3, 4, channels, lexicon)
    False
    """
    after = _tokens(fixed, b0, b1)
    if all(worded(token) for token in after) or any("\ufffd" in token for token in after):
        return False  # words, or bytes ftfy marks lost: none of those is a word
    before = _tokens(text, a0, a1)
    scores: dict[str, float] = {}
    least = _logprob(" ".join(after), lexicon, scores)
    for channel in channels:
        if not all(channel.could_write(token) for token in before):
            continue  # "ŠÙ" is not Latin-1: it would be left as it stands
        read = []
        for token in before:
            readings = [reading for reading, _ in channel.readings(token, partial=False)]
            read.append(max(readings, key=lambda reading: _logprob(reading, lexicon, scores)) if readings else token)
        if read not in (before, after) and _logprob(" ".join(read), lexicon, scores) > least:
            return True
    return False


def _tokens(text: str, start: int, end: int) -> list[str]:
    """The tokens (``TOKEN``) of ``text`` that overlap ``[start, end)``."""
    return [m.group() for m in TOKEN.finditer(text) if m.start() < max(end, start + 1) and start < m.end()]


def repair(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Propose ftfy's decoding of every line its heuristics find bad, stretch by stretch
    (the engine runs it only where ``TRIGGER`` finds work), when the channels to try hold
    one of UTF-8."""
    # the code pages the mojibake pass reads UTF-8 through, placeholders and all
    readers = [channel for channel in ctx.channels if channel.name.startswith("utf-8>")]
    weighed = {page for channel in readers for page in channel.name.split(">")[1:]}
    if not weighed:
        return
    single = [channel for channel in ctx.channels if channel not in readers]
    for number, line in enumerate(doc.lines):
        text = line.text
        if text.isascii() or len(text) > MAX_LINE or not is_bad(text):
            continue
        fixed, plan = _likeliest(text, *_explain(text), ctx.lexicon)
        channel = channel_of(plan) if fixed != text else None
        if channel is None:
            continue
        proposals = []
        in_words = 0  # stretches ftfy reads as words
        for a0, a1, b0, b1 in diff_spans(text, fixed):
            before, after = text[a0:a1], fixed[b0:b1]
            steps = plan
            if plan == INCONSISTENT:  # stretches decoded apart are named by their own plans
                alone, own = _explain(before)
                if alone == after and channel_of(own):
                    after, steps = _stretch_reading(before, alone, own, fixed, b0, b1, ctx.lexicon)
                    fixed, b1 = fixed[:b0] + after + fixed[b1:], b0 + len(after)
            named = channel_of(steps) or channel
            if _words_undone(text, a0, a1, fixed, b0, b1) or _read_better_otherwise(text, a0, a1, fixed, b0, b1, readers, ctx.lexicon):
                break  # the line was not read through the plan whole: the mojibake pass reads its tokens
            if (
                _through_placeholder(before, steps) and not _alone_makes_words(fixed, b0, b1, before, steps)
                and (
                    weighed.intersection(named.split(">")[1:])
                    or any(_reads(channel, before) for channel in readers)
                )
            ):
                # the line is the mojibake pass's, with the evidence of its other words: it
                # reads the placeholder as any byte its own code pages lost, where ftfy reads
                # it as the byte another code page shows ("Ć•" is "ß" through cp1257, not "ƕ")
                break
            if _tokens(fixed, b0, b1) and all(worded(token) for token in _tokens(fixed, b0, b1)):
                in_words += 1
            confidence = LOSSY if "\ufffd" in after else DECODED
            how = ", ".join(f"{action} {parameter}" for action, parameter in steps)
            evidence = f"‘{before}’ is the UTF-8 bytes of ‘{after}’ read as {named.split('>', 1)[1]} (ftfy: {how})"
            proposals.append(Proposal(number, a0, a1, after, Step(rules.codec_rule(named), confidence, evidence)))
        else:
            if not _read_otherwise(text, max(1, in_words), single, ctx.lexicon):  # else the mojibake pass weighs both
                # "Â " read as a no-break space is a guess: only beside other words decoded
                yield from (p for p in proposals if in_words or p.after.strip() or not p.after)
