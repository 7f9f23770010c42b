"""Message-like texts in six languages for the full-text benchmark, from word lists written for it (police
cooperation vocabulary, common given names and surnames, place names; nothing copied from elsewhere).

Each message has a subject (4–8 words) and a body of a few hundred characters: sentences of vocabulary words with
a person's name, a place and a number now and then. Chinese is written without spaces, Korean nouns take their
particles (서울에서, 마약을), as real text does. Names are drawn from surname × middle × given name, so a full
name is a selective query and a vocabulary word an unselective one.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

VI_WORDS = [
    "đối tượng",
    "bắt giữ",
    "ma túy",
    "vận chuyển",
    "lừa đảo",
    "chuyển tiền",
    "tài khoản",
    "ngân hàng",
    "điều tra",
    "công an",
    "biên giới",
    "cửa khẩu",
    "hộ chiếu",
    "đường dây",
    "buôn bán",
    "phụ nữ",
    "trẻ em",
    "tội phạm",
    "trên mạng",
    "trực tuyến",
    "tiền điện tử",
    "rửa tiền",
    "vũ khí",
    "hàng giả",
    "thuốc lá",
    "xe máy",
    "ô tô",
    "tàu biển",
    "cảng biển",
    "sân bay",
    "khách sạn",
    "điện thoại",
    "truy nã",
    "dẫn độ",
    "tương trợ tư pháp",
    "thông tin",
    "trao đổi",
    "phối hợp",
    "xác minh",
    "nghi phạm",
    "nạn nhân",
    "lời khai",
    "tang vật",
    "thu giữ",
    "kho bãi",
    "công ty",
    "giám đốc",
    "hóa đơn",
    "trốn thuế",
    "hàng hóa",
    "container",
    "ma túy tổng hợp",
    "heroin",
    "đánh bạc",
    "máy chủ",
    "trang web",
    "giấy tờ giả",
    "xuất cảnh",
    "nhập cảnh",
    "cư trú",
    "quốc tịch",
    "lệnh bắt",
    "khởi tố",
    "tạm giam",
    "đề nghị",
    "trả lời",
    "khẩn cấp",
]
VI_PLACES = [
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Quảng Ninh",
    "Lạng Sơn",
    "Cần Thơ",
    "Campuchia",
    "Lào",
    "Hàn Quốc",
    "Nga",
]
VI_NAMES = (
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
    ],
    ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc"],
    [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thảo",
        "Trang",
        "Tuấn",
        "Việt",
        "Yến",
        "Hằng",
        "Lộc",
    ],
)
VI_FILLER = ["và", "của", "tại", "cho", "với", "đã", "được", "theo", "từ", "trong"]

KO_NOUNS = [
    "마약",
    "밀수",
    "조직",
    "검거",
    "경찰청",
    "수사",
    "피의자",
    "체포",
    "송환",
    "범죄",
    "보이스피싱",
    "사기",
    "계좌",
    "송금",
    "자금세탁",
    "가상화폐",
    "여권",
    "위조",
    "밀입국",
    "인신매매",
    "총기",
    "불법",
    "도박",
    "사이트",
    "서버",
    "해외",
    "공항",
    "항만",
    "세관",
    "필로폰",
    "대마",
    "운반책",
    "총책",
    "콜센터",
    "피해자",
    "진술",
    "압수",
    "증거",
    "공조",
    "요청",
    "회신",
    "정보",
    "교환",
    "수배",
    "범죄인",
    "인도",
    "조사",
    "사건",
    "선박",
    "화물",
    "컨테이너",
    "은행",
    "법인",
    "대표",
]
KO_PLACES = ["서울", "부산", "인천", "제주", "대구", "광주", "베트남", "중국", "러시아", "캄보디아", "필리핀", "하노이"]
KO_PARTICLES = ["", "", "은", "는", "이", "가", "을", "를", "에서", "으로", "의", "와", "에게"]
KO_NAMES = (
    ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"],
    [""],
    ["민수", "지훈", "서연", "영희", "철수", "현우", "수진", "동현", "민준", "지영", "성민"],
)
KO_ENDINGS = ["했다.", "하였다.", "중이다.", "바란다.", "예정이다."]

ZH_WORDS = [
    "公安局",
    "刑侦",
    "禁毒",
    "走私",
    "贩毒",
    "犯罪",
    "嫌疑人",
    "抓获",
    "逮捕",
    "引渡",
    "通缉",
    "电信诈骗",
    "网络赌博",
    "洗钱",
    "银行账户",
    "转账",
    "虚拟货币",
    "护照",
    "伪造",
    "偷渡",
    "人口贩卖",
    "枪支",
    "非法",
    "服务器",
    "境外",
    "机场",
    "港口",
    "海关",
    "冰毒",
    "海洛因",
    "证据",
    "扣押",
    "协查",
    "请求",
    "回复",
    "情报",
    "交换",
    "合作",
    "团伙",
    "头目",
    "受害人",
    "调查",
    "案件",
    "线索",
    "船舶",
    "货物",
    "集装箱",
    "公司",
    "法人",
    "资金",
    "手机",
    "网站",
]
ZH_PLACES = ["北京", "上海", "广州", "深圳", "云南", "昆明", "越南", "韩国", "俄罗斯", "柬埔寨", "老挝", "缅甸", "河内"]
ZH_FILLER = ["的", "在", "了", "和", "被", "将", "对", "向"]
ZH_NAMES = (
    ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"],
    [""],
    ["小明", "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "建华", "国强"],
)

RU_WORDS = [
    "задержан",
    "подозреваемый",
    "наркотики",
    "контрабанда",
    "мошенничество",
    "перевод",
    "денежных",
    "средств",
    "банковский",
    "счёт",
    "отмывание",
    "криптовалюта",
    "паспорт",
    "поддельный",
    "граница",
    "таможня",
    "аэропорт",
    "порт",
    "оружие",
    "преступная",
    "группа",
    "организатор",
    "потерпевший",
    "расследование",
    "уголовное",
    "дело",
    "запрос",
    "ответ",
    "информация",
    "обмен",
    "сотрудничество",
    "розыск",
    "экстрадиция",
    "партия",
    "героин",
    "метамфетамин",
    "телефон",
    "сервер",
    "сайт",
    "компания",
    "директор",
    "груз",
    "контейнер",
    "судно",
    "ещё",
    "её",
    "приём",
]
RU_PLACES = [
    "Москва",
    "Санкт-Петербург",
    "Владивосток",
    "Новосибирск",
    "Хабаровск",
    "Вьетнам",
    "Корея",
    "Китай",
    "Ханой",
]
RU_FILLER = ["и", "в", "на", "с", "по", "для", "из", "от", "о"]
RU_NAMES = (
    ["Иванов", "Петров", "Смирнов", "Кузнецов", "Ёлкин", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков"],
    ["Андрей", "Сергей", "Алексей", "Дмитрий", "Михаил", "Игорь", "Артём", "Фёдор"],
    ["Петрович", "Иванович", "Сергеевич", "Алексеевич", "Николаевич", "Олегович"],
)

EN_WORDS = [
    "suspect",
    "arrested",
    "drug",
    "trafficking",
    "smuggling",
    "fraud",
    "money",
    "laundering",
    "bank",
    "account",
    "transfer",
    "cryptocurrency",
    "wallet",
    "passport",
    "forged",
    "border",
    "customs",
    "airport",
    "port",
    "weapons",
    "organised",
    "crime",
    "group",
    "leader",
    "victim",
    "investigation",
    "case",
    "request",
    "reply",
    "information",
    "exchange",
    "cooperation",
    "wanted",
    "extradition",
    "shipment",
    "container",
    "methamphetamine",
    "heroin",
    "phone",
    "server",
    "website",
    "company",
    "director",
    "invoice",
    "cargo",
    "vessel",
    "hotel",
    "vehicle",
    "evidence",
    "seized",
    "warrant",
]
EN_PLACES = ["Hanoi", "Seoul", "Beijing", "Moscow", "Bangkok", "Vientiane", "Busan", "Shanghai", "Vladivostok"]
EN_FILLER = ["the", "of", "and", "in", "to", "with", "from", "for", "on", "by", "was", "were", "has"]

FR_WORDS = [
    "suspect",
    "interpellé",
    "stupéfiants",
    "trafic",
    "contrebande",
    "escroquerie",
    "blanchiment",
    "compte",
    "bancaire",
    "virement",
    "cryptomonnaie",
    "passeport",
    "falsifié",
    "frontière",
    "douane",
    "aéroport",
    "armes",
    "bande",
    "organisée",
    "victime",
    "enquête",
    "dossier",
    "demande",
    "réponse",
    "échange",
    "coopération",
    "recherché",
    "extradition",
    "cargaison",
    "conteneur",
    "héroïne",
    "téléphone",
    "serveur",
    "société",
    "gérant",
    "facture",
    "navire",
    "véhicule",
    "preuves",
    "saisie",
    "mandat",
]
FR_PLACES = ["Marseille", "Paris", "Lyon", "Hanoï", "Séoul", "Pékin", "Moscou", "Phnom-Penh"]
FR_FILLER = ["le", "la", "les", "de", "des", "du", "et", "en", "au", "par", "pour", "avec", "été", "a"]
EN_NAMES = (
    ["Smith", "Brown", "Martin", "Dubois", "Lefèvre", "Moreau", "Johnson"],
    [""],
    ["John", "Élodie", "Pierre", "Marie", "Thomas", "Anna"],
)

LANGUAGES = ("vi", "ko", "zh", "ru", "en", "fr")


@dataclass
class Message:
    language: str
    subject: str
    body: str
    names: list[str]  # the person names written in it


def _name(rng: random.Random, parts: tuple[list[str], ...], language: str) -> str:
    surname, middle, given = (rng.choice(part) for part in parts)
    if language in {"ko", "zh"}:
        return surname + given
    if language == "ru":
        return f"{surname} {middle} {given}"
    if language == "vi":
        return f"{surname} {middle} {given}"
    return f"{given} {surname}"


_WEIGHTS: dict[int, list[float]] = {}


def _words(rng: random.Random, words: list[str], count: int) -> list[str]:
    """Zipf's law: the r-th word of the list is drawn with weight 1/r (the first ones are in most messages)."""
    if id(words) not in _WEIGHTS:
        total, cumulative = 0.0, []
        for rank in range(1, len(words) + 1):
            total += 1 / rank
            cumulative.append(total)
        _WEIGHTS[id(words)] = cumulative
    return rng.choices(words, cum_weights=_WEIGHTS[id(words)], k=count)


def _sentence(rng: random.Random, language: str, names: list[str]) -> str:
    if language == "vi":
        parts = [*_words(rng, VI_WORDS, rng.randint(4, 8)), rng.choice(VI_FILLER), rng.choice(VI_PLACES)]
    elif language == "ko":
        nouns = [*_words(rng, KO_NOUNS, rng.randint(4, 7)), rng.choice(KO_PLACES)]
        parts = [noun + rng.choice(KO_PARTICLES) for noun in nouns] + [rng.choice(KO_ENDINGS)]
    elif language == "zh":
        chunks = [*_words(rng, ZH_WORDS, rng.randint(4, 8)), rng.choice(ZH_PLACES)]
        chunks = [chunk + (rng.choice(ZH_FILLER) if rng.random() < 0.4 else "") for chunk in chunks]
        if rng.random() < 0.5:
            chunks.insert(rng.randrange(len(chunks)), names[0])
        return "".join(chunks) + rng.choice(["，", "。"])
    elif language == "ru":
        parts = [*_words(rng, RU_WORDS, rng.randint(4, 8)), rng.choice(RU_FILLER), rng.choice(RU_PLACES)]
    elif language == "en":
        parts = [*_words(rng, EN_WORDS, rng.randint(4, 8)), rng.choice(EN_FILLER), rng.choice(EN_PLACES)]
    else:
        parts = [*_words(rng, FR_WORDS, rng.randint(4, 8)), rng.choice(FR_FILLER), rng.choice(FR_PLACES)]
    rng.shuffle(parts)
    if rng.random() < 0.5:
        parts.insert(rng.randrange(len(parts)), names[0])
    if rng.random() < 0.2:
        parts.append(f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}")
    return " ".join(parts) + "."


NAME_PARTS = {"vi": VI_NAMES, "ko": KO_NAMES, "zh": ZH_NAMES, "ru": RU_NAMES, "en": EN_NAMES, "fr": EN_NAMES}


def message(rng: random.Random, language: str) -> Message:
    names = [_name(rng, NAME_PARTS[language], language)]
    subject = _sentence(rng, language, names).rstrip(".。，")[:90]
    body = ""
    while len(body) < rng.randint(200 if language in {"zh", "ko"} else 300, 600):
        body += _sentence(rng, language, names) + ("" if language == "zh" else " ")
    return Message(language, subject, body.strip(), names)


def strip_marks(text: str) -> str:
    """Vietnamese as typed without diacritics (đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


QUERY_WORDS = {"vi": VI_WORDS, "ko": KO_NOUNS, "zh": ZH_WORDS, "ru": RU_WORDS, "en": EN_WORDS}
QUERY_PLACES = {"vi": VI_PLACES, "ko": KO_PLACES, "zh": ZH_PLACES, "ru": RU_PLACES, "en": EN_PLACES}


def query(rng: random.Random, language: str, sample: list[Message]) -> tuple[str, str, Message | None]:
    """(kind, query text, the message a name was taken from): a vocabulary word (many matches), two words, a word
    and a place, or a person's full name written in a stored message (few matches)."""
    kind = rng.choices(["word", "two words", "word and place", "name"], weights=[3, 3, 2, 2])[0]
    source = None
    if kind == "name":
        source = rng.choice([m for m in sample if m.language == language])
        text = source.names[0]
    elif kind == "word":
        text = rng.choice(QUERY_WORDS[language])
    elif kind == "two words":
        text = " ".join(rng.sample(QUERY_WORDS[language], 2))
    else:
        text = f"{rng.choice(QUERY_WORDS[language])} {rng.choice(QUERY_PLACES[language])}"
    if language == "vi":
        text = strip_marks(text).lower()
    return kind, text, source
