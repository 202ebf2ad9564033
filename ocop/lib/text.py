import unicodedata

# The combining marks Vietnamese letters decompose into (and the rest of their block): removed
# at C speed; any other mark is removed character by character.
_LATIN_MARKS = dict.fromkeys(range(0x0300, 0x0370))


def fold(text: str) -> str:
    """Lower-case text without diacritics, for search: "Nước mắm Đà Nẵng" → "nuoc mam da nang"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    stripped = unicodedata.normalize("NFD", text).translate(_LATIN_MARKS)
    if not stripped.isascii():
        stripped = "".join(ch for ch in stripped if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


# Path separators, control and invisible format characters (a right-to-left override can make
# "hoadon\u202efdp.exe" read as "hoadonexe.pdf") and line or paragraph separators.
_NOT_IN_NAMES = frozenset("/\\")
_NOT_IN_NAMES_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_SAME_EXTENSION = {".jpg": (".jpg", ".jpeg"), ".jpeg": (".jpeg", ".jpg")}


def download_name(
    title: str, extension: str = "", *, fallback: str = "tai-lieu", max_chars: int = 100
) -> str:
    """A safe file name for a download made from a title or a record's text.

    "/", "\\" and control or invisible characters become "-", so "Giấy chứng nhận số 12/2025"
    keeps its start ("Giấy chứng nhận số 12-2025.pdf": a browser would otherwise keep only
    what follows the last "/"). Spaces are collapsed, and spaces, dots and dashes trimmed at
    both ends (no hidden ".name", no "name." that Windows cannot save). ``extension`` (".pdf")
    is added unless the title already ends with it, in any case: "Biên bản.PDF" stays, never
    "Biên bản.PDF.pdf" (".jpeg" counts as ".jpg"). The name is at most ``max_chars``
    characters and 240 bytes in UTF-8 (filesystems stop at 255), the extension kept whole.
    """
    text = unicodedata.normalize("NFC", title or "")
    text = "".join(
        "-" if ch in _NOT_IN_NAMES or unicodedata.category(ch) in _NOT_IN_NAMES_CATEGORIES else ch
        for ch in text
    )
    text = " ".join(text.split()).strip(" .-")
    suffix = extension
    for same in _SAME_EXTENSION.get(extension.lower(), (extension,)):
        if same and text.lower().endswith(same.lower()) and len(text) > len(same):
            text, suffix = text[: -len(same)], text[-len(same) :]
            break
    stem = _cut(text.rstrip(" .-"), max_chars - len(suffix), 240 - len(suffix.encode()))
    return f"{stem or fallback}{suffix}"


def _cut(text: str, max_chars: int, max_bytes: int) -> str:
    text = text[: max(max_chars, 0)]
    while len(text.encode()) > max_bytes:
        text = text[:-1]
    return text.rstrip(" .-")
