"""CLEAN / wire credits: every agency in its usual credit forms; mentions in passing are not credits."""

from __future__ import annotations

import pytest

from cleaners import AGENCIES, clean
from cleaners.wire import (Credit, attribution_in_text, match_byline, match_credit_line, match_dateline,
                           match_trailing_signoff)

BODY = ("Officials said on Tuesday that the new bridge would open to traffic next month after two years of "
        "construction work.\n\nThe project cost more than 400 million dollars and was funded by the regional "
        "government, according to a statement released by the ministry.\n\nLocal businesses welcomed the "
        "announcement, saying the bridge would cut travel times for thousands of commuters every day.")

FORMS = {
    "AP": ["WASHINGTON (AP) — {body}", "By The Associated Press\n\n{body}", "By Jane Doe, Associated Press\n\n{body}",
           "{body}\n\nCopyright 2025 The Associated Press. All rights reserved."],
    "Reuters": ["LONDON (Reuters) - {body}", "(Reuters) - {body}", "{body}\n\n(Reporting by Jane Doe; Editing by Tom Roe)",
                "{body}\n\n© 2025 Thomson Reuters"],
    "AFP": ["PARIS, March 3 (AFP) - {body}", "{body}\n\n— AFP", "By Agence France-Presse\n\n{body}"],
    "IANS": ["New Delhi, Aug 23 (IANS) {body}", "{body}\n\n--IANS"],
    "PTI": ["Mumbai, Jan 5 (PTI) {body}", "{body}\n\n(With inputs from PTI)", "By Press Trust of India\n\n{body}"],
    "ANI": ["Srinagar, May 1 (ANI): {body}", "{body} (ANI)"],
    "Yonhap": ["SEOUL, May 2 (Yonhap) -- {body}", "By Yonhap News Agency\n\n{body}"],
    "Kyodo": ["TOKYO (Kyodo) -- {body}", "{body}\n\n— Kyodo"],
    "dpa": ["BERLIN (dpa) - {body}", "{body}\n\n— dpa"],
    "Xinhua": ["BEIJING, June 4 (Xinhua) -- {body}", "Source: Xinhua\n\n{body}"],
    "UPI": ["WASHINGTON (UPI) -- {body}", "By United Press International\n\n{body}"],
    "Bloomberg": ["By Alex Wong | Bloomberg News\n\n{body}", "{body}\n\n©2025 Bloomberg"],
    "EFE": ["Murcia, 2 mar (EFE).- {body}", "MADRID (EFE) - {body}", "{body}\n\n© Agencia EFE"],
    "Europa Press": ["{body}\n\n(Europa Press)", "Source: Europa Press\n\n{body}"],
    "ANSA": ["ROME, March 3 (ANSA) - {body}", "{body}\n\n(ANSA)"],
    "TASS": ["MOSCOW, March 3 (TASS) - {body}", "{body}\n\n© TASS"],
    "AAP": ["SYDNEY (AAP) - {body}", "By Australian Associated Press\n\n{body}"],
    "Anadolu": ["ANKARA (Anadolu Agency) - {body}", "Source: Anadolu Agency\n\n{body}"],
    "Jiji": ["TOKYO (Jiji Press) -- {body}", "{body}\n\n(Jiji Press)"],
    "Canadian Press": ["OTTAWA (The Canadian Press) — {body}", "By The Canadian Press\n\n{body}"],
    "PA Media": ["By PA Media\n\n{body}", "{body}\n\n— Press Association"],
    "Bernama": ["KUALA LUMPUR, July 9 (Bernama) -- {body}", "{body}\n\n-- BERNAMA"],
    "Antara": ["JAKARTA (ANTARA) - {body}", "Source: Antara News\n\n{body}"],
    "PNA": ["MANILA, March 3 (PNA) -- {body}", "By Philippine News Agency\n\n{body}"],
    "VNA": ["HANOI (VNA) - {body}", "{body}\n\n— Vietnam News Agency"],
    "APP": ["ISLAMABAD, March 3 (APP): {body}", "By Associated Press of Pakistan\n\n{body}"],
    "BSS": ["DHAKA, March 3 (BSS) - {body}", "{body}\n\n— Bangladesh Sangbad Sangstha"],
    "UNB": ["DHAKA (UNB) - {body}", "Source: United News of Bangladesh\n\n{body}"],
    "WAM": ["ABU DHABI, March 3 (WAM) -- {body}", "Source: Emirates News Agency\n\n{body}"],
    "KUNA": ["KUWAIT, March 3 (KUNA) -- {body}", "By Kuwait News Agency\n\n{body}"],
    "QNA": ["DOHA (QNA) - {body}", "Source: Qatar News Agency\n\n{body}"],
    "IRNA": ["TEHRAN, March 3 (IRNA) - {body}", "{body}\n\n— IRNA"],
    "Interfax": ["MOSCOW, March 3 (Interfax) - {body}", "Source: Interfax\n\n{body}"],
    "RIA Novosti": ["MOSCOW (RIA Novosti) - {body}", "{body}\n\n— RIA Novosti"],
    "Ukrinform": ["KYIV (Ukrinform) - {body}", "Source: Ukrinform\n\n{body}"],
    "Lusa": ["LISBON, March 3 (Lusa) - {body}", "{body}\n\n— LUSA"],
    "Belga": ["BRUSSELS (Belga) - {body}", "Source: Belga\n\n{body}"],
    "ANP": ["AMSTERDAM (ANP) - {body}", "{body}\n\n— ANP"],
    "NTB": ["OSLO (NTB) - {body}", "Source: NTB\n\n{body}"],
    "Ritzau": ["COPENHAGEN (Ritzau) - {body}", "{body}\n\n— Ritzau"],
    "Agerpres": ["BUCHAREST, March 3 (Agerpres) - {body}", "Source: AGERPRES\n\n{body}"],
    "MTI": ["BUDAPEST (MTI) - {body}", "{body}\n\n— MTI"],
    "CTK": ["PRAGUE, March 3 (CTK) - {body}", "Source: ČTK\n\n{body}"],
    "HINA": ["ZAGREB (Hina) - {body}", "{body}\n\n— HINA"],
    "Tanjug": ["BELGRADE (Tanjug) - {body}", "Source: Tanjug\n\n{body}"],
    "BTA": ["SOFIA, March 3 (BTA) - {body}", "{body}\n\n— BTA"],
    "TT": ["STOCKHOLM (TT) - {body}", "{body}\n\nK\u00e4lla: TT"],
    "STT": ["HELSINKI (STT) - {body}", "{body}\n\nL\u00e4hde: STT"],
    "ACN": ["GIRONA (ACN) - {body}", "{body}\n\nFont: ACN"],
    "DHA": ["RIZE (DHA) - {body}", "{body}\n\nKaynak: DHA"],
    "IHA": ["TRABZON (\u0130HA) - {body}", "{body}\n\nKaynak: \u0130HA"],
    "ANA-MPA": ["ATHENS (ANA-MPA) - {body}", "{body}\n\n\u03a0\u03b7\u03b3\u03ae: \u0391\u03a0\u0395-\u039c\u03a0\u0395"],
    "UNI": ["NEW DELHI, Nov 18 (UNI) {body}", "{body}\n\n(With inputs from United News of India)"],
    "Prensa Latina": ["HAVANA, March 3 (Prensa Latina) - {body}", "Source: Prensa Latina\n\n{body}"],
    "Andina": ["LIMA (Andina) - {body}", "{body}\n\n— Andina"],
    "Agência Brasil": ["BRASILIA (Agência Brasil) - {body}", "Source: Agencia Brasil\n\n{body}"],
    "Keystone-SDA": ["BERN (Keystone-SDA) - {body}", "{body}\n\n(sda)"],
    "APA": ["WIEN (APA) - {body}", "{body}\n\nQuelle: APA"],
    "KNA": ["BONN (KNA) - {body}", "{body}\n\n(KNA)"],
    "epd": ["FRANKFURT (epd) - {body}", "{body}\n\nQuelle: epd"],
    "PAP": ["WARSAW (PAP) - {body}", "Source: Polish Press Agency\n\n{body}"],
    "Notimex": ["CIUDAD DE MÉXICO (Notimex) - {body}", "{body}\n\n— Notimex"],
    "Télam": ["BUENOS AIRES (Télam) - {body}", "Fuente: Telam\n\n{body}"],
    "MENA": ["CAIRO (MENA) - {body}", "{body}\n\n(\u0623 \u0634 \u0623)"],
    "SPA": ["RIYADH (Saudi Press Agency) - {body}", "{body}\n\nSource: Saudi Press Agency"],
    "AGI": ["AGI - {body}", "{body}\n\nFonte: AGI"],
    "Adnkronos": ["ROMA (Adnkronos) - {body}", "{body}\n\nFonte: Adnkronos"],
    "Estadão Conteúdo": ["{body}\n\nFonte: Estadão Conteúdo", "{body}\n\nCom informações do Estadão Conteúdo"],
    "China News Service": ["BEIJING (China News Service) - {body}", "{body}\n\n\u6765\u6e90:\u4e2d\u65b0\u7f51"],
    "CNA": ["TAIPEI (Central News Agency) - {body}", "{body}\n\n(\u4e2d\u592e\u793e)"],
    "Newsis": ["SEOUL (Newsis) - {body}", "{body}\n\n\ucd9c\ucc98: \ub274\uc2dc\uc2a4"],
    "News1": ["SEOUL (News1) - {body}", "{body}\n\nSource: News1"],
}

#: Credit lines standing on their own, in the forms desks print them.
MORE_FORMS = [
    ("dpa", "{body}\n\nAdditional reporting by dpa"),
    ("Reuters", "{body}\n\nWith reporting from Reuters"),
    ("AP", "{body}\n\n\u2014 With files from The Associated Press"),  # the Canadian press's credit line
    ("Reuters", "Asia Biz Wire (Reuters)\n\n{body}"),
    ("AP", "{body}\n\n\u2014 with AP"),
    ("ANP", "{body}\n\nBron: ANP"),  # "source" in Dutch
    ("dpa", "{body}\n\nQuelle: dpa"),
    ("Yonhap", "SEOUL/BUSAN, May 12 (Yonhap) -- {body}"),  # a dateline naming two places
    ("Kyodo", "KYODO NEWS - Mar 13, 2026 - 17:48 | Business, All\nMerger creates second-largest maker\n\n{body}"),
    ("ANI", "ANI | Updated: Mar 12, 2026 15:47 IST\n\n{body}"),
    ("PTI", "{body}\n\n(With PTI inputs)"),
    ("dpa", "{body}\n\nMit Material der dpa"),  # German: "with material from"
    ("dpa", "{body}\n\nMit Material von dpa/lby"),  # … and the regional desk's code
    ("EFE", "{body}\n\nCon información de EFE"),  # Spanish: "with information from"
    ("AFP", "{body}\n\n(Avec AFP)"),  # French
    ("Canadian Press", "{body}\n\nThis report by The Canadian Press was first published Nov. 18, 2026."),
    ("Canadian Press", "Ice storm leaves thousands in the dark\nMarie-\u00c8ve Ouellet, The Canadian Press\n\n{body}"),
    ("PTI", "{body}\n\n(This story is filed by PTI. Copyright Press Trust of India Ltd.)"),
    # copyright lines running past 160 characters with the agency's legal notice
    ("EFE", "{body}\n\n(c) Agencia EFE 2026. Est\u00e1 expresamente prohibida la redistribuci\u00f3n y la redifusi\u00f3n de "
            "todo o parte de los contenidos de los servicios de EFE sin su previo y expreso consentimiento."),
    ("AP", "{body}\n\nCopyright 2026 The Associated Press. All rights reserved. This material may not be published, "
           "broadcast, rewritten or redistributed without permission of the publisher or its licensors in any form."),
]


def test_every_agency_has_forms() -> None:
    assert set(FORMS) == set(AGENCIES)


@pytest.mark.parametrize("agency, form", [(a, f) for a, forms in FORMS.items() for f in forms] + MORE_FORMS)
def test_credit_forms(agency: str, form: str) -> None:
    r = clean(form.format(body=BODY).encode("utf-8"))
    assert r.wire.service == agency and r.wire.credited, (form, r.wire)
    assert r.wire.evidence and all(e not in r.text for e in r.wire.evidence), "credit lines are not body"
    assert "Officials said on Tuesday" in r.text and "cut travel times" in r.text


@pytest.mark.parametrize("sentence", [
    "The talks were first reported by Yonhap news agency.",
    "Kyodo News reported that the minister would resign.",
    "According to Reuters, the deal is worth 2 billion dollars.",
    "An AP photographer was injured in the blast, the agency said.",
])
def test_mentions_are_not_credits(sentence: str) -> None:
    r = clean((BODY + "\n\n" + sentence).encode("utf-8"))
    assert r.wire.service is None and not r.wire.credited
    assert sentence in r.text


def test_bylines_split_people_and_organisations() -> None:
    authors, credits = match_byline("By Jane Doe and John Roe, Associated Press")  # type: ignore[misc]
    assert [(a.name, a.kind) for a in authors] == [("Jane Doe", "person"), ("John Roe", "person"),
                                                   ("Associated Press", "organization")]
    assert [c.agency for c in credits] == ["AP"]
    authors, credits = match_byline("By The Associated Press")  # type: ignore[misc]
    assert [(a.name, a.kind) for a in authors] == [("The Associated Press", "organization")]
    assert match_byline("By the end of the year, prices had doubled.") is None
    # a name, then its agency in brackets; names that start with a capital outside ASCII
    authors, credits = match_byline("By Thanh Liêm (TTXVN)")  # type: ignore[misc]
    assert [(a.name, a.kind) for a in authors] == [("Thanh Liêm", "person"), ("TTXVN", "organization")]
    assert [c.agency for c in credits] == ["VNA"]
    authors, credits = match_byline("By Đức Anh and Łukasz Nowak")  # type: ignore[misc]
    assert [(a.name, a.kind) for a in authors] == [("Đức Anh", "person"), ("Łukasz Nowak", "person")] and not credits


@pytest.mark.parametrize("text, agency, words", [
    ("A quake struck off Kochi before dawn on Thursday, Kyodo News reported.", "Kyodo", "Kyodo News reported"),
    ("The bottles were recalled on Thursday, according to The Associated Press.", "AP",
     "according to The Associated Press"),
    ("Ten people died, according to a report by Reuters.", "Reuters", "according to a report by Reuters"),
    ("The ministry said, citing AFP figures, that 40 ships waited.", "AFP", "citing AFP"),
    ("An AP photographer was injured in the blast.", "AP", None),  # a mention of the agency, not of the story's source
    ("He told Reuters the plant would reopen.", "Reuters", None),  # an interview, not a credit
    ("Prices rose, according to Reuters.", "AFP", None),  # another agency
])
def test_attribution_in_text(text: str, agency: str, words: str | None) -> None:
    assert attribution_in_text(text, agency) == words


def test_credit_patterns_never_fail_on_an_agency_name_in_any_letter_case() -> None:
    """A credit pattern that matches names regardless of case must yield a credit or nothing, never an
    error ("Fonte: Agi" once raised IndexError and stopped the cleaning of its page)."""
    assert match_credit_line("Fonte: Agi") == Credit("AGI", "source", "Fonte: Agi")
    assert match_credit_line("SOURCE: İHLAS HABER AJANSI").agency == "IHA"  # type: ignore[union-attr]
    lines = ["Fonte: {}", "SOURCE: {}", "(With inputs from {})", "--{}", "(c) 2026 {}", "Asia Biz Wire ({})",
             "{} ASK RHL", "The {} contributed to this report.", "Jane Doe, {}"]
    leads = ["WASHINGTON ({}) — The plan passed on Monday after a long debate in the chamber.",
             "КЕМЕРОВО, 18 ноября. /{}/. Текст новости идет дальше, и дальше, и дальше, и дальше."]
    for name in {alias for aliases in AGENCIES.values() for alias in aliases}:
        for spelled in {name, name.upper(), name.lower(), name.title(), name.swapcase()}:
            for line in lines:
                match_credit_line(line.format(spelled))
            for lead in leads:
                match_dateline(lead.format(spelled))
            match_trailing_signoff("He said so. --" + spelled)
            match_byline(f"By Jane Doe ({spelled})")
