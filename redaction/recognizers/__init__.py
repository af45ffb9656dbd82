"""Warden's own PII recognizers, one per module.

Presidio's predefined recognizers that we do not load, and why:

- ``UsDriverLicenseRecognizer``: its patterns (a letter and digits, or 6-14 digits)
  fire on order numbers, ticket ids, SKUs and words in code far more often than on
  licences in API traffic; measured here, nearly all its hits on the synthetic logs
  were false.
- ``UsBankRecognizer``, ``UsItinRecognizer``, ``UsPassportRecognizer`` and the other
  country-specific number recognizers: bare 8-17 digit runs (timestamps, ids) without
  a cue; passports are covered, with a cue, by :mod:`.national_id`.
- ``DateRecognizer`` and spaCy's DATE/GPE/ORG/NORP entities: a date, a city or a
  company is not personal data on its own, and redacting them loses what an
  investigation needs; dates of birth are covered by :mod:`.dob`.
- ``EmailRecognizer`` and ``UrlRecognizer``: they call tldextract's default
  extractor, which fetches the public-suffix list over the network on first use;
  :mod:`.email` uses tldextract's bundled snapshot instead.
- ``CryptoRecognizer``: its checksum is what :mod:`.crypto` uses, behind a pattern bounded
  at both ends, beside Ethereum's addresses.
- ``CreditCardRecognizer``, ``IbanRecognizer``, ``IpRecognizer``, ``PhoneRecognizer``,
  ``UsSsnRecognizer``: replaced by ours (named ``Warden...``: Presidio's registry
  loader finds recognizer classes by name, so ours must not share theirs), which accept more real formats (Amex
  grouping, spaced IBANs, national phone formats of more regions) and guard against
  version strings and dates.
"""

from presidio_analyzer import EntityRecognizer

from redaction.recognizers.address import WardenStreetAddressRecognizer
from redaction.recognizers.card import WardenCardCodeRecognizer, WardenCreditCardRecognizer
from redaction.recognizers.crypto import WardenCryptoWalletRecognizer
from redaction.recognizers.devices import WardenDeviceIdRecognizer, WardenVehicleIdRecognizer
from redaction.recognizers.dob import WardenDateOfBirthRecognizer
from redaction.recognizers.email import WardenEmailRecognizer
from redaction.recognizers.iban import WardenIbanRecognizer
from redaction.recognizers.identifiers import (
    WardenAccountIdRecognizer,
    WardenApiKeyIdRecognizer,
    WardenOrgIdRecognizer,
    WardenRecordNumberRecognizer,
)
from redaction.recognizers.ip import WardenIpRecognizer
from redaction.recognizers.national_id import (
    WardenNamedIdRecognizer,
    WardenNationalIdRecognizer,
    WardenUsSsnRecognizer,
)
from redaction.recognizers.person import WardenPersonRecognizer
from redaction.recognizers.phone import WardenPhoneRecognizer
from redaction.recognizers.secrets import WardenSecretRecognizer
from redaction.recognizers.strict import (
    WardenAgeRecognizer,
    WardenDateRecognizer,
    WardenLocationRecognizer,
)


def all_recognizers(profile: str = "default") -> list[EntityRecognizer]:
    """A fresh instance of every recognizer Warden loads for a redaction profile
    (``default`` or ``strict``, see redaction.recognizers.strict)."""
    strict = profile == "strict"
    extra: list[EntityRecognizer] = (
        [WardenLocationRecognizer(), WardenDateRecognizer(), WardenAgeRecognizer()]
        if strict
        else []
    )
    return [
        WardenSecretRecognizer(),
        WardenEmailRecognizer(),
        WardenCreditCardRecognizer(),
        WardenCardCodeRecognizer(),
        WardenIbanRecognizer(),
        WardenCryptoWalletRecognizer(),
        WardenPhoneRecognizer(),
        WardenIpRecognizer(),
        WardenStreetAddressRecognizer(),
        WardenDateOfBirthRecognizer(),
        WardenUsSsnRecognizer(),
        WardenNationalIdRecognizer(),
        WardenNamedIdRecognizer(),
        WardenPersonRecognizer(),
        WardenAccountIdRecognizer(),
        WardenOrgIdRecognizer(),
        WardenApiKeyIdRecognizer(),
        WardenRecordNumberRecognizer(strict=strict),
        WardenVehicleIdRecognizer(),
        WardenDeviceIdRecognizer(),
        *extra,
    ]


__all__ = ["all_recognizers"]
