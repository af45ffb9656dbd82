"""Identifiers of a thing one person owns: a vehicle (its VIN, its licence plate) and a
device (its MAC address, IMEI, serial number, advertising id). Each is as good as a name
for finding the owner, and HIPAA's Safe Harbor lists both kinds; they go in every
profile.

A VIN is taken anywhere when its North American check digit (ISO 3779 position 9) is
right, and after its label whatever it holds (a European VIN has no check digit); a
plate, a serial number or a device id only after its label, since their shapes are those
of any code; a MAC address by its shape (six pairs of hex digits)."""

from __future__ import annotations

import re

from redaction.recognizers.base import LABEL_PARTICLES, Rule, RuleRecognizer

# each value holds a digit (a plate), two (a device's id, a MAC address) or more
_DIGIT = re.compile(r"\d")
_TWO_DIGITS = re.compile(r"\d\D*\d")

# the letters a VIN may hold (no I, O, Q) and what each counts for its check digit
_VIN_VALUE = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN = r"[A-HJ-NPR-Z0-9]{17}"


def vin_check_digit_ok(value: str) -> bool:
    """The ninth character of a 17-character VIN is its check digit (0-9 or X)."""
    v = value.upper()
    if len(v) != 17 or any(c not in _VIN_VALUE for c in v):
        return False
    total = sum(_VIN_VALUE[c] * w for c, w in zip(v, _VIN_WEIGHTS, strict=True)) % 11
    return v[8] == ("X" if total == 10 else str(total))


def _mixed(value: str) -> bool:
    """Letters and digits both, three of each at least (not a word, not a count)."""
    return sum(c.isdigit() for c in value) >= 3 and sum(c.isalpha() for c in value) >= 3


def _checked_vin(value: str) -> bool:
    return _mixed(value) and vin_check_digit_ok(value)


# what may stand between a label and its value: "is", a colon, "number", "no.", the
# quotes of a JSON key and value
_JOIN = (
    r"(?:[\s_-]+(?:number|no\.?|nr\.?|num|#))?[\"']?\s*"
    rf"(?:(?:(?:is|ist|es|est|è|é|är|er|to|jest)(?=\s)|[:：=#-]|{LABEL_PARTICLES})\s*)?[\"']?"
)
# a letter of the Latin alphabet or a digit before or after: the label or the value is
# part of a longer word (CJK labels and values are written without spaces)
_NOT_IN_WORD_BEFORE = r"(?<![A-Za-z0-9_-])"
_NOT_IN_WORD_AFTER = r"(?![A-Za-z0-9_-])"


# whose thing it is, between the label and its value: "serial number of my laptop:",
# "Seriennummer meines Laptops:", "номерной знак моей машины", "número de serie de mi
# portátil:"
_OWNER = (
    r"(?:[ \t]+(?i:of[ \t]+(?:my|his|her|our|their)|de[ \t]+(?:mi|mon|ma|meu|minha|su|sa|son)|"
    r"meines|meiner|mojego|mojej|моего|моей|мого|моєї)[ \t]+[^\W\d_]+)?"
)


def _after(labels: str, value: str) -> re.Pattern[str]:
    return re.compile(
        rf"{_NOT_IN_WORD_BEFORE}(?i:{labels}){_OWNER}{_JOIN}{_NOT_IN_WORD_BEFORE}({value})"
        rf"{_NOT_IN_WORD_AFTER}"
    )


# a licence plate's label in the languages Warden reads most
_PLATE_LABELS = (
    r"licen[cs]e[\s-]+plate|number[\s-]+plate|plate|registration[\s-]+plate|"
    r"kennzeichen|nummernschild|kfz-kennzeichen|matr[ií]cula|placa|plaque(?:\s+d['’]immatriculation)?|"
    r"immatriculation|targa|kenteken|tablica(?:\s+rejestracyjna)?|numer\s+rejestracyjny|"
    r"rendszám|SPZ|registreringsnummer|plaka|госномер|номерн(?:ой|ий)\s+знак|"
    r"[车車]牌(?:号|號)?|ナンバー(?:プレート)?|번호판|차량\s*번호"
)
# capitals and digits in up to four groups (7XYZ123, M-AB 1234, KA-01-HH-1234, А123ВС 77),
# in China after the province's character (京A12345), in Korea with a syllable (12가 3456)
_PLATE = (
    r"[0-9]{2,3}[가-힣][ \t]?[0-9]{4}|"
    # Japan: the office's place, the class, a kana, the number (品川 300 あ 12-34)
    r"[\u4e00-\u9fff]{1,4}[ \t]?[0-9]{2,3}[ \t]?[\u3040-\u309f][ \t]?(?:[0-9]{1,2}-[0-9]{2}|[0-9]{1,4})|"
    r"[\u4e00-\u9fff]?[A-ZÄÖÜА-Я0-9]{1,8}(?:[ \t·.-][A-ZÄÖÜА-Я0-9]{1,8}){0,3}"
)


def _plate_ok(value: str) -> bool:
    letters_digits = [c for c in value if c.isalnum()]
    return 4 <= len(letters_digits) <= 10 and any(c.isdigit() for c in value)


# a word every label of the rule holds (lower case)
_VIN_WORDS = (
    "vin", "vehicle", "chassis", "fahrgestell", "fahrzeug", "fin", "bastidor", "série",
    "serie", "車台", "車体", "차대"
)  # fmt: skip
_PLATE_WORDS = (
    "plate", "kennzeichen", "nummernschild", "matr", "placa", "plaque",
    "immatriculation", "targa", "kenteken", "tablica", "rejestracyjny", "rendszám",
    "spz", "registreringsnummer", "plaka", "госномер", "знак", "牌", "ナンバー", "번호판", "차량"
)  # fmt: skip


class WardenVehicleIdRecognizer(RuleRecognizer):
    """A vehicle identification number, a licence plate after its label."""

    ENTITY = "VEHICLE_ID"
    RULES = (
        Rule(
            "vin_checked",
            re.compile(rf"(?<![\w-]){_VIN}(?![\w-])"),
            0.8,
            check=_checked_vin,
            hint=re.compile(r"[A-Z0-9]{17}"),
        ),
        Rule(
            "vin_labelled",
            _after(
                r"vin|vehicle\s+identification(?:\s+number)?|chassis|fahrgestellnummer|"
                r"fahrzeug-identifizierungsnummer|FIN|n(?:ú|u)mero\s+de\s+bastidor|bastidor|"
                r"num[ée]ro\s+de\s+s[ée]rie|numer\s+VIN|車台番号|차대번호",
                r"(?i:[A-HJ-NPR-Z0-9]{17})",
            ),
            0.9,
            group=1,
            check=lambda v: sum(c.isdigit() for c in v) >= 3,
            needs_any=_VIN_WORDS,
        ),
        # Japan's chassis number: the model's code and the car's number (NZE141-1234567)
        Rule(
            "chassis_jp",
            _after(r"車台番号|車体番号", r"[A-Z0-9]{2,10}-[0-9]{4,8}"),
            0.9,
            group=1,
            needs_any=("車台番号", "車体番号"),
        ),
        Rule(
            "plate",
            _after(_PLATE_LABELS, _PLATE),
            0.7,
            group=1,
            check=_plate_ok,
            needs_any=_PLATE_WORDS,
        ),
    )

    def prefilter(self, text: str) -> bool:
        return _DIGIT.search(text) is not None


_HEX = "[0-9A-Fa-f]"
_DEVICE_LABELS = (
    r"imei|meid|iccid|imsi|esn|serial(?:[\s_-]+(?:number|no\.?|#))?|s/n|"
    r"device[\s_-]+(?:id|serial)|udid|android[\s_-]+id|advertising[\s_-]+id|idfa|idfv|"
    r"gaid|aaid|seriennummer|num[ée]ro\s+de\s+s[ée]rie|n[úu]mero\s+de\s+serie|"
    r"numer\s+seryjny|serienummer|seri\s+numaras[ıi]|серийный\s+номер|シリアル番号|製造番号|일련번호"
)


def _device_value_ok(value: str) -> bool:
    return len(value) >= 6 and sum(c.isdigit() for c in value) >= 2


def _mac_ok(value: str) -> bool:
    pairs = re.findall(r"[0-9A-Fa-f]{2}", value)
    # not the broadcast or an all-zero placeholder, and a digit in it (dead.beef.cafe)
    return len(set(p.lower() for p in pairs)) > 1 and any(c.isdigit() for c in value)


_DEVICE_WORDS = (
    "imei", "meid", "iccid", "imsi", "esn", "serial", "s/n", "device", "udid",
    "android", "advertising", "idfa", "idfv", "gaid", "aaid", "serien", "série",
    "serie", "seryjny", "seri", "серийный", "シリアル", "製造番号", "일련번호"
)  # fmt: skip


class WardenDeviceIdRecognizer(RuleRecognizer):
    """A MAC address; an IMEI, SIM, serial number or advertising id after its label."""

    ENTITY = "DEVICE_ID"
    RULES = (
        Rule(
            "mac",
            re.compile(
                rf"(?<![\w:.-])(?:{_HEX}{{2}}([:-])(?:{_HEX}{{2}}\1){{4}}{_HEX}{{2}}|"
                rf"{_HEX}{{4}}\.{_HEX}{{4}}\.{_HEX}{{4}})(?![\w:.-])"
            ),
            0.8,
            check=_mac_ok,
            hint=re.compile(rf"{_HEX}{{2}}[:.-]{_HEX}{{2}}"),
        ),
        Rule(
            "labelled",
            _after(_DEVICE_LABELS, r"[A-Za-z0-9][A-Za-z0-9-]{4,40}[A-Za-z0-9]"),
            0.8,
            group=1,
            check=_device_value_ok,
            needs_any=_DEVICE_WORDS,
        ),
    )

    def prefilter(self, text: str) -> bool:
        return _TWO_DIGITS.search(text) is not None
