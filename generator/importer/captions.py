"""PURE. Tells a photo caption (between the header and the body) from the article's first paragraph.

A caption is marked (`Photo: …`, a credit such as `(AP Photo/…)`, a Markdown image or
italics), or it precedes a wire dateline (`SALVADOR, Feb 26 - …`), or it is one short
descriptive sentence without a finite verb: "Demonstrators holding up placards during a rally."
"""

from __future__ import annotations

import re

from generator.importer.wordlists import CAPTION_PARTICIPLES, FINITE_VERBS, FUNCTION_WORDS, NOT_PARTICIPLES

PHOTO_WORDS = frozenset({"pictured", "photographed", "pictures", "photo"})
IMPERATIVES = frozenset(
    {
        "imagine",
        "forget",
        "think",
        "consider",
        "meet",
        "take",
        "look",
        "watch",
        "remember",
        "picture",
        "try",
        "get",
        "make",
        "let",
        "see",
        "listen",
        "welcome",
    }
)

MAX_CAPTION = 300
MAX_BARE_CAPTION = 220
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.' -]*)?(?:\s*\([^)]{1,40}\))?\s*[-–—]+(?:\s|$)")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\([^)]*\)$")
_ITALIC = re.compile(r"^(?P<mark>\*|_)(?P<text>[^*_\s][^*_]*?)(?P=mark)$")
_LABEL = re.compile(r"^[\[(]?\s*(?:photo(?:graph)?|caption|image|picture|pic|foto)\s*[:|–—-]\s*", re.IGNORECASE)
_AGENCIES = r"(?:AP|AFP|Reuters|EPA|EPA-EFE|Getty Images|PA|Shutterstock|Alamy|Xinhua|TASS|Bloomberg)"
_CREDIT = re.compile(
    rf"\((?:photo|photograph|picture|image|credit)\b[^)]*\)|\b(?:photo|photograph|picture|image)\s*(?:by|credit)\b"
    rf"|\bPhotograph:\s|\b{_AGENCIES}(?:\s+Photo)?\s*/\s*[A-Z]|/\s*{_AGENCIES}\s*\)?\.?$"
    rf"|\(\s*{_AGENCIES}(?:\s+Photo)?(?:\s*/[^)]*)?\)\.?$"
    rf"|[.!?]\s+(?:{_AGENCIES}|{_AGENCIES.upper()})(?:\s+Photo)?\s*/\s*[A-Z][\w.'’ -]*$"  # `… REUTERS/Name`
    r"|[.!?]\s+(?:Getty Images|GETTY IMAGES|Shutterstock|Alamy)\.?$",
)
_FILE_PHOTO = re.compile(r"^(?:FILE\s+PHOTO|File\s+photo)\s*:\s*\S")  # kept in the caption: it says so
_TWO_SENTENCES = re.compile(r"[a-z0-9]{2,}[.!?]\s+[A-Z\"“]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def caption_text(text: str, lines: int, following: str) -> str:
    """The caption the first paragraph is, without its `Photo:` label; "" if it is not one."""
    return caption_found(text, lines, following)[0]


def caption_found(text: str, lines: int, following: str) -> tuple[str, str]:
    """caption_text(), and the rule that told it from a lead (for import --explain): ("", "") if none."""
    image = _IMAGE.match(text)
    if image:
        return image.group("alt").strip(), "Markdown image's alt text"
    italic = _ITALIC.match(text)
    if italic and len(italic.group("text").split()) >= 3:
        return italic.group("text").strip(), "a line in italics"
    label = _LABEL.match(text)
    if label and len(text) - label.end() > 3:
        return text[label.end() :].strip(), f"{label.group(0).strip()!r} prefix"
    if len(text) > MAX_CAPTION or lines > 4 or not _starts_sentence(following):
        return "", ""
    if _FILE_PHOTO.match(text):
        return text, "FILE PHOTO: prefix"
    if _CREDIT.search(text):
        return text, "a photo credit (REUTERS/Name, (AP Photo/…), Getty Images, …)"
    if _descriptive(text, lines):
        return text, "descriptive sentence (participle, no finite verb)"
    if starts_with_dateline(following) and not starts_with_dateline(text) and _caption_sized(text):
        return text, "short line before a dateline"
    return "", ""


def starts_with_dateline(text: str) -> bool:
    return _DATELINE.match(text) is not None


def _starts_sentence(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'")


def _caption_sized(text: str) -> bool:
    return len(text.split()) >= 4 and not re.search(r"[\"“”]", text) and not text.endswith((":", "?", ","))


def _descriptive(text: str, lines: int) -> bool:
    """One short sentence built on a participle ("holding", "pictured"), with no finite verb."""
    if len(text) > MAX_BARE_CAPTION or lines > 3 or not _caption_sized(text) or _TWO_SENTENCES.search(text):
        return False
    words = _WORD.findall(text)
    lowered = [w.lower() for w in words]
    if (
        not words
        or lowered[0] in IMPERATIVES
        or any(_finite(w) for i, w in enumerate(lowered) if i == 0 or words[i].islower())
    ):
        return False
    return any(w in PHOTO_WORDS for w in lowered) or any(
        _participle(lowered[i]) and _subject_before(words[i - 1]) for i in range(1, min(len(words), 8))
    )


def _subject_before(word: str) -> bool:
    """ "Demonstrators holding", "Putin speaking", "a man walking"; not "a stunning" or "about going"."""
    return word[0].isupper() or (
        word.lower() not in FUNCTION_WORDS and not word.endswith("ly") and not _finite(word.lower())
    )


def _finite(word: str) -> bool:
    if word in FINITE_VERBS:
        return True
    return word.endswith("ed") and len(word) > 4 and word not in CAPTION_PARTICIPLES


def _participle(word: str) -> bool:
    return word.endswith("ing") and len(word) > 5 and word not in NOT_PARTICIPLES
