import unicodedata


def fold(text: str) -> str:
    """Lower-case text without diacritics, for search: "Nước mắm Đà Nẵng" → "nuoc mam da nang"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
