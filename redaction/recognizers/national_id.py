"""National identity numbers: US SSN, UK National Insurance number, Spanish DNI/NIE
and Italy's codice fiscale (with their check letter), China's resident identity number
and Finland's henkilötunnus, Turkey's T.C. kimlik and Mexico's RFC after their name
(checked by python-stdnum), and passport or ID numbers after a cue word."""

from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import ItFiscalCodeRecognizer
from stdnum.cn import ric as cn_ric
from stdnum.fi import hetu as fi_hetu
from stdnum.mx import rfc as mx_rfc
from stdnum.tr import tckimlik as tr_tckimlik

from redaction.recognizers.base import Rule, RuleRecognizer

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


class WardenNationalIdRecognizer(RuleRecognizer):
    """UK NINO, Spanish DNI/NIE, Italy's codice fiscale, China's and Finland's personal
    numbers, Turkey's T.C. kimlik, Mexico's RFC, Singapore's NRIC, Hong Kong's HKID and
    India's PAN after their names, and passport / ID card numbers after a cue."""

    ENTITY = "NATIONAL_ID"
    RULES = (
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
        ),
        Rule("es_dni", re.compile(r"\b[XYZ]?\d{7,8}-?[A-Z]\b"), 0.85, check=_dni_ok),
        # India's PAN (Permanent Account Number) after its name: five letters, the fourth
        # the holder's kind (P a person, C a company ...), four digits, a letter
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
                r"(?i:\bt\.?[ \t]?c\.?[ \t]*kimlik(?:[ \t]*(?:no|numarası|numaranız))?|"
                r"\bkimlik[ \t]*(?:no|numarası))[ \t]*[:.]?[ \t]*(\d{11})\b"
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
                r"id\s*number|personalausweis|carte\s+d'identit[ée]|aadhaar|cpf|curp)"
                r"(?:\s+(?:number|no\.?|#|num))?\s*[:#]?\s*(?:is\s+)?([A-Z0-9][A-Z0-9 .-]{5,18}[A-Z0-9])\b"
            ),
            0.8,
            group=1,
            check=lambda v: sum(c.isdigit() for c in v) >= 5,
        ),
    )
