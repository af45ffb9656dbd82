"""Each recognizer: values it must find, and look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from redaction.analyzer import Analyzer

FOUND = [
    # secrets
    (
        "SECRET",
        "key: sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7cDE0fGH3iJK6lMN",
        "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7cDE0fGH3iJK6lMN",
    ),
    (
        "SECRET",
        "sk-ant-api03-" + "a1B2c3D4e5" * 9 + "xyzAA in the header",
        "sk-ant-api03-" + "a1B2c3D4e5" * 9 + "xyzAA",
    ),
    ("SECRET", "aws key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE"),
    (
        "SECRET",
        "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 ok",
        "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
    ),
    (
        "SECRET",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012",
    ),
    (
        "SECRET",
        "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    ),
    ("SECRET", "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    (
        "SECRET",
        "maps AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
    ),
    (
        "SECRET",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ),
    (
        "SECRET",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----",
        "MIIEowIBAAKCAQEA7",
    ),
    (
        "SECRET",
        "curl -H 'Authorization: Bearer abcdef0123456789ABCDEF' x",
        "abcdef0123456789ABCDEF",
    ),
    ("SECRET", "DATABASE_URL=postgres://admin:Tiger42!kp@db.internal:5432/prod", "Tiger42!kp"),
    ("SECRET", 'client = OpenAI(api_key="q8Wz!r2LmN0pQ")', "q8Wz!r2LmN0pQ"),
    # contact
    ("EMAIL_ADDRESS", "mail ana.ruiz@mail.es now", "ana.ruiz@mail.es"),
    ("PHONE_NUMBER", "call +34 612 345 678 today", "+34 612 345 678"),
    ("PHONE_NUMBER", "US office (415) 555-0132.", "(415) 555-0132"),
    ("PHONE_NUMBER", "Mobile: 03.93.92.16.85", "03.93.92.16.85"),
    ("PHONE_NUMBER", "ring +447700900123", "+447700900123"),
    ("CREDIT_CARD", "card 4111 1111 1111 1111 was charged", "4111 1111 1111 1111"),
    ("CREDIT_CARD", "amex 3714-496353-98431", "3714-496353-98431"),
    ("IBAN_CODE", "IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00"),
    ("IBAN_CODE", "to GB82WEST12345698765432.", "GB82WEST12345698765432"),
    # typed in lower case
    ("IBAN_CODE", "my iban is de89 3704 0044 0532 0130 00 thanks", "de89 3704 0044 0532 0130 00"),
    # a US Medicare number as the card prints it, and after its name without hyphens
    ("NATIONAL_ID", "Medicare MBI: 1EG4-TE5-MK73", "1EG4-TE5-MK73"),
    ("NATIONAL_ID", "my medicare number is 1EG4TE5MK73", "1EG4TE5MK73"),
    ("NATIONAL_ID", "card number 1EG4-TE5-MK73 was enrolled in March", "1EG4-TE5-MK73"),
    # wallet addresses (the published examples of each format): Bitcoin legacy, script,
    # SegWit and Taproot; Ethereum
    (
        "CRYPTO",
        "Send 0.5 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh and ping me",
        "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
    ),
    ("CRYPTO", "wallet: 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
    ("CRYPTO", "pay 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
    (
        "CRYPTO",
        "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
        "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
    ),
    (
        "CRYPTO",
        "my ETH is 0x52908400098527886E0F7030069857D2E4169EE7",
        "0x52908400098527886E0F7030069857D2E4169EE7",
    ),
    # a vehicle: a VIN by its check digit or after its label (a European one has no
    # check digit), a plate after its label in several languages
    ("VEHICLE_ID", "My car's VIN is 1HGCM82633A004352 and", "1HGCM82633A004352"),
    ("VEHICLE_ID", "Fahrgestellnummer: WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"),
    ("VEHICLE_ID", "check my license plate number KA-01-HH-1234 for fines", "KA-01-HH-1234"),
    ("VEHICLE_ID", "Mein Kennzeichen ist M-AB 1234, bitte", "M-AB 1234"),
    ("VEHICLE_ID", "我的车牌号是京A12345，请帮我查违章。", "京A12345"),
    ("VEHICLE_ID", "Номерной знак: А123ВС 77.", "А123ВС 77"),
    # whose car it is between the label and the value; Japan's chassis number
    ("VEHICLE_ID", "Номерной знак моей машины А123ВС77, помогите", "А123ВС77"),
    ("VEHICLE_ID", "the plate of my car is 7XYZ123 and", "7XYZ123"),
    ("VEHICLE_ID", "車台番号はNZE141-1234567です。", "NZE141-1234567"),
    # a device: a MAC address by its shape; an IMEI, a serial, an advertising id after
    # its label (JSON's quotes too)
    ("DEVICE_ID", "The laptop's MAC address is 3C:22:FB:9A:10:7E today", "3C:22:FB:9A:10:7E"),
    ("DEVICE_ID", "router 0011.2233.4455 rebooted", "0011.2233.4455"),
    ("DEVICE_ID", "IMEI: 35-209900-176148-1, lost", "35-209900-176148-1"),
    ("DEVICE_ID", "and serial number C02XK1AHJG5J.", "C02XK1AHJG5J"),
    ("DEVICE_ID", "Серийный номер моего ноутбука: PF2ABC34, он сломался.", "PF2ABC34"),
    ("DEVICE_ID", "the IMEI of my phone is 352099001761481.", "352099001761481"),
    (
        "DEVICE_ID",
        '{"device_id": "8f14e45f-ceea-467f-a0f6-2f1c9a3b7d20"}',
        "8f14e45f-ceea-467f-a0f6-2f1c9a3b7d20",
    ),
    # a card's security code after its label, a few words between
    ("CREDIT_CARD", "card ending 4242, exp 09/27, CVV 381", "381"),
    ("CREDIT_CARD", "The security code (CVC) on the back is 7712.", "7712"),
    ("CREDIT_CARD", "y el código de seguridad 456.", "456"),
    # a person's number at work, school or an airline, after its label
    # a person's address in a JSON or dict field, whatever its layout
    (
        "STREET_ADDRESS",
        '{"phone": "+81 90-1234-5678", "address": "1-2-3 Shibuya, Tokyo"}',
        "1-2-3 Shibuya, Tokyo",
    ),
    ("STREET_ADDRESS", "{'address_line1': 'Flat 4, Block C'}", "Flat 4, Block C"),
    ("RECORD_NUMBER", "Employee ID: E1048277, thanks", "E1048277"),
    ("RECORD_NUMBER", "badge number 55102 at the desk", "55102"),
    # a bank account's number, in groups too; not an account of any kind (strict only)
    ("RECORD_NUMBER", "a charge on our joint account 0048 2231 9981.", "0048 2231 9981"),
    ("RECORD_NUMBER", "Your account number 2231 9981 0048 1129 was", "2231 9981 0048 1129"),
    ("RECORD_NUMBER", "Meine Kontonummer: 0532013000, BLZ", "0532013000"),
    # in Korean, Chinese and Japanese, the particle after the label and the text written
    # right against the number
    ("RECORD_NUMBER", "제 계좌번호는 110-123-456789입니다.", "110-123-456789"),
    ("RECORD_NUMBER", "我的银行账号是6222021234567890123，请转账。", "6222021234567890123"),
    # an address written right against Japanese text
    ("EMAIL_ADDRESS", "メールはkenta.sato@example.jpです。", "kenta.sato@example.jp"),
    ("RECORD_NUMBER", "student ID 20231145 — please reset", "20231145"),
    ("RECORD_NUMBER", "frequent flyer number 412998377", "412998377"),
    ("IP_ADDRESS", "from 203.0.113.195 port 22", "203.0.113.195"),
    ("IP_ADDRESS", "v6 2001:db8:85a3::8a2e:370:7334 seen", "2001:db8:85a3::8a2e:370:7334"),
    (
        "STREET_ADDRESS",
        "ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500",
        "1600 Pennsylvania Avenue NW",
    ),
    ("STREET_ADDRESS", "vivo en Calle Mayor 12, 28013 Madrid", "Calle Mayor 12"),
    # the postcode goes with the street (a city word must not stop inside it)
    ("STREET_ADDRESS", "moved to 160 Baker Street, London NW1 6XE. Call", "Street, London NW1 6XE"),
    ("STREET_ADDRESS", "lives at 170 Pine Road, Dublin D04 V1W8. Notes", "Road, Dublin D04 V1W8"),
    (
        "STREET_ADDRESS",
        "at 25 Queen Street West, Toronto, ON M5H 2M9. You",
        "25 Queen Street West, Toronto, ON M5H 2M9",
    ),
    ("STREET_ADDRESS", "Büro: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5"),
    ("DATE_OF_BIRTH", "born on 14/03/1987 in Leeds", "14/03/1987"),
    ("DATE_OF_BIRTH", "DOB: March 3, 1985", "March 3, 1985"),
    ("US_SSN", "SSN: 536-22-1234", "536-22-1234"),
    ("NATIONAL_ID", "NINO AB 12 34 56 C", "AB 12 34 56 C"),
    ("NATIONAL_ID", "DNI 12345678Z", "12345678Z"),
    ("NATIONAL_ID", "passport number X12345678", "X12345678"),
    # a gamer's or a chat account's number after its label, a SteamID64 anywhere
    ("RECORD_NUMBER", "my Steam ID is 76561198012345678.", "76561198012345678"),
    ("RECORD_NUMBER", "add me 76561198000000001 on steam", "76561198000000001"),
    ("RECORD_NUMBER", "Discord user ID 123456789012345678 spams", "123456789012345678"),
    # Germany's tax number in a Land's layout
    ("NATIONAL_ID", "Meine Steuernummer ist 21/815/08150 und", "21/815/08150"),
    # a user name of a first name in lower case and a word, joined by a dot, digits after
    ("PERSON", "yo hmu at jaylen.brooks22 on snap", "jaylen.brooks22"),
    ("PERSON", "dm jaylen_brooks22 pls", "jaylen_brooks22"),
    # a user name of an initial and a family name after who wrote, owns or is asked,
    # and the next in a list
    ("PERSON", "Author: Wojciech | Last edited by nbhattacharya", "nbhattacharya"),
    ("PERSON", "assigned to jsmith and mgarcia, thanks", "mgarcia"),
    # a traveller's name as airlines write it, after the traveller or before the title
    ("PERSON", "for passenger DUBOIS/AMELIE seat 14C", "DUBOIS/AMELIE"),
    ("PERSON", "1.1OKAFOR/CHIDI EMEKA MR 2.1NWOSU/ADA MRS", "NWOSU/ADA"),
    # a Vietnamese street named without "street" before its district; a Hindi address
    ("STREET_ADDRESS", "địa chỉ 123 Nguyễn Huệ, Quận 1, TP.HCM.", "123 Nguyễn Huệ, Quận 1"),
    ("STREET_ADDRESS", "मेरा पता 12, एमजी रोड, बेंगलुरु है।", "12, एमजी रोड, बेंगलुरु"),
    # a Russian passport's series and number (was labelled a phone number, or left when
    # the sign № stood between them)
    ("NATIONAL_ID", "Мой паспорт 4509 123456, выдан в Москве.", "4509 123456"),
    ("NATIONAL_ID", "паспорт серия 4509 № 123456", "4509 № 123456"),
    ("PERSON", "Write a cover letter for Ana Ruiz please", "Ana Ruiz"),
    ("PERSON", "Patient: Seo-yeon Okonkwo", "Seo-yeon Okonkwo"),
    ("PERSON", '{"name": "Haoran Pemberton", "tier": 1}', "Haoran Pemberton"),
    ("PERSON", "name,email\nXiaoling Raghunathan,x@y.io", "Xiaoling Raghunathan"),
    ("ACCOUNT_ID", "account acct_d5c38b7c5a45 is blocked", "acct_d5c38b7c5a45"),
    ("SECRET", "AUTH_TOKEN=9fQ2xLr7TzW4mN8p", "9fQ2xLr7TzW4mN8p"),
    ("NATIONAL_ID", "Aadhaar on file, PAN ABCPE1234F, mobile verified", "ABCPE1234F"),
    ("NATIONAL_ID", "my pan card no: BNZAA2318J", "BNZAA2318J"),
    ("NATIONAL_ID", "Codice fiscale: RSSMRA85T10A562S, nato a Roma", "RSSMRA85T10A562S"),
    # China's and Finland's personal numbers, Turkey's and Mexico's after their names
    ("NATIONAL_ID", "身份证号 11010519491231002X，请核对", "11010519491231002X"),
    ("NATIONAL_ID", "henkilötunnus 131052-308T", "131052-308T"),
    ("NATIONAL_ID", "TC Kimlik No: 10000000146", "10000000146"),
    ("NATIONAL_ID", "Merhaba, TC kimlik numaram 10000000146.", "10000000146"),
    # a Polish ID card's number, a German health insurance number, after their names
    ("NATIONAL_ID", "mój numer dowodu to ABC123456.", "ABC123456"),
    ("NATIONAL_ID", "Versichertennummer A123456780, wohnhaft", "A123456780"),
    ("NATIONAL_ID", "RFC GODE561231GR8, régimen general", "GODE561231GR8"),
    ("NATIONAL_ID", "NRIC S1234567D, please update", "S1234567D"),
    ("NATIONAL_ID", "HKID A123456(7) on file", "A123456(7)"),
    # an address spelt out to dodge scrapers
    (
        "EMAIL_ADDRESS",
        "email: j dot kowalczyk at gmail dot com",
        "j dot kowalczyk at gmail dot com",
    ),
    ("EMAIL_ADDRESS", "Contact: jan.kowal [at] firma [dot] pl", "jan.kowal [at] firma [dot] pl"),
    ("EMAIL_ADDRESS", "or ana(at)mail(dot)es today", "ana(at)mail(dot)es"),
]

NOT_FOUND = [
    ("SECRET", "blob aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQgZW5jb2RlZA== in the body"),
    ("SECRET", "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    ("SECRET", "request 550e8400-e29b-41d4-a716-446655440000 failed"),
    ("SECRET", "set api_key=YOUR_API_KEY_HERE in the config"),
    ("SECRET", "the password field is required"),
    # "auth" inside "author" is no secret's key (a user name follows it)
    ("SECRET", "# author: kwame.mensah"),
    # "at" and a domain after a word that is no address
    ("EMAIL_ADDRESS", "I work at google dot com as an engineer."),
    ("EMAIL_ADDRESS", "look at example.com for details"),
    # an NRIC's shape without its name: a model number
    ("NATIONAL_ID", "Model S1234567D in stock"),
    # the same shapes with a wrong check digit or date
    ("NATIONAL_ID", "tracking 110105194912310021 shipped"),
    ("NATIONAL_ID", "TC Kimlik No: 10000000147"),
    ("NATIONAL_ID", "RFC GODE561331GR8"),
    # the shape of a codice fiscale with a wrong check letter
    ("NATIONAL_ID", "batch RSSMRA85T10A562X shipped"),
    ("IP_ADDRESS", "upgrade to version 1.2.3.4 today"),
    ("IP_ADDRESS", "release v2.14.3 shipped"),
    ("PHONE_NUMBER", "the meeting is on 2026-10-08 at 07:30"),
    ("PHONE_NUMBER", "see RFC 9162 and ISO 8601 and port 8080"),
    ("CREDIT_CARD", "order 4111 1111 1111 1112 is not a card"),
    ("IBAN_CODE", "DE89 3704 0044 0532 0130 01 has a bad checksum"),
    ("IBAN_CODE", "de89 3704 0044 0532 0130 01 has a bad checksum"),
    # an MBI's shape without its name or hyphens (a reference), one with a letter it
    # never uses (S)
    ("NATIONAL_ID", "ref 1EG4TE5MK73 ok"),
    ("NATIONAL_ID", "code 1SG4-TE5-MK73"),
    # a checksum one letter off; a longer hex run is a hash, not an address
    ("CRYPTO", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 is mistyped"),
    ("CRYPTO", "sha 0x52908400098527886E0F7030069857D2E4169EE7aa01"),
    ("US_SSN", "000-12-3456 and 666-12-3456 are not issued"),
    ("PERSON", "We review quarterly revenue and throughput every Monday."),
    ("PERSON", "Bake a Victoria sponge for the Rose garden party in April."),
    ("PERSON", "Compare the Bill of Materials with the Kubernetes manifest."),
    ("PERSON", "The Jordan River flows south."),
    ("STREET_ADDRESS", "We shipped 3 apples and 5 pears."),
    ("DATE_OF_BIRTH", "The release date is 14/03/2026."),
    ("NATIONAL_ID", "the id is 12345678A"),
    # the word after a passport's name before a date is no number's series
    ("NATIONAL_ID", "My passport issued 12.03.2005 in Kyiv."),
    ("NATIONAL_ID", "Мій паспорт виданий 12.03.2005 року."),
    # capitals around a slash that are common words or no title after them; a district
    # without a house number and a street; a player's points; a tax number's name
    ("PERSON", "Configure TCP/IP, INPUT/OUTPUT MS Word and READ/WRITE DR access"),
    ("STREET_ADDRESS", "Có 3 người ở Quận 1."),
    ("STREET_ADDRESS", "Năm 2019 Apple ra mắt, còn Quận 1 thì đông."),
    ("RECORD_NUMBER", "the player scored 12345 points"),
    # a word after "by" or "login" that is no initial and family name
    ("PERSON", "made by humans, by default, login: admin, by using the API"),
    ("PERSON", "Meine Steuernummer ist 21/815/08150."),
    # "epic" in lower case is a word, not India's voter ID
    ("NATIONAL_ID", "an epic 12345 point game"),
    # a PAN's shape without its name: a product code
    ("NATIONAL_ID", "SKU ABCPE1234F is in stock"),
    # no label, or a label and no value of its kind
    ("VEHICLE_ID", "commit 1HGCM82633A004352aa and 1HGCM82633A004353 mistyped"),
    ("VEHICLE_ID", "tag v1.2.3; plate 3 of the atlas; the plate was 12 inches wide"),
    ("VEHICLE_ID", "the plate of the day is 2024 soup"),
    ("DEVICE_ID", "Connect to the serial port at 9600 baud. Serial.begin(115200);"),
    ("DEVICE_ID", 'serial: enabled, "device_id": "default-device"'),
    ("DEVICE_ID", "format XX:XX:XX:XX:XX:XX, loopback 00:00:00:00:00:00, time 12:30:45"),
    ("DEVICE_ID", "IPv6 fe80::1c22:fbff:fe9a:107e is link-local"),
    ("CREDIT_CARD", "Please do a security code review of the 2024 release. The CVV is 3 digits."),
    ("RECORD_NUMBER", "My student loan is 12000 dollars; employee count 14500"),
    ("RECORD_NUMBER", "Please reset account 48392 for me; order 12345 shipped"),
    # a machine's address in a field; a card's digits inside a hex run
    ("STREET_ADDRESS", '{"server_address": "db1.prod:5432", "ip_address": "10.0.0.1"}'),
    ("CREDIT_CARD", "wallet 0x52908400098527886E0F7030069857D2E4169EE7 and abc4111111111111111"),
]


@pytest.mark.parametrize(
    ("entity", "text", "value"), FOUND, ids=[f[0] + ":" + f[2][:20] for f in FOUND]
)
def test_found(analyzer: Analyzer, entity: str, text: str, value: str) -> None:
    results = analyzer.analyze_many([text])[0]
    covered = [text[r.start : r.end] for r in results if r.entity_type == entity]
    assert any(value in c for c in covered), (
        entity,
        value,
        [(r.entity_type, text[r.start : r.end]) for r in results],
    )


@pytest.mark.parametrize(
    ("entity", "text"), NOT_FOUND, ids=[n[0] + ":" + n[1][:24] for n in NOT_FOUND]
)
def test_not_found(analyzer: Analyzer, entity: str, text: str) -> None:
    results = analyzer.analyze_many([text])[0]
    wrong = [text[r.start : r.end] for r in results if r.entity_type == entity]
    assert not wrong, (entity, wrong)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mein Kennzeichen ist M-AB 1234, bitte prüfen.", "M-AB 1234"),
        ("내 차 번호판: 12가 3456 입니다", "12가 3456"),
        ("Mój numer rejestracyjny to WA 12345, a VIN", "WA 12345"),
        ("license plate number KA-01-HH-1234 for pending", "KA-01-HH-1234"),
        # Japan: place, class, kana, number
        ("ナンバーは品川 300 あ 12-34 です。", "品川 300 あ 12-34"),
    ],
)
def test_a_plate_ends_where_its_value_does(analyzer: Analyzer, text: str, value: str) -> None:
    """A plate's groups are taken, not the words after them."""
    results = analyzer.analyze_many([text])[0]
    plates = [text[r.start : r.end] for r in results if r.entity_type == "VEHICLE_ID"]
    assert plates == [value], plates


def test_no_recognizer_scores_by_context(analyzer: Analyzer) -> None:
    """The engine skips Presidio's pass for context (redaction.analyzer._Engine): it may
    only while no recognizer changes its results there."""
    from presidio_analyzer import EntityRecognizer

    changes = [
        type(r).__name__
        for r in analyzer.engine.registry.recognizers
        if type(r).enhance_using_context is not EntityRecognizer.enhance_using_context
    ]
    assert changes == []


def test_us_driver_licence_recognizer_is_switched_off(analyzer: Analyzer) -> None:
    names = {type(r).__name__ for r in analyzer.engine.registry.recognizers}
    assert "UsLicenseRecognizer" not in names and "UsDriverLicenseRecognizer" not in names
    assert {"WardenSecretRecognizer", "WardenPersonRecognizer", "WardenPhoneRecognizer"} <= names


def test_parts_of_a_name_found_where_they_stand_alone() -> None:
    """The person recognizer's search for the words of a found name elsewhere in the text
    finds what one regular expression of them (longest first) finds: the same spans on
    3,000 random texts of letters, digits, apostrophes, hyphens, @, dots and spaces."""
    import random
    import re

    from redaction.recognizers.person.recognizer import _standing_alone

    rng = random.Random(5)
    alphabet = list("abAB'’-_@. é1\n²ł")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        parts = {
            "".join(rng.choice("abAB'’-é") for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 4))
        }
        rx = re.compile(
            r"(?<![\w@.])(?:"
            + "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
            + r")(?![\w@])"
        )
        assert _standing_alone(text, parts) == [m.span() for m in rx.finditer(text)], text
    # and in a sentence: "Kowalczyk" alone is found, not inside an address or a handle
    text = "Ask Kowalczyk; kowalczyk.j@x.pl, @Kowalczyk and Kowalczyk's notes"
    assert _standing_alone(text, {"Kowalczyk"}) == [(4, 13), (48, 57)]
    # two parts start together: the longer is taken, whichever comes first
    for parts in (["Jean-", "Jean--"], ["Jean--", "Jean-"]):
        assert _standing_alone("Jean-- met Jean- ", parts) == [(0, 6), (11, 16)]


# A national number after its name (WardenNamedIdRecognizer): (text, the number, does
# python-stdnum's check pass). The valid numbers are the examples of stdnum's own docs.
NAMED_IDS = [
    ("Mój PESEL to 44051401359, proszę o kontakt.", "44051401359", True),
    ("NIP firmy: 856-734-62-15", "856-734-62-15", True),
    ("Mijn BSN is 111222333 en mijn adres", "111222333", True),
    ("Steuer-ID: 36 574 261 809", "36 574 261 809", True),
    ("My SIN is 123-456-782, please update payroll.", "123-456-782", True),
    ("TFN 123 456 782 for the tax return", "123 456 782", True),
    ("NHS number: 943 476 5870", "943 476 5870", True),
    ("ИНН 1234567894, паспорт", "1234567894", True),
    ("СНИЛС 112-233-445 95", "112-233-445 95", True),
    ("AHV-Nr. 756.9217.0769.85", "756.9217.0769.85", True),
    ("Personnummer: 880320-0016", "880320-0016", True),
    ("fødselsnummer 151086 95088", "151086 95088", True),
    ("CPR-nummer 211062-5629", "211062-5629", True),
    ("RUT: 76086428-5.", "76086428-5", True),
    ("CUIT 20-05536168-2 responsable inscripto", "20-05536168-2", True),
    ("CPF 390.533.447-05 do titular", "390.533.447-05", True),
    ("MyKad 770305-02-1234", "770305-02-1234", True),
    ("주민등록번호 971013-9019902 확인", "971013-9019902", True),
    ("numéro de sécurité sociale 2 95 10 99 126 111 93", "2 95 10 99 126 111 93", True),
    ("rijksregisternummer 85.07.30-033 28", "85.07.30-033 28", True),
    ("Aadhaar 2341 2341 2346 linked", "2341 2341 2346", True),
    ('ת"ז 39337423 של הלקוח', "39337423", True),
    ("ΑΜΚΑ: 01013099997", "01013099997", True),
    ("CNP 1630615123457", "1630615123457", True),
    ("ЕГН 8032056031", "8032056031", True),
    ("rodné číslo 710319/2745", "710319/2745", True),
    ("マイナンバー 6214 9832 0257 です", "6214 9832 0257", True),
    ("เลขประจำตัวประชาชน 3100600445635", "3100600445635", True),
    ("NIK 3171011708450001", "3171011708450001", True),
    ("kennitala 120174-3399", "120174-3399", True),
    ("OIB 33392005961", "33392005961", True),
    ("isikukood 36805280109", "36805280109", True),
    ("CNIC 34201-0891231-8", "34201-0891231-8", True),
    # a typo or an unchecked digit: still the person's number after its name
    ("PESEL 44051401358 (z błędem)", "44051401358", False),
    ("Personnummer: 811228-9875", "811228-9875", False),
    ("My SIN is 046 454 287 thanks", "046 454 287", False),
]


@pytest.mark.parametrize(("text", "value", "valid"), NAMED_IDS, ids=[n[1] for n in NAMED_IDS])
def test_a_national_number_after_its_name(
    analyzer: Analyzer, text: str, value: str, valid: bool
) -> None:
    results = analyzer.analyze_many([text])[0]
    ids = [r for r in results if r.entity_type == "NATIONAL_ID"]
    assert [text[r.start : r.end] for r in ids] == [value], [
        (r.entity_type, text[r.start : r.end]) for r in results
    ]
    # the check raises the score; a number that fails it is redacted all the same
    assert (ids[0].score >= 0.9) is valid
    # its name is no one's
    assert not [r for r in results if r.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "CPR for 10 minutes, then 30:2",
        "code INSEE 75056 (Paris)",
        "the sin of 1234567890 is unknown",
        "NHS 111 is the number to call",
        "NAS at 192.168.1.10",
        "DNI válido hasta 12.03.2027",
    ],
)
def test_no_national_number_without_its_shape(analyzer: Analyzer, text: str) -> None:
    results = analyzer.analyze_many([text])[0]
    assert not [text[r.start : r.end] for r in results if r.entity_type == "NATIONAL_ID"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DL: D1234567, exp 2027", "D1234567"),
        ("Driver's license # S530-4128-7719 (IL)", "S530-4128-7719"),
        ("my drivers license number is 123456789 and it expires", "123456789"),
        ("Führerscheinnummer B072RRE2I55", "B072RRE2I55"),
        ("Driving licence: MORGA657054SM9IJ", "MORGA657054SM9IJ"),
        ("numéro de permis de conduire 12AB34567", "12AB34567"),
        ("passport number X1234567 issued in Madrid", "X1234567"),
        ("Passport no: 12 AB 34567 in the drawer", "12 AB 34567"),
        ("mój numer dowodu to ABC123456.", "ABC123456"),
        # a Ukrainian or Russian passport's series in Cyrillic capitals, with or without a
        # space or № before the number; a Ukrainian ID card; a driving licence
        ("Мій паспорт МК 123456, видан 2005 року.", "МК 123456"),
        ("Номер паспорта: МК123456", "МК123456"),
        ("Паспорт серії АВ № 654321", "АВ № 654321"),
        ("Номер ID-картки: 004512345.", "004512345"),
        ("водительское удостоверение 77 АВ 123456", "77 АВ 123456"),
        ("номер посвідчення водія ВХЕ 123456", "ВХЕ 123456"),
        # a passport in Chinese, Japanese and Korean, "is" written onto its name and the
        # copula onto its number; India's voter ID with its acronym in brackets, Mexico's
        # voter card, Italy's health card
        ("我的护照号码是E12345678，请帮我填表。", "E12345678"),
        ("パスポート番号は TK1234567 です。", "TK1234567"),
        ("여권번호는 M12345678입니다.", "M12345678"),
        ("My voter ID (EPIC) is ABC1234567 and", "ABC1234567"),
        ("Mi clave de elector es GMVLMR80070501M100.", "GMVLMR80070501M100"),
        ("il codice della tessera sanitaria è 80380000000000000001.", "80380000000000000001"),
    ],
)
def test_a_licence_or_passport_number_up_to_its_last_group(
    analyzer: Analyzer, text: str, value: str
) -> None:
    results = analyzer.analyze_many([text])[0]
    ids = [text[r.start : r.end] for r in results if r.entity_type == "NATIONAL_ID"]
    assert ids == [value], [(r.entity_type, text[r.start : r.end]) for r in results]


def test_a_rule_is_skipped_without_any_of_the_words_it_needs() -> None:
    """``needs_any``: a text holding none of the words is not searched; one holding any
    of them, in any case, is."""
    import re as _re

    from redaction.recognizers.base import Rule, RuleRecognizer

    class Probe(RuleRecognizer):
        ENTITY = "PROBE"
        RULES = (Rule("digits", _re.compile(r"\d+"), 1.0, needs_any=("vin", "plate")),)

    probe = Probe()
    assert probe.analyze("number 12345") == []
    assert [r.start for r in probe.analyze("PLATE 12345")] == [6]
    assert [r.start for r in probe.analyze("vin 777")] == [4]
