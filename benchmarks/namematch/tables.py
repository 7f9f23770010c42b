"""Reference tables for the namematch benchmark generator.

Everything here is written by hand for the benchmark, independently of the
matcher under test (src/namematch): frequencies come from published surveys
(named next to each table), readings and practical transcriptions are the
conventional ones (Korean NIKL rules for foreign words, Russian Kontsevich /
Vietnamese-in-Cyrillic conventions, Hán-Việt readings, HK Government Cantonese
spellings). The weights are approximate; they shape the distribution, they are
not a census.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Vietnamese
# ---------------------------------------------------------------------------
# Surname shares: Lê Trung Hoa, "Họ và tên người Việt Nam" (2005), as summarised
# in Wikipedia "Vietnamese name" (Nguyễn 38.4 %, Trần 12.1 %, Lê 9.5 %, Phạm 7 %,
# Hoàng/Huỳnh 5.1 %, Phan 4.5 %, Vũ/Võ 3.9 %, Đặng 2.1 %, Bùi 2 %, Đỗ 1.4 %,
# Hồ 1.3 %, Ngô 1.3 %, Dương 1 %, Lý 0.5 %). The Hoàng/Huỳnh and Vũ/Võ pairs are
# split evenly (same Han character, northern/southern reading).
VN_SURNAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.4), ("Trần", 12.1), ("Lê", 9.5), ("Phạm", 7.0),
    ("Hoàng", 2.55), ("Huỳnh", 2.55), ("Phan", 4.5), ("Vũ", 1.95), ("Võ", 1.95),
    ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
    ("Dương", 1.0), ("Lý", 0.5),
]
# Middle names (tên đệm): Văn (male) and Thị (female) dominate; weights are a
# judgement from name lists, not a census.
VN_MIDDLE_M: list[tuple[str, float]] = [
    ("Văn", 45), ("Đức", 10), ("Minh", 10), ("Hữu", 8), ("Quang", 7), ("Công", 6),
    ("Đình", 6), ("Quốc", 4), ("Xuân", 4), ("Thanh", 4), ("Ngọc", 2),
]
VN_MIDDLE_F: list[tuple[str, float]] = [
    ("Thị", 70), ("Ngọc", 10), ("Thanh", 8), ("Minh", 6), ("Xuân", 6),
]
VN_GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Hưng", "Khoa", "Long",
              "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Trung",
              "Tuấn", "Việt", "Vinh", "Anh", "Bảo", "Đạt", "Hiếu", "Kiên", "Lợi", "Trí",
              "Mạnh", "Tiến", "Thanh", "Minh", "Đức", "Quang", "Lương", "Khải", "Đồng"]
VN_GIVEN_F = ["Hoa", "Lan", "Linh", "Mai", "Hương", "Hà", "Hạnh", "Huệ", "Nga", "Yến",
              "Anh", "Thảo", "Thu", "Nhung", "Phương", "Tâm", "Tú", "Thanh", "Ngọc",
              "Bình", "An", "Vinh", "Xuân", "Minh"]

# syllable -> (simplified Han, traditional Han, Hangul per NIKL rules for
# Vietnamese, Russian practical transcription). The Han character is the usual
# one for the name syllable (several syllables have more than one possible
# character; we pick the common one: a real document could use another).
VN_SYL: dict[str, tuple[str, str, str, str]] = {
    "Nguyễn": ("阮", "阮", "응우옌", "Нгуен"), "Trần": ("陈", "陳", "쩐", "Чан"),
    "Lê": ("黎", "黎", "레", "Ле"), "Phạm": ("范", "范", "팜", "Фам"),
    "Hoàng": ("黄", "黃", "호앙", "Хоанг"), "Huỳnh": ("黄", "黃", "후인", "Хюинь"),
    "Phan": ("潘", "潘", "판", "Фан"), "Vũ": ("武", "武", "부", "Ву"),
    "Võ": ("武", "武", "보", "Во"), "Đặng": ("邓", "鄧", "당", "Данг"),
    "Bùi": ("裴", "裴", "부이", "Буй"), "Đỗ": ("杜", "杜", "도", "До"),
    "Hồ": ("胡", "胡", "호", "Хо"), "Ngô": ("吴", "吳", "응오", "Нго"),
    "Dương": ("杨", "楊", "즈엉", "Зыонг"), "Lý": ("李", "李", "리", "Ли"),
    "Văn": ("文", "文", "반", "Ван"), "Thị": ("氏", "氏", "티", "Тхи"),
    "Đức": ("德", "德", "득", "Дык"), "Minh": ("明", "明", "민", "Минь"),
    "Hữu": ("有", "有", "흐우", "Хыу"), "Ngọc": ("玉", "玉", "응옥", "Нгок"),
    "Quang": ("光", "光", "꽝", "Куанг"), "Xuân": ("春", "春", "쑤언", "Суан"),
    "Thanh": ("清", "清", "타인", "Тхань"), "Công": ("公", "公", "꽁", "Конг"),
    "Đình": ("廷", "廷", "딘", "Динь"), "Quốc": ("国", "國", "꾸옥", "Куок"),
    "An": ("安", "安", "안", "Ан"), "Bình": ("平", "平", "빈", "Бинь"),
    "Cường": ("强", "強", "끄엉", "Кыонг"), "Dũng": ("勇", "勇", "중", "Зунг"),
    "Hải": ("海", "海", "하이", "Хай"), "Hùng": ("雄", "雄", "훙", "Хунг"),
    "Hưng": ("兴", "興", "흥", "Хынг"), "Khoa": ("科", "科", "코아", "Кхоа"),
    "Long": ("龙", "龍", "롱", "Лонг"), "Nam": ("南", "南", "남", "Нам"),
    "Phong": ("丰", "豐", "퐁", "Фонг"), "Phúc": ("福", "福", "푹", "Фук"),
    "Quân": ("军", "軍", "꿘", "Куан"), "Sơn": ("山", "山", "선", "Шон"),
    "Tâm": ("心", "心", "떰", "Там"), "Thắng": ("胜", "勝", "탕", "Тханг"),
    "Thành": ("成", "成", "타인", "Тхань"), "Trung": ("忠", "忠", "쭝", "Чунг"),
    "Tuấn": ("俊", "俊", "뚜언", "Туан"), "Việt": ("越", "越", "비엣", "Вьет"),
    "Vinh": ("荣", "榮", "빈", "Винь"), "Anh": ("英", "英", "아인", "Ань"),
    "Bảo": ("宝", "寶", "바오", "Бао"), "Đạt": ("达", "達", "닷", "Дат"),
    "Hiếu": ("孝", "孝", "히에우", "Хиеу"), "Kiên": ("坚", "堅", "끼엔", "Киен"),
    "Lợi": ("利", "利", "러이", "Лой"), "Trí": ("智", "智", "찌", "Чи"),
    "Mạnh": ("孟", "孟", "마인", "Мань"), "Tiến": ("进", "進", "띠엔", "Тиен"),
    "Lương": ("良", "良", "르엉", "Лыонг"), "Khải": ("凯", "凱", "카이", "Кхай"),
    "Đồng": ("同", "同", "동", "Донг"), "Hoa": ("花", "花", "호아", "Хоа"),
    "Lan": ("兰", "蘭", "란", "Лан"), "Linh": ("玲", "玲", "린", "Линь"),
    "Mai": ("梅", "梅", "마이", "Май"), "Hương": ("香", "香", "흐엉", "Хыонг"),
    "Hà": ("河", "河", "하", "Ха"), "Hạnh": ("幸", "幸", "하인", "Хань"),
    "Huệ": ("惠", "惠", "후에", "Хюэ"), "Nga": ("娥", "娥", "응아", "Нга"),
    "Yến": ("燕", "燕", "옌", "Йен"), "Thảo": ("草", "草", "타오", "Тхао"),
    "Thu": ("秋", "秋", "투", "Тху"), "Nhung": ("绒", "絨", "늉", "Ньунг"),
    "Phương": ("芳", "芳", "프엉", "Фыонг"), "Tú": ("秀", "秀", "뚜", "Ту"),
    "Duẩn": ("笋", "筍", "주언", "Зуан"), "Mười": ("梅", "梅", "므어이", "Мыой"),
    "Diệm": ("琰", "琰", "지엠", "Зьем"), "Triết": ("哲", "哲", "찌엣", "Чиет"),
    "Khả": ("可", "可", "카", "Кха"), "Phiêu": ("漂", "漂", "피에우", "Фьеу"),
    "Nông": ("农", "農", "농", "Нонг"), "Khánh": ("庆", "慶", "카인", "Кхань"),
}

# ---------------------------------------------------------------------------
# Korean
# ---------------------------------------------------------------------------
# Surname shares: Statistics Korea, 2015 Population and Housing Census
# (김 21.5 %, 이 14.7 %, 박 8.4 %, 최 4.7 %, 정 4.3 %, 강 2.3 %, 조 2.1 %, 윤 2.0 %,
# 장 2.0 %, 임 1.7 %, 한 1.5 %, 오 1.5 %, 서 1.4 %, 신 1.4 %, 권 1.4 %, 황 1.4 %,
# 안 1.4 %, 송 1.3 %, 류/유 2.1 % (together), 전 1.1 %, 홍 1.1 %).
KR_SURNAMES: list[tuple[str, float]] = [
    ("김", 21.5), ("이", 14.7), ("박", 8.4), ("최", 4.7), ("정", 4.3), ("강", 2.3),
    ("조", 2.1), ("윤", 2.0), ("장", 2.0), ("임", 1.7), ("한", 1.5), ("오", 1.5),
    ("서", 1.4), ("신", 1.4), ("권", 1.4), ("황", 1.4), ("안", 1.4), ("송", 1.3),
    ("유", 1.6), ("류", 0.5), ("전", 1.1), ("홍", 1.1),
]
# surname -> (Hanja, customary passport spellings (first is the most common),
# Cyrillic: Kontsevich, then the Koryo-saram (Soviet Korean) customary form)
KR_SURNAME_INFO: dict[str, tuple[str, list[str], list[str]]] = {
    "김": ("金", ["Kim", "Gim"], ["Ким"]), "이": ("李", ["Lee", "Yi", "Rhee", "Rhie"], ["Ли", "И"]),
    "박": ("朴", ["Park", "Pak", "Bak"], ["Пак"]), "최": ("崔", ["Choi", "Choe", "Chey"], ["Чхве", "Цой"]),
    "정": ("鄭", ["Jung", "Chung", "Jeong"], ["Чон", "Тен"]), "강": ("姜", ["Kang", "Gang"], ["Кан"]),
    "조": ("趙", ["Cho", "Jo"], ["Чо", "Тё"]), "윤": ("尹", ["Yoon", "Yun"], ["Юн"]),
    "장": ("張", ["Jang", "Chang"], ["Чан", "Тян"]), "임": ("林", ["Lim", "Im", "Rim"], ["Им", "Лим"]),
    "한": ("韓", ["Han"], ["Хан"]), "오": ("吳", ["Oh", "O"], ["О"]),
    "서": ("徐", ["Seo", "Suh"], ["Со"]), "신": ("申", ["Shin", "Sin"], ["Син", "Шин"]),
    "권": ("權", ["Kwon", "Kweon"], ["Квон"]), "황": ("黃", ["Hwang"], ["Хван"]),
    "안": ("安", ["Ahn", "An"], ["Ан"]), "송": ("宋", ["Song"], ["Сон"]),
    "유": ("兪", ["Yoo", "Yu"], ["Ю"]), "류": ("柳", ["Ryu", "Yoo", "Yu"], ["Рю", "Лю"]),
    "전": ("全", ["Jeon", "Chun", "Jun"], ["Чон"]), "홍": ("洪", ["Hong"], ["Хон"]),
}
# Given-name syllables with a common Hanja. Weights: judgement from the
# popular-name lists of the Supreme Court family registry (1960s-1990s births).
KR_GIVEN_SYL: dict[str, str] = {
    "민": "敏", "준": "俊", "서": "瑞", "지": "智", "현": "賢", "영": "英", "수": "秀",
    "정": "貞", "진": "眞", "호": "浩", "성": "成", "우": "宇", "훈": "勳", "은": "恩",
    "희": "熙", "연": "妍", "혜": "惠", "경": "京", "재": "在", "동": "東", "상": "相",
    "철": "哲", "태": "泰", "윤": "允", "석": "錫", "용": "龍", "일": "日", "미": "美",
    "숙": "淑", "아": "娥", "규": "圭", "세": "世", "균": "均", "교": "教", "삼": "三",
    "원": "源", "하": "夏", "혁": "赫", "명": "明", "환": "煥",
}
KR_GIVEN_M = ["민", "준", "현", "영", "수", "정", "진", "호", "성", "우", "훈", "재", "동",
              "상", "철", "태", "석", "용", "일", "규", "세", "균", "원", "혁", "명", "환", "은"]
KR_GIVEN_F = ["민", "서", "지", "현", "영", "수", "정", "진", "은", "희", "연", "혜", "경",
              "미", "숙", "아", "하", "윤", "원", "세"]

# ---------------------------------------------------------------------------
# Chinese
# ---------------------------------------------------------------------------
# Surname ranking and approximate counts (millions of holders): Ministry of
# Public Security, household-registration name report (2019 figures; the 2020
# report keeps the same top five: 王 李 张 刘 陈). Ranks 11-20 approximate.
CN_SURNAMES: list[tuple[str, float]] = [
    ("王", 101.5), ("李", 100.9), ("张", 95.4), ("刘", 72.1), ("陈", 70.2),
    ("杨", 46.2), ("黄", 33.7), ("赵", 28.6), ("吴", 27.8), ("周", 26.8),
    ("徐", 20.0), ("孙", 19.4), ("马", 18.5), ("胡", 16.6), ("朱", 16.0),
    ("郭", 15.7), ("何", 14.5), ("罗", 13.9), ("高", 14.1), ("林", 13.9),
]
# char -> (traditional, pinyin (tone-less, ü as v), Cantonese in HK Government
# style, Hán-Việt reading, Sino-Korean Hangul reading (for Hanja-as-Korean noise))
CN_CHARS: dict[str, tuple[str, str, str, str]] = {
    "王": ("王", "wang", "Wong", "Vương"), "李": ("李", "li", "Lee", "Lý"),
    "张": ("張", "zhang", "Cheung", "Trương"), "刘": ("劉", "liu", "Lau", "Lưu"),
    "陈": ("陳", "chen", "Chan", "Trần"), "杨": ("楊", "yang", "Yeung", "Dương"),
    "黄": ("黃", "huang", "Wong", "Hoàng"), "赵": ("趙", "zhao", "Chiu", "Triệu"),
    "吴": ("吳", "wu", "Ng", "Ngô"), "周": ("周", "zhou", "Chow", "Chu"),
    "徐": ("徐", "xu", "Tsui", "Từ"), "孙": ("孫", "sun", "Suen", "Tôn"),
    "马": ("馬", "ma", "Ma", "Mã"), "胡": ("胡", "hu", "Wu", "Hồ"),
    "朱": ("朱", "zhu", "Chu", "Chu"), "郭": ("郭", "guo", "Kwok", "Quách"),
    "何": ("何", "he", "Ho", "Hà"), "罗": ("羅", "luo", "Law", "La"),
    "高": ("高", "gao", "Ko", "Cao"), "林": ("林", "lin", "Lam", "Lâm"),
    # given-name characters
    "伟": ("偉", "wei", "Wai", "Vĩ"), "芳": ("芳", "fang", "Fong", "Phương"),
    "娜": ("娜", "na", "Na", "Na"), "敏": ("敏", "min", "Man", "Mẫn"),
    "静": ("靜", "jing", "Ching", "Tĩnh"), "丽": ("麗", "li", "Lai", "Lệ"),
    "强": ("強", "qiang", "Keung", "Cường"), "磊": ("磊", "lei", "Lui", "Lỗi"),
    "军": ("軍", "jun", "Kwan", "Quân"), "洋": ("洋", "yang", "Yeung", "Dương"),
    "勇": ("勇", "yong", "Yung", "Dũng"), "艳": ("艷", "yan", "Yim", "Diễm"),
    "杰": ("傑", "jie", "Kit", "Kiệt"), "涛": ("濤", "tao", "To", "Đào"),
    "明": ("明", "ming", "Ming", "Minh"), "超": ("超", "chao", "Chiu", "Siêu"),
    "秀": ("秀", "xiu", "Sau", "Tú"), "英": ("英", "ying", "Ying", "Anh"),
    "华": ("華", "hua", "Wah", "Hoa"), "平": ("平", "ping", "Ping", "Bình"),
    "刚": ("剛", "gang", "Kong", "Cương"), "文": ("文", "wen", "Man", "Văn"),
    "国": ("國", "guo", "Kwok", "Quốc"), "建": ("建", "jian", "Kin", "Kiến"),
    "志": ("志", "zhi", "Chi", "Chí"), "海": ("海", "hai", "Hoi", "Hải"),
    "峰": ("峰", "feng", "Fung", "Phong"), "红": ("紅", "hong", "Hung", "Hồng"),
    "梅": ("梅", "mei", "Mui", "Mai"), "玲": ("玲", "ling", "Ling", "Linh"),
    "东": ("東", "dong", "Tung", "Đông"), "春": ("春", "chun", "Chun", "Xuân"),
    "克": ("克", "ke", "Hak", "Khắc"), "正": ("正", "zheng", "Ching", "Chính"),
    "岐": ("岐", "qi", "Kei", "Kỳ"), "山": ("山", "shan", "Shan", "Sơn"),
    "耀": ("耀", "yao", "Yiu", "Diệu"), "邦": ("邦", "bang", "Pong", "Bang"),
    "鹏": ("鵬", "peng", "Pang", "Bằng"), "紫": ("紫", "zi", "Tsz", "Tử"),
    "阳": ("陽", "yang", "Yeung", "Dương"), "少": ("少", "shao", "Siu", "Thiếu"),
    "奇": ("奇", "qi", "Kei", "Kỳ"), "洁": ("潔", "jie", "Kit", "Khiết"),
    "德": ("德", "de", "Tak", "Đức"), "新": ("新", "xin", "San", "Tân"),
    "龙": ("龍", "long", "Lung", "Long"), "云": ("雲", "yun", "Wan", "Vân"),
    "宁": ("寧", "ning", "Ning", "Ninh"), "荣": ("榮", "rong", "Wing", "Vinh"),
    "基": ("基", "ji", "Kei", "Cơ"), "慧": ("慧", "hui", "Wai", "Tuệ"),
    "安": ("安", "an", "On", "An"), "清": ("清", "qing", "Ching", "Thanh"),
}
CN_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
            "涛", "明", "超", "秀", "英", "华", "平", "刚", "文", "国", "建", "志", "海",
            "峰", "红", "梅", "玲", "东", "春", "克", "正", "山", "耀", "邦", "鹏", "紫",
            "阳", "少", "奇", "洁", "德", "新", "龙", "云", "宁", "荣", "基", "慧", "安", "清"]
CN_GIVEN_F = {"芳", "娜", "敏", "静", "丽", "艳", "秀", "英", "红", "梅", "玲", "慧", "洁", "云"}

# ---------------------------------------------------------------------------
# Russian
# ---------------------------------------------------------------------------
# Surname ranking: A. F. Zhuravlev's list of the 250 most frequent Russian
# surnames (1994; Смирнов 1st, Иванов 2nd, Кузнецов 3rd ...). Weights follow a
# Zipf curve over that rank (the list gives ranks, not shares).
RU_SURNAMES = ["Смирнов", "Иванов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов",
               "Новиков", "Морозов", "Петров", "Волков", "Соловьёв", "Васильев", "Зайцев",
               "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв",
               "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов",
               "Киселёв", "Макаров", "Андреев", "Толстой", "Шевченко", "Чернышевский"]
# Given names (men: the most frequent names of men born 1950-1990 per Rosstat
# name statistics summaries; women likewise). Patronymics are derived by rule.
RU_GIVEN_M = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир",
              "Николай", "Михаил", "Евгений", "Игорь", "Юрий", "Виктор", "Олег",
              "Павел", "Иван", "Максим", "Антон", "Илья", "Василий", "Пётр", "Григорий",
              "Вячеслав", "Анатолий", "Константин", "Фёдор"]
RU_GIVEN_F = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
              "Анна", "Юлия", "Мария", "Марина", "Людмила", "Галина", "Валентина",
              "Надежда", "Ксения", "Дарья", "Анастасия", "Евгения", "Вера"]
# Conventional English spellings of first names (press / Wikipedia usage);
# names not listed get the BGN/PCGN-like "English" rule rendering.
RU_EN_CONVENTIONAL: dict[str, list[str]] = {
    "Александр": ["Alexander", "Aleksandr"], "Сергей": ["Sergei", "Sergey"],
    "Дмитрий": ["Dmitry", "Dmitri"], "Андрей": ["Andrei", "Andrey"],
    "Алексей": ["Alexei", "Alexey"], "Юрий": ["Yuri", "Yury"],
    "Евгений": ["Yevgeny", "Evgeny"], "Пётр": ["Pyotr", "Peter"], "Фёдор": ["Fyodor"],
    "Наталья": ["Natalia", "Natalya"], "Мария": ["Maria"], "Юлия": ["Yulia", "Julia"],
    "Татьяна": ["Tatiana", "Tatyana"], "Ксения": ["Ksenia", "Xenia"],
    "Дарья": ["Daria", "Darya"], "Анастасия": ["Anastasia"], "Евгения": ["Evgenia"],
    "Екатерина": ["Ekaterina", "Yekaterina"], "Илья": ["Ilya"], "Лев": ["Leo", "Lev"],
}
