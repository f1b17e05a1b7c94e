"""CLEAN and LINEAGE on Chinese and Japanese, which are written without spaces between words
(and on Thai, written so too, and Hindi, Arabic and Russian, whose sentences end otherwise).

Each character is a token (word shingles become character n-grams), length rules count a word for
every two characters, "。" ends a sentence, and the agencies' own marks ("新华社北京11月21日电",
"【共同】", "(時事)", "(서울=연합뉴스)") are credits. Without this a Japanese or Chinese article page
had no "words" and was refused as empty.
"""

from __future__ import annotations

import unicodedata

import pytest

from cleaners import clean
from cleaners.text import sentences, word_count, words
from cleaners.wire import match_dateline, match_trailing_signoff
from crawler.lineage import Article, assign

JA = ["東京電力は21日、福島第一原子力発電所の処理水の海洋放出を再開したと発表した。放出は約17日間続く予定で、約7800トンを流すという。",
      "同社によると、放出前の測定でトリチウム濃度は国の基準を大きく下回っていた。周辺海域のモニタリングも継続し、結果は毎日公表する。",
      "政府の担当者は記者会見で「安全性を最優先に、透明性の高い情報発信を続けていく」と述べた。地元の漁業関係者からは風評被害を懸念する声も上がっている。",
      "今回の放出は今年度4回目で、これまでの累計は約3万1千トンに達する。東電は来年度も同様の計画で放出を進める方針だ。",
      "中国は依然として日本産水産物の輸入停止措置を続けており、日本政府は科学的根拠に基づく対応を求めている。"]
ZH = ["新华社北京11月21日电 国家统计局21日发布数据显示，10月份全国规模以上工业增加值同比增长5.3%，比上月加快0.3个百分点。",
      "分三大门类看，采矿业增加值同比增长4.1%，制造业增长5.6%，电力、热力、燃气及水生产和供应业增长3.9%。",
      "国家统计局新闻发言人在发布会上表示：“总体来看，10月份国民经济延续恢复向好态势，主要指标稳中有升。”",
      "数据显示，1至10月份，全国固定资产投资同比增长3.2%，社会消费品零售总额同比增长4.5%。",
      "专家认为，随着一系列稳增长政策持续发力，四季度经济有望保持平稳运行。"]


def page(title: str, paras: list[str], lang: str, date: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title} | ニュース</title>"
            f"<meta property='og:title' content='{title}'><meta property='article:published_time' content='{date}'>"
            f"</head><body><header><nav><a href='/'>ホーム</a> <a href='/politics'>政治</a> <a href='/economy'>経済</a>"
            f"</nav></header><main><article><h1>{title}</h1>{body}</article></main><aside><h3>関連記事</h3><ul>"
            f"<li><a href='/a'>別の記事の見出しです</a></li><li><a href='/b'>もう一つの見出し</a></li></ul></aside>"
            f"<footer><p>Copyright 2026 Example News. All rights reserved.</p></footer></body></html>").encode("utf-8")


@pytest.mark.parametrize("paras, lang, title", [
    (JA, "ja", "処理水の海洋放出を再開 東京電力"),
    (ZH, "zh", "10月份规模以上工业增加值同比增长5.3%"),
])
def test_pages_are_cleaned(paras: list[str], lang: str, title: str) -> None:
    r = clean(page(title, paras, lang, "2026-11-21T10:30:00+09:00"), url="https://news.example.jp/a",
              content_type="text/html")
    assert (r.language, r.title, r.published) == (lang, title, "2026-11-21T10:30:00+09:00")
    body = r.text.split("\n")
    assert len(body) == 5 and "関連記事" not in r.text and "Copyright" not in r.text
    assert body[1] == paras[1].replace("，", ",")  # NFKC makes full-width commas plain ones


def test_xinhua_dateline_is_a_credit() -> None:
    r = clean(page("统计局", ZH, "zh", "2026-11-21T10:00:00+08:00"), url="https://paper.example.cn/a",
              content_type="text/html")
    assert (r.wire.service, r.wire.credited) == ("Xinhua", True)
    assert r.text.startswith("国家统计局21日发布数据显示")


@pytest.mark.parametrize("paragraph, agency, rest", [
    ("【共同】東京電力は21日、発表した。", "Kyodo", "東京電力は21日、発表した。"),
    ("(時事)政府は21日、新たな経済対策を決めた。", "Jiji", "政府は21日、新たな経済対策を決めた。"),
    ("(서울=연합뉴스) 정부는 21일 새로운 부동산 대책을 발표했다.", "Yonhap", "정부는 21일 새로운 부동산 대책을 발표했다."),
])
def test_agency_marks(paragraph: str, agency: str, rest: str) -> None:
    credit, _, got = match_dateline(paragraph)
    assert credit and credit.agency == agency and got == rest
    signoff, text = match_trailing_signoff("対応を求めている。(共同)")
    assert signoff and signoff.agency == "Kyodo" and text == "対応を求めている。"


def test_tokens_sentences_and_length() -> None:
    text = JA[0] + "U.S. officials said."
    assert words(text)[:5] == ["東", "京", "電", "力", "は"] and words(text)[-3:] == ["us", "officials", "said"]
    assert [s for _, s in sentences(JA[0])] == [JA[0][:39], JA[0][39:]]
    assert word_count(JA[0]) >= 30 and word_count("three plain words") == 3


def test_copies_are_traced() -> None:
    text = "\n".join(JA)
    other = "\n".join(ZH)
    # a sub-editor's copy: a word changed in every paragraph (with a clause as one token, every
    # shingle of the story would change)
    edited = "\n".join(p.replace("約", "およそ", 1).replace("は", "では", 1) for p in JA)
    records = {r.url: r for r in assign([
        Article("https://local.example.jp/e", edited, published="2026-11-21T12:00:00+09:00"),
        Article("https://paper.example.jp/b", text, published="2026-11-21T11:00:00+09:00"),
        Article("https://portal.example.jp/c", "\n".join(JA[:3]), published="2026-11-21T11:30:00+09:00"),
        Article("https://www.kyodonews.jp/a", text, published="2026-11-21T10:30:00+09:00", wire="Kyodo",
                credited=True, publisher_wire="Kyodo"),
        Article("https://www.xinhuanet.com/a", other, published="2026-11-21T10:00:00+08:00"),
    ])}
    assert (records["https://paper.example.jp/b"].relation,
            records["https://paper.example.jp/b"].parent_url) == ("verbatim", "https://www.kyodonews.jp/a")
    assert (records["https://portal.example.jp/c"].relation,
            records["https://portal.example.jp/c"].parent_url) == ("trimmed", "https://www.kyodonews.jp/a")
    assert (records["https://local.example.jp/e"].relation,
            records["https://local.example.jp/e"].original_url) == ("edited", "https://www.kyodonews.jp/a")
    assert records["https://www.xinhuanet.com/a"].relation == "original"
    assert records["https://www.xinhuanet.com/a"].story_id != records["https://www.kyodonews.jp/a"].story_id


OTHER_SCRIPTS = {
 "ru": ["Правительство России в пятницу утвердило новый план поддержки регионов, пострадавших от наводнений, сообщила пресс-служба кабмина.",
        "Согласно документу, на восстановление жилья и дорог будет выделено около 12 миллиардов рублей в течение двух лет.",
        "«Мы должны помочь людям как можно быстрее», — заявил вице-премьер на заседании правительства.",
        "Ранее власти Оренбургской области сообщали, что вода повредила более трех тысяч домов."],
 "ar": ["أعلنت وزارة الصحة يوم الخميس عن افتتاح ثلاثة مستشفيات جديدة في المحافظات الشمالية، في إطار خطة لتحسين الخدمات الطبية.",
        "وقال وزير الصحة في مؤتمر صحفي إن المستشفيات الجديدة ستضم أكثر من 600 سرير وستخدم نحو مليوني نسمة.",
        "وأضاف أن الحكومة خصصت ميزانية إضافية لتوظيف الأطباء والممرضين خلال العام المقبل.",
        "ويأتي هذا الإعلان بعد شكاوى متكررة من نقص الأسرة في المستشفيات الحكومية خلال فصل الشتاء."],
 "hi": ["केंद्र सरकार ने गुरुवार को किसानों के लिए एक नई बीमा योजना की घोषणा की, जिससे देश भर के करीब दो करोड़ किसानों को लाभ मिलने की उम्मीद है।",
        "कृषि मंत्री ने संवाददाता सम्मेलन में कहा कि योजना के तहत प्रीमियम का आधा हिस्सा सरकार वहन करेगी।",
        "उन्होंने कहा, “हमारा लक्ष्य है कि कोई भी किसान प्राकृतिक आपदा के कारण कर्ज में न डूबे।”",
        "विपक्षी दलों ने योजना का स्वागत किया, लेकिन इसके क्रियान्वयन पर सवाल उठाए।"],
 "th": ["กระทรวงสาธารณสุขประกาศเมื่อวันพฤหัสบดีว่าจะเปิดโรงพยาบาลแห่งใหม่สามแห่งในภาคเหนือเพื่อรองรับผู้ป่วยที่เพิ่มขึ้นในช่วงฤดูหนาว",
        "รัฐมนตรีว่าการกระทรวงสาธารณสุขกล่าวในการแถลงข่าวว่าโรงพยาบาลใหม่จะมีเตียงมากกว่าหกร้อยเตียงและให้บริการประชาชนราวสองล้านคน",
        "เขากล่าวเพิ่มเติมว่ารัฐบาลได้จัดสรรงบประมาณเพิ่มเติมสำหรับการจ้างแพทย์และพยาบาลในปีหน้า",
        "ประกาศดังกล่าวมีขึ้นหลังจากมีการร้องเรียนซ้ำหลายครั้งเรื่องการขาดแคลนเตียงในโรงพยาบาลรัฐ"],
}


@pytest.mark.parametrize("lang", sorted(OTHER_SCRIPTS))
def test_other_scripts_keep_every_paragraph(lang: str) -> None:
    """Thai has no spaces between words; Hindi ends a sentence with "।" (a short paragraph ending so
    was dropped as a stray line); Russian and Arabic are spaced and punctuated as the rules expect."""
    paras = OTHER_SCRIPTS[lang]
    r = clean(page("Title", paras, lang, "2026-11-21T10:30:00+03:00"), url=f"https://news.example/{lang}",
              content_type="text/html")
    assert r.language == lang and r.text.split("\n") == [unicodedata.normalize("NFKC", p) for p in paras]
