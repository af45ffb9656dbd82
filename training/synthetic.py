"""Synthetic training sentences for the languages the licensed sets do not cover.

Only seven of the labelled development sets may teach a model we ship (ar, de, en, ja, ru,
th, tr); in the other languages our users write, the multi-language name model had never
seen a name. This module writes sentences of the kind people send to a model API (a
request, a note about a neighbour, a summary of a call) in fourteen languages, with
names, cities and companies drawn from Faker's per-locale lists (MIT). The templates were
written for this file; none is taken from a development set, the tests or the
benchmarks' generated prompts (``benchmarks/_multilingual.py``, whose names are not
Faker's).

Placeholders: ``{P}``/``{Q}`` a full name, ``{F}`` a first name, ``{L}`` a family name
(all PERSON), ``{C}`` a city (LOC), ``{O}`` a company (ORG).

A few templates teach little about the rest of a language: a model that has seen Hebrew
only around names takes any Hebrew word for one. So each language also gets sentences
with no entity, strings of its 5,000 most frequent words (``wordfreq``'s lists, the
data CC BY-SA 4.0), less the words Faker lists as names.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection

from faker import Faker

# language: (Faker locale, family name first without a space, templates)
TEMPLATES: dict[str, tuple[str, bool, list[str]]] = {
    "he": (
        "he_IL",
        False,
        [
            "אתמול {P} התקשר אליי בקשר לחוזה.",
            "תכתוב מכתב תודה עבור {F} על העזרה במעבר הדירה.",
            "הפגישה עם {P} נדחתה ליום ראשון בעיר {C}.",
            "{P} עובד בחברת {O} כבר שלוש שנים.",
            "השכן שלי, {P}, משאיר את הזבל ליד הדלת.",
            "סכם את השיחה בין {P} לבין {Q}.",
            "מה דעתך על ההצעה של {L}?",
            'ד"ר {L} אמר שהבדיקות תקינות.',
            "תודה רבה, {F}, על הכול!",
            "ראש העירייה {P} הודיע היום על תוכנית חדשה לתחבורה.",
            "לדברי {P}, המצב בשטח קשה מאוד.",
            "השר {L} אמר כי הממשלה תפעל כבר השבוע.",
            "תשלח ל{F} את הקובץ עד מחר בבוקר.",
            "{P} ו{Q} הגיעו לפגישה באיחור של חצי שעה.",
            "הנאשם {P} הכחיש את כל ההאשמות נגדו.",
            "עורך הדין של {P} ביקש מבית המשפט דחייה.",
            "{F} נולדה בעיר {C} ולמדה באוניברסיטה העברית.",
        ],
    ),
    "el": (
        "el_GR",
        False,
        [
            "Χθες μου τηλεφώνησε {P} για το συμβόλαιο.",
            "Γράψε ένα email προς {P} για τη συνάντηση στην {C}.",
            "Ο γείτονάς μου, {P}, αφήνει τα σκουπίδια στην πόρτα.",
            "Σύνοψη της συζήτησης ανάμεσα σε {P} και {Q}.",
            "Ο γιατρός {L} είπε ότι οι εξετάσεις είναι καλές.",
            "Ευχαριστώ πολύ, {F}, για τη βοήθεια!",
            "{P} δουλεύει στην εταιρεία {O} εδώ και τρία χρόνια.",
            "Τι λες για την πρόταση του κυρίου {L};",
            "Στείλε το αρχείο στον συνάδελφο {F} μέχρι την Παρασκευή.",
            "Ο υπουργός {P} δήλωσε ότι η κυβέρνηση θα στηρίξει τους αγρότες.",
            "Η {F} γεννήθηκε στην {C} και σπούδασε νομικά.",
            "Ο προπονητής {L} μίλησε στους δημοσιογράφους μετά τον αγώνα.",
            "Η συνέντευξη με τον σκηνοθέτη {P} θα προβληθεί απόψε.",
            "Πες στη {F} ότι θα αργήσω λίγο.",
            "Ο βουλευτής {P} κατέθεσε ερώτηση για τα νοσοκομεία.",
            "Η δικηγόρος {P} ζήτησε αναβολή της δίκης.",
        ],
    ),
    "pl": (
        "pl_PL",
        False,
        [
            "Wczoraj {P} dzwonił do mnie w sprawie umowy.",
            "Napisz maila, nadawca: {P}, temat: spotkanie w mieście {C}.",
            "Mój sąsiad, {P}, zostawia śmieci pod drzwiami.",
            "Podsumuj rozmowę: {P} i {Q} nie zgadzają się co do budżetu.",
            "Pan {L} pracuje w firmie {O} od trzech lat.",
            "Dr {L} powiedział, że wyniki są w normie.",
            "Dziękuję, {F}, za pomoc!",
            "Pani {L} prosi o pilny kontakt.",
            "Co sądzisz o propozycji, którą przysłał {P}?",
        ],
    ),
    "pt": (
        "pt_BR",
        False,
        [
            "Ontem {P} me ligou sobre o contrato.",
            "Escreva um e-mail para {P} sobre a reunião em {C}.",
            "Meu vizinho, {P}, deixa o lixo na porta.",
            "Resuma a conversa entre {P} e {Q}.",
            "A doutora {L} disse que os exames estão normais.",
            "Obrigado, {F}, pela ajuda!",
            "{P} trabalha na {O} há três anos.",
            "O que você acha da proposta do senhor {L}?",
        ],
    ),
    "es": (
        "es_ES",
        False,
        [
            "Ayer {P} me llamó por lo del contrato.",
            "Escribe un correo a {P} sobre la reunión en {C}.",
            "Mi vecino, {P}, deja la basura en la puerta.",
            "Resume la conversación entre {P} y {Q}.",
            "La doctora {L} dijo que los análisis están bien.",
            "¡Gracias, {F}, por la ayuda!",
            "{P} trabaja en {O} desde hace tres años.",
            "¿Qué opinas de la propuesta de {L}?",
        ],
    ),
    "fr": (
        "fr_FR",
        False,
        [
            "Hier, {P} m'a appelé au sujet du contrat.",
            "Écris un mail à {P} à propos de la réunion à {C}.",
            "Mon voisin, {P}, laisse ses poubelles devant la porte.",
            "Résume la discussion entre {P} et {Q}.",
            "Le docteur {L} a dit que les analyses étaient normales.",
            "Merci, {F}, pour ton aide !",
            "{P} travaille chez {O} depuis trois ans.",
            "Que penses-tu de la proposition de {L} ?",
        ],
    ),
    "it": (
        "it_IT",
        False,
        [
            "Ieri {P} mi ha chiamato per il contratto.",
            "Scrivi una mail a {P} sulla riunione a {C}.",
            "Il mio vicino, {P}, lascia la spazzatura davanti alla porta.",
            "Riassumi la conversazione tra {P} e {Q}.",
            "La dottoressa {L} ha detto che gli esami sono a posto.",
            "Grazie, {F}, per l'aiuto!",
            "{P} lavora presso {O} da tre anni.",
            "Cosa ne pensi della proposta di {L}?",
        ],
    ),
    "nl": (
        "nl_NL",
        False,
        [
            "Gisteren belde {P} me over het contract.",
            "Schrijf een e-mail aan {P} over de vergadering in {C}.",
            "Mijn buurman, {P}, laat het afval bij de deur staan.",
            "Vat het gesprek tussen {P} en {Q} samen.",
            "Dokter {L} zei dat de uitslagen goed zijn.",
            "Bedankt, {F}, voor je hulp!",
            "{P} werkt al drie jaar bij {O}.",
            "Wat vind je van het voorstel van {L}?",
        ],
    ),
    "uk": (
        "uk_UA",
        False,
        [
            "Вчора {P} телефонував мені щодо договору.",
            "Напиши лист, адресат: {P}, тема: зустріч у місті {C}.",
            "Мій сусід, {P}, залишає сміття біля дверей.",
            "Підсумуй розмову між {P} та {Q}.",
            "Лікар {L} сказав, що аналізи в нормі.",
            "Дякую, {F}, за допомогу!",
            "{P} працює в компанії {O} вже три роки.",
            "Що ти думаєш про пропозицію, яку надіслав {L}?",
        ],
    ),
    "ko": (
        "ko_KR",
        True,
        [
            "어제 {P}씨가 계약 건으로 전화했어요.",
            "{P}님께 {C} 회의에 대한 이메일을 써 줘.",
            "우리 이웃 {P}는 문 앞에 쓰레기를 두고 가요.",
            "{P}와 {Q}의 대화를 요약해 줘.",
            "{L} 박사가 검사 결과가 정상이라고 했어요.",
            "{F}, 도와줘서 고마워!",
            "{P}는 {O}에서 3년째 일하고 있다.",
            "{L} 과장의 제안에 대해 어떻게 생각해?",
            "{P} 대표는 오늘 기자회견에서 새 계획을 발표했다.",
            "{P} 씨가 어제 {C}에서 교통사고를 당했다.",
            "{P} 감독은 경기 후 인터뷰에서 선수들을 칭찬했다.",
            "{F}한테 회의 시간 좀 알려줄래?",
            "{P} 의원은 그 법안에 반대한다고 밝혔다.",
            "배우 {P}의 새 영화가 다음 주에 개봉한다.",
        ],
    ),
    "zh": (
        "zh_CN",
        True,
        [
            "昨天{P}给我打电话说合同的事。",
            "帮我给{P}写一封关于{C}会议的邮件。",
            "我的邻居{P}总是把垃圾放在门口。",
            "总结一下{P}和{Q}的对话。",
            "{L}医生说检查结果正常。",
            "谢谢你，{F}，帮了大忙！",
            "{P}在{O}工作三年了。",
            "你觉得{L}经理的建议怎么样？",
        ],
    ),
    "hi": (
        "hi_IN",
        False,
        [
            "कल {P} ने मुझे अनुबंध के बारे में फ़ोन किया।",
            "{P} को {C} की बैठक के बारे में ईमेल लिखो।",
            "मेरा पड़ोसी {P} दरवाज़े पर कचरा छोड़ देता है।",
            "{P} और {Q} की बातचीत का सारांश बनाओ।",
            "डॉक्टर {L} ने कहा कि जाँच सामान्य है।",
            "धन्यवाद {F}, मदद के लिए!",
            "{P} तीन साल से {O} में काम करता है।",
            "{L} जी के प्रस्ताव के बारे में तुम क्या सोचते हो?",
            "प्रधानमंत्री {P} ने आज नई योजना की घोषणा की।",
            "{P} का कहना है कि हालात गंभीर हैं।",
            "कल {F} से मेरी लंबी बात हुई थी।",
            "अभिनेता {P} की नई फ़िल्म अगले हफ़्ते आएगी।",
            "पुलिस ने {P} को {C} से गिरफ़्तार किया।",
            "{F} जी, कृपया रिपोर्ट शाम तक भेज दीजिए।",
        ],
    ),
    "id": (
        "id_ID",
        False,
        [
            "Kemarin {P} menelepon saya soal kontrak.",
            "Tulis email untuk {P} tentang rapat di {C}.",
            "Tetangga saya, {P}, selalu menaruh sampah di depan pintu.",
            "Ringkas percakapan antara {P} dan {Q}.",
            "Dokter {L} bilang hasil tesnya normal.",
            "Terima kasih, {F}, atas bantuannya!",
            "{P} sudah tiga tahun bekerja di {O}.",
            "Apa pendapatmu tentang usulan Pak {L}?",
        ],
    ),
    "ar": (
        "ar_AA",
        False,
        [
            "أمس اتصل بي {P} بخصوص العقد.",
            "اكتب رسالة إلى {P} حول الاجتماع في مدينة {C}.",
            "جاري {P} يترك القمامة أمام الباب.",
            "لخص المحادثة بين {P} وبين {Q}.",
            "قال الدكتور {L} إن نتائج الفحص طبيعية.",
            "شكرا يا {F} على المساعدة!",
            "يعمل {P} في شركة {O} منذ ثلاث سنوات.",
            "ما رأيك في اقتراح {L}؟",
        ],
    ),
}

_UNSPACED_LANGUAGES = frozenset({"zh"})
_SLOT = re.compile(r"\{([PQFLCO])\}")
_LABEL = {"P": "PERSON", "Q": "PERSON", "F": "PERSON", "L": "PERSON", "C": "LOC", "O": "ORG"}


def _value(fake: Faker, slot: str, family_first: bool) -> str:
    if slot == "F":
        return str(fake.first_name())
    if slot == "L":
        return str(fake.last_name())
    if slot == "C":
        return str(fake.city())
    if slot == "O":
        return str(fake.company())
    first, last = str(fake.first_name()), str(fake.last_name())
    return last + first if family_first else f"{first} {last}"


def sentences(
    per_language: int, seed: int, languages: Collection[str] | None = None
) -> list[tuple[str, list[tuple[int, int, str]], str]]:
    """(text, [(start, end, label)], language) for ``per_language`` sentences of each
    language of :data:`TEMPLATES` (or of those in ``languages``), deterministic for a seed."""
    rng = random.Random(seed)
    out = []
    for lang, (locale, family_first, templates) in TEMPLATES.items():
        if languages is not None and lang not in languages:
            continue
        fake = Faker(locale)
        fake.seed_instance(seed)
        for _ in range(per_language):
            template = rng.choice(templates)
            text, spans, pos = "", [], 0
            for m in _SLOT.finditer(template):
                text += template[pos : m.start()]
                value = _value(fake, m.group(1), family_first).strip()
                spans.append((len(text), len(text) + len(value), _LABEL[m.group(1)]))
                text += value
                pos = m.end()
            text += template[pos:]
            out.append((text, spans, lang))
    return out


def _names_of(locale: str) -> set[str]:
    import importlib

    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    out: set[str] = set()
    for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
        out |= {str(n).lower() for n in getattr(provider, attr, ()) or ()}
    return out


def negatives(
    per_language: int, seed: int, languages: Collection[str] | None = None
) -> list[tuple[str, list[tuple[int, int, str]], str]]:
    """(text, [], language): ``per_language`` strings of 6 to 14 frequent words of each
    language of :data:`TEMPLATES` (or of those in ``languages``), none of them a name
    Faker knows in these languages or in English."""
    from wordfreq import top_n_list

    rng = random.Random(seed)
    out: list[tuple[str, list[tuple[int, int, str]], str]] = []
    # the names of every locale used here, and English ones: "kevin" is a name anywhere
    names = set().union(*(_names_of(loc) for loc, _, _ in TEMPLATES.values()), _names_of("en_US"))
    for lang in TEMPLATES:
        if languages is not None and lang not in languages:
            continue
        words = [w for w in top_n_list(lang, 5000) if w.lower() not in names and w.isalpha()]
        if lang == "el":  # wordfreq folds the final sigma
            words = [w[:-1] + "ς" if w.endswith("σ") else w for w in words]
        joiner = "" if lang in _UNSPACED_LANGUAGES else " "
        for _ in range(per_language):
            picked = [rng.choice(words) for _ in range(rng.randint(6, 14))]
            text = joiner.join(picked)
            if rng.random() < 0.5:
                text = text[:1].upper() + text[1:]
            out.append((text, [], lang))
    return out
