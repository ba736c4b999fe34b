"""Builds hand-made gold annotations for five sample articles of ``corpus/``.

Each article starts with a front-matter block (``---`` ... ``---``); every offset below is a
Python ``str`` index into the article TEXT, i.e. the string that follows the line ``---``
closing the front matter, read as UTF-8 with nothing normalised. Spans are located by their
surface text (with context and an optional ``core`` sub-span) and checked, so the offsets are
exact. Run ``python tests/gold/make_sample_gold.py`` to (re)write the ``*.gold.json`` files.

Conventions are those of the seed's gold: a span leaves out the proclitics و ف ب ل ك and
keeps the article ال; in English a span leaves out the possessive ``'s``.
"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"
CONVENTIONS = (
    "offsets are Python str indices into the article text that follows the closing '---' line "
    "of the front matter (UTF-8, no normalisation); a span excludes the proclitics و ف ب ل ك "
    "and includes the article ال; in English a span excludes the possessive 's"
)


def split_front_matter(raw):
    """Return (metadata dict, text after the front matter)."""
    assert raw.startswith("---\n")
    end = raw.index("\n---\n", 4)
    meta = {}
    for line in raw[4:end].splitlines():
        key, value = line.split(":", 1)
        meta[key.strip()] = value.strip()
    return meta, raw[end + len("\n---\n"):]


class Gold:
    def __init__(self, name):
        self.name = name
        raw = (CORPUS / name).read_text(encoding="utf-8")
        self.meta, self.t = split_front_matter(raw)
        self.C, self.NC, self.P, self.O, self.D, self.A = [], [], [], [], [], []
        self.Q, self.NQ, self.H = [], [], []

    # -- locating spans -------------------------------------------------------------
    def occ(self, s, n=1, after=None):
        """offset of the n-th occurrence of s (optionally after the string `after`)"""
        i = (self.t.index(after) if after else 0) - 1
        for _ in range(n):
            i = self.t.index(s, i + 1)
        return i

    def span(self, s, n=1, after=None, core=None):
        i = self.occ(s, n, after)
        if core:  # a sub-span inside s
            i += s.index(core)
            s = core
        assert self.t[i:i + len(s)] == s, (self.name, s)
        return {"start": i, "end": i + len(s), "text": s}

    # -- annotation helpers ---------------------------------------------------------
    def c(self, s, iso, kind, n=1, after=None, core=None, note=None):
        d = self.span(s, n, after, core)
        d.update(iso3=iso, kind=kind)
        if note:
            d["note"] = note
        self.C.append(d)

    def nc(self, s, why, n=1, after=None, core=None):
        d = self.span(s, n, after, core)
        d["why"] = why
        self.NC.append(d)

    def p(self, s, name_en, role, iso, n=1, after=None, core=None, role_text=None):
        d = self.span(s, n, after, core)
        d.update(person=name_en, role=role, iso3=iso)
        if role_text:
            d["role_text"] = role_text
        self.P.append(d)

    def o(self, s, oid, iso=None, n=1, after=None, core=None, name_en=None):
        d = self.span(s, n, after, core)
        d["org"] = oid
        if iso:
            d["iso3"] = iso
        if name_en:
            d["name_en"] = name_en
        self.O.append(d)

    def dt(self, s, value, kind, n=1, after=None, core=None, note=None):
        d = self.span(s, n, after, core)
        d.update(value=value, kind=kind)
        if note:
            d["note"] = note
        self.D.append(d)

    def am(self, s, value, qualifier, unit, n=1, after=None, core=None):
        d = self.span(s, n, after, core)
        d.update(value=value, qualifier=qualifier, unit=unit)
        self.A.append(d)

    def nq(self, s, why="a quoted name, not a quotation", n=1, after=None, core=None):
        d = self.span(s, n, after, core)
        d["why"] = why
        self.NQ.append(d)

    def h(self, s):
        self.H.append(self.span(s))

    # -- output -----------------------------------------------------------------------
    def write(self, metadata, sectors, dyads, events):
        for lst in (self.C, self.NC, self.P, self.O, self.D, self.A, self.Q, self.NQ):
            lst.sort(key=lambda d: d["start"])
        assert len({(d["start"], d["iso3"]) for d in self.C}) == len(self.C), self.name
        # a country span must not also be listed as a trap
        assert not {d["start"] for d in self.C} & {d["start"] for d in self.NC}, self.name
        md = {k: self.meta[k] for k in ("title", "published", "language", "source", "topic")}
        md.update(metadata)
        md["headings"] = [x["text"] for x in self.H]
        gold = {
            "article": self.name,
            "conventions": CONVENTIONS,
            "metadata": md,
            "countries": self.C, "not_countries": self.NC, "persons": self.P,
            "organizations": self.O, "dates": self.D, "amounts": self.A,
            "quotes": self.Q, "not_quotes": self.NQ, "headings": self.H,
            "sectors": sorted(sectors), "dyads": dyads, "events": events,
        }
        out = HERE / (self.name[:-4] + ".gold.json")
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out.name, "countries", len(self.C), "persons", len(self.P), "orgs", len(self.O),
              "dates", len(self.D), "amounts", len(self.A), "events", len(events))


LL = "ل + ال contracts to لل: the span leaves out the proclitic ل and keeps the article's ل"


# ----------------------------------------------------------------------------------------
def gold_002():
    g = Gold("002_putin_uae_saudi_visit.txt")
    c = g.c
    c("الرئيس الروسي فلاديمير", "RUS", "demonym", core="الروسي")
    c("الإمارات العربية المتحدة", "ARE", "name")
    c("المملكة العربية السعودية", "SAU", "name")
    c("في أبوظبي، حيث", "ARE", "capital", core="أبوظبي")
    c("رئيس دولة الإمارات", "ARE", "name", core="الإمارات")
    c("ثم انتقل الرئيس الروسي", "RUS", "demonym", core="الروسي")
    c("إلى الرياض", "SAU", "capital", core="الرياض")
    c("ولي العهد السعودي", "SAU", "demonym", core="السعودي")
    c("والأزمة الأوكرانية", "UKR", "demonym", core="الأوكرانية")
    c("علماً أن الإمارات", "ARE", "name", core="الإمارات")
    c("والسعودية ليستا", "SAU", "name", core="السعودية")
    c("وتحرص موسكو", "RUS", "capital", core="موسكو")
    c("مع أبوظبي والرياض", "ARE", "capital", core="أبوظبي")
    c("أبوظبي والرياض", "SAU", "capital", core="الرياض")
    c("تُعد السعودية وروسيا", "SAU", "name", core="السعودية")
    c("السعودية وروسيا", "RUS", "name", core="روسيا")
    c("للسعودية وللإمارات", "SAU", "name", core="لسعودية", note=LL)
    c("وللإمارات", "ARE", "name", core="لإمارات", note=LL)
    c("في موسكو الرئيس", "RUS", "capital", core="موسكو")
    c("الرئيس الإيراني", "IRN", "demonym", core="الإيراني")
    g.nc("نظام روما الأساسي", "Rome in the name of the Rome Statute: not a reference to Italy", core="روما")
    g.nc("قطاع غزة", "a territory (the Gaza Strip), not named as a country")
    g.nc("الشرق الأوسط", "a region")
    p = g.p
    p("فلاديمير بوتين", "Vladimir Putin", "president", "RUS", role_text="الرئيس الروسي")
    p("وبدأ بوتين", "Vladimir Putin", "president", "RUS", core="بوتين")
    p("محمد بن زايد آل نهيان", "Mohamed bin Zayed Al Nahyan", "president", "ARE",
      role_text="رئيس دولة الإمارات الشيخ")
    p("محمد بن سلمان", "Mohammed bin Salman", "crown prince and prime minister", "SAU",
      role_text="ولي العهد السعودي رئيس مجلس الوزراء الأمير")
    p("لبوتين منذ", "Vladimir Putin", "president", "RUS", core="بوتين")
    p("لبوتين للسعودية", "Vladimir Putin", "president", "RUS", core="بوتين")
    p("استقبل بوتين", "Vladimir Putin", "president", "RUS", core="بوتين")
    p("إبراهيم رئيسي", "Ebrahim Raisi", "president", "IRN", role_text="الرئيس الإيراني")
    g.o("أوبك+", "OPEC+", None, 1, name_en="OPEC+")
    g.o("المحكمة الجنائية الدولية", "ICC", name_en="International Criminal Court")
    g.o("أوبك+", "OPEC+", None, 2, name_en="OPEC+")
    g.dt("الأربعاء 6 كانون الأول/ديسمبر 2023", "2023-12-06", "day")
    g.dt("آذار/مارس 2023", "2023-03", "month")
    g.dt("تشرين الأول/أكتوبر 2019", "2019-10", "month")
    g.dt("7 كانون الأول/ديسمبر", "2023-12-07", "day",
         note="year from context ('اليوم التالي' after 6 December 2023)")
    g.nq("أوبك+", n=1)
    g.nq("أوبك+", n=2)
    g.write(
        {"trailer": ["المصدر: عينة"], "paragraphs": 6},
        ["diplomacy", "trade", "energy", "security"],
        [{"a": "RUS", "b": "ARE", "relation": "cooperation"},
         {"a": "RUS", "b": "SAU", "relation": "cooperation"},
         {"a": "RUS", "b": "IRN", "relation": "cooperation"}],
        [
            {"source": "RUS", "target": "ARE", "plover": "CONSULT", "cameo_root": "04",
             "note": "Putin visits Abu Dhabi and holds talks with Mohamed bin Zayed (CAMEO 042)",
             "date": "2023-12-06"},
            {"source": "RUS", "target": "SAU", "plover": "CONSULT", "cameo_root": "04",
             "note": "Putin visits Riyadh and meets Mohammed bin Salman (CAMEO 042)",
             "date": "2023-12-06"},
            {"source": "IRN", "target": "RUS", "plover": "CONSULT", "cameo_root": "04",
             "note": "Putin receives Iranian President Raisi in Moscow (CAMEO 042/043)",
             "date": "2023-12-07"},
        ])


def gold_004():
    g = Gold("004_russia_iran_treaty.txt")
    g.c("الكرملين", "RUS", "capital", n=1, note="seat of power standing for Russia (issue 3: capitals and seats of power)")
    c = g.c
    c("الرئيس الروسي", "RUS", "demonym", core="الروسي")
    c("ونظيره الإيراني", "IRN", "demonym", core="الإيراني")
    c("بموسكو", "RUS", "capital", core="موسكو")
    c("روسيا الاتحادية", "RUS", "name", note="official name, the Russian Federation")
    c("وجمهورية إيران الإسلامية", "IRN", "name", core="جمهورية إيران الإسلامية",
      note="official name, the Islamic Republic of Iran")
    c("الرئيس الإيراني إلى", "IRN", "demonym", core="الإيراني")
    c("إلى روسيا.", "RUS", "name", core="روسيا")
    c("موسكو وطهران", "RUS", "capital", core="موسكو")
    c("وطهران", "IRN", "capital", core="طهران")
    c("بقرض روسي", "RUS", "demonym", core="روسي")
    c("وانضمت إيران", "IRN", "name", core="إيران")
    g.nc("منظمة شنغهاي للتعاون", "a city (Shanghai) inside an organisation's name, not China",
         core="شنغهاي")
    p = g.p
    p("فلاديمير بوتين", "Vladimir Putin", "president", "RUS", role_text="الرئيس الروسي")
    p("مسعود بزشكيان", "Masoud Pezeshkian", "president", "IRN", role_text="نظيره الإيراني")
    g.o("منظمة شنغهاي للتعاون", "SCO", name_en="Shanghai Cooperation Organisation")
    g.o("بريكس", "BRICS", name_en="BRICS")
    g.dt("الجمعة ١٧ كانون الثاني/يناير ٢٠٢٥", "2025-01-17", "day")
    g.dt("عام ٢٠٠١", "2001", "year")
    g.dt("عام ٢٠٢٣", "2023", "year")
    g.dt("تموز/يوليو ٢٠٢٣", "2023-07", "month")
    g.dt("مطلع عام ٢٠٢٤", "2024", "year", note="مطلع: at the beginning of the year")
    g.am("٢٠ عاماً", 20, "exact", "years (term of the treaty)")
    g.am("١٫٣ مليار يورو", 1300000000, "exact", "EUR")
    g.nq("«معاهدة الشراكة الاستراتيجية الشاملة»", why="a document title, not a quotation",
         core="معاهدة الشراكة الاستراتيجية الشاملة")
    g.nq("شمال – جنوب", n=1)
    g.nq("شمال – جنوب", n=2)
    g.nq("بريكس")
    g.write(
        {"paragraphs": 5},
        ["diplomacy", "trade", "energy", "transport", "security", "finance"],
        [{"a": "RUS", "b": "IRN", "relation": "cooperation"}],
        [
            {"source": "IRN", "target": "RUS", "plover": "CONSULT", "cameo_root": "04",
             "note": "official visit of the Iranian president to Russia (CAMEO 042)",
             "date": "2025-01-17"},
            {"source": "RUS", "target": "IRN", "plover": "AGREE", "cameo_root": "05",
             "note": "the two presidents sign the Comprehensive Strategic Partnership Treaty (CAMEO 057)",
             "date": "2025-01-17"},
            {"source": "RUS", "target": "IRN", "plover": "AGREE", "cameo_root": "05",
             "note": "Rasht-Astara railway agreement signed in 2023 (CAMEO 057)", "date": "2023"},
            {"source": "RUS", "target": "IRN", "plover": "COOPERATE", "cameo_root": "06",
             "note": "Russian state loan of 1.3 billion euros for the railway (CAMEO 061)"},
        ])


def gold_010():
    g = Gold("010_azal_crash_aktau.txt")
    g.c("الكرملين", "RUS", "capital", n=1, note="seat of power standing for Russia (issue 3: capitals and seats of power)")
    c = g.c
    c("للخطوط الجوية الأذربيجانية", "AZE", "demonym", core="الأذربيجانية",
      note="inside the name of Azerbaijan Airlines")
    c("في كازاخستان", "KAZ", "name", core="كازاخستان")
    c("من باكو", "AZE", "capital", core="باكو")
    c("جنوب روسيا.", "RUS", "name", core="روسيا")
    c("الرئيس الروسي", "RUS", "demonym", core="الروسي")
    c("نظيره الأذربيجاني", "AZE", "demonym", core="الأذربيجاني")
    c("المجال الجوي الروسي", "RUS", "demonym", core="الروسي")
    c("الدفاعات الجوية الروسية", "RUS", "demonym", core="الروسية")
    c("مسيّرة أوكرانية", "UKR", "demonym", core="أوكرانية")
    c("الأراضي الروسية", "RUS", "demonym", core="الروسية")
    c("وطالب موسكو", "RUS", "capital", core="موسكو")
    c("للدولة الأذربيجانية", "AZE", "demonym", core="الأذربيجانية")
    c("إلى باكو", "AZE", "capital", core="باكو")
    c("وتتولى كازاخستان", "KAZ", "name", core="كازاخستان")
    c("جنوب روسيا.", "RUS", "name", n=2, core="روسيا")
    p = g.p
    p("فلاديمير بوتين", "Vladimir Putin", "president", "RUS", role_text="الرئيس الروسي")
    p("إلهام علييف", "Ilham Aliyev", "president", "AZE", role_text="نظيره الأذربيجاني")
    p("غير أن علييف", "Ilham Aliyev", "president", "AZE", core="علييف")
    p("وكان علييف", "Ilham Aliyev", "president", "AZE", core="علييف")
    o = g.o
    o("للخطوط الجوية الأذربيجانية", "AZAL", "AZE", core="لخطوط الجوية الأذربيجانية",
      name_en="Azerbaijan Airlines")
    o("بيان الكرملين", "RUS-KREMLIN", "RUS", core="الكرملين",
      name_en="the Kremlin (Russian presidency)")
    o("الدفاعات الجوية الروسية", "RUS-AIR-DEFENCE", "RUS", name_en="Russian air defences")
    o("رابطة الدول المستقلة", "CIS", name_en="Commonwealth of Independent States")
    g.dt("25 ديسمبر/كانون الأول 2024", "2024-12-25", "day")
    g.dt("28 ديسمبر/كانون الأول", "2024-12-28", "day", note="year from context")
    g.am("38 شخصاً", 38, "exact", "people killed")
    g.am("29 من ركابها وأفراد طاقمها", 29, "exact", "survivors (passengers and crew)")
    g.nq("إمبراير 190", why="an aircraft type in quotation marks, not a quotation")
    g.write(
        {"photo_credit": "أرشيفية", "trailer": ["الصورة: أرشيفية"], "paragraphs": 5},
        ["transport", "security", "military", "diplomacy"],
        [{"a": "AZE", "b": "RUS", "relation": "conflict"},
         {"a": "UKR", "b": "RUS", "relation": "conflict"}],
        [
            {"source": "RUS", "target": "AZE", "plover": "CONSULT", "cameo_root": "04",
             "note": "telephone call between Putin and Aliyev (CAMEO 040)", "date": "2024-12-28"},
            {"source": "RUS", "target": "AZE", "plover": "CONCEDE", "cameo_root": "05",
             "note": "Putin apologises that the tragic incident happened in Russian airspace (CAMEO 055)",
             "date": "2024-12-28"},
            {"source": "UKR", "target": "RUS", "plover": "ASSAULT", "cameo_root": "19",
             "note": "Ukrainian drone attacks on Grozny, per the Kremlin statement (CAMEO 195)",
             "date": "2024-12-25"},
            {"source": "AZE", "target": "RUS", "plover": "ACCUSE", "cameo_root": "11",
             "note": "Aliyev insists the plane was hit by fire from the ground over Russian territory"},
            {"source": "AZE", "target": "RUS", "plover": "REQUEST", "cameo_root": "10",
             "note": "Aliyev demands admission of guilt, punishment of those responsible and compensation"},
        ])


def gold_020():
    g = Gold("020_tebboune_moscow_2023.txt")
    g.c("الكرملين", "RUS", "capital", n=1, note="seat of power standing for Russia (issue 3: capitals and seats of power)")
    c = g.c
    amb = "الجزائر names both the country and its capital; here read as the country"
    c("الرئيس الروسي فلاديمير", "RUS", "demonym", core="الروسي")
    c("زيارة دولة إلى روسيا", "RUS", "name", core="روسيا")
    c("بين الجزائر وروسيا", "DZA", "name", core="الجزائر", note=amb)
    c("الجزائر وروسيا", "RUS", "name", core="روسيا")
    c("وتُعد روسيا", "RUS", "name", core="روسيا")
    c("شركاء الجزائر", "DZA", "name", core="الجزائر", note=amb)
    c("قدّمت الجزائر", "DZA", "name", core="الجزائر", note=amb)
    c("الخارجية الروسي", "RUS", "demonym", core="الروسي")
    c("زار الجزائر", "DZA", "name", core="الجزائر",
      note="a visit to Algeria (Lavrov's talks were in the capital, Algiers)")
    c("وكانت الجزائر قد", "DZA", "name", core="الجزائر", note=amb)
    c("وتقيم الجزائر", "DZA", "name", core="الجزائر", note=amb)
    c("وموسكو", "RUS", "capital", core="موسكو")
    g.nc("رئيس الجمهورية", "Algerian usage for the head of state: names no country")
    g.nc("منتدى سانت بطرسبورغ", "a city inside the forum's name", core="سانت بطرسبورغ")
    p = g.p
    p("عبد المجيد تبون", "Abdelmadjid Tebboune", "president", "DZA", role_text="رئيس الجمهورية")
    p("فلاديمير بوتين", "Vladimir Putin", "president", "RUS", role_text="الرئيس الروسي")
    p("الرئيس تبون", "Abdelmadjid Tebboune", "president", "DZA", core="تبون", role_text="الرئيس")
    p("الرئيس بوتين", "Vladimir Putin", "president", "RUS", core="بوتين", role_text="الرئيس")
    p("سيرغي لافروف", "Sergei Lavrov", "foreign minister", "RUS",
      role_text="وزير الخارجية الروسي")
    o = g.o
    o("منتدى سانت بطرسبورغ الاقتصادي الدولي", "SPIEF", "RUS",
      name_en="St Petersburg International Economic Forum")
    o("بريكس", "BRICS", name_en="BRICS")
    o("مجلس الأمن الدولي", "UNSC", name_en="United Nations Security Council")
    g.dt("الخميس 15 جوان 2023", "2023-06-15", "day")
    g.dt("13 جوان", "2023-06-13", "day", note="year from context")
    g.dt("عام 2001", "2001", "year")
    g.dt("16 جوان", "2023-06-16", "day", note="year from context")
    g.dt("نوفمبر 2022", "2022-11", "month")
    g.dt("ماي 2022", "2022-05", "month")
    g.dt("جوان 2023 لشغل", "2023-06", "month", core="جوان 2023")
    g.dt("2024-2025", ["2024", "2025"], "range")
    g.dt("عام 1962", "1962", "year")
    g.nq("«إعلان الشراكة الاستراتيجية المعمقة»", why="a document title, not a quotation",
         core="إعلان الشراكة الاستراتيجية المعمقة")
    g.nq("بريكس")
    g.write(
        {"paragraphs": 7},
        ["diplomacy", "energy", "agriculture", "industry", "education", "military"],
        [{"a": "DZA", "b": "RUS", "relation": "cooperation"}],
        [
            {"source": "DZA", "target": "RUS", "plover": "CONSULT", "cameo_root": "04",
             "note": "Tebboune's state visit to Russia and talks with Putin in the Kremlin (CAMEO 042)",
             "date": "2023-06-15"},
            {"source": "DZA", "target": "RUS", "plover": "AGREE", "cameo_root": "05",
             "note": "the two presidents sign the declaration of deepened strategic partnership (CAMEO 057)",
             "date": "2023-06-15"},
            {"source": "RUS", "target": "DZA", "plover": "COOPERATE", "cameo_root": "06",
             "note": "Russia one of Algeria's main military partners (CAMEO 062)"},
            {"source": "RUS", "target": "DZA", "plover": "CONSULT", "cameo_root": "04",
             "note": "Lavrov's visit to Algeria (CAMEO 042)", "date": "2022-05"},
        ])


def gold_036():
    g = Gold("036_kazakhstan_npp_rosatom.txt")
    c = g.c
    c("Kazakhstan has chosen", "KAZ", "name", core="Kazakhstan")
    c("Russia's state", "RUS", "name", core="Russia")
    c("China National Nuclear", "CHN", "name", core="China",
      note="inside the name of China National Nuclear Corporation")
    c("Korea Hydro", "KOR", "name", core="Korea",
      note="inside the name of Korea Hydro & Nuclear Power")
    c("South Korea", "KOR", "name")
    c("EDF of France", "FRA", "name", core="France")
    c("Kazakhstan is the world", "KAZ", "name", core="Kazakhstan")
    c("Moscow and Astana", "RUS", "capital", core="Moscow")
    c("and Astana are", "KAZ", "capital", core="Astana")
    c("visit to Astana", "KAZ", "capital", core="Astana")
    g.nc("Soviet-era", "historical adjective (Soviet era), not a present-day country", core="Soviet")
    g.nc("Almaty region", "a region named after the former capital, not a country reference",
         core="Almaty")
    p = g.p
    p("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev", "president", "KAZ", role_text="President")
    p("Vladimir Putin", "Vladimir Putin", "president", "RUS", role_text="President")
    p("and Tokayev discussed", "Kassym-Jomart Tokayev", "president", "KAZ", core="Tokayev")
    o = g.o
    o("Rosatom to lead", "ROSATOM", "RUS", core="Rosatom", name_en="Rosatom")
    o("Agency for Atomic Energy", "KAZ-ATOMIC-AGENCY", "KAZ",
      name_en="Agency of the Republic of Kazakhstan for Atomic Energy")
    o("China National Nuclear Corporation", "CNNC", "CHN",
      name_en="China National Nuclear Corporation")
    o("(CNNC)", "CNNC", "CHN", core="CNNC", name_en="China National Nuclear Corporation")
    o("shortlist: Rosatom", "ROSATOM", "RUS", core="Rosatom", name_en="Rosatom")
    o("Rosatom, CNNC", "CNNC", "CHN", core="CNNC", name_en="China National Nuclear Corporation")
    o("Korea Hydro & Nuclear Power", "KHNP", "KOR", name_en="Korea Hydro & Nuclear Power")
    o("EDF", "EDF", "FRA", name_en="EDF (Électricité de France)")
    o("Eurasian Economic Union", "EAEU", name_en="Eurasian Economic Union")
    o("Collective Security Treaty Organisation", "CSTO",
      name_en="Collective Security Treaty Organisation")
    g.dt("June 2025", "2025-06", "month")
    g.dt("6 October 2024", "2024-10-06", "day")
    g.dt("in 1999", "1999", "year", core="1999")
    g.dt("November 2024", "2024-11", "month")
    g.am("Four vendors", 4, "exact", "vendors")
    g.write(
        {"paragraphs": 6},
        ["energy", "industry", "construction", "mining", "diplomacy"],
        [{"a": "KAZ", "b": "RUS", "relation": "cooperation"},
         {"a": "KAZ", "b": "CHN", "relation": "cooperation"}],
        [
            {"source": "KAZ", "target": "RUS", "plover": "COOPERATE", "cameo_root": "06",
             "note": "Kazakhstan chooses Rosatom to lead the consortium for its first nuclear plant (CAMEO 061)",
             "date": "2025-06"},
            {"source": "KAZ", "target": "CHN", "plover": "COOPERATE", "cameo_root": "03",
             "note": "Kazakhstan would consider CNNC to lead a second plant: intent to cooperate (CAMEO 031)",
             "date": "2025-06"},
            {"source": "RUS", "target": "KAZ", "plover": "CONSULT", "cameo_root": "04",
             "note": "Putin's state visit to Astana; talks with Tokayev on energy (CAMEO 042)",
             "date": "2024-11"},
        ])


if __name__ == "__main__":
    for build in (gold_002, gold_004, gold_010, gold_020, gold_036):
        build()
