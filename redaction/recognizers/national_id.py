"""National identity numbers: US SSN, UK National Insurance number, Spanish DNI/NIE
and Italy's codice fiscale (with their check letter), China's resident identity number
and Finland's henkilötunnus, Turkey's T.C. kimlik and Mexico's RFC after their name
(checked by python-stdnum), passport, ID card and driving licence numbers after a cue
word, and the national numbers of 40 countries after their names
(:class:`WardenNamedIdRecognizer`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import ItFiscalCodeRecognizer
from stdnum.ar import cuit as ar_cuit
from stdnum.ar import dni as ar_dni
from stdnum.at import vnr as at_vnr
from stdnum.au import tfn as au_tfn
from stdnum.be import nn as be_nn
from stdnum.bg import egn as bg_egn
from stdnum.br import cpf as br_cpf
from stdnum.ca import sin as ca_sin
from stdnum.ch import ssn as ch_ssn
from stdnum.cl import rut as cl_rut
from stdnum.cn import ric as cn_ric
from stdnum.cz import rc as cz_rc
from stdnum.de import idnr as de_idnr
from stdnum.de import stnr as de_stnr
from stdnum.dk import cpr as dk_cpr
from stdnum.ee import ik as ee_ik
from stdnum.fi import hetu as fi_hetu
from stdnum.fr import nir as fr_nir
from stdnum.gb import nhs as gb_nhs
from stdnum.gr import amka as gr_amka
from stdnum.hr import oib as hr_oib
from stdnum.id import nik as id_nik
from stdnum.ie import pps as ie_pps
from stdnum.il import idnr as il_idnr
from stdnum.in_ import aadhaar as in_aadhaar
from stdnum.is_ import kennitala as is_kennitala
from stdnum.jp import in_ as jp_in
from stdnum.kr import rrn as kr_rrn
from stdnum.lt import asmens as lt_asmens
from stdnum.mx import rfc as mx_rfc
from stdnum.my import nric as my_nric
from stdnum.nl import bsn as nl_bsn
from stdnum.no import fodselsnummer as no_fodselsnummer
from stdnum.nz import ird as nz_ird
from stdnum.pk import cnic as pk_cnic
from stdnum.pl import nip as pl_nip
from stdnum.pl import pesel as pl_pesel
from stdnum.pt import nif as pt_nif
from stdnum.ro import cnp as ro_cnp
from stdnum.ru import inn as ru_inn
from stdnum.se import personnummer as se_personnummer
from stdnum.si import emso as si_emso
from stdnum.th import pin as th_pin
from stdnum.tr import tckimlik as tr_tckimlik
from stdnum.ua import rntrc as ua_rntrc
from stdnum.za import idnr as za_idnr

from redaction.recognizers.base import LABEL_PARTICLES, Rule, RuleRecognizer, five_digits

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_IT_FISCAL_CODE = ItFiscalCodeRecognizer()


def _ssn_ok(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area[0] == "9":
        # an ITIN (a taxpayer number for people without an SSN): 9xx with these groups
        g = int(group)
        return (50 <= g <= 65 or 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99) and (
            serial != "0000"
        )
    if area in ("000", "666") or group == "00" or serial == "0000":
        return False
    return len(set(digits)) > 2


def _dni_ok(value: str) -> bool:
    v = value.upper().replace("-", "").replace(" ", "")
    num = v[:-1].replace("X", "0").replace("Y", "1").replace("Z", "2")
    return num.isdigit() and _DNI_LETTERS[int(num) % 23] == v[-1]


class WardenUsSsnRecognizer(RuleRecognizer):
    """US Social Security numbers and ITINs (9xx-7x-xxxx): ``123-45-6789`` anywhere,
    nine plain digits only after a cue (SSN, ITIN, social security)."""

    ENTITY = "US_SSN"
    RULES = (
        Rule(
            "dashed",
            re.compile(r"(?<![\d-])\d{3}[- .]\d{2}[- .]\d{4}(?![\d-])"),
            0.85,
            check=_ssn_ok,
        ),
        Rule(
            "cued",
            re.compile(
                r"(?i)\b(?:ssn|itin|social\s+security(?:\s+(?:number|no\.?|#))?)\s*[:#]?\s*(\d{9})\b"
            ),
            0.9,
            group=1,
            check=_ssn_ok,
        ),
    )


# the capitals of the Russian and Ukrainian alphabets (a passport's series: МК 123456)
_CYRILLIC_CAPS = "А-ЯЁІЇЄҐ"
_MBI_LETTER = "[AC-HJKMNP-RT-Y]"
_MBI_ANY = "[0-9AC-HJKMNP-RT-Y]"
_MBI_DASHED = rf"[1-9]{_MBI_LETTER}{_MBI_ANY}\d-{_MBI_LETTER}{_MBI_ANY}\d-{_MBI_LETTER}{{2}}\d{{2}}"
_MBI = rf"[1-9]{_MBI_LETTER}{_MBI_ANY}\d-?{_MBI_LETTER}{_MBI_ANY}\d-?{_MBI_LETTER}{{2}}\d{{2}}"


# what follows a cue of a national number (:class:`WardenNationalIdRecognizer`'s cued
# rules) up to the number's end
_CUED_NUMBER = (
    # "number", an acronym in brackets ("voter ID (EPIC)"), a colon, "is"
    r"(?:\s+(?:number|no\.?|#|num))?(?:\s*\((?-i:[A-Z]{2,6})\))?\s*[:#№：]?\s*"
    rf"(?:(?:is|to|jest|ist|lautet|es|é|è|est)\s+|(?:{LABEL_PARTICLES})\s*)?"
    # the number: a series of one to three capitals (Latin or Cyrillic: МК
    # 123456) before its digits, or a group of letters and digits that holds
    # a digit ("X1234567"; not "issued 12.03.2005", the word before a date),
    # then the groups after it that hold a digit or are capitals before one
    # ("12 AB 34567"; not "X1234567 issued")
    rf"((?:(?-i:[A-Z{_CYRILLIC_CAPS}]{{1,3}})(?=[ ]?(?:№[ ]?)?\d)"
    rf"|(?=[\w.-]*\d)[A-Z0-9{_CYRILLIC_CAPS}][A-Z0-9{_CYRILLIC_CAPS}.-]{{0,18}}"
    rf"[A-Z0-9{_CYRILLIC_CAPS}])"
    rf"(?:[ ]?(?:№[ ]?)?(?:(?-i:[A-Z{_CYRILLIC_CAPS}]{{1,3}})(?=[ ][A-Z0-9.-]*\d)"
    r"|(?=[A-Z.-]*\d)[A-Z0-9.-]*[A-Z0-9])){0,4})"
    # its end: a word's, or Korean, Japanese or Chinese written onto it
    # (M12345678입니다)
    r"(?:\b|(?=[가-힣ぁ-んァ-ヶ一-鿿]))"
)


class WardenNationalIdRecognizer(RuleRecognizer):
    """UK NINO, Spanish DNI/NIE, Italy's codice fiscale, China's and Finland's personal
    numbers, Turkey's T.C. kimlik, Mexico's RFC, Singapore's NRIC, Hong Kong's HKID and
    India's PAN after their names, and passport / ID card numbers after a cue."""

    ENTITY = "NATIONAL_ID"
    RULES = (
        # the US Medicare Beneficiary Identifier (CMS's format: eleven characters, a digit,
        # a letter, then fixed places for digits and for letters other than S L O I B Z):
        # as printed on the card, with its two hyphens; without them after its name
        Rule("us_mbi", re.compile(rf"\b{_MBI_DASHED}\b"), 0.8, hint=re.compile(r"\d-[A-Z]")),
        Rule(
            "us_mbi_cued",
            re.compile(rf"(?i:\bmedicare|\bmbi)\b[^\n\d]{{0,24}}?\b({_MBI})\b"),
            0.85,
            group=1,
            hint=re.compile("(?i)medicare|mbi"),
        ),
        Rule(
            "uk_nino",
            re.compile(
                r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
            ),
            0.85,
        ),
        Rule(
            "uk_nino_cued",
            re.compile(
                r"(?i:national\s+insurance(?:\s+(?:number|no\.?))?|\bni\s+number|\bnino)"
                r"\s*(?:is|:|#)?\s*([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b"
            ),
            0.9,
            group=1,
            hint=re.compile(r"(?i)insurance|number|nino"),
        ),
        Rule("es_dni", re.compile(r"\b[XYZ]?\d{7,8}-?[A-Z]\b"), 0.85, check=_dni_ok),
        # Italy's codice fiscale: its shape (name letters, birth date and place) and
        # check letter, by Presidio's own validator
        Rule(
            "it_fiscal_code",
            re.compile(
                r"\b[A-Z]{6}[\dLMNP-V]{2}[A-EHLMPR-T][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z]\b"
            ),
            0.85,
            check=lambda v: bool(_IT_FISCAL_CODE.validate_result(v)),
        ),
        # China's resident identity card number (18: region, birth date, serial, check
        # digit or X) and Finland's henkilötunnus (birth date, century sign, serial,
        # check character), anywhere; Turkey's T.C. kimlik and Mexico's RFC after their
        # name. Checked by python-stdnum (LGPL-2.1+)
        Rule(
            "cn_ric",
            re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])"),
            0.85,
            check=cn_ric.is_valid,
        ),
        Rule(
            "fi_hetu",
            re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]\b"),
            0.85,
            check=fi_hetu.is_valid,
        ),
        Rule(
            "tr_tckimlik_cued",
            re.compile(
                # the cue, then a few words ("TC kimlik numaram", "kimlik no'su:")
                r"(?i:\bt\.?[ \t]?c\.?[ \t]*kimlik|\bkimlik|\btckn|\bt\.?c\.?[ \t]*no)"
                r"[^\d\n]{0,25}?(?<!\d)(\d{11})\b"
            ),
            0.85,
            group=1,
            check=tr_tckimlik.is_valid,
        ),
        Rule(
            "mx_rfc_cued",
            re.compile(r"\bRFC[ \t]*[:#]?[ \t]*([A-ZÑ&]{3,4}\d{6}[A-Z\d]{3})\b"),
            0.85,
            group=1,
            check=mx_rfc.is_valid,
        ),
        # Singapore's NRIC or FIN and Hong Kong's identity card number, after their name
        Rule(
            "sg_nric_cued",
            re.compile(
                r"\b(?:NRIC|FIN|IC)(?:[ \t]*(?:no\.?|number))?[ \t]*[:#]?[ \t]*([STFGM]\d{7}[A-Z])\b"
            ),
            0.85,
            group=1,
        ),
        Rule(
            "hk_hkid_cued",
            re.compile(
                r"(?:\bHKID|香港身份證|身份證號碼)(?:[ \t]*(?:no\.?|number))?[ \t]*[:#]?[ \t]*"
                r"([A-Z]{1,2}\d{6}[ \t]?\(?[\dA]\)?)"
            ),
            0.85,
            group=1,
        ),
        # India's PAN (Permanent Account Number) after its name: five letters, the fourth
        # the holder's kind (P a person, C a company ...), four digits, a letter
        Rule(
            "in_pan_cued",
            re.compile(
                r"(?i:\b(?:pan|permanent\s+account\s+number)(?:\s*(?:card|number|no\.?))*)"
                r"\s*(?:is|:|#|-)?\s*([A-Z]{3}[ABCEFGHJLPT][A-Z]\d{4}[A-Z])\b"
            ),
            0.85,
            group=1,
        ),
        Rule(
            "cued",
            re.compile(
                r"(?i)\b(?:passport|pasaporte|reisepass|id\s*card|identity\s*card|national\s*id|"
                # India's voter ID (EPIC), Mexico's voter card (clave de elector), Italy's
                # health card
                r"voter\s*id(?:\s*card)?|(?-i:EPIC)|clave\s+de\s+elector|"
                r"credencial\s+(?:para\s+votar|de\s+elector)|tessera\s+sanitaria|"
                r"id\s*number|personalausweis|carte\s+d'identit[ée]|aadhaar|cpf|curp|"
                r"driver'?s?\s+licen[cs]e|driving\s+licen[cs]e|(?-i:DL|D/L|CNH)|"
                r"führerschein(?:nummer)?|permis\s+de\s+conduire|licencia\s+de\s+conducir|"
                r"carteira\s+de\s+motorista|prawo\s+jazdy|rijbewijs(?:nummer)?|patente\s+di\s+guida|"
                # a Polish ID card; a German health or pension insurance number
                r"(?:numer|nr\.?)\s+dowodu(?:\s+osobistego)?|dow[óo]d\s+osobisty|"
                r"(?:kranken)?versichertennummer|kvnr|(?:sozial|renten)?versicherungsnummer|"
                # a Russian or Ukrainian passport, its series and number after it; a
                # Ukrainian ID card; a Russian or Ukrainian driving licence
                r"паспорт(?:а|у|ом|і)?(?:\s+(?:рф|україни|серия|серии|серія|серії|№|номер))*|"
                r"id-карт(?:к[аиуі]|[аиуі])|водительск(?:ое|ого)\s+удостоверени[ея]|"
                r"посвідчення\s+водія|водійськ(?:е|ого)\s+посвідчення)" + _CUED_NUMBER
            ),
            0.8,
            group=1,
            check=five_digits,
        ),
        # a passport in Chinese, Japanese or Korean (护照号码是 E12345678, 여권번호는 ...):
        # a rule of its own, as a word written before it (我的护照) leaves no word boundary
        Rule(
            "cued_cjk",
            re.compile(
                r"(?:护照|護照|旅券|パスポート|여권)(?:号码|號碼|号|番号|[ \t]?번호)?"
                + _CUED_NUMBER
            ),
            0.8,
            group=1,
            check=five_digits,
            needs_any=("护照", "護照", "旅券", "パスポート", "여권"),
        ),
    )


def _snils_ok(value: str) -> bool:
    """Russia's СНИЛС (pension insurance number): nine digits and a two-digit check,
    the digits weighted 9 down to 1, summed, modulo 101 (100 reads as 00)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 11:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(9, 0, -1), strict=True))
    return total % 101 % 100 == int(digits[9:])


# A national number after its name, with the check python-stdnum gives (LGPL-2.1+):
# (names, the checks of the countries that use the name, digits the number holds).
# Names in capitals are matched as written (SIN, RUT, NIP and CPR are words in lower
# case); the others in any case.
_NAMED: tuple[tuple[str, tuple[Callable[[str], bool], ...], tuple[int, int]], ...] = (
    ("PESEL", (pl_pesel.is_valid,), (11, 11)),
    ("NIP", (pl_nip.is_valid,), (10, 10)),
    ("BSN|(?i:burgerservicenummer|sofinummer)", (nl_bsn.is_valid,), (8, 9)),
    (
        "(?i:steuer-?id(?:-?nr)?|steuer-?identifikationsnummer|steuerliche"
        r"[ \t]+identifikationsnummer)|IdNr",
        (de_idnr.is_valid,),
        (11, 11),
    ),
    (
        r"SIN|NAS|(?i:social[ \t]+insurance[ \t]+(?:number|no)|num[ée]ro[ \t]+d'assurance"
        r"[ \t]+sociale)",
        (ca_sin.is_valid,),
        (9, 9),
    ),
    (r"TFN|(?i:tax[ \t]+file[ \t]+(?:number|no))", (au_tfn.is_valid,), (8, 9)),
    (
        r"NHS(?:[ \t]+(?:number|no\.?|num|#))?|CHI(?:[ \t]+(?:number|no\.?))",
        (gb_nhs.is_valid,),
        (10, 10),
    ),
    ("ИНН|ІПН|РНОКПП", (ru_inn.is_valid, ua_rntrc.is_valid), (10, 12)),
    ("СНИЛС", (_snils_ok,), (11, 11)),
    # Germany's tax number, in a Land's layout with slashes (21/815/08150) or as the
    # federal thirteen digits
    (r"(?i:steuer-?(?:nummer|nr\.?)|st\.?-?nr\.?)", (de_stnr.is_valid,), (10, 13)),
    (r"AHV|AVS|(?i:ahv-?(?:nr|nummer)|num[ée]ro[ \t]+avs)", (ch_ssn.is_valid,), (13, 13)),
    (
        "(?i:personnummer|personnr|fødselsnummer|fødselsnr|cpr-?(?:nr|nummer))|CPR",
        (se_personnummer.is_valid, no_fodselsnummer.is_valid, dk_cpr.is_valid),
        (10, 12),
    ),
    ("RUT|RUN", (cl_rut.is_valid,), (8, 9)),
    ("CUIT|CUIL", (ar_cuit.is_valid,), (11, 11)),
    ("DNI", (ar_dni.is_valid,), (7, 8)),
    ("CPF", (br_cpf.is_valid,), (11, 11)),
    ("(?i:mykad)|NRIC|IC", (my_nric.is_valid,), (12, 12)),
    ("주민등록번호|주민번호|RRN", (kr_rrn.is_valid,), (13, 13)),
    (
        r"NIR|INSEE|(?i:n(?:°|º|o|uméro)[ \t]+de[ \t]+s[ée]cu(?:rit[ée][ \t]+sociale)?"
        r"|num[ée]ro[ \t]+(?:de[ \t]+)?s[ée]curit[ée][ \t]+sociale)",
        (fr_nir.is_valid,),
        (13, 15),
    ),
    (
        r"(?i:rijksregisternummer|num[ée]ro[ \t]+(?:de[ \t]+registre[ \t]+)?national)",
        (be_nn.is_valid,),
        (11, 11),
    ),
    (r"PPSN?|(?i:pps[ \t]+(?:number|no))", (ie_pps.is_valid,), (7, 7)),
    ("(?i:aadhaar|aadhar)", (in_aadhaar.is_valid,), (12, 12)),
    (
        'ת"ז|ת\\.ז\\.?|תעודת[ \t]+זהות|מספר[ \t]+זהות|(?i:teudat[ \t]+zehut)',
        (il_idnr.is_valid,),
        (5, 9),
    ),
    ("ΑΜΚΑ", (gr_amka.is_valid,), (11, 11)),
    ("CNP", (ro_cnp.is_valid,), (13, 13)),
    ("ЕГН", (bg_egn.is_valid,), (10, 10)),
    (r"(?i:rodn[ée][ \t]+č[ií]slo)|RČ", (cz_rc.is_valid,), (9, 10)),
    ("マイナンバー|個人番号", (jp_in.is_valid,), (12, 12)),
    ("เลขประจำตัวประชาชน|เลขบัตรประชาชน", (th_pin.is_valid,), (13, 13)),
    ("NIK", (id_nik.is_valid,), (16, 16)),
    ("NIF|(?i:contribuinte)", (pt_nif.is_valid,), (9, 9)),
    ("(?i:kennitala)", (is_kennitala.is_valid,), (10, 10)),
    ("OIB", (hr_oib.is_valid,), (11, 11)),
    ("EMŠO|EMSO", (si_emso.is_valid,), (13, 13)),
    (r"(?i:asmens[ \t]+kodas)", (lt_asmens.is_valid,), (11, 11)),
    ("(?i:isikukood)", (ee_ik.is_valid,), (11, 11)),
    ("CNIC", (pk_cnic.is_valid,), (13, 13)),
    (r"IRD(?:[ \t]+(?:number|no\.?))?", (nz_ird.is_valid,), (8, 9)),
    (
        r"(?i:sozialversicherungsnummer|versicherungsnummer|sv-?nummer)",
        (at_vnr.is_valid,),
        (10, 12),
    ),
    (r"(?i:south[ \t]+african[ \t]+id)", (za_idnr.is_valid,), (13, 13)),
)

_ID_NAME = "|".join(f"(?P<n{i}>{names})" for i, (names, _, _) in enumerate(_NAMED))
# the name (not inside a word), up to 16 other characters on its line ("PESEL to",
# "NIP firmy:", "AHV-Nr."), then digits, capitals and separators
_NAMED_ID = re.compile(
    rf"(?<![\w-])(?:{_ID_NAME})(?!\w)[^\d\n]{{0,16}}?(?<![\w-])([0-9][0-9A-Z .\-/]{{4,28}})"
)
# a run of five digits or more, with separators: what every number named here holds
_LONG_NUMBER = re.compile(r"\d(?:[ .\-/]?\d){4,}")
# a date or an IP address after the name ("DNI válido hasta 12.03.2027", "NAS at
# 192.168.1.10") is not the number
_NOT_AN_ID = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}|\d{1,3}(?:\.\d{1,3}){3}")
_ID_NAME_ALONE = re.compile(rf"(?:{_ID_NAME})")


def names_an_id(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` the name of a national number ("PESEL", "Personnummer",
    "Steuer-ID") with a number after it?"""
    return bool(_ID_NAME_ALONE.fullmatch(text, a, b)) and any(
        m.start() == a for m in _NAMED_ID.finditer(text, a, min(len(text), b + 48))
    )


class WardenNamedIdRecognizer(RuleRecognizer):
    """A national number after its name, in 40 countries (:data:`_NAMED`): PESEL, BSN,
    Steuer-ID, SIN, TFN, NHS number, ИНН, СНИЛС, AHV, personnummer, CPR, RUT, CUIT,
    CPF, MyKad, 주민등록번호, NIR, PPS, Aadhaar, ת"ז, Greece's AMKA, CNP, ЕГН, マイナンバー, NIK ...
    Its name makes it a number to redact, valid or not (a typo is still a person's
    number); python-stdnum's check, when it passes, raises the score. The number is
    read up to the last group of its digits that keeps it within its length (the
    words after it are not taken)."""

    ENTITY = "NATIONAL_ID"

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        # the numbers first (one cheap pattern), then a name in the 60 characters before
        # each: the names' long alternation is not tried at every place of every text
        done = 0
        matches = []
        for n in _LONG_NUMBER.finditer(text):
            start = max(done, n.start() - 60)
            for m in _NAMED_ID.finditer(text, start, n.end() + 30):
                matches.append(m)
                done = m.end()
        for m in matches:
            i = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
            _, checks, (low, high) = _NAMED[i]
            found = _number(m.group(m.re.groups), checks, low, high)
            if found:
                end, score = found
                out.append(
                    RecognizerResult(
                        self.ENTITY, m.start(m.re.groups), m.start(m.re.groups) + end, score
                    )
                )
        return out


def _number(
    raw: str, checks: tuple[Callable[[str], bool], ...], low: int, high: int
) -> tuple[int, float] | None:
    """Where in ``raw`` the number ends, and its score: the longest run of its groups
    that passes a check (0.95), else the longest whose digits are as many as the
    number holds (0.6); None when no run has that many."""
    ends = [j for j in range(1, len(raw) + 1) if j == len(raw) or raw[j] == " "]
    shaped = None
    for end in reversed(ends):
        value = raw[:end].rstrip(" .-/")
        if not value or not value[-1].isalnum():
            continue
        digits = sum(c.isdigit() for c in value)
        if not low <= digits <= high or _NOT_AN_ID.fullmatch(value):
            continue
        if any(check(value) for check in checks):
            return len(value), 0.95
        if shaped is None and (value[-1].isdigit() or " " not in value):
            shaped = len(value)
    return (shaped, 0.6) if shaped else None
