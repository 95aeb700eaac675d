"""Language detection (analyzer/language): news-like text in each language gets its code; English text, however
odd (quotes in French, foreign names, tables, headlines, capitals), is never called foreign; nothing raises."""
from __future__ import annotations

import csv
import json
import sys
import unicodedata
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer._resources import data_file
from analyzer.language import Detection, detect
from analyzer.language.detect import SAMPLE_CHARS, _lists, _sample

from ..conftest import EXAMPLE, SHARED

# Short news paragraphs written for these tests (not taken from any corpus)
SAMPLES = {
    "fr": "Le gouvernement français a annoncé mardi une hausse de 12 % des exportations de blé vers l'Afrique du Nord. "
          "Selon le ministère, les accords signés avec l'Algérie et le Maroc devraient encore renforcer ces échanges. "
          "Les élections législatives auront lieu en juin, et l'opposition dénonce une campagne dominée par la question "
          "du pouvoir d'achat.",
    "de": "Die Bundesregierung hat am Dienstag angekündigt, die Zahl der Soldaten in Litauen bis zum Jahresende zu "
          "verdoppeln. Nach Angaben des Verteidigungsministeriums sollen rund 4.800 Soldaten dauerhaft in der Region "
          "stationiert werden. Die Opposition kritisierte, dass der Bundestag nicht rechtzeitig über die Kosten "
          "informiert worden sei.",
    "es": "El Gobierno de México anunció el martes que las exportaciones de petróleo a Estados Unidos crecieron un 8 % "
          "durante el primer trimestre. Según el ministro de Economía, el acuerdo comercial firmado con Canadá ha sido "
          "clave para este aumento. La oposición, sin embargo, critica que los beneficios no llegan a las regiones más "
          "pobres del país.",
    "it": "Il governo italiano ha approvato ieri un nuovo pacchetto di aiuti militari per l'Ucraina, il nono dall'inizio "
          "della guerra. Secondo il ministro della Difesa, le forniture comprendono sistemi di difesa aerea e munizioni. "
          "Le elezioni europee di giugno si avvicinano e i partiti della maggioranza sono divisi sulla politica estera.",
    "pt": "O governo brasileiro anunciou nesta terça-feira que as exportações de soja para a China aumentaram 15% no "
          "primeiro semestre. De acordo com o Ministério da Agricultura, o acordo assinado com Pequim deve ampliar ainda "
          "mais o comércio entre os dois países. A oposição afirma que os agricultores do Nordeste não foram incluídos "
          "nas negociações.",
    "nl": "De Nederlandse regering heeft dinsdag besloten om de militaire steun aan Oekraïne met 2 miljard euro te "
          "verhogen. Volgens de minister van Defensie gaat het vooral om munitie en luchtverdediging. De verkiezingen "
          "van november hebben het debat over de begroting nog niet beïnvloed, maar de oppositie wil meer controle door "
          "het parlement.",
    "sv": "Den svenska regeringen meddelade på tisdagen att försvarsbudgeten ska öka med 15 procent nästa år. Enligt "
          "försvarsministern är det nödvändigt efter Sveriges inträde i Nato. Oppositionen kritiserar att pengarna tas "
          "från välfärden och kräver en debatt i riksdagen innan valet.",
    "da": "Den danske regering meddelte tirsdag, at eksporten af vindmøller til Tyskland er steget med 20 procent i år. "
          "Ifølge udenrigsministeren skyldes stigningen en ny aftale mellem de to lande. Oppositionen mener dog, at "
          "regeringen har været for langsom til at hjælpe de små virksomheder, og kræver et samråd i Folketinget.",
    "nb": "Regjeringen i Norge opplyste tirsdag at eksporten av gass til Europa har økt med 12 prosent etter at "
          "rørledningen ble åpnet. Ifølge energiministeren vil landet fortsette å levere mer enn før krigen. "
          "Opposisjonen mener at pengene fra oljefondet bør brukes til å styrke forsvaret i nord.",
    "pl": "Rząd Polski poinformował we wtorek, że liczba żołnierzy na granicy z Białorusią zostanie zwiększona do 10 "
          "tysięcy. Według ministra obrony narodowej sytuacja na granicy jest coraz bardziej napięta. Opozycja twierdzi, "
          "że rząd nie przedstawił planu finansowania tej operacji przed wyborami.",
    "cs": "Česká vláda v úterý oznámila, že vývoz zbraní na Ukrajinu se letos zvýšil o třetinu. Podle ministryně obrany "
          "jde především o dělostřeleckou munici a obrněná vozidla. Opozice kritizuje, že parlament nebyl o dodávkách "
          "informován dříve, než byly podepsány smlouvy.",
    "ro": "Guvernul României a anunțat marți că exporturile de cereale prin portul Constanța au crescut cu 30% în acest "
          "an. Potrivit ministrului transporturilor, o mare parte din această creștere provine din tranzitul de produse "
          "ucrainene. Opoziția susține că fermierii români nu au primit despăgubirile promise înainte de alegeri.",
    "hu": "A magyar kormány kedden bejelentette, hogy az orosz gáz importja az idén 10 százalékkal nőtt. A "
          "külügyminiszter szerint az új szerződés biztosítja az ország energiaellátását a következő években. Az "
          "ellenzék azt állítja, hogy a megállapodás ellentétes az Európai Unió szankcióival, és a parlament elé kell "
          "vinni.",
    "fi": "Suomen hallitus ilmoitti tiistaina, että puolustusmenot nousevat ensi vuonna yli kahteen prosenttiin "
          "bruttokansantuotteesta. Puolustusministerin mukaan päätös on välttämätön, koska turvallisuustilanne on "
          "muuttunut. Oppositio kuitenkin arvostelee sitä, että leikkaukset kohdistuvat sosiaaliturvaan ja että "
          "eduskunta ei ole saanut riittävästi tietoa.",
    "tr": "Türkiye hükümeti salı günü yaptığı açıklamada, Azerbaycan ile ticaret hacminin bu yıl yüzde 20 arttığını "
          "duyurdu. Ticaret bakanına göre, iki ülke arasındaki yeni demiryolu hattı ihracatı daha da artıracak. "
          "Muhalefet ise seçimlerden önce ekonomik krizin çözülmesi için hükümetin somut bir plan sunmadığını söyledi.",
    "az": "Azərbaycan hökuməti çərşənbə axşamı bildirib ki, Rusiya ilə ticarət dövriyyəsi bu il 4 milyard dolları "
          "keçib. Nazirin sözlərinə görə, yeni nəqliyyat dəhlizi iki ölkə arasında yükdaşımanı daha da artıracaq. "
          "Müxalifət isə bildirir ki, hökumət seçkilərdən əvvəl bu barədə parlamentə məlumat verməyib.",
    "id": "Pemerintah Indonesia mengumumkan pada hari Selasa bahwa ekspor batu bara ke India meningkat 18 persen tahun "
          "ini. Menurut menteri perdagangan, kesepakatan baru dengan New Delhi akan memperluas kerja sama kedua negara. "
          "Namun, pihak oposisi menilai bahwa pemerintah belum menjelaskan dampak kebijakan tersebut terhadap "
          "lingkungan sebelum pemilihan umum.",
    "vi": "Chính phủ Việt Nam cho biết hôm thứ Ba rằng xuất khẩu gạo sang Philippines đã tăng 25% trong năm nay. Theo "
          "bộ trưởng công thương, thỏa thuận mới giữa hai nước sẽ giúp các doanh nghiệp mở rộng thị trường. Tuy nhiên, "
          "nhiều chuyên gia cho rằng nông dân vẫn chưa được hưởng lợi từ giá bán cao hơn.",
    "ca": "El Govern de Catalunya va anunciar dimarts que les exportacions a França han augmentat un 9% durant el "
          "primer semestre. Segons el conseller d'Economia, l'acord amb les empreses del sud de França és clau per a "
          "aquest creixement. L'oposició, però, critica que el Govern no ha presentat encara els pressupostos abans de "
          "les eleccions.",
    "ru": "Правительство России во вторник сообщило, что товарооборот с Азербайджаном в этом году превысил четыре "
          "миллиарда долларов. По словам министра, новый транспортный коридор позволит увеличить перевозки грузов до "
          "тридцати миллионов тонн в год. Оппозиция считает, что эти данные не отражают реального положения в экономике.",
    "uk": "Уряд України у вівторок повідомив, що експорт зерна через порти Одеси зріс на 20 відсотків. За словами "
          "міністра, нові маршрути дозволяють уникати атак на судна в Чорному морі. Опозиція вважає, що влада повинна "
          "більше інвестувати в захист інфраструктури перед виборами.",
    "bg": "Българското правителство съобщи във вторник, че износът на зърно през пристанище Варна се е увеличил с една "
          "трета. Според министъра на земеделието това се дължи на новите търговски споразумения със съседните държави. "
          "Опозицията твърди, че фермерите все още не са получили обещаните компенсации преди изборите.",
    "sr": "Влада Србије је у уторак саопштила да је извоз пшенице у Египат порастао за 15 одсто у овој години. Према "
          "речима министра пољопривреде, нови споразум ће омогућити још већу сарадњу између две земље. Опозиција тврди "
          "да влада није објаснила ко ће финансирати изградњу нових складишта пре избора.",
    "el": "Η ελληνική κυβέρνηση ανακοίνωσε την Τρίτη ότι οι εξαγωγές ελαιολάδου προς τη Γερμανία αυξήθηκαν κατά 12% "
          "φέτος. Σύμφωνα με τον υπουργό Οικονομικών, η νέα συμφωνία θα ενισχύσει το εμπόριο μεταξύ των δύο χωρών. Η "
          "αντιπολίτευση υποστηρίζει ότι οι αγρότες δεν έχουν λάβει ακόμη τις αποζημιώσεις πριν από τις εκλογές.",
    "he": "ממשלת ישראל הודיעה ביום שלישי כי היצוא לאירופה גדל ב-10 אחוזים השנה. לדברי שר הכלכלה, ההסכם החדש עם "
          "האיחוד האירופי יחזק את הסחר בין הצדדים. האופוזיציה טוענת כי הממשלה לא הציגה תוכנית ברורה לפני הבחירות.",
    "ar": "أعلنت الحكومة المصرية يوم الثلاثاء أن صادرات الغاز إلى أوروبا ارتفعت بنسبة عشرين في المئة خلال العام "
          "الحالي. وقال وزير البترول إن الاتفاق الجديد مع الاتحاد الأوروبي سيعزز التعاون بين الجانبين. وتقول المعارضة "
          "إن الحكومة لم تقدم خطة واضحة قبل الانتخابات.",
    "fa": "دولت ایران روز سه‌شنبه اعلام کرد که صادرات نفت به چین در سال جاری بیست درصد افزایش یافته است. به گفته "
          "وزیر نفت، قرارداد جدید با پکن همکاری دو کشور را گسترش خواهد داد. مخالفان می‌گویند که دولت پیش از انتخابات "
          "برنامه روشنی برای اقتصاد ارائه نکرده است.",
    "ur": "پاکستان کی حکومت نے منگل کو اعلان کیا کہ چین کو برآمدات میں اس سال بیس فیصد اضافہ ہوا ہے۔ وزیر تجارت کے "
          "مطابق نیا معاہدہ دونوں ملکوں کے درمیان تجارت کو مزید بڑھائے گا۔ حزب اختلاف کا کہنا ہے کہ حکومت نے انتخابات "
          "سے پہلے کوئی واضح منصوبہ پیش نہیں کیا۔",
    "hi": "भारत सरकार ने मंगलवार को घोषणा की कि रूस से तेल का आयात इस साल बीस प्रतिशत बढ़ गया है। वाणिज्य मंत्री के "
          "अनुसार नया समझौता दोनों देशों के बीच व्यापार को और बढ़ाएगा। विपक्ष का कहना है कि सरकार ने चुनाव से पहले कोई "
          "स्पष्ट योजना पेश नहीं की है।",
    "zh": "中国政府周二宣布，今年前三个季度对俄罗斯的出口增长了百分之二十。商务部长表示，两国签署的新协议将进一步扩大贸易合作。"
          "反对者认为，这些数据并不能反映经济的真实情况。",
    "ja": "日本政府は火曜日、防衛費を来年度に二割増やす方針を発表した。防衛大臣によると、周辺地域の安全保障環境が厳しさを増して"
          "いるためだという。野党は、選挙の前に財源を明確にするよう求めている。",
    "ko": "한국 정부는 화요일 올해 반도체 수출이 작년보다 20퍼센트 증가했다고 발표했다. 산업부 장관은 새로운 무역 협정이 두 "
          "나라의 협력을 더욱 강화할 것이라고 말했다. 야당은 정부가 선거 전에 구체적인 계획을 내놓지 않았다고 비판했다.",
    "ka": "საქართველოს მთავრობამ სამშაბათს განაცხადა, რომ ღვინის ექსპორტი წელს ოცი პროცენტით გაიზარდა.",
    "hy": "Հայաստանի կառավարությունը երեքշաբթի հայտարարեց, որ արտահանումն այս տարի աճել է քսան տոկոսով։",
}

ENGLISH = [
    # a French phrase quoted in an English report
    'President Emmanuel Macron told reporters in Paris that "la France ne cédera pas" and that the talks with Berlin '
    "would continue next week. Officials said the two governments hope to agree on a common position before the "
    "summit in Brussels.",
    # full of Azerbaijani and Russian names
    "Ilham Aliyev, Mehriban Aliyeva and Hikmet Hajiyev met Sergei Lavrov, Dmitry Peskov and Yuri Ushakov in Baku on "
    "Monday, while Jeyhun Bayramov held talks with Mikayil Jabbarov and Alexei Overchuk about the Zangezur corridor.",
    # names that look like function words of other languages
    "Ursula von der Leyen and Luiz Inácio Lula da Silva discussed the Mercosur deal, while Bashar al-Assad and "
    "Marine Le Pen were not mentioned by the officials who briefed the press in Brussels on Friday.",
    # a Russian quotation
    'Lavrov said the proposal was unacceptable. "Это неприемлемо", he told reporters, adding that Moscow would '
    "respond to any new sanctions with measures of its own and that the talks had been postponed.",
    # capitals
    "THE MINISTRY SAID ON TUESDAY THAT TRADE WITH RUSSIA HAD RISEN BY 12 PERCENT AND THAT THE NEW CORRIDOR WOULD "
    "CARRY UP TO 30 MILLION TONS OF CARGO A YEAR.",
    # title case
    "Putin Visits Baku As Azerbaijan Weighs Joining The BRICS Group Of Emerging Economies Amid Western Pressure",
    # a table of numbers
    "Country 2022 2023 Change\nAzerbaijan 4.1 4.6 +12%\nRussia 3.2 2.9 -9%\nTurkey 5.5 6.1 +11%\nGeorgia 1.1 1.3 +18%",
    # a headline of six words, a single short sentence
    "Azerbaijan and Russia sign trade deal",
    "Trade rose 12% to $4 billion.",
    # a list of places
    "Baku, Ganja, Sumgait, Mingachevir, Lankaran, Shirvan, Nakhchivan, Shaki, Yevlakh, Khankendi, Shusha, Lachin",
]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_language_of_news_paragraphs(code):
    d = detect(SAMPLES[code])
    assert (d.code, d.is_english) == (code, False), d.reason


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_never_called_foreign(text):
    d = detect(text)
    assert d.is_english, d
    assert d.code in ("en", "und")


@pytest.mark.parametrize("text, code", [
    (ENGLISH[0], "en"), (ENGLISH[1], "en"), (ENGLISH[2], "en"), (ENGLISH[3], "en"), (ENGLISH[4], "en"),
    (ENGLISH[6], "und"), (ENGLISH[7], "und"), (ENGLISH[8], "und"), (ENGLISH[9], "und"),
])
def test_english_or_undetermined(text, code):
    assert detect(text).code == code


def test_example_article_is_english():
    d = detect(EXAMPLE.read_text(encoding="utf8"))
    assert d.code == "en"
    assert "English function words" in d.reason


@pytest.mark.parametrize("text, reason", [
    ("", "no letters"),
    ("   \n\t  ", "no letters"),
    ("2023 2024 12.5 -3 +7% 1,300", "no letters"),
    ("\x00\x01\x02\x03binary\x04\x05junk\x06", "binary"),
    (bytes(range(256)).decode("latin-1"), "binary"),
    ("\ufffd\ufffd\ufffd text \ufffd", "binary"),
    ("Да", "too little text"),
    ("中国", "too little text"),
    ("The talks ended.", "too little text"),
])
def test_undetermined(text, reason):
    d = detect(text)
    assert d.code == "und" and d.is_english
    assert reason in d.reason


@pytest.mark.parametrize("text, code", [
    ("Le ministre a dit que les troupes de la France sont prêtes.", "fr"),  # 12 words, 6 French function words
    ("Coup de grâce pour la réforme", "und"),  # 3 of 6: not enough
    ("Coup de grâce for the reform", "und"),
    ("The minister said that the troops were ready and that they would leave.", "en"),
    ("The minister said so.", "und"),
])
def test_short_text_needs_overwhelming_evidence(text, code):
    assert detect(text).code == code


def test_reasons_give_the_evidence():
    fr = detect(SAMPLES["fr"])
    assert "English function words" in fr.reason and "French ones" in fr.reason
    uk = detect(SAMPLES["uk"])
    assert "Cyrillic" in uk.reason and "Ukrainian" in uk.reason
    fa = detect(SAMPLES["fa"])
    assert "Arabic" in fa.reason and "Persian" in fa.reason
    assert "kana" in detect(SAMPLES["ja"]).reason


@pytest.mark.parametrize("text, code", [
    # Cyrillic told apart by letters: Russian ы/э against Ukrainian і/ї/є, Belarusian ў, Kazakh қ/ә, Serbian ј
    ("Министр заявил, что переговоры будут продолжены в Москве на следующей неделе.", "ru"),
    ("Міністр заявив, що переговори будуть продовжені в Києві наступного тижня.", "uk"),
    ("Міністр заявіў, што перамовы будуць працягнуты ў Мінску на наступным тыдні.", "be"),
    ("Министр келіссөздер келесі аптада Астанада жалғасатынын мәлімдеді.", "kk"),
    ("Министар је изјавио да ће се преговори наставити у Београду следеће недеље.", "sr"),
    # Arabic script: Persian پ/چ/گ/ی/ک
    ("وزیر گفت که گفتگوها هفته آینده در تهران ادامه پیدا خواهد کرد.", "fa"),
    ("قال الوزير إن المحادثات ستستأنف في القاهرة الأسبوع المقبل.", "ar"),
])
def test_script_languages_by_their_letters(text, code):
    assert detect(text).code == code


def test_mixed_text_goes_to_the_majority_and_says_so():
    french, english = SAMPLES["fr"], ENGLISH[0]
    mostly_french = detect(f"{french} {english} {french}")
    assert mostly_french.code == "fr" and mostly_french.reason.startswith("mixed text, mostly French")
    mostly_english = detect(f"{english} {french} {english} {english}")
    assert mostly_english.code == "en" and mostly_english.reason.startswith("mixed text, mostly English")
    scripts = detect(f"{SAMPLES['ru']} {ENGLISH[1]}")
    assert scripts.code == "ru" and scripts.reason.startswith("mixed scripts, mostly Cyrillic")


def test_long_text_is_sampled_from_beginning_middle_and_end():
    words = " ".join(["The ministry said that the talks with the delegation would continue."] * 400)
    sample = _sample(words)
    assert len(sample) <= SAMPLE_CHARS + 2
    assert set(sample.split()) <= set(words.split())  # no word cut in two
    assert detect(SAMPLES["fr"] * 200 + ENGLISH[0] * 20).code == "fr"  # two of the three windows are French
    assert detect(ENGLISH[0] * 20 + SAMPLES["fr"] * 200 + ENGLISH[0] * 20).code == "en"  # one of three


def test_detection_api():
    d = detect(SAMPLES["de"])
    assert isinstance(d, Detection) and d.code == "de" and not d.is_english
    assert Detection("und", "too little text to tell: 3 words").is_english
    assert Detection("en", "").is_english
    with pytest.raises(FrozenInstanceError):
        d.code = "en"  # type: ignore[misc]
    with pytest.raises(TypeError, match="str"):
        detect(b"bytes")  # type: ignore[arg-type]


def test_function_word_lists():
    lists = _lists()
    raw = json.loads(data_file("analyzer.language", "function_words.json").read_text(encoding="utf8"))
    assert lists.languages[0] == "en"
    for code, words in raw["function_words"].items():
        assert code in raw["names"]
        assert 50 <= len(words) <= 130, code
        assert len(set(words)) == len(words), code
        assert all(w == unicodedata.normalize("NFC", w).lower() and w.isalpha() for w in words), code
    # English content words frequent in geopolitical news are in no other list
    for word in ("war", "men", "man", "car", "sea", "era", "non", "pro", "air", "post", "via"):
        assert lists.positions.get(word, (0,)) in ((0,), ()), word


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text):
    d = detect(text)
    assert d.code in _lists().names or d.code in ("en", "und")
    assert d.reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["latin-1", "utf-8", "utf-16-le", "cp1252"]))
def test_binary_junk_is_never_foreign(data, encoding):
    assert detect(data.decode(encoding, "replace")).is_english


needs_shared = pytest.mark.skipif(not (SHARED / "datasets").exists(), reason="no shared datasets beside the project")


@needs_shared
def test_english_development_sets_are_english():
    csv.field_size_limit(sys.maxsize)
    data = SHARED / "datasets"
    texts = [d["text"] for d in json.loads((data / "newsquant_cqe" / "test_sets" / "NewsQuant.json")
                                           .read_text(encoding="utf8"))[::2]]  # even positions: development
    with (data / "clef2024_task1_checkworthy_en" / "CT24_checkworthy_english_dev.tsv").open(encoding="utf8") as fh:
        texts += [row["Text"] for row in csv.DictReader(fh, delimiter="\t")]
    with (data / "fnc1_test" / "competition_test_bodies.csv").open(encoding="utf8", newline="") as fh:
        articles = [row["articleBody"] for row in csv.DictReader(fh)][:300]
    foreign = [(d.code, d.reason, t[:80]) for t in texts + articles if not (d := detect(t)).is_english]
    assert len(texts) > 1300 and foreign == []
    assert sum(detect(t).code == "en" for t in articles) > 0.95 * len(articles)  # short sentences are often "und"
