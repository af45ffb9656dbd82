"""Names in scripts without capitals, found by the titles and honorifics written with
them (Japanese さん and 様, Chinese 先生 and 女士, Korean 씨 and 님, Thai นาย and นาง,
господин, السيد, מר), by a label that says a name follows, and Thai names from lists."""

from __future__ import annotations

import re

from redaction.multilingual import (
    KO_SURNAMES,
    KO_TITLES,
    simplified,
    zh_family_names,
)
from redaction.recognizers.names import (
    arabic_names,
    hindi_names,
    japanese_country_names,
    thai_names,
    thai_word_counts,
)
from redaction.wordfreq_safe import zipf_frequency

# Names in other scripts, by the honorific or title written with them.
_KANJI = "\u4e00-\u9fff\u3400-\u4dbf々"
_JA_HONORIFIC = re.compile(
    rf"([{_KANJI}]{{2,5}}|[ァ-ヶー]{{2,10}})[ \u3000]?"
    r"(?=さん|様|さま|氏|先生|君|くん|ちゃん|殿|教授|部長|課長|社長|選手|容疑者|被告)"
)
# A name in katakana (a foreign name, its parts joined by ・ or ＝) with a rank or office
# written before it (教皇インノケンティウス, 首相ダービー) or after it (ピーチ姫, ダービー伯爵),
# or with a regnal number (クロヴィス2世: the number is part of the name).
_JA_KATAKANA_NAME = r"[ァ-ヶー]{2,}(?:[・=＝][ァ-ヶー]{2,})*"
_JA_REGNAL = r"[0-9０-９一二三四五六七八九十]+世"
_JA_TITLE = re.compile(
    r"(?:教皇|皇帝|国王|女王|王妃|皇后|皇太子|王子|王女|公爵|伯爵|首相|大統領|外相|大臣|議員"
    r"|将軍|提督|元帥|総督|司令官|長官|博士|監督|神父|牧師|司教|大司教|枢機卿|選手|騎手"
    r"|作家|画家|歌手|俳優|女優|執行人)"
    rf"({_JA_KATAKANA_NAME}(?:{_JA_REGNAL})?)"
    rf"|({_JA_KATAKANA_NAME})"
    rf"(?:(?=姫|王子|王女|伯爵|公爵|侯爵|男爵|卿|大統領|首相|博士|将軍|皇帝|国王|女王|神父|牧師)"
    rf"|{_JA_REGNAL})"
)
_ZH_TITLE = re.compile(
    rf"([{_KANJI}]{{2,3}})(?=先生|女士|小姐|老师|教授|医生|经理|总裁|主任|书记|同志|同学|律师|院士)"
    rf"|(?:名叫|叫做|姓名[:：]\s?|联系人[:：]\s?|收件人[:：]?\s?)([{_KANJI}]{{2,3}})"
    # "my name is" (叫 is also "tell": 我叫他明天来, so a family name must open it)
    rf"|(?:我叫|我的名字是|我的名字叫)([{_KANJI}]{{2,3}})"
)
_HAN = re.compile(rf"[{_KANJI}]")
# a reporter's byline (记者许立群报道, names joined by 、) and a family name alone before an
# office (唐外长, 江主席): the name is read where it starts with a family name
_ZH_BYLINE = re.compile(
    rf"(?:记者|通讯员|摄影|编辑|撰文)[:：\s]?((?:[{_KANJI}]{{2,3}}、)*[{_KANJI}]{{2,3}})"
    r"(?=报道|摄|、|\s|《|）|\)|，|。|$)"
)
_ZH_FAMILY_OFFICE = re.compile(
    rf"(?<![{_KANJI}])([{_KANJI}])(?=外长|副?局长|副?主席|副?总理|副?部长|市长|省长|县长|书记|大使"
    r"|将军|校长|厂长|总统|委员长|秘书长|司令|院长|处长|科长|村长|大娘|大爷|师傅)"
)
# the first syllables of the particles a name may carry (씨는, 씨의, 씨께)
_KO_PARTICLES = "은는이가의를을에도와과만께"
_KO_HONORIFIC = re.compile(
    rf"(?<![가-힣])([가-힣]{{2,4}})\s?(?=씨(?![가-힣])|씨[{_KO_PARTICLES}]|님|선생님|교수님|사장님|부장님|과장님|대리님|팀장님|군(?![가-힣])|양(?![가-힣]))"
)
_KO_FAMILY_SSI = re.compile(
    rf"(?<![가-힣])([{''.join(sorted(KO_SURNAMES))}])씨(?=[{_KO_PARTICLES}]|[\s,.)\"”’']|$)"
)
# more offices, ranks and callings after a family name than the name engine reads:
# museum or centre director, manager, spokesman, bank president, secretary, coach,
# researcher, ambassador, police and army ranks ...
# fmt: off
_KO_MORE_TITLES = (
    "관장", "센터장", "매니저", "소장", "부회장", "대변인", "행장", "비서관", "앵커", "코치",
    "교사", "연구원", "위원", "군수", "구청장", "장군", "부사장", "사무총장", "이사장",
    "비서실장", "대사", "영사", "지점장", "점장", "교감", "교장", "주무관", "경위", "경감",
    "경사", "경장", "순경", "형사", "기장", "선장", "고문", "부장판사", "검사장", "차관",
    "비대위원장", "당선인", "내정자", "후보자", "상병", "일병", "병장", "중위", "대위", "소령",
    "중령", "대령", "준장", "중장", "대장",
    # a justice, a painter, a pastor, a head of state (시 주석, Xi), an announcer, an
    # actor, a special prosecutor, a flight attendant
    "재판관", "화백", "목사", "주석", "아나운서", "배우", "특검", "승무원",
)
# fmt: on
# an office at the end of a word, the body or the rank before it written onto it
# (명예회장, 국정원장, 감사위원, 부위원장), the word not opening with 전, a particle or no
# letter after it; of the titles, those no other word ends with (not 시장 of 서울시장,
# "market"; 판사 of 출판사, "publisher"; 의원 of 한의원, "clinic")
_KO_COMPOUND_TITLE = (
    r"(?!전)[가-힣]{1,4}?(?:회장|원장|위원장|위원|총리|장관|차관|사령관|총장|국장)"
    r"(?=[은는이가의을를에와과도께]|[^가-힣]|$)"
)
# a family name alone, a space (and "former", 전, written onto a plain office or not),
# then an office: 노 관장, 허 전 시장, 이 전총리, 곽 감사위원 (not 이 전시회장, "this
# exhibition hall"). Not 전, 두, 한 (also "former", "two", "a"), nor a particle written
# onto a bracket. The titles from 재판관 on and the compound offices chosen on ko.all
# lines 400-4999 (16 names more, no other word)
_KO_TITLE_AFTER_FAMILY = re.compile(
    rf"(?:전 ?)?(?:{'|'.join(sorted(KO_TITLES + _KO_MORE_TITLES, key=len, reverse=True))})"
    rf"|(?:전 )?{_KO_COMPOUND_TITLE}"
)
_KO_FAMILY_TITLE = re.compile(
    rf"(?<![가-힣A-Za-z)\]])([{''.join(sorted(KO_SURNAMES - set('전두한')))}]) "
    rf"(?={_KO_TITLE_AFTER_FAMILY.pattern})"
)
# a family name and 모 ("a certain"), as the news hides a name: 박모(48)씨, 박 모씨
_KO_FAMILY_MO = re.compile(
    rf"(?<![가-힣])([{''.join(sorted(KO_SURNAMES))}] ?모)(?= ?씨|\(| ?[군양](?![가-힣]))"
)
# the capital letter Korean news writes for a person it will not name (A씨, B 씨는, A모씨,
# C군이, A변호사, A병사): the letter with the facts around it can point to one, and
# ko.all labels it a person. Chosen on ko.all lines 400-2399 (19 letters, no other
# word), checked on 2400-4999 (14, none other); 군 and 양 only before a particle or a space
_KO_STAND_IN = re.compile(
    r"(?<![\w])([A-Z])(?:[ \t]?(?=모?씨|[군양](?:[은는이가을의]|\s|$))"
    r"|(?=변호사|병사|교수|의원|기자|대표|회장|사장|경위|경사|순경|상병|일병|이병|병장|하사|중사"
    r"|상사|소위|중위|대위))"
)


def korean_syllable_no_name(text: str, a: int, b: int) -> bool:
    """Is the span ``text[a:b]`` of one Hangul syllable no name? A family name alone
    stands as a word before a title or a space, or has 씨 or 모 written onto it (박 교수,
    최씨, 김모); the models and rules also take a syllable that is no family name (그,
    "he"), the end of the word before (the 서 of 에서), one with a particle written onto
    it (이는, "this is"), and 이 as "this" before a word that is no title (이 사진은, not 이
    전 대통령). Chosen on ko.all lines 400-2399 (120 spans on no name dropped, 1 name
    lost: the last syllable of a foreign name, 파와즈), checked on 2400-4999 (139
    dropped, none lost)."""
    if b - a != 1 or not "가" <= text[a] <= "힣":
        return False
    if text[a] not in KO_SURNAMES or (a and "가" <= text[a - 1] <= "힣"):
        return True
    after = text[b : b + 1]
    if after in ("씨", "모"):
        return False
    if "가" <= after <= "힣":
        return True
    if text[a] != "이":
        return False
    return not _KO_TITLE_AFTER_FAMILY.match(text[b:].lstrip())


_KO_NOT_NAMES = frozenset(
    [
        "고객",
        "선생",
        "교수",
        "사장",
        "부장",
        "과장",
        "대리",
        "팀장",
        "회장",
        "의사",
        "기사",
        "사모",
        "형",
        "누나",
        "언니",
        "오빠",
        "어머",
        "아버",
        "할머",
        "할아버",
        "여러분",
        "손",
        "환자",
        "학생",
        "부모",
        "따님",
        "아드님",
        "작가",
        "감독",
        "대표",
        "원장",
        "실장",
        "이사",
        "상무",
        "전무",
        "담당자",
        "사용자",
        "회원",
        "주인",
        "선배",
        "후배",
        "형님",
        "고모",
        "이모",
        "삼촌",
    ]
)
# Thai titles and ranks written before a name: Mr, Mrs, Miss, lecturer; army, navy, air
# force and police ranks (พลเอก); royal descent (หม่อมราชวงศ์); professors; and shortened
# ones (Dr, children's master and miss, พล.อ., ม.ร.ว., ศ., นพ.), one after another
# (รศ.ดร.), the first not right after a letter or a dot, where it would end an acronym
# (กยศ., พ.ศ.)
_THAI_SHORT_TITLE = (
    r"(?:ดร\.|ด\.ช\.|ด\.ญ\.|พ\.อ\.|พล\.อ\.|พล\.ท\.|พล\.ต\.อ\.|พล\.ต\.ท\.|พล\.ต\.ต\.|พล\.ต\."
    r"|พ\.ต\.อ\.|พ\.ต\.ท\.|ร\.ต\.อ\.|ม\.ร\.ว\.|ม\.ล\.|ศ\.|รศ\.|ผศ\.|นพ\.|พญ\.)"
)
_THAI_TITLE = re.compile(
    r"(?:คุณ|นางสาว|นาย|นาง|อาจารย์|พลเอก|พลโท|พลตรี|พลเรือเอก|พลอากาศเอก|พลตำรวจเอก"
    r"|พลตำรวจโท|พลตำรวจตรี|พันเอก|พันตำรวจเอก|หม่อมราชวงศ์|หม่อมหลวง|ศาสตราจารย์"
    rf"|รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|(?<![\u0e00-\u0e7f.]){_THAI_SHORT_TITLE})"
    rf"{_THAI_SHORT_TITLE}*"
    r"\s?([\u0e00-\u0e7f]{2,25})(?:\s([\u0e00-\u0e7f]{2,25}))?"
)
# a Thai word rare enough to be a name: fewer times in the Thai National Corpus
_TH_RARE = 100
_THAI_ALIAS = re.compile(r" ?หรือ ?([\u0e01-\u0e4e.]{2,25})(?: ([\u0e01-\u0e4e]{2,12}))?")
_CYR_GREEK_CAP = r"[А-ЯЁІЇЄҐΑ-ΩΆΈΉΊΌΎΏ][а-яёіїєґʼ'’α-ωάέήίόύώϊϋΐΰς-]+"
_TITLE_OTHER = re.compile(
    r"(?i:господин|госпожа|г-н|г-жа|гражданин|гражданка|товарищ|доктор|профессор|пан|пані|"
    r"пан[іа]?|лікар|κ\.|κος|κα|κύριος|κυρία|δρ\.|καθηγητ[ήςά]+)\s+"
    rf"({_CYR_GREEK_CAP}(?:\s+{_CYR_GREEK_CAP}){{0,2}})"
    r"|(?<![\u0600-\u06ff])(?:السيد|السيدة|الدكتور|الدكتورة|د\.|الأستاذ|الأستاذة|الشيخ|المهندس)\s+([\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+)?)"
    r"|(?<![\u0590-\u05ff])(?:מר|גב'|גברת|ד\"ר|פרופ'|עו\"ד)\s+([\u0590-\u05ff'\"]+(?:\s+[\u0590-\u05ff'\"]+)?)"
)
_KANA = re.compile(r"[\u3040-\u30ff]")


# A label that says a name follows, in the languages of the development sets: "recipient",
# "name", "attention of", "contact person".
_CAP_ANY = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-ΩΆ-Ώ][^\W\d_]+"
_NAME_LABEL = re.compile(
    r"(?i:odbiorca|adresat|destinatario|destinataire|empfänger|alıcı|người nhận|nombre|"
    r"imię i nazwisko|ad soyad|z\. ?hd\.|zu händen|à l'attention de|aos cuidados de|a nombre de|"
    r"a la atención de|all'attenzione di|получатель|отримувач|адресат|фио|піб|ansprechpartner|"
    r"contacto|persona de contacto|kontakt|contatto|interlocuteur)[\s:,]+"
    rf"({_CAP_ANY}(?:[ \t]+{_CAP_ANY}){{0,2}})"
    r"|(?:받는 ?사람|수령인|수취인|성명|담당자)[\s:]*([가-힣]{2,4})(?![가-힣])"
    r"|(?:ผู้รับ|ชื่อ-นามสกุล|ชื่อผู้ติดต่อ)[\s:]*([\u0e00-\u0e7f]{2,25}(?: [\u0e00-\u0e7f]{2,25})?)"
)


# Hindi: a name after "my name is" (मेरा नाम ... है), after a title (श्री, श्रीमती, डॉ.)
# or after "dear" (प्रिय), up to three words, stopping at a postposition, a verb of being,
# a conjunction or a question word (ने, को, से, का, में, है, हूँ, था, और, जी, क्या ...)
_HI_WORD = r"[\u0900-\u0963\u0971-\u097f]+"
_HI_STOP = frozenset((
        "ने", "को", "से", "का", "की", "के", "में", "पर", "है", "हैं", "हूँ", "हूं",
        "था", "थी", "थे", "और", "तथा", "या", "जी", "भी", "ही", "तो", "नाम", "क्या",
        "कौन", "क्यों", "कैसे", "कब", "कहाँ", "यह", "वह", "ये", "वो",
))  # fmt: skip
_HI_CUE = re.compile(
    r"(?<![\u0900-\u097f])(?:(?:मेरा|मेरी|हमारा|उनका|उसका|इनका)\s+नाम|नाम\s*[:：]|श्री|श्रीमती"
    # the cue a word of its own: प्रिय ("dear") opens प्रिया (Priya)
    r"|सुश्री|कुमारी|डॉ\.?|डॉक्टर|प्रोफ़ेसर|प्रोफेसर|प्रिय)(?![\u0900-\u0963\u0971-\u097f])[ \t]*"
    rf"({_HI_WORD}(?:[ \t]+{_HI_WORD}){{0,2}})"
)


def _hindi_names(text: str) -> list[tuple[int, int, float]]:
    """Hindi names after "my name is", a title or "dear": the words on its line up to
    the first postposition, verb of being or conjunction. Found on prompts of my own; there is no
    Hindi development set."""
    out = []
    for m in _HI_CUE.finditer(text):
        end = m.start(1)
        for w in re.finditer(_HI_WORD, m.group(1)):
            if w.group(0) in _HI_STOP:
                break
            end = m.start(1) + w.end()
        if end > m.start(1):
            out.append((m.start(1), end, 0.6))
    return out


_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
# each pair of words, overlapping (a lookahead)
_HI_BEFORE_FAMILY = re.compile(
    rf"(?<![\u0900-\u097f])(?=({_HI_WORD})[ \t]+({_HI_WORD})(?![\u0900-\u097f]))"
)


def _hindi_first_before_family(text: str) -> list[tuple[int, int, float]]:
    """A first name before a listed family name in Devanagari (रोहित वर्मा, प्रिया सिंह):
    the word before it when that is a listed first name, or no stop word and not frequent
    in Hindi (Zipf under 4.5: first names are frequent in Hindi text, रोहित 4.5, but
    nouns more so, दोस्त "friend" 5.2, किताब "book" 4.9). Found on prompts of my own;
    there is no Hindi development set."""
    first_names, last = hindi_names()
    out = []
    for m in _HI_BEFORE_FAMILY.finditer(text) if _DEVANAGARI.search(text) else ():
        first, family = m.group(1), m.group(2)
        if (
            family in last
            and first not in _HI_STOP
            and first not in last
            and (first in first_names or zipf_frequency(first, "hi") < 4.5)
        ):
            out.append((m.start(1), m.end(2), 0.6))
    return out


# "My name is ..." bounded by the copula after the name, in Persian (اسمم علی است, نام
# من ... است), Urdu (میرا نام احمد خان ہے) and Korean (제 이름은 제임스 스미스입니다); "I
# am named ..." in Thai, where words run on without spaces: the name up to the next
# space, the family name after it (ผมชื่อสมศักดิ์ ใจดี), a polite particle left off
_FA = r"[\u0600-\u06ff]+"
_INTRODUCED = re.compile(
    rf"(?<![\u0600-\u06ff])(?:اسمم|اسم من|نام من|میرا نام|میری نام|ہمارا نام)\s+"
    rf"({_FA}(?:\s+{_FA}){{0,2}}?)\s+(?:است|هست|ہے|تھا)(?![\u0600-\u06ff])"
    r"|(?:제|내|저의|나의)\s*이름은\s+([가-힣]+(?:\s+[가-힣]+){0,2}?)"
    r"(?:입니다|이에요|예요|이야|야|이고|고|이라고|라고)(?![가-힣])"
    r"|(?:ผม|ฉัน|ดิฉัน|หนู|เรา|กระผม)ชื่อ(?:ว่า)?\s*([\u0e01-\u0e4e]{2,25}?(?: [\u0e01-\u0e4e]{2,25}?)?)"
    r"(?:ครับ|ค่ะ|คะ|นะ|จ้ะ)?(?=[\s.,!?]|$)"
)
# Vietnamese: a capitalised name after the pronoun one person calls another by (anh, chị,
# em, cô, chú, bác, ông, bà, thầy) or after "I am", "my name is" (tôi là, tên tôi là)
_VI_ADDRESSED = re.compile(
    r"(?<![\w])(?:(?i:anh|chị|em|cô|chú|bác|ông|bà|thầy)|(?:tôi|em|mình|tên tôi|tên em) là)"
    r"[ \t]+([A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){0,3})"
)


# Persian "I am ..." (من علی رضایی هستم): the words before the verb, when the first is a
# listed Arabic first name as Persian spells it (ی for ي, ک for ك)
_FA_I_AM = re.compile(
    rf"(?<![\u0600-\u06ff])من\s+({_FA}(?:\s+{_FA}){{0,2}}?)\s+هستم(?![\u0600-\u06ff])"
)


def _name_before_copula(text: str) -> list[tuple[int, int, float]]:
    """A name after "my name is" in Persian, Urdu, Korean and Thai (:data:`_INTRODUCED`),
    and after a Persian "I am" when it opens with a listed first name (not "I am very
    happy"). Found on prompts of my own; no development set holds these languages but
    Korean and Thai, whose lines do not change."""
    out = []
    for m in _INTRODUCED.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        out.append((m.start(g), m.end(g), 0.6))
    first = arabic_names()[0]
    for m in _FA_I_AM.finditer(text):
        if m.group(1).split()[0].replace("ی", "ي").replace("ک", "ك") in first:
            out.append((m.start(1), m.end(1), 0.6))
    return out


def vietnamese_addressed(text: str) -> list[tuple[int, int, float]]:
    """A Vietnamese name after a pronoun of address or "I am" (:data:`_VI_ADDRESSED`)."""
    return [(m.start(1), m.end(1), 0.6) for m in _VI_ADDRESSED.finditer(text)]


def _other_scripts(text: str) -> list[tuple[int, int, float]]:
    """Names in other scripts, found by the honorific or title written with them."""
    out: list[tuple[int, int, float]] = []
    if _KANA.search(text):  # Japanese: Chinese text has no kana
        for m in _JA_HONORIFIC.finditer(text):
            out.append((m.start(1), m.end(1), 0.6))
        for m in _JA_TITLE.finditer(text):
            g = 1 if m.group(1) else 2
            if m.group(g) in japanese_country_names():  # ロシア皇帝: a country, not a name
                continue
            out.append((m.start(g), m.end(), 0.6))
    chinese = not _KANA.search(text)
    for m in _ZH_TITLE.finditer(text):
        if m.group(1) and chinese:
            # the characters before the title may end a word (下午历史老师: "afternoon
            # history teacher"): the name starts at a family name, or there is none
            family = zh_family_names()
            a, end = m.start(1), m.end(1)
            while a < end - 1 and simplified(text[a]) not in family:
                a += 1
            if a < end - 1:
                out.append((a, end, 0.6))
            continue
        g = 1 if m.group(1) else 2 if m.group(2) else 3
        if g == 3 and not (
            chinese
            and (
                simplified(text[m.start(3)]) in zh_family_names()
                or simplified(text[m.start(3) : m.start(3) + 2]) in zh_family_names()
            )
        ):
            continue
        # the whole name where it runs to four characters before a mark or a space
        # (欧阳明轩: a family name of two characters)
        end = m.end(g)
        while g > 1 and end < len(text) and end - m.start(g) < 5 and _HAN.match(text, end):
            end += 1
        if end - m.start(g) > 4 or (end < len(text) and _HAN.match(text, end)):
            end = m.end(g)
        out.append((m.start(g), end, 0.6))
    if chinese and _HAN.search(text):
        # seen on zh.dev lines 800-1599, counted on 400-1999: 6 names, no wrong word
        # (Traditional characters read as Simplified ones, place for place)
        family, simple = zh_family_names(), simplified(text)
        for m in _ZH_BYLINE.finditer(simple):
            at = m.start(1)
            for name in m.group(1).split("、"):
                if name[0] in family:
                    out.append((at, at + len(name), 0.6))
                at += len(name) + 1
        for m in _ZH_FAMILY_OFFICE.finditer(simple):
            if m.group(1) in family:
                out.append((m.start(1), m.end(1), 0.6))
    for m in _KO_HONORIFIC.finditer(text):
        word = m.group(1)
        if word in _KO_NOT_NAMES or (len(word) >= 3 and word[0] not in KO_SURNAMES):
            continue
        out.append((m.start(1), m.end(1), 0.6))
    # a family name alone, written onto 씨 as the news writes it (최씨는, 박씨의). Chosen
    # on ko.all lines 3300-4999, checked on 2000-3299 (28 names; the 2 others unlabelled
    # people)
    for m in _KO_FAMILY_SSI.finditer(text):
        out.append((m.start(1), m.end(1), 0.6))
    # chosen on ko.all lines 400-1199 (11 names found, 1 other word), checked on
    # 1200-1999 (14 found, 1 taken)
    for pattern in (_KO_FAMILY_TITLE, _KO_FAMILY_MO, _KO_STAND_IN):
        out += [(m.start(1), m.end(1), 0.6) for m in pattern.finditer(text)]
    for m in _THAI_TITLE.finditer(text):
        end = m.end(2) if m.group(2) else m.end(1)
        out.append((m.start(1), end, 0.6))
        # "or" and the name the person goes by (นายวิรัตน์ สุขแสง หรือ โกรัตน์): its
        # second word with it when rare. Chosen on th.train lines 3880-4970 (6 names,
        # nothing else); lines 0-3479, which the model learned, hold none it misses
        alias = _THAI_ALIAS.match(text, end)
        if alias:
            second = alias.group(2) and thai_word_counts().get(alias.group(2), 0) < _TH_RARE
            out.append((alias.start(1), alias.end(2) if second else alias.end(1), 0.6))
    for m in _NAME_LABEL.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        out.append((m.start(g), m.end(g), 0.6))
    for m in _TITLE_OTHER.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        out.append((m.start(g), m.end(g), 0.6))
    out += _hindi_names(text)
    out += _hindi_first_before_family(text)
    out += _name_before_copula(text)
    return out


_TH_RUN = re.compile(r"[\u0e01-\u0e4e]+")
# abbreviations of a subdistrict, a province and a road: a name after them is a place's
_TH_PLACE_MARKS = ("ต.", "จ.", "ถ.")


def _thai_listed_names(text: str) -> list[tuple[int, int, float]]:
    """A listed Thai first name standing as a word of its own (between spaces, quotes
    or punctuation: Thai writes no spaces between words, but does around a name), rare
    as a word (fewer than 100 times in the Thai National Corpus), with the next word
    when it is a listed family name or a short rare word (the family name follows
    after one space); not after the abbreviation of a subdistrict, a province or a road.
    Chosen on th.train lines 4400-4970, checked on 3880-4399 and 2800-3479."""
    first, family = thai_names()
    counts = thai_word_counts()
    runs = list(_TH_RUN.finditer(text))
    out: list[tuple[int, int, float]] = []
    for i, m in enumerate(runs):
        word = m.group(0)
        if (
            word not in first
            or counts.get(word, 0) >= _TH_RARE
            or (out and m.start() < out[-1][1])
            or text[max(0, m.start() - 2) : m.start()] in _TH_PLACE_MARKS
        ):
            continue
        nxt = runs[i + 1] if i + 1 < len(runs) else None
        if (
            nxt
            and text[m.end() : nxt.start()] == " "
            and (
                nxt.group(0) in family
                or (len(nxt.group(0)) <= 12 and counts.get(nxt.group(0), 0) < _TH_RARE)
            )
        ):
            out.append((m.start(), nxt.end(), 0.5))
        else:
            out.append((m.start(), m.end(), 0.5))
    return out
