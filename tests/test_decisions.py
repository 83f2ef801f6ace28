"""Single decisions of the mojibake pass: what it repairs, what it leaves, what it flags."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from mojibake_fix import clean, fix_text
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel
from mojibake_fix.languages import LANGUAGE_SAMPLE, attested_languages
from mojibake_fix.lexicon import Lexicon
from mojibake_fix.passes.ranking import Candidate, TokenJudge

FRENCH_DAMAGE = (
    "Le rŽseau a ŽtŽ lancŽ en 1990 au si•ge des Nations Unies.\n"
    "Il a pour mission de dŽvelopper la coopŽration entre les collectivitŽs.\n"
    "Les membres dŽfinissent ensemble les prioritŽs de lÕannŽe.\n"
)


def test_lone_czech_name_in_clean_text_is_not_evidence() -> None:
    text = "The philosopher Slavoj Žižek spoke in Ljubljana about Šťastný and Čapek."
    assert fix_text(text) == text


def test_correct_capitals_stay() -> None:
    assert fix_text("KLAUS TÖPFER, SECRÉTAIRE GÉNÉRAL") == "KLAUS TÖPFER, SECRÉTAIRE GÉNÉRAL"


def test_mac_roman_read_as_cp1252_with_placeholder() -> None:
    result = clean(FRENCH_DAMAGE)
    assert result.text.splitlines()[0] == "Le réseau a été lancé en 1990 au siège des Nations Unies."
    assert "l’année" in result.text
    rules = {c.rule for c in result.changes}
    assert rules == {"mojibake:mac_roman>cp1252", "placeholder:mac_roman>cp1252"}


def test_c1_control_is_the_exact_lost_byte() -> None:
    assert clean(FRENCH_DAMAGE.replace("•", "\x8f")).text.splitlines()[0].endswith("au siège des Nations Unies.")


def test_cp1252_read_as_mac_roman() -> None:
    clean_text = (
        "Le café de la région est très apprécié, même à Paris.\n"
        "Les élèves ont étudié l’économie et la géographie à l’école.\n"
    )
    damaged = get_channel("cp1252>mac_roman").damage(clean_text)
    assert damaged.startswith("Le cafÈ de la rÈgion est trËs apprÈciÈ, mÍme ‡ Paris.")
    assert fix_text(damaged) == clean_text


def test_word_split_at_a_broken_letter_is_joined_and_reported_twice() -> None:
    result = clean(FRENCH_DAMAGE + "Parall• lement, les Žlus se rŽunissent.\n")
    assert result.text.splitlines()[3] == "Parallèlement, les élus se réunissent."
    [joined] = [c for c in result.changes if c.line == 4 and c.start < 10]
    assert (joined.before, joined.after) == ("• ", "è")
    assert {step.rule for step in joined.steps} == {"placeholder:mac_roman>cp1252", "spacing:split_word"}


def test_extra_space_after_a_repaired_letter() -> None:
    result = clean(FRENCH_DAMAGE + "Ils sont arrivŽs ˆ  New York hier.\n")
    assert result.text.splitlines()[3] == "Ils sont arrivés à New York hier."
    assert any(c.rule == "spacing:after_repair" for c in result.changes)


def test_lone_combining_circumflex_stands_for_the_spacing_accent() -> None:
    assert clean(FRENCH_DAMAGE + "Un soutien \u0302  la rŽgion.\n").text.splitlines()[3] == "Un soutien à la région."


def test_changes_below_the_bar_become_suspicions() -> None:
    text = FRENCH_DAMAGE + "Le dossier est au 11¼ Žtage de la tour.\n"
    applied = clean(text)
    least = min(applied.changes, key=lambda c: c.confidence)
    assert least.confidence < 1.0
    strict = clean(text, min_confidence=(least.confidence + 1.0) / 2)
    line = strict.text.splitlines()[least.line - 1]
    assert line[least.start : least.end] == least.before  # not applied...
    assert any(s.line == least.line and s.suggestion == least.after for s in strict.suspicions)  # ...but reported


def test_typography_is_kept() -> None:
    text = "« L’été » — dit-il… “Quote” and ‘single’ with no\u00a0break."
    assert fix_text(text) == text


DOS_FRENCH = (
    "Le comité régional a décidé de réunir les élus à Lyon à la fin de février.\n"
    "Les élèves du lycée sont allés à la bibliothèque municipale pour préparer un exposé.\n"
    "La société a publié un rapport détaillé sur la qualité et la sécurité des réseaux.\n"
    "Après la réunion, le président a répondu à toutes les questions des journalistes.\n"
    "Cette décision a été prise à la majorité par le conseil général du département.\n"
    "Les bénévoles ont distribué des repas à des familles défavorisées pendant la période des fêtes.\n"
    "Le musée présente une collection très riche de peintures réalisées à différentes époques.\n"
    "Il faut répéter cette expérience à plusieurs reprises avant de publier les résultats définitifs.\n"
    "Le théâtre municipal restera fermé jusqu’à la rentrée pour des travaux de rénovation.\n"
)


def test_lone_dos_a_is_read_despite_a_correct_apostrophe_beside_it() -> None:
    # cp850 "à" reads "…" in cp1252; the correct "’" of "jusqu’…" is no evidence against "…"
    damaged = get_channel("cp850>cp1252").damage(DOS_FRENCH)
    assert " … Lyon " in damaged and "jusqu’… la" in damaged
    assert fix_text(damaged) == DOS_FRENCH


def test_real_ellipsis_stays_and_is_no_evidence_against_a_lone_dos_a() -> None:
    clean_line = "Et puis… plus rien. Il hésita… puis il partit.\n"
    damaged = get_channel("cp850>cp1252").damage(DOS_FRENCH) + clean_line
    assert fix_text(damaged) == DOS_FRENCH + clean_line


def test_real_ellipsis_in_clean_french_stays() -> None:
    text = "Et puis… plus rien. La réunion est reportée (…) à une date ultérieure. Il attendit … rien.\n"
    assert fix_text(DOS_FRENCH + text) == DOS_FRENCH + text


SWEDISH = (
    "Vi hoppas att fler kommuner vill gå med i nätverket under året.\n"
    "Det är svårt att öppna dörren när det är kallt ute.\n"
    "Hon skriver över den gamla filen med en ny version.\n"
    "Räntan är högre än förväntat och priserna fortsätter att öka.\n"
    "Mötet börjar klockan nio och slutar före lunch.\n"
)


def test_dos_o_read_through_several_channels_keeps_its_case() -> None:
    # cp1252 "ö" reads "÷" in cp437 and cp850, and so does Mac-Roman "Ö": "÷ver" is
    # "över" or "Över" alike for the lexicon, so it is evidence for no channel
    damaged = get_channel("cp1252>cp437").damage(SWEDISH)
    assert "skriver ÷ver den" in damaged and "att ÷ppna" in damaged
    assert fix_text(damaged) == SWEDISH


SWEDISH_QUOTED = (
    "Till exempel är här filen ”tel” 37 byte lång, ägd av aeb och ägaren kan läsa och skriva den, andra kan bara läsa den.\n"
    "Kommandot cp (från ”copy”, kopiera) kopierar en fil.\n"
    "MALL måste innehålla åtminstone 3 ”X” i följd i sin sista komponent.\n"
)


def test_swedish_quotes_whose_last_byte_was_lost_pair_around_their_word() -> None:
    # "”" is E2 80 9D in UTF-8, and cp1252 has no character for 9D: "â€•" may hide
    # "‐" or "―" as well; a pair of "”" around one word is what Swedish writes
    damaged = get_channel("utf-8>cp1252").damage(SWEDISH_QUOTED)
    assert "â€•telâ€•" in damaged
    assert fix_text(damaged) == SWEDISH_QUOTED


def test_swedish_quotes_read_twice_are_not_guessed_as_the_placeholder_s_own_byte() -> None:
    damaged = get_channel("utf-8>cp1252>cp1252").damage(SWEDISH_QUOTED)
    assert "―" not in fix_text(damaged)
    assert fix_text(damaged) == SWEDISH_QUOTED


def test_czech_read_twice_tries_every_byte_a_placeholder_hides() -> None:
    text = "Moduly ke smazání jsou určeny jako člen...; archív zůstane beze změny, pokud nezadáte žádné soubory.\n"
    damaged = get_channel("utf-8>cp1252>cp1252").damage(text)
    assert fix_text(damaged) == text


def test_russian_word_with_four_lost_bytes_is_read_with_russian_letters() -> None:
    # "является" has four letters whose second UTF-8 byte cp1252 cannot show; of the
    # 1296 readings, those with "ѕ", "ѐ", "ѝ" (no Russian letters) are tried last
    text = (
        "Такой подход является более быстрым и обеспечивает больше возможностей, но требует знания команд.\n"
        "После каждого вызова функции читается текущий адрес указателя стека и вычисляет разница с базовым указателем стека.\n"
    )
    damaged = get_channel("utf-8>cp1252").damage(text)
    assert "является" in fix_text(damaged)


def test_portuguese_word_with_a_lost_letter_is_not_two_known_pieces() -> None:
    text = (
        "Espaços ou tabulações podem ser usadas para separar os campos.\n"
        "A opção não é válida quando o arquivo já está aberto.\n"
    )
    assert fix_text(get_channel("mac_roman>cp1252").damage(text)) == text


def test_lines_are_screened_again_for_the_languages_the_full_guess_keeps() -> None:
    text = (
        "El código de salida devuelto por mkfs es 0 si acaba con éxito y 1 si acaba en fallo.\n"
        "Si éste no es el caso se devuelve EPERM.\n"
        "El estado de salida es cero si se obtuvo con éxito del usuario un huso horario.\n"
    )
    assert fix_text(get_channel("cp1252>mac_roman").damage(text)) == text


def test_a_line_s_own_broken_words_decide_its_lone_letters_when_half_the_document_is_correct() -> None:
    # every other line read as Mac-Roman: the document's evidence for the channel is even,
    # so a lone "‡" (à) or a line-initial "…" (É) is decided by the broken words beside it
    lines = (CORPUS / "texts" / "pt.txt").read_text(encoding="utf-8").removesuffix("\n").split("\n")
    channel = get_channel("cp1252>mac_roman")
    damaged = [channel.damage(line) if n % 2 == 0 else line for n, line in enumerate(lines)]
    got = fix_text("\n".join(damaged)).split("\n")
    lone = [n for n in range(0, len(lines), 2) if " à " in lines[n] or lines[n].startswith("É ")]
    assert len(lone) >= 3
    assert [got[n] for n in lone] == [lines[n] for n in lone]
    assert [got[n] for n in range(1, len(lines), 2)] == lines[1::2]


def _comes_back(text: str, channel: str, marker: str) -> None:
    """``text`` damaged through ``channel`` shows ``marker`` and is read back whole."""
    damaged = get_channel(channel).damage(text)
    assert marker in damaged
    assert fix_text(damaged) == text


def test_a_short_word_is_read_with_the_rest_of_its_line() -> None:
    # cp1251 read as KOI8-R turns "об" into "НА", itself a word ("на" in capitals)
    text = (
        "Подробная информация об этом параметре приведена в описании модуля.\n"
        "Сведения об ошибках записываются в системный журнал.\n"
        "Утилита выводит информацию об устройствах, подключённых к системе.\n"
    )
    _comes_back(text, "cp1251>koi8_r", " НА ")


def test_long_words_read_twice_are_judged() -> None:
    # each Cyrillic letter read twice takes four or more characters: "последовательности" is 72
    text = "Обработка последовательности идентификаторов выполняется непосредственно драйвером.\n"
    damaged = get_channel("utf-8>cp1252>cp1252").damage(text, placeholder="")
    assert max(len(token) for token in damaged.split()) > 60
    assert fix_text(damaged) == text


def test_spacing_accents_wake_their_pass_only_beside_a_letter_they_combine_with() -> None:
    from mojibake_fix.api import default_repairs
    from mojibake_fix.engine import triggered

    gnu_quotes = "This program comes with ABSOLUTELY NO WARRANTY; for details type `show w'.\n"
    assert not triggered(gnu_quotes, default_repairs(pdf=False))  # no word list is loaded for it
    assert fix_text(gnu_quotes) == gnu_quotes
    for tex in ("Le syst`eme.\n", "Un caf´e.\n", "fa¸con\n", "cha\u02c6\u0131ne\n"):
        assert triggered(tex, default_repairs(pdf=False))


def test_a_placeholder_stands_for_a_lost_letter_only() -> None:
    # the bytes cp1252 cannot show are letters in Mac-Roman, box drawing in KOI8-R
    assert sorted(get_channel("mac_roman>cp1252").lost_letters) == ["Å", "ç", "è", "ê", "ù"]
    assert not get_channel("koi8_r>cp1252").lost_letters
    assert not get_channel("iso8859_2>cp1252").lost_letters  # C1 controls
    assert "\ufffd" not in get_channel("koi8_r>cp1252").suspicious


def test_a_lost_one_letter_word_is_read_by_its_neighbours() -> None:
    # "с" and "я" both lose their second UTF-8 byte in cp1252 and become "Ñ•"; the lexicon
    # gives "с" 0.63, too little to change the text, and the word after it decides
    text = (
        "Файл можно открыть с помощью любого текстового редактора.\n"
        "Программа работает с файлами любого размера и формата.\n"
        "Настройки хранятся вместе с остальными данными пользователя.\n"
    )
    damaged = get_channel("utf-8>cp1252").damage(text, placeholder="•")
    assert damaged.count(" Ñ• ") == 3
    result = clean(damaged)
    assert result.text == text
    lone = [change for change in result.changes if change.after == "с"]
    assert len(lone) == 3 and all("neighbours +" in change.evidence for change in lone)


def test_guillemets_read_twice_do_not_widen_the_readings_of_the_placeholders_beside_them() -> None:
    # "«" read twice has no letter of the document's languages on the way; the placeholders
    # of "П" and "е" in the same token must still keep to Russian letters
    text = (
        "Кнопка «Пустое» создаёт новый документ без шаблона.\n"
        "Команда «Открыть» показывает список недавних файлов.\n"
    )
    damaged = get_channel("utf-8>cp1252>cp1252").damage(text, placeholder="•")
    assert "Ã‚Â«Ã•" in damaged
    assert fix_text(damaged) == text


def test_neighbours_speak_for_a_capital_only_where_a_sentence_may_start() -> None:
    channel = get_channel("utf-8>cp1252")
    judge = TokenJudge(Lexicon(["ru"]), [channel])
    for text, capital in (("Файл можно открыть Ñ• помощью редактора.", False), ("Готово. Ñ• помощью редактора.", True)):
        start = text.index("Ñ•")
        ranked = [Candidate("с", channel, -5.0), Candidate("С", channel, -5.0)]
        gains = {c.text: c.neighbours for c in judge.in_context(ranked, text, start, start + 2)}
        assert gains["с"] > 1.0
        assert (gains["С"] > 1.0) is capital


def _corpus_lines(lang: str) -> list[str]:
    return (CORPUS / "texts" / f"{lang}.txt").read_text(encoding="utf-8").removesuffix("\n").split("\n")


def test_a_token_is_no_evidence_for_itself() -> None:
    # Russian text whose dashes went through Mac-Roman read as cp1252: every "—" is a lone
    # "Ñ", which cp1251 reads as the word "С".  Its twenty occurrences were once the only
    # clear evidence for cp1251 and made it sure (0.98); a token now counts only through
    # the document's other tokens, and no other token speaks for cp1251
    lines = [line for line in _corpus_lines("ru") if " — " in line]
    damaged = [get_channel("mac_roman>cp1252").damage(line) for line in lines]
    assert sum(line.split().count("Ñ") for line in damaged) >= 20
    got = clean("\n".join(damaged)).text.split("\n")
    for before, after in zip(lines, got):
        assert after.split().count("С") == before.split().count("С")


def test_channels_that_read_a_token_alike_share_its_evidence() -> None:
    # UTF-8 read as Latin-1: "è" is "Ã¨" through cp1252 and Latin-1 alike, "È" a C1 control
    # only a Latin-1 reader makes; the evidence of "Ã¨" is Latin-1's too, so every lone
    # "È" comes back although its own occurrences are no evidence for themselves
    lines = _corpus_lines("it")
    damaged = get_channel("utf-8>latin-1").damage("\n".join(lines))
    assert damaged.count("Ã\x88") >= 15
    got = fix_text(damaged).split("\n")
    assert [after for before, after in zip(lines, got) if "È" in before] == [line for line in lines if "È" in line]


def test_without_evidence_no_channel_reads_a_placeholder() -> None:
    # a "•" may be a bullet: a channel the document does not evidence leaves it alone,
    # whether it reads UTF-8 once or twice ("NASTAVENÃ•", left doubtful between "NASTAVENÍ"
    # and "NASTAVENÝ", was once made "NASTAVENÁ" at 1.0 through the second)
    for name in ("utf-8>cp1252", "utf-8>cp1252>cp1252"):
        channel = get_channel(name)
        assert all("•" in text for text, _ in channel.readings("NASTAVENÃ•", evidenced=False))
        assert any("•" not in text for text, _ in channel.readings("NASTAVENÃ•", evidenced=True))


def test_the_document_s_usage_settles_a_lone_word_its_neighbours_leave_open() -> None:
    # "Ñ•" is "с" or "я"; where the words around it do not tell ("с момента"), the other
    # occurrences the document writes do: it writes "с" dozens of times and "я" never
    lines = [line for line in _corpus_lines("ru") if " с " in line]
    channel = get_channel("utf-8>cp1252")
    result = clean(channel.damage("\n".join(lines), placeholder="•"))
    assert result.text.split("\n") == lines
    settled = [change for change in result.changes if "written" in change.evidence]
    assert len(settled) >= 5 and {change.after for change in settled} == {"с"}
    # alone, those lines keep their doubt: the lexicon's preference is no evidence enough
    alone = sorted({lines[change.line - 1] for change in settled})
    result = clean(channel.damage("\n".join(alone), placeholder="•"))
    assert "Ñ•" in result.text and {s.suggestion for s in result.suspicions} >= {"с"}


def test_no_word_vouches_for_a_symbol_read_as_another() -> None:
    # Danish "Ændr" through Mac-Roman is "®ndr"; cp850 reads "®" as "«", and "ndr" is in
    # some word list, but it stands in "®ndr" as much as in "«ndr": no word changed, so
    # without evidence for cp850 the symbol stays a symbol (it was read "«ndr" at 0.997
    # once the document's other damage was repaired and Mac-Roman had lost its evidence)
    lines = _corpus_lines("da")[18:33]
    damaged = [get_channel("mac_roman>cp1252").damage(line) for line in lines]
    assert sum(line.startswith("®ndr ") for line in damaged) == 2
    result = clean("\n".join(damaged))
    assert not any(change.after == "«" for change in result.changes)
    # "Ændr" is no listed word and the text shows "®" broken nowhere else: the lines keep
    # "®ndr" rather than a prior alone deciding; every other line comes back
    got = result.text.split("\n")
    assert [g for g, d in zip(got, damaged) if d.startswith("®ndr ")] == [d for d in damaged if d.startswith("®ndr ")]
    assert [g for g, d, w in zip(got, damaged, lines) if not d.startswith("®ndr ")] == [w for d, w in zip(damaged, lines) if not d.startswith("®ndr ")]


ROMANIAN = (
    "Dacă fişierul nu există, comanda afişează o eroare şi se opreşte.\n"
    "Opţiunea următoare schimbă grupul fiecărui fişier în parte.\n"
    "Această acţiune nu poate fi anulată după ce a fost confirmată.\n"
)


def test_romanian_with_cedillas_is_known_and_read_back() -> None:
    # cp1250 and ISO-8859-2 write "ş" and "ţ" with a cedilla; wordfreq lists Romanian with
    # commas below ("fișier"), so the cedilla forms used to be no words at all
    lexicon = Lexicon(["ro"])
    assert lexicon.known("fişier") and lexicon.known("acţiunea") and Lexicon(["tr"]).known("şey")
    _comes_back(ROMANIAN, "cp1250>cp1252", "fiºierul")


def test_a_letter_the_word_list_holds_only_in_damaged_words_is_no_letter_of_the_language() -> None:
    # wordfreq's Romanian list holds "sã" and "dacã", Romanian read through Latin-1; "ã"
    # was taken for a Romanian letter, lines with it passed the screen and counted
    # against the very channel that broke them
    from mojibake_fix.lexicon import native_letters

    assert "ã" not in native_letters(["ro"]) and "ã" in native_letters(["pt"])
    text = (
        "Dacă grupul nu există, comanda dă o eroare.\n"
        "Această comandă schimbă grupul fiecărui utilizator.\n"
        "Lista completă apare după o nouă căutare.\n"
    )
    damaged = get_channel("cp1250>cp1252").damage(text)
    assert damaged.count("ã") >= 10 and "º" not in damaged
    assert fix_text(damaged) == text


def test_in_a_language_without_apostrophes_a_quote_inside_a_word_is_a_lost_letter() -> None:
    # Hungarian "í" through Mac-Roman is "’"; "tömör’ti" split at the apostrophe is the
    # known word "tömör" and "ti", but Hungarian writes no apostrophes in its words
    text = (
        "A program tömöríti a megadott fájlokat, és az eredményt a szabványos kimenetre írja.\n"
        "Ha a fájl nem létezik, a program hibaüzenetet ír és kilép.\n"
        "A beállítások módosítása után a rendszert újra kell indítani.\n"
    )
    _comes_back(text, "mac_roman>cp1252", "tšmšr’ti")


def test_a_partial_reading_pays_for_the_letters_it_leaves_that_the_document_shows_broken() -> None:
    # Russian read as KOI8-R: "ЛЮЯЙЮ" is "маска", but with its "Л" kept it is the name
    # "Ласка", a word too; the document turns every "Л" into "м"
    lines = _corpus_lines("ru")[150:200]
    assert any("маска" in line for line in lines)
    damaged = [get_channel("cp1251>koi8_r").damage(line) for line in lines]
    assert clean("\n".join(damaged)).text.split("\n") == lines


def test_a_lost_letter_after_a_lower_case_letter_is_no_capital() -> None:
    # Portuguese of the older spelling ("seqüência") through cp437 read as cp1252: "ü"
    # is no letter of today's Portuguese, but "seqÉência" is no reading either
    lines = _corpus_lines("pt")[170:190]
    assert any("seqüência" in line for line in lines)
    damaged = [get_channel("cp437>cp1252").damage(line) for line in lines]
    cleaned = clean("\n".join(damaged)).text.split("\n")
    assert [line for line in cleaned if "seq" in line.lower()] == [line for line in lines if "seq" in line.lower()]


def test_a_sign_inside_a_word_mended_far_better_needs_no_other_word_showing_it() -> None:
    # "monotônico" through cp437 read as cp1252 is "monot“nico"; no other word of the
    # document shows "“" as "ô", but a quotation mark inside a word mends it into a
    # Portuguese letter by far
    lines = _corpus_lines("pt")[395:415]
    assert any("monotônico" in line for line in lines)
    damaged = [get_channel("cp437>cp1252").damage(line) for line in lines]
    cleaned = clean("\n".join(damaged)).text.split("\n")
    assert [line for line in cleaned if "mono" in line] == [line for line in lines if "mono" in line]


def test_an_ordinal_indicator_is_a_latin_letter() -> None:
    # "2ª" through cp1252 read as cp1250 is "2Ş": a Latin letter read back as one
    lines = _corpus_lines("pt")[60:100]
    assert any("2ª" in line for line in lines)
    damaged = [get_channel("cp1252>cp1250").damage(line) for line in lines]
    assert clean("\n".join(damaged)).text.split("\n") == lines


@pytest.mark.slow
def test_a_language_many_broken_tokens_read_as_is_attested_among_tokens_read_as_no_word() -> None:
    # Russian read as UTF-8 twice: "Ð" shows as "Ã•", a placeholder that may hide five
    # bytes, and most tokens read as no word of any language; those that do read Russian
    lines = _corpus_lines("ru")[:500]
    damaged = [get_channel("utf-8>cp1252>cp1252").damage(line) for line in lines]
    channels = [get_channel(name) for name in DEFAULT_CHANNELS]
    assert "ru" in attested_languages(damaged, channels, LANGUAGE_SAMPLE)
    assert attested_languages(lines[:50], channels, LANGUAGE_SAMPLE) == ["ru"]


def test_the_quotation_marks_around_a_broken_word_may_be_right() -> None:
    # Russian through KOI8-R read as cp1252, its guillemets (no KOI8-R character) kept
    # as they were: "«ðÕÓÔÏÅ»" is "«Пустое»", not "╚Пустое╩"
    lines = _corpus_lines("ru")[400:450]
    assert any("«Пустое»" in line for line in lines)
    damaged = [get_channel("koi8_r>cp1252").damage(line) for line in lines]
    assert any("«ðÕÓÔÏÅ»" in line for line in damaged)
    cleaned = clean("\n".join(damaged)).text
    assert "«Пустое»" in cleaned and "╚" not in cleaned


def test_a_word_is_read_as_another_only_where_its_line_agrees() -> None:
    # Russian, every other line read as KOI8-R from cp1251: the abbreviation "ЦП" in a
    # correct line is a word, and so is "гр", its reading; the line's other words are
    # Russian written right, which the channel would have broken
    lines = _corpus_lines("ru")[250:300]
    assert any(" ЦП " in line for n, line in enumerate(lines) if n % 2)
    channel = get_channel("cp1251>koi8_r")
    damaged = [channel.damage(line) if n % 2 == 0 else line for n, line in enumerate(lines)]
    cleaned = clean("\n".join(damaged)).text.split("\n")
    assert [line for n, line in enumerate(cleaned) if n % 2] == [line for n, line in enumerate(lines) if n % 2]


def test_a_word_in_a_case_no_writer_uses_is_no_evidence() -> None:
    # Czech read as cp1252 from UTF-8, "č" (bytes C4 8D) lost behind a placeholder:
    # "teÄ•ka" is "tečka" or "teďka"; "teŽ•ka" holds "teŽ", no word in that case
    lines = _corpus_lines("cs")[280:300]
    damaged = [get_channel("utf-8>cp1252").damage(line) for line in lines]
    assert any("teÄ•ka" in line for line in damaged)
    cleaned = clean("\n".join(damaged)).text
    assert "Ž" not in cleaned
