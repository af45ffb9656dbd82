"""Prompts in 17 languages with planted names, phone numbers and addresses, for the
redaction benchmark. The name lists are written here (common given names and family
names of each language, as any phone book has them), not taken from Faker, which the
person recognizer uses as a dictionary, nor from any development set.

``prompts(seed)`` returns (language, text, [(kind, value), ...])."""

from __future__ import annotations

import random

# language: (script, given names, family names, name order "gf" or "fg", joiner)
NAMES: dict[str, tuple[str, list[str], list[str], str, str]] = {
    "ja": (
        "non-Latin",
        ["健太", "美咲", "翔太", "陽菜", "大輔", "彩花"],
        ["佐々木", "松本", "井上", "木村", "林", "清水"],
        "fg",
        "",
    ),
    "zh": (
        "non-Latin",
        ["伟明", "秀英", "建国", "丽娟", "志强", "晓燕"],
        ["张", "王", "刘", "陈", "杨", "赵"],
        "fg",
        "",
    ),
    "ko": (
        "non-Latin",
        ["민준", "서연", "지훈", "하은", "도윤", "수빈"],
        ["김", "이", "박", "최", "정", "강"],
        "fg",
        "",
    ),
    "ru": (
        "non-Latin",
        ["Игорь", "Наталья", "Дмитрий", "Светлана", "Алексей", "Ольга"],
        ["Баранов", "Кузнецова", "Соколов", "Морозова", "Волков", "Лебедева"],
        "gf",
        " ",
    ),
    "uk": (
        "non-Latin",
        ["Олексій", "Оксана", "Богдан", "Ганна", "Тарас", "Ірина"],
        ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравчук", "Мельник"],
        "gf",
        " ",
    ),
    "ar": (
        "non-Latin",
        ["خالد", "فاطمة", "عمر", "مريم", "يوسف", "نورة"],
        ["العتيبي", "الشمري", "الحربي", "القحطاني", "الدوسري", "الزهراني"],
        "gf",
        " ",
    ),
    "he": (
        "non-Latin",
        ["יוסי", "מיכל", "אבי", "נועה", "דני", "רונית"],
        ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם"],
        "gf",
        " ",
    ),
    "el": (
        "non-Latin",
        ["Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Κώστας", "Δήμητρα"],
        ["Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Δημητρίου", "Αθανασίου"],
        "gf",
        " ",
    ),
    "th": (
        "non-Latin",
        ["สมศักดิ์", "สุดา", "ประเสริฐ", "วิไล", "ธนากร", "กนกพร"],
        ["วงศ์ใหญ่", "ศรีสุข", "แสงทอง", "บุญมา", "ทองดี", "สุขสวัสดิ์"],
        "gf",
        " ",
    ),
    "hi": (
        "non-Latin",
        ["राहुल", "प्रिया", "अमित", "सुनीता", "विकास", "अंजलि"],
        ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "यादव", "मिश्रा"],
        "gf",
        " ",
    ),
    "de": (
        "Latin",
        ["Jürgen", "Sabine", "Torsten", "Heike", "Dirk", "Anke"],
        ["Schulze", "Hoffmann", "Krüger", "Wagner", "Becker", "Zimmermann"],
        "gf",
        " ",
    ),
    "fr": (
        "Latin",
        ["Étienne", "Sylvie", "Thierry", "Nathalie", "Benoît", "Chantal"],
        ["Lefèvre", "Moreau", "Girard", "Fournier", "Chevalier", "Mercier"],
        "gf",
        " ",
    ),
    "es": (
        "Latin",
        ["Alejandro", "Lucía", "Javier", "Carmen", "Sergio", "Pilar"],
        ["Fernández", "Gutiérrez", "Morales", "Jiménez", "Navarro", "Romero"],
        "gf",
        " ",
    ),
    "pt": (
        "Latin",
        ["João", "Ana", "Rodrigo", "Fernanda", "Thiago", "Beatriz"],
        ["Oliveira", "Pereira", "Carvalho", "Ribeiro", "Almeida", "Gonçalves"],
        "gf",
        " ",
    ),
    "pl": (
        "Latin",
        ["Krzysztof", "Agnieszka", "Grzegorz", "Małgorzata", "Tomasz", "Katarzyna"],
        ["Wiśniewski", "Kowalczyk", "Zieliński", "Szymańska", "Woźniak", "Dąbrowska"],
        "gf",
        " ",
    ),
    "tr": (
        "Latin",
        ["Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"],
        "gf",
        " ",
    ),
    "vi": (
        "Latin",
        ["Minh", "Lan", "Tuấn", "Hương", "Dũng", "Thảo"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"],
        "fg",
        " ",
    ),
}

TEMPLATES: dict[str, list[str]] = {
    "ja": [
        "明日、{name}さんに資料を送ってください。",
        "{name}様、お問い合わせありがとうございます。電話は{phone}です。",
        "送り先は{address}、担当は{name}です。",
    ],
    "zh": [
        "请把报告发给{name}，他明天要用。",
        "联系人：{name}，电话{phone}。",
        "地址：{address}，收件人{name}",
    ],
    "ko": [
        "{name} 씨에게 내일 전화해 주세요.",
        "담당자 {name}님 연락처 {phone}",
        "주소는 {address} 입니다. 받는 사람 {name}",
    ],
    "ru": [
        "Вчера {name} позвонил в офис.",
        "Свяжитесь с {name}, телефон {phone}.",
        "Адрес: {address}, получатель {name}.",
    ],
    "uk": [
        "Вчора {name} приїхав до офісу.",
        "Зв'яжіться з {name}, телефон {phone}.",
        "Адреса: {address}, отримувач {name}.",
    ],
    "ar": [
        "ذهب {name} إلى المكتب صباح اليوم.",
        "اتصل على {phone} واسأل عن {name}.",
        "العنوان {address} والمستلم {name}.",
    ],
    "he": [
        "אתמול {name} הגיע למשרד.",
        "טלפון {phone}, לשאול על {name}.",
        "הכתובת {address}, הנמען {name}.",
    ],
    "el": [
        "Χθες ο {name} ήρθε στο γραφείο.",
        "Καλέστε τον {name} στο τηλ. {phone}.",
        "Διεύθυνση: {address}, παραλήπτης {name}.",
    ],
    "th": ["เมื่อวานคุณ{name} มาที่สำนักงาน", "ติดต่อคุณ{name} โทร {phone}", "ที่อยู่ {address} ผู้รับ {name}"],
    "hi": [
        "कल {name} दफ्तर आए थे।",
        "{name} से {phone} पर बात करें।",
        "पता: {address}, प्राप्तकर्ता {name}।",
    ],
    "de": [
        "Gestern hat {name} im Büro angerufen.",
        "Bitte ruf {name} unter {phone} zurück.",
        "Lieferadresse: {address}, z. Hd. {name}.",
    ],
    "fr": [
        "Hier, {name} est passé au bureau.",
        "Rappelez {name} au {phone}.",
        "Adresse : {address}, à l'attention de {name}.",
    ],
    "es": [
        "Ayer {name} llamó a la oficina.",
        "Llama a {name} al {phone}.",
        "Dirección: {address}, a nombre de {name}.",
    ],
    "pt": [
        "Ontem {name} ligou para o escritório.",
        "Ligue para {name} no {phone}.",
        "Endereço: {address}, aos cuidados de {name}.",
    ],
    "pl": [
        "Wczoraj {name} dzwonił do biura.",
        "Zadzwoń do {name} pod numer {phone}.",
        "Adres: {address}, odbiorca {name}.",
    ],
    "tr": [
        "Dün {name} ofisi aradı.",
        "{name} ile {phone} numarasından görüşün.",
        "Adres: {address}, alıcı {name}.",
    ],
    "vi": [
        "Hôm qua {name} đã gọi đến văn phòng.",
        "Gọi cho {name} theo số {phone}.",
        "Địa chỉ: {address}, người nhận {name}.",
    ],
}


def _d(g: random.Random, n: int) -> str:
    return "".join(str(g.randint(0, 9)) for _ in range(n))


PHONES = {
    "ja": lambda g: f"090-{_d(g, 4)}-{_d(g, 4)}",
    "zh": lambda g: f"138{_d(g, 8)}",
    "ko": lambda g: f"010-{_d(g, 4)}-{_d(g, 4)}",
    "ru": lambda g: f"8 (916) {_d(g, 3)}-{_d(g, 2)}-{_d(g, 2)}",
    "uk": lambda g: f"+380 67 {_d(g, 3)} {_d(g, 2)} {_d(g, 2)}",
    "ar": lambda g: f"05{g.randint(0, 9)}{_d(g, 7)}",
    "he": lambda g: f"052-{_d(g, 3)}-{_d(g, 4)}",
    "el": lambda g: f"69{g.randint(0, 9)} {_d(g, 3)} {_d(g, 4)}",
    "th": lambda g: f"08{g.randint(1, 9)} {_d(g, 3)} {_d(g, 4)}",
    "hi": lambda g: f"+91 98{_d(g, 3)} {_d(g, 5)}",
    "de": lambda g: f"0151 {_d(g, 8)}",
    "fr": lambda g: f"06 {_d(g, 2)} {_d(g, 2)} {_d(g, 2)} {_d(g, 2)}",
    "es": lambda g: f"6{_d(g, 2)} {_d(g, 3)} {_d(g, 3)}",
    "pt": lambda g: f"+55 11 9{_d(g, 4)}-{_d(g, 4)}",
    "pl": lambda g: f"+48 5{_d(g, 2)} {_d(g, 3)} {_d(g, 3)}",
    "tr": lambda g: f"0532 {_d(g, 3)} {_d(g, 2)} {_d(g, 2)}",
    "vi": lambda g: f"09{g.randint(0, 9)} {_d(g, 3)} {_d(g, 4)}",
}

ADDRESSES = {
    "ja": lambda g: (
        f"東京都世田谷区三軒茶屋{g.randint(1, 4)}-{g.randint(1, 30)}-{g.randint(1, 20)}"
    ),
    "zh": lambda g: f"浙江省杭州市西湖区文三路{g.randint(1, 999)}号",
    "ko": lambda g: f"서울특별시 마포구 월드컵로 {g.randint(1, 300)}",
    "ru": lambda g: f"ул. Садовая, д. {g.randint(1, 99)}, кв. {g.randint(1, 200)}",
    "uk": lambda g: f"вул. Хрещатик, буд. {g.randint(1, 60)}, кв. {g.randint(1, 90)}",
    "ar": lambda g: f"شارع التحلية {g.randint(1, 400)}",
    "he": lambda g: f"רחוב ביאליק {g.randint(1, 120)}",
    "el": lambda g: f"οδός Αιόλου {g.randint(1, 150)}",
    "th": lambda g: f"{g.randint(1, 999)}/{g.randint(1, 99)} ถนนพหลโยธิน แขวงสามเสนใน กรุงเทพฯ 10400",
    "hi": lambda g: (
        f"H.No. {g.randint(1, 99)}-{g.randint(1, 9)}-{g.randint(1, 999)}, Ameerpet, Hyderabad 500016"
    ),
    "de": lambda g: f"Lindenstraße {g.randint(1, 120)}, 10969 Berlin",
    "fr": lambda g: f"{g.randint(1, 150)} rue de la Roquette, 75011 Paris",
    "es": lambda g: f"Calle de Alcalá {g.randint(1, 300)}, 28009 Madrid",
    "pt": lambda g: f"Rua Augusta {g.randint(1, 900)}, São Paulo",
    "pl": lambda g: f"ul. Marszałkowska {g.randint(1, 150)}/{g.randint(1, 40)}, 00-624 Warszawa",
    "tr": lambda g: f"Atatürk Caddesi No: {g.randint(1, 200)}, Kadıköy",
    "vi": lambda g: f"{g.randint(1, 300)} Đường Lê Lợi, Quận 1",
}


def prompts(seed: int = 5, per_language: int = 30) -> list[tuple[str, str, list[tuple[str, str]]]]:
    g = random.Random(seed)
    out = []
    for lang, (_, given, family, order, join) in NAMES.items():
        for i in range(per_language):
            f, s = g.choice(given), g.choice(family)
            name = s + join + f if order == "fg" else f + join + s
            phone, address = PHONES[lang](g), ADDRESSES[lang](g)
            tpl = TEMPLATES[lang][i % len(TEMPLATES[lang])]
            text = tpl.format(name=name, phone=phone, address=address)
            planted = [("PERSON", name)]
            if "{phone}" in tpl:
                planted.append(("PHONE_NUMBER", phone))
            if "{address}" in tpl:
                planted.append(("STREET_ADDRESS", address))
            out.append((lang, text, planted))
    return out


def script_of(lang: str) -> str:
    return NAMES[lang][0]
