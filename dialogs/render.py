"""Every sentence comes from templates/: this module only loads and calls them.

StrictUndefined and autoescape: a missing variable or an unescaped "<" fails a test
instead of reaching a user. Output is Telegram's HTML subset."""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, meta
from markupsafe import Markup

# The top-level templates/ folder, installed as the package data `dialogs.templates`
# (pyproject.toml maps it): found through the import system, in a wheel as in a checkout.
TEMPLATES_PACKAGE = "dialogs.templates"

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def dollars(amount: int | float | None) -> str:
    """$39,500; negative amounts keep their sign in front: -$1,200."""
    if amount is None:
        return "?"
    value = round(amount)
    return f"-${-value:,}" if value < 0 else f"${value:,}"


def sentence(text: str) -> str:
    """The first letter in capitals, the rest as it is ("IRA" stays "IRA")."""
    return text[:1].upper() + text[1:]


def month_name(number: int) -> str:
    return _MONTH_NAMES[number - 1]


def _as_date(when: date | str) -> date:
    """Session answers keep dates as ISO strings."""
    return date.fromisoformat(when) if isinstance(when, str) else when


def month(when: date | str) -> str:
    """March 2026."""
    when = _as_date(when)
    return f"{_MONTH_NAMES[when.month - 1]} {when.year}"


def short_month(when: date | str) -> str:
    """Mar 2026."""
    when = _as_date(when)
    return f"{_MONTH_NAMES[when.month - 1][:3]} {when.year}"


def day(when: date | str) -> str:
    """1 January 2027."""
    when = _as_date(when)
    return f"{when.day} {_MONTH_NAMES[when.month - 1]} {when.year}"


def short_day(when: date | str) -> str:
    """28 Nov 2026."""
    when = _as_date(when)
    return f"{when.day} {_MONTH_NAMES[when.month - 1][:3]} {when.year}"


def set_operator_contact(contact: str | None) -> None:
    """Who runs this bot and how to reach them, for /privacy (set once at start-up)."""
    environment().globals["operator_contact"] = contact.strip() if contact else None


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader(TEMPLATES_PACKAGE, ""),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates change with a release, not while the bot runs
    )
    env.filters.update(
        dollars=dollars,
        month=month,
        short_month=short_month,
        day=day,
        short_day=short_day,
        month_name=month_name,
        sentence=sentence,
    )
    env.globals["operator_contact"] = None
    return env


def _template(name: str) -> Template:
    return environment().get_template(name)


def tidy(text: str) -> str:
    """Templates are written for reading; messages drop the layout whitespace."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined)


def render(template: str, **context: Any) -> str:
    return tidy(_template(template).render(**context))


def macro(
    name: str, macro_name: str, *args: Any, ctx: dict[str, Any] | None = None, **kwargs: Any
) -> str:
    """Call one macro of a template file (its top level seeing `ctx`). Macros are short
    texts: layout whitespace collapses to single spaces."""
    module = _module(name) if ctx is None else _module_seeing(name, ctx)
    return inline(str(getattr(module, macro_name)(*args, **kwargs)))


def macros(name: str, ctx: dict[str, Any]) -> Callable[..., str]:
    """`macro` for many calls on one template with the same top-level context."""
    module = _module_seeing(name, ctx)
    return lambda macro_name, *args, **kwargs: inline(
        str(getattr(module, macro_name)(*args, **kwargs))
    )


# Templates' macros built for a top-level context, by the values of the variables the
# template reads: a module is a few hundred microseconds to build (reasons.j2 about 160),
# and the results asked for the same one again for every message. A module is built from
# only the variables it reads, so it keeps nothing else of the context (no answers it does
# not show).
MODULES_KEPT = 64
_modules: OrderedDict[tuple[Any, ...], Any] = OrderedDict()


def _module_seeing(name: str, ctx: dict[str, Any]) -> Any:
    scope = {**environment().globals, **ctx}
    seen = {var: scope[var] for var in sorted(_reads(name)) if var in scope}
    key = _key(name, seen)
    if key is None:
        return _template(name).make_module(vars=seen)
    module = _modules.get(key)
    if module is None:
        module = _modules[key] = _template(name).make_module(vars=seen)
        if len(_modules) > MODULES_KEPT:
            _modules.popitem(last=False)
    else:
        _modules.move_to_end(key)
    return module


def _key(name: str, seen: dict[str, Any]) -> tuple[Any, ...] | None:
    """The template and the values it reads, each with its type (1, True and Markup("1")
    render apart); None when a value cannot be a key (the module is then built afresh)."""
    key = (name, *((var, _frozen(value)) for var, value in seen.items()))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return (dict, tuple((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value), tuple(_frozen(v) for v in value))
    return (type(value), value)


@cache
def _reads(name: str) -> frozenset[str]:
    """The variables a template (its macros included) takes from its context."""
    env = environment()
    source = env.loader.get_source(env, name)[0] if env.loader else ""
    return frozenset(meta.find_undeclared_variables(env.parse(source)))


def block(name: str, macro_name: str, *args: Any) -> str:
    """`macro` for longer words (a question, an explanation): their lines are kept."""
    return tidy(str(getattr(_module(name), macro_name)(*args)))


@cache
def _module(name: str) -> Any:
    """A template's macros, built once: they depend only on their arguments."""
    return _template(name).make_module()


def inline(text: str) -> str:
    return " ".join(text.split())


def plain(markup: str | Markup) -> str:
    """For button labels: Telegram shows them as plain text, not HTML."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup))).strip()


def label(key: str, **params: Any) -> str:
    """A button label from templates/buttons.j2: a macro of that name."""
    return _label(key, tuple(sorted(params.items())))


@cache
def _label(key: str, params: tuple[tuple[str, Any], ...]) -> str:
    # Labels depend only on their name and parameters, and are asked for on every step.
    module = _template("buttons.j2").make_module(vars=dict(params))
    return inline(plain(str(getattr(module, key)())))
