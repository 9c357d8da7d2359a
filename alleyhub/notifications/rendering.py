"""Notifications are rendered when they are read, in the reader's language.

A notification stores its message code and its parameters (`Notification.params`, JSON); the
title and body are made from the registered message (`messages.MESSAGES`) each time they are
shown: on a page or in the API in the language of the request, in an e-mail (now or in the daily
digest) in the recipient's `preferred_language` at sending time.

Parameters are stored so that they can be rendered in either language (`params_encode`):

- plain text (a request's title, a person's name, a note someone wrote) and numbers: as they are;
- lazy translations (`gettext_lazy`, `pgettext_lazy`; choice labels such as `Stage(x).label`):
  as their msgid, `{"t": msgid}` (and `"c"`: the context), translated when rendered, so a
  translation added later reaches old notifications too;
- anything else (model instances, whose `__str__` may be bilingual through `localized()`, dates,
  other lazy objects): rendered once in every language of the site, `{"i18n": {"zh-hans": …,
  "en": …}}`, so a listing's Chinese and English titles are both kept even if it is deleted.

Rows written before this existed keep their stored text; the data migration fills `params` where
the stored text can be parsed back (`params_from_text`), and `params` stays None where it
cannot: those rows, unknown codes and missing parameters render the stored `title`/`body` (never
an error)."""

import logging
import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, override, pgettext, trans_real

from .messages import MESSAGES

logger = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def language_of(user) -> str:
    """The language `user` reads e-mail in: their `preferred_language`, else the site default."""
    lang = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _site_language(language: str | None) -> str:
    """`language` as one of settings.LANGUAGES ("en-us" → "en", "zh-cn" → "zh-hans")."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or settings.LANGUAGE_CODE).lower()
    if language in codes:
        return language
    prefix = language.split("-")[0]
    for code in codes:
        if code.split("-")[0] == prefix:
            return code
    return settings.LANGUAGE_CODE


def _encode_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Promise):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, Promise):
        # (func, args, kwargs, *resultclasses) of django's lazy(): the only way to its msgid.
        reduced: Any = value.__reduce__()[1]
        func, args = reduced[0], reduced[1]
        if getattr(func, "__name__", "") == "gettext" and len(args) == 1:
            return {"t": str(args[0])}
        if getattr(func, "__name__", "") == "pgettext" and len(args) == 2:
            return {"t": str(args[1]), "c": str(args[0])}
    renderings = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            renderings[code] = str(value)
    if len(set(renderings.values())) == 1:
        return next(iter(renderings.values()))
    return {"i18n": renderings}


def params_encode(context: dict) -> dict:
    """`context` (as callers pass it to `notify()`) as JSON that renders in any language."""
    return {str(key): _encode_value(value) for key, value in context.items()}


def _decode_value(value: Any, language: str) -> str:
    if isinstance(value, dict):
        if "t" in value:
            with override(language):
                if value.get("c"):
                    return pgettext(str(value["c"]), str(value["t"]))
                return gettext(str(value["t"]))
        renderings = value.get("i18n")
        if isinstance(renderings, dict) and renderings:
            for code in (language, settings.LANGUAGE_CODE):
                if renderings.get(code):
                    return str(renderings[code])
            return str(next(iter(renderings.values())))
        raise ValueError(f"unknown parameter form: {value!r}")
    return "" if value is None else str(value)


def params_decode(params: dict, language: str) -> dict[str, str]:
    return {key: _decode_value(value, language) for key, value in params.items()}


def render_message(*, code: str, context: dict, language: str) -> tuple[str, str]:
    """(title, body) of `code` in `language`. Context values are turned into text inside the
    language override, so lazy strings, choices labels and bilingual models (`localized()`)
    come out in that language. Raises KeyError for an unknown code or a missing placeholder."""
    message = MESSAGES[code]
    with override(language):
        values = {key: str(value) if value is not None else "" for key, value in context.items()}
        return str(message.title) % values, str(message.body) % values


def render_stored(*, code: str, params: dict | None, title: str, body: str, stored_language: str, language):
    """(title, body, language) of a stored notification in `language` (default: the active one).
    Falls back to the stored text (and its language) for rows without parameters, unknown codes
    and parameters that do not fit the message: reading a notification never fails."""
    language = _site_language(language or get_language())
    if params is None or code not in MESSAGES:
        return title, body, stored_language
    try:
        rendered_title, rendered_body = render_message(
            code=code, context=params_decode(params, language), language=language
        )
    except (KeyError, ValueError, TypeError):
        logger.warning("Notification %s could not be rendered from its parameters; stored text shown", code)
        return title, body, stored_language
    return rendered_title[:300], rendered_body, language


# --- Reading parameters back from stored text (the data migration of older rows) -------------


def _catalog(language: str) -> Any:
    # Django keeps no public accessor for the merged catalogue of every app's .po.
    return getattr(trans_real.translation(language), "_catalog")  # noqa: B009


def _translatable(value: str, language: str) -> Any:
    """A value parsed out of stored text, as a translatable msgid when it is one (a stage name,
    a status, a kind), else as plain text."""
    if not value:
        return value
    if _site_language(language) == _site_language(settings.LANGUAGE_CODE):
        # Source language: the value is a msgid if some other language translates it.
        for code, _name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE and _catalog(code).get(value) not in (None, "", value):
                return {"t": value}
        return value
    matches = [
        msgid for msgid, msgstr in _catalog(language).items() if isinstance(msgid, str) and msgstr == value
    ]
    return {"t": matches[0]} if len(matches) == 1 else value


def _pattern(template: str) -> re.Pattern | None:
    parts: list[str] = []
    seen: set[str] = set()
    pos = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos : match.start()].replace("%%", "%")))
        name = match.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
        pos = match.end()
    parts.append(re.escape(template[pos:].replace("%%", "%")))
    try:
        return re.compile("".join(parts), re.DOTALL)
    except re.error:
        return None


def params_from_text(*, code: str, title: str, body: str, language: str) -> dict | None:
    """The parameters a notification of `code` was rendered with, read back from its stored
    title and body (in `language`); None when the text does not fit the message any more."""
    message = MESSAGES.get(code)
    if message is None:
        return None
    language = _site_language(language)
    with override(language):
        templates = [(str(message.title), title), (str(message.body), body)]
    found: dict[str, str] = {}
    needed: set[str] = set()
    for template, text in templates:
        needed |= set(_PLACEHOLDER.findall(template))
        pattern = _pattern(template)
        match = pattern.fullmatch(text) if pattern is not None else None
        if match is None:
            continue
        for key, value in match.groupdict().items():
            found.setdefault(key, value)
    if not needed <= set(found):
        return None
    return {key: _translatable(value, language) for key, value in found.items() if key in needed}
