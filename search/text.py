"""How typed text is folded before it is compared: one place for case, tone marks, tone numbers, spacing,
traditional characters and the filler words of a plain question."""

import functools
import re
import unicodedata

MAX_QUERY_LENGTH = 100

# Words that carry no subject in a reader's question ("acupressure points for a stuffy nose").
FILLER_WORDS = frozenset(
    """
    a about acupoint acupoints acupressure acupuncture am an and any are best can chinese cure cures do does
    during ease easing feel feeling feels find for from get getting good got have having help helps helping
    how i i'm im in is it massage me medicine my natural naturally of on or please point points press
    pressing pressure really reduce relief relieve relieving remedies remedy self some soothe stop that the
    this tcm tip tips to treat treating treatment what when where which why with
    """.split()
)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TONE_NUMBERS = re.compile(r"(?:[a-z]+[1-5][\s'’\-]*)+")


def clean_query(raw):
    """What the reader typed, made safe to handle: NUL bytes and runs of whitespace gone (PostgreSQL refuses
    NUL in a parameter), cut to MAX_QUERY_LENGTH. Returns (query, was_cut)."""
    query = " ".join(raw.replace("\x00", " ").split())
    return query[:MAX_QUERY_LENGTH], len(query) > MAX_QUERY_LENGTH


def strip_marks(text):
    """Lower case, full-width forms made plain, tone marks and other accents removed: "Wěizhōng" → "weizhong"."""
    text = unicodedata.normalize("NFKC", text).lower()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def squash(text):
    """A name as letters and digits only, for exact comparison however it was spaced or marked:
    "Wei-Zhong", "wei zhong", "Wěizhōng" → "weizhong"."""
    return re.sub(r"[^a-z0-9]+", "", strip_marks(text))


def pinyin_keys(text):
    """The keys a typed pinyin name may match: as typed (squashed), and with tone numbers dropped when every
    syllable carries one ("he2 gu3" → "hegu")."""
    plain = strip_marks(text).strip()
    keys = [squash(plain)]
    if _TONE_NUMBERS.fullmatch(plain):
        keys.append(re.sub(r"[^a-z]+", "", plain))
    return [k for k in dict.fromkeys(keys) if k]


def words(text):
    """Lower-case words without marks, apostrophes dropped inside words ("person's" → "persons")."""
    return re.findall(r"[a-z0-9]+", strip_marks(text).replace("'", "").replace("’", ""))


def singular(word):
    """A rough singular, enough to match "headaches" with "headache" and "cramps" with "cramp"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def core_words(text):
    """The words of a plain question that name its subject: "points for neck pain" → ["neck", "pain"]."""
    return [w for w in words(text) if w not in FILLER_WORDS]


def has_characters(text):
    return bool(_CJK.search(text))


@functools.cache
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s")


def hanzi_key(text):
    """The Chinese characters of a query, traditional folded to simplified, without spaces: "委 中" → "委中",
    "內關" → "内关"."""
    characters = "".join(_CJK.findall(unicodedata.normalize("NFKC", text)))
    return _to_simplified().convert(characters) if characters else ""
