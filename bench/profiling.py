"""Where the time goes: cProfile (deterministic, stdlib: works on a fresh clone) over the
core hot paths and over our bot process in a full-stack run, summarised by package and
by function (own time). cProfile adds overhead per Python call, so read the shares, not
the absolute times."""

from __future__ import annotations

import cProfile
import importlib.util
import pstats
import sysconfig
from pathlib import Path

from bench.core_bench import BIRTH_DATES, LEAVING_DATES
from bench.report import Section
from bench.script import TODAY, VARIANTS, play
from dialogs import Text, step, summary
from dialogs.form import facts_from
from rules import assess

ROOT = Path(__file__).resolve().parent.parent
STDLIB = sysconfig.get_paths()["stdlib"]
OURS = {"bot", "dialogs", "rules", "templates (compiled)", "jinja2", "markupsafe", "pydantic",
        "pydantic_core", "sqlite3", "dateparser", "regex", "re", "json", "decimal"}  # fmt: skip
TOP_GROUPS = 12
TOP_FUNCTIONS = 12
CORE_ROUNDS = 40

Key = tuple[str, int, str]
# (what it is, file path ending, function name): shown with their cumulative share.
Spot = tuple[str, str, str]
CORE_SPOTS: list[Spot] = [
    (
        "`dialogs.render.label`: one button label (a Jinja module per label)",
        "dialogs/render.py",
        "label",
    ),
    (
        "`dialogs.render.macro`: one macro (the whole template module per call)",
        "dialogs/render.py",
        "macro",
    ),
    (
        "Jinja `Template.make_module` (runs the template's top level)",
        "jinja2/environment.py",
        "make_module",
    ),
    (
        "Jinja `Environment.get_template` (stats the file: auto_reload)",
        "jinja2/environment.py",
        "get_template",
    ),
    ("`dialogs.parsing.parse_date`", "dialogs/parsing.py", "parse_date"),
    ("`rules.assess`", "rules/assess.py", "assess"),
]
STACK_SPOTS: list[Spot] = [
    ("typing action: `send_chat_action`", "telegram/ext/_extbot.py", "send_chat_action"),
    ("`send_message`", "telegram/ext/_extbot.py", "send_message"),
    ("`edit_message_text`", "telegram/ext/_extbot.py", "edit_message_text"),
    ("`answer_callback_query`", "telegram/ext/_extbot.py", "answer_callback_query"),
    ("`get_updates` (polling)", "telegram/ext/_extbot.py", "get_updates"),
    ("HTTP to the Bot API: `AiohttpRequest.do_request`", "bot/transport.py", "do_request"),
    ("`Conversations.handle` (store + dialog)", "bot/conversation.py", "handle"),
    ("`dialogs.step`", "dialogs/engine.py", "step"),
    ("`bot.keyboards.keyboard`", "bot/keyboards.py", "keyboard"),
]


def group_of(key: Key) -> str:
    filename, _, name = key
    if filename == "~":  # a C function: name it
        if name.startswith("<method"):
            return "C: " + name.removeprefix("<method ").split(" of ")[0].strip("'") + "()"
        return "C: " + name.removeprefix("<built-in method ").rstrip(">")
    if filename.startswith("<frozen importlib"):
        return "importlib (imports at run time)"
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith(str(ROOT)):
        top = Path(filename).relative_to(ROOT).parts[0]
        return "templates (compiled)" if top == "templates" else top
    if filename.startswith(STDLIB):
        return Path(filename).relative_to(STDLIB).parts[0].removesuffix(".py")
    return Path(filename).name


def function_name(key: Key) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    if "site-packages/" in filename:
        filename = filename.split("site-packages/", 1)[1]
    elif filename.startswith(str(ROOT)):
        filename = str(Path(filename).relative_to(ROOT))
    elif filename.startswith(STDLIB):
        filename = str(Path(filename).relative_to(STDLIB))
    return f"{filename}:{line} {name}"


def summarise(stats: pstats.Stats, title: str, note: str, spots: list[Spot]) -> Section:
    raw: dict[Key, tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    total = float(sum(entry[2] for entry in raw.values())) or 1.0
    groups: dict[str, float] = {}
    for key, entry in raw.items():
        groups[group_of(key)] = groups.get(group_of(key), 0.0) + entry[2]
    ours = sum(seconds for group, seconds in groups.items() if group in OURS)
    rows = [
        (f"`{group}`", f"{seconds / total:.1%}")
        for group, seconds in sorted(groups.items(), key=lambda g: g[1], reverse=True)[:TOP_GROUPS]
    ]
    top = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:TOP_FUNCTIONS]
    found = [
        (label, sum(e[3] for k, e in raw.items() if k[0].endswith(path) and k[2] == name))
        for label, path, name in spots
    ]
    extra = [
        "| hot spot (cumulative: itself and what it calls) | share |",
        "|---|---|",
        *(f"| {label} | {seconds / total:.1%} |" for label, seconds in found),
        "",
        f"Our code and what it calls (bot, dialogs, rules, templates, Jinja2, pydantic, "
        f"sqlite3, re, json, dateparser): **{ours / total:.0%}** of the profiled time.",
        "",
        "| function (own time) | share | calls | cumulative share |",
        "|---|---|---|---|",
        *(
            f"| `{function_name(key)}` | {entry[2] / total:.1%} | {entry[1]:,} | "
            f"{entry[3] / total:.1%} |"
            for key, entry in top
        ),
    ]
    return Section(title, rows, note, extra, header=("package (own time)", "share"))


def core_profile() -> Section:
    """The whole conversation through `dialogs.step`, plus dates, assess and summary."""
    played = [play(variant) for variant in range(VARIANTS)]
    moments = [moment for played_moments, _ in played for moment in played_moments]
    birth = next(m.session for m in moments if m.session.asked == "birth")
    leaving = next(m.session for m in moments if m.session.asked == "separation")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(CORE_ROUNDS):
        for moments, finished in played:
            for moment in moments:
                step(moment.session, moment.event, TODAY)
            assess(facts_from(finished.answers, TODAY), TODAY)
            summary(finished, TODAY)
        for text in BIRTH_DATES:
            step(birth, Text(text=text), TODAY)
        for text in LEAVING_DATES:
            step(leaving, Text(text=text), TODAY)
    profiler.disable()
    return summarise(
        pstats.Stats(profiler),
        "Profile: the core (dialogs.step over whole conversations, dates, assess, summary)",
        f"cProfile over {CORE_ROUNDS} rounds of the {VARIANTS} benchmark conversations "
        f"(each {len(played[0][0])} steps), the {len(BIRTH_DATES) + len(LEAVING_DATES)} "
        "typed dates, rules.assess and the summary.",
        CORE_SPOTS,
    )


def full_stack_profile(path: Path, chats: int) -> Section:
    section = summarise(
        pstats.Stats(str(path)),
        "Profile: our bot process in the full stack",
        f"cProfile inside our bot's process while {chats} people each had the whole "
        "conversation (after the warm-up).",
        STACK_SPOTS,
    )
    if importlib.util.find_spec("sniffio") is None and any(
        "importlib" in name for name, _ in section.rows
    ):
        section.extra += [
            "",
            "`importlib` here is httpcore calling `import sniffio` for every request it "
            "sends: sniffio is not installed (anyio 4.x no longer depends on it), and a "
            "failed import is retried on each call, searching sys.path every time.",
        ]
    return section
