"""Street addresses: a house number and a street name with a street-type word in many
languages (Street, Avenue, Calle, Rua, rue, Via, -straße, -vej, -gatan, -katu, út,
...), the unit (Apt, Suite, Box), US military addresses (PSC ... APO AE 12345),
a US state with its ZIP code, a country or city named by NER followed by a postcode,
and a city and postcode after the street. A house number just before a street
found is taken in too."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import Rule, RuleRecognizer

_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|"
    r"Terrace|Close|Crescent|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Row|Walk|Trail|"
    r"Gardens|Grove|Mews|Alley|Plaza|Parade|Esplanade|Expressway|Freeway|Pike|Loop|Bypass"
)
_PREFIX = (
    r"Calle|Avda\.?|Avenida|Av\.|Carrera|Paseo|Plaza|Ronda|Camino|Rua|Travessa|Largo|Rue|"
    r"Boulevard|Bd\.?|Avenue|Chemin|Allée|Impasse|Via|Viale|Piazza|Corso|Vicolo|Strada|"
    r"Ulica|ul\.|Aleja|al\.|Plac|pl\.|os\.|Osiedle|Str\.|Straße|Strasse|Jalan|Jl\.|Jln\."
)
# a street's word standing apart after its name (Holtenauer Straße 57, Berliner Allee 12,
# Andrássy út 60, Váci utca 9), in the case each language writes it
_APART = r"Straße|Strasse|Str\.|Allee|Platz|Gasse|Weg|Damm|Ufer|Chaussee|Steig|Pfad|Markt|út|utca|tér|körút|köz"
_COMPOUND = (
    r"straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|steig|laan|straat|gracht|"
    r"plein|vej|gade|gata|gatan|vägen|väg|veien|vegen|tie|kuja|katu|polku|tér|út|utca|"
    r"u\.|ulice|náměstí|cesta|sokak|caddesi"
)
_W = r"[^\W\d_][\w'’.-]*"  # a word, any case
_CAPW = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*\.?"
# After the street: up to three city/region words (each whole: "London NW1" must not
# leave "1 6XE" behind), a state or province code, then a postcode (US ZIP, UK,
# Canada, Ireland's Eircode, 4-5 digit European codes).
_CITY_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?!\w)"
_CITY = (
    rf"(?:,?[ \t]+{_CITY_WORD}){{0,3}}"
    r"(?:,?[ \t]+[A-Z]{2,3}(?!\w))?"
    r"(?:,?[ \t]+(?:\d{4,5}(?:-\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]\d{2}\s?[A-Z\d]{4})(?!\w))?"
)
# the unit, up to two parts: Apt 4B, Suite 200; a flat (m., lok.), a floor and a door
# as Spain, Portugal and Italy write them (3º izq., 2º B, piso 4, int. 5, scala B)
_UNIT = (
    r"(?:,?\s+(?:(?i:apt|apartment|suite|ste|unit|flat|floor|fl|#|m|lok|piso|puerta|int|whg|"
    r"esc|escalera|scala|andar)\.?\s*#?\s*[\w-]{1,6}|\d{1,2}[º°ª](?:[ \t]*[A-Za-z]{1,4})?\.?)){0,2}"
)

# an address's label opening a line, in 30 languages: Address, Shipping address, Ship
# to, Anschrift, Adres, Adresa, Osoite, Cím, Alamat, Địa chỉ, Адрес, כתובת, 住所, 주소 ...
ADDRESS_LABEL = (
    r"(?:(?:shipping|billing|delivery|home|postal|mailing|street|permanent|current|"
    r"residential|registered|correspondence|return)[ \t]+)?"
    r"(?:address|addr|ship[ \t]+to|deliver[ \t]+to|bill[ \t]+to|send[ \t]+to|anschrift|"
    r"(?:liefer|rechnungs|wohn|post)?adresse|adres(?:a|s|ă)?|adres[ \t]+dostawy|osoite|cím|alamat|"
    r"địa[ \t]+chỉ|direcci[oó]n(?:[ \t]+de[ \t]+(?:env[ií]o|entrega|facturaci[oó]n))?|"
    r"domicilio|indirizzo|endere[çc]o|morada|naslov|adresă|адрес(?:а)?(?:[ \t]+доставки)?|"
    r"διεύθυνση|כתובת|العنوان|عنوان|ที่อยู่|住所|地址|주소|पता)"
)
# what opens the value of a label that names a machine's address: 0x7ffe..., an IPv4 or
# IPv6 address, a MAC address
_MACHINE_ADDRESS = re.compile(
    r"(?i)0x[\da-f]+|\d{1,3}(?:\.\d{1,3}){3}|[\da-f]{2}(?:[:-][\da-f]{2}){5}|[\da-f:]*::[\da-f:]*"
    r"|[\da-f]{1,4}(?::[\da-f]{1,4}){7}"
)


def _an_address(value: str) -> bool:
    """Is a labelled line's value an address: a number and a word of two letters or
    more, no e-mail or web address, not an IP, MAC or memory address?"""
    return (
        any(c.isdigit() for c in value)
        and re.search(r"[^\W\d_]{2}", value) is not None
        and "@" not in value
        and "://" not in value
        and not _MACHINE_ADDRESS.fullmatch(value.split()[0].rstrip(",;"))
    )


_RULES = (
    Rule(
        "number_first",
        re.compile(
            rf"\b\d{{1,6}}[A-Za-z]?(?:[ \t]+{_W}){{1,4}}[ \t]+(?i:{_SUFFIX})\b\.?"
            rf"(?:[ \t]+(?:NW|NE|SW|SE|N|S|E|W)\b)?(?:[ \t]+\d{{1,5}}\b)?{_UNIT}{_CITY}"
        ),
        0.75,
    ),
    Rule(
        "street_first",
        re.compile(
            rf"(?:\b\d{{1,6}}[ \t]+)?\b(?!via\b)(?i:{_PREFIX})(?:[ \t]+{_W}){{1,4}},?[ \t]*\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?\b\.?{_UNIT}"
            rf"(?:,?[ \t]+(?:\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{4}}-\d{{3}})[ \t]+{_CAPW})?{_CITY}"
        ),
        0.75,
    ),
    Rule(
        "number_prefix",
        re.compile(
            rf"\b\d{{1,6}}[A-Za-z]?,?[ \t]+(?!via\b)(?i:{_PREFIX})(?:[ \t]+{_W}){{1,4}}{_UNIT}{_CITY}"
        ),
        0.7,
    ),
    Rule(
        "compound",
        re.compile(
            # the word before the ending is bounded: unbounded, a long run like "a-a-a-"
            # is rescanned from every word start (quadratic)
            rf"(?:\b\d{{1,6}}[ \t]+)?\b[^\W\d_][\w'’-]{{0,48}}(?i:{_COMPOUND})[ \t]+\d{{1,5}}[a-z]?\b\.?{_UNIT}"
            rf"(?:,?[ \t]+\d{{4,5}}[ \t]+{_CAPW})?{_CITY}"
        ),
        0.75,
        hint=re.compile(rf"(?i:{_COMPOUND})[ \t]+\d"),
    ),
    Rule(
        "word_apart",
        re.compile(
            rf"\b{_CAPW}(?:-{_CAPW})?[ \t]+(?:{_APART})[ \t]+\d{{1,5}}[a-z]?\b\.?{_UNIT}"
            rf"(?:,?[ \t]+\d{{4,5}}[ \t]+{_CAPW})?{_CITY}"
        ),
        0.7,
        hint=re.compile(rf"(?:{_APART})[ \t]+\d"),
    ),
    # Czech and Slovak streets named by an adjective of place (Vinohradská 12, Pražská
    # 1234/5): its ending and the house number (or its two numbers); not other
    # adjectives' endings, which a version or a chapter takes as often (Finální 2)
    Rule(
        "cs_adjective",
        re.compile(
            r"\b[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýžľĺô]{2,30}(?:ská|cká)"
            r"[ \t]+\d{1,5}(?:/\d{1,4}[a-z]?)?\b"
        ),
        0.6,
        hint=re.compile(r"(?:ská|cká)[ \t]+\d"),
    ),
    Rule(
        "number_word_number",
        re.compile(rf"\b\d{{3,6}}[ \t]+{_CAPW}(?:[ \t]+{_W})?[ \t]+\d{{1,4}}[A-Za-z]?\b\.?{_UNIT}"),
        0.6,
    ),
    Rule(
        "unit",
        re.compile(
            r"(?i)\b(?:apt|apartment|suite|ste|unit|flat|box|psc|cmr)\.?[ \t]*#?[ \t]*\d{1,5}[A-Za-z]?\b"
            r"(?:,?\s+(?i:box)\s+\d{1,5})?"
        ),
        0.6,
    ),
    Rule("military", re.compile(r"(?i)\b(?:APO|FPO|DPO)[ \t]+A[AEP][ \t]+\d{5}\b"), 0.8),
    Rule(
        "place_postcode",
        re.compile(r"(?m)\b[A-Z][^\W\d_]+(?:[ \t]+\([^)\n]*\))?[ \t]+\d{5}[ \t]*$"),
        0.5,
    ),
    Rule("state_zip", re.compile(r"\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"), 0.6),
    # the rest of a line after an address's label, in any layout (Cím: Váci utca 10,
    # 1052 Budapest; Alamat: Jl. Sudirman No. 25, RT 03/RW 05), when it holds a number
    Rule(
        "labelled",
        re.compile(rf"(?im)^[ \t]*{ADDRESS_LABEL}[ \t]*[:：][ \t]*(\S[^\n]{{3,150}}?)[ \t]*$"),
        0.6,
        group=1,
        check=lambda v: _an_address(v),
    ),
    # a JSON, dict or keyword field that holds a person's address, whatever its layout
    # ("address": "1-2-3 Shibuya, Tokyo", 'address_line1': '...'); not a machine's
    # (ip_address, server_address, wallet_address: no such key is taken)
    Rule(
        "keyed",
        re.compile(
            r"(?i)[\"']?\b(?:(?:shipping|billing|delivery|home|postal|mailing|permanent|"
            r"current|residential|registered|customer|user|contact|physical|work|office)[_ -]?)?"
            r"(?:address(?:[_ -]?line[_ -]?\d)?|addr\d?|street(?:[_ -]?address)?|anschrift|"
            r"adresse|direcci[oó]n|endere[çc]o|indirizzo|adres)\b[\"']?[ \t]*[:=][ \t]*"
            r"([\"'])([^\"'\\\n]{3,150})\1"
        ),
        0.6,
        group=2,
        check=lambda v: _an_address(v),
        hint=re.compile(r"(?i)addr|street|anschrift|adres|direcci|endere|indirizzo"),
    ),
)
# Layouts of scripts other than Latin, and Indian house numbers. CJK text has no spaces
# and no word boundaries, so these rules use none.
_KANJI = "\u4e00-\u9fff\u3400-\u4dbf"
_KANA = "\u3040-\u30ff" + _KANJI
_SCRIPT_RULES = (
    # 〒160-0023 東京都新宿区西新宿2-8-1 / 大阪府大阪市北区梅田三丁目1番3号
    Rule(
        "ja",
        re.compile(
            rf"(?:〒\s?\d{{3}}-?\d{{4}}\s*)?(?:[{_KANJI}]{{1,4}}[都道府県])?[{_KANJI}ヶケ]{{1,6}}[市区町村郡]"
            rf"[{_KANA}]{{0,12}}?[\d０-９一二三四五六七八九十]{{1,4}}(?:丁目|番地?|号|[-－ー‐][\d０-９]{{1,4}})"
            # each further part with its own number: 3丁目1番3号 (not only 3丁目)
            rf"(?:[\d０-９一二三四五六七八九十]{{1,4}}(?:丁目|番地?|号)|[-－ー‐][\d０-９]{{1,4}}){{0,3}}"
            rf"(?:[{_KANA}\w]{{0,12}}?\d{{1,4}}号室)?"
        ),
        0.75,
        hint=re.compile("[市区町村郡]"),
    ),
    Rule("ja_postcode", re.compile(r"〒\s?\d{3}-?\d{4}"), 0.8, needs="〒"),
    # 广东省深圳市南山区科技园路88号 / 北京市朝阳区建国路1号院 / in Traditional characters,
    # with a road's section, a lane and the floor: 台北市大安區忠孝東路四段 216 號 5 樓
    Rule(
        "zh",
        re.compile(
            r"(?:[\u4e00-\u9fff]{2,6}(?:省|自治区|自治區))?[\u4e00-\u9fff]{1,6}市[\u4e00-\u9fff]{1,6}[区县區縣]"
            r"[\u4e00-\u9fff\d]{0,16}?(?:路|街|道|巷|大道|胡同|里)(?:[一二三四五六七八九十\d]段)?"
            r"(?:\s*\d{1,5}\s*[巷弄])*\s*\d{1,5}\s*[号號](?:院|楼|樓)?"
            r"(?:\s*\d{1,4}\s*(?:栋|棟|幢|座|室|单元|單元|号楼|號樓|楼|樓))*"
        ),
        0.75,
        hint=re.compile("市"),
    ),
    # 서울특별시 강남구 테헤란로 152 / 부산광역시 해운대구 우동 1411-3
    Rule(
        "ko",
        re.compile(
            r"(?:[가-힣]{2,6}(?:특별시|광역시|특별자치시|도)\s*)?[가-힣]{1,6}[시군구]\s*(?:[가-힣]{1,6}[구군]\s*)?"
            r"[가-힣0-9]{1,12}(?:로|길|동|읍|면|리)\s*\d{1,5}(?:-\d{1,5})?(?:\s*번지)?"
            # the building and the flat: 센텀타워 1203호, 래미안아파트 101동 1203호
            r"(?:\s*(?:[가-힣A-Za-z]{2,12}\s*)?(?:\d{1,4}동\s*)?\d{1,4}호)?"
        ),
        0.75,
        hint=re.compile("[시군구]"),
    ),
    # ул. Ленина, д. 5, кв. 12 / вул. Хрещатик, буд. 22
    Rule(
        "cyrillic",
        re.compile(
            r"(?i)(?<!\w)(?:ул\.|улица|пр-т|пр\.|проспект|пер\.|переулок|ш\.|шоссе|б-р|бул\.|бульвар|"
            r"пл\.|площадь|наб\.|набережная|вул\.|вулиця|просп\.|пров\.)\s*[\w .'’-]{2,30}?,?\s*"
            r"(?:(?:д\.|дом|буд\.|будинок)\s*)?\d{1,4}[а-яіїє]?(?:[,/]?\s*(?:кв\.|квартира|корп\.|к\.|стр\.|оф\.)\s*\d{1,4})*"
        ),
        0.75,
        hint=re.compile("[\u0400-\u04ff]"),
    ),
    # רחוב הרצל 12 / شارع الملك فهد 12; after a one-letter word written onto it, "in",
    # "to", "from", "and" (ברחוב הרצל 12, بشارع ...), which stays
    Rule(
        "he_ar",
        re.compile(
            r"(?:(?<!\w)|(?<=(?<!\w)[ובלמשبوفل])|(?<=(?<!\w)[ובלמש][בלמ]))"
            r"(?:רחוב|רח'|שדרות|שד'|شارع|طريق|حي)\s+[\u0590-\u05ff\u0600-\u06ff\"' ]{2,30}?\s*\d{1,5}(?!\d)"
        ),
        0.7,
        hint=re.compile("[\u0590-\u06ff]"),
    ),
    # 123/45 ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพฯ 10110
    Rule(
        "th",
        re.compile(
            r"\d{1,5}(?:/\d{1,4})?\s*(?:หมู่(?:ที่)?\s*\d{1,3}\s*)?(?:ซอย|ซ\.|ถนน|ถ\.|ตำบล|ต\.|แขวง)"
            r"[\u0e00-\u0e7f0-9 ./]{2,80}?(?:\d{5}|(?=[\s,.]*$)|(?=\n))"
        ),
        0.7,
        hint=re.compile("[\u0e00-\u0e7f]"),
    ),
    # οδός Ερμού 25 / Λεωφ. Κηφισίας 44, 115 26 Αθήνα (and "in" or "of" the street: στην οδό
    # Ερμού 25, της οδού ...)
    Rule(
        "el",
        re.compile(
            r"(?i)(?<!\w)(?:οδός|οδό|οδού|οδ\.|λεωφόρος|λεωφόρο|λεωφόρου|λεωφ\.|πλατεία|πλατείας|πλ\.)\s+[\u0370-\u03ff\u1f00-\u1fff]{2,20}"
            r"(?:\s+[\u0370-\u03ff\u1f00-\u1fff]{2,20})?\s+\d{1,4}(?:,\s*\d{3}\s?\d{2})?"
        ),
        0.75,
        hint=re.compile("[\u0370-\u03ff]"),
    ),
    # Atatürk Caddesi No: 12, Kadıköy / Gül Sokak No. 4/2
    Rule(
        "tr",
        re.compile(
            rf"(?:{_CAPW}[ \t]+)?{_CAPW}[ \t]+(?:Caddesi|Cad\.|Sokak|Sokağı|Sk\.|Bulvarı|Blv\.|"
            r"Mahallesi|Mah\.)[ \t,]*(?:No[:.]?[ \t]*\d{1,5}[A-Za-z]?(?:/\d{1,4})?)"
            rf"(?:,[ \t]*{_CAPW}(?:/{_CAPW})?)?"
        ),
        0.75,
        hint=re.compile(r"Cad|Sok|Sk\.|Bulvar|Blv\.|Mah"),
    ),
    # 123 Đường Lê Lợi, Phường Bến Nghé, Quận 1
    Rule(
        "vi",
        re.compile(
            r"\d{1,5}[A-Za-z]?(?:/\d{1,4})?[ \t]+(?i:đường|phố|ngõ|hẻm)(?:[ \t]+[^\W\d_]+){1,4}"
            r"(?:,[ \t]*(?i:phường|p\.|quận|q\.|huyện|xã|thành phố|tp\.)[ \t]*[^\W_]+(?:[ \t]+[^\W\d_]+){0,3}){0,3}"
        ),
        0.75,
        hint=re.compile("(?i:đường|phố|ngõ|hẻm)"),
    ),
    # 123 Nguyễn Huệ, Quận 1 / 45 Lý Thường Kiệt, Phường 7: a house number and a street
    # named without "street", then its ward or district
    Rule(
        "vi_district",
        re.compile(
            r"\d{1,5}[A-Za-z]?(?:/\d{1,4})?[ \t]+(?:[A-ZÀ-Ỹ][^\W\d_]*[ \t]+){0,3}[A-ZÀ-Ỹ][^\W\d_]*"
            r"(?:,[ \t]*(?i:phường|p\.|quận|q\.|huyện|xã)[ \t]*[^\W_]+(?:[ \t]+[^\W\d_]+){0,3}){1,3}"
        ),
        0.7,
        hint=re.compile("(?i:phường|quận|huyện|xã)"),
    ),
    # 12, एमजी रोड, बेंगलुरु / मकान नंबर 45, गांधी नगर: a house number, the street's words
    # and its kind (road, marg, lane, colony, sector ...) in Devanagari, then a word of
    # the city
    Rule(
        "hi",
        re.compile(
            r"(?:मकान\s+(?:नं\.?|नंबर)\s*)?[\d०-९]{1,5}[A-Za-z]?(?:/[\d०-९]{1,4})?,?\s+"
            r"(?:[\u0900-\u097f]+\s+){0,3}(?:रोड|मार्ग|गली|सड़क|लेन|नगर|कॉलोनी|चौक|पथ|सेक्टर)"
            r"(?:\s*,\s*[\u0900-\u097f]+)?"
        ),
        0.7,
        hint=re.compile("[\u0900-\u097f]"),
    ),
    # H.No. 8-2-293/82, Road No. 14, Banjara Hills, Hyderabad 500034
    Rule(
        "in",
        re.compile(
            r"(?i)\b(?:H\.?\s?No|House\s+No|Flat\s+No|Plot\s+No|Door\s+No|D\.?\s?No)\.?\s*[:-]?\s*"
            r"[\w/-]{1,14}(?:,\s*[^,\n]{2,40}){0,4}"
        ),
        0.7,
    ),
)
_HOUSE_NUMBER_BEFORE = re.compile(r"\d{1,6}[A-Za-z]?[ \t]+$")
_POSTCODE_AFTER = re.compile(r"^,?[ \t]+\d{4,6}\b")


class WardenStreetAddressRecognizer(RuleRecognizer):
    """Street addresses in the common Western formats and the layouts of CJK, Korean,
    Cyrillic, Hebrew, Arabic, Thai, Greek and Indian addresses (see the module doc)."""

    ENTITY = "STREET_ADDRESS"
    RULES = _RULES + _SCRIPT_RULES

    def prefilter(self, text: str) -> bool:
        return any(map(str.isdigit, text))

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        out = []
        for r in results:
            m = _HOUSE_NUMBER_BEFORE.search(text[max(0, r.start - 10) : r.start])
            start = r.start - len(m.group(0)) if m else r.start
            out.append(RecognizerResult(self.ENTITY, start, r.end, r.score))
        doc = getattr(nlp_artifacts, "tokens", None)
        if doc is not None and out:
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC"):
                    m = _POSTCODE_AFTER.match(text[ent.end_char : ent.end_char + 12])
                    if m:
                        out.append(
                            RecognizerResult(
                                self.ENTITY, ent.start_char, ent.end_char + m.end(), 0.6
                            )
                        )
        return out
