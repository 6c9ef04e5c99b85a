"""Regenerate docs/reliability.md: run every fault and bad-input test (this suite and the
ones in tests/telegram, tests/store and tests/dialogs that already cover a fault), read
the outcomes and counts from pytest's JUnit XML, and write the table.

    python -m tests.reliability.report [--scale N] [--soak FILE] [--chaos FILE] [--output PATH]

`make reliability` runs it. --scale multiplies the fuzz examples (default 3: three
times what `make test` tries); --soak embeds the summary printed by `make soak` (e.g.
`make soak | tee soak.txt`); --chaos the figures printed by `make chaos`. Exit status 1
if any test failed."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.reliability.chaos import PHOTO_WINDOW, Figures

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "docs" / "reliability.md"


@dataclass(frozen=True)
class Entry:
    """A test (all its parameters) and what it tries, in the table's words."""

    test: str  # path::function
    area: str
    tried: str  # the fault or bad input
    outcome: str  # what passing means
    count: str | None = None  # how many, when the test does not record `inputs`


@dataclass
class Result:
    entry: Entry
    name: str  # function[parameter]
    status: str  # passed / failed / skipped
    seconds: float
    properties: dict[str, str] = field(default_factory=dict)


R = "tests/reliability/"
T = "tests/telegram/"
S = "tests/store/"
FUZZ_OUTCOME = (
    "no exception, no apology, no ERROR log; every message valid Telegram HTML ≤ 4096 "
    "chars, typed markup shown as typed; sessions valid"
)
CATALOGUE = [
    # ---- bad input
    Entry(
        f"{R}test_fuzz_engine.py::test_hostile_events_anywhere_in_the_conversation",
        "Bad input (engine)",
        "hypothesis: random hostile events into `dialogs.step` (HTML/Markdown, `<script>`, "
        "`&amp;`, zero-width/RTL, emoji, 10,000 chars, empty, unknown commands, forged "
        "choices with huge versions), mixed with sensible answers",
        "no exception; every reply valid Telegram HTML ≤ 4096 chars, typed markup shown as "
        "typed; session valid after every event",
    ),
    Entry(
        f"{R}test_fuzz_engine.py::test_extreme_texts_on_every_question",
        "Bad input (engine)",
        "one extreme text as the answer to every question in turn",
        "re-asked each time, then the form goes on to the results",
        "1 text × every question",
    ),
    Entry(
        "tests/dialogs/test_properties.py::test_any_sequence_never_raises_and_always_answers",
        "Bad input (engine)",
        "hypothesis: random commands, stale taps and texts in any order (150 sequences)",
        "always a valid reply, version +1, session valid",
        "150 sequences",
    ),
    Entry(
        f"{R}test_fuzz_telegram.py::test_hostile_updates_through_the_telegram_shell",
        "Bad input (Telegram)",
        "hypothesis: random updates through the real PTB Application, two people each: "
        "hostile text, unknown commands, `/start` payloads, forged callback data, presses "
        "on the other's messages or with the other's data, inline queries, edits, "
        "captions, group messages, 10,000-char messages",
        FUZZ_OUTCOME + "; the other person's session unchanged by every update",
    ),
    Entry(
        f"{T}test_adapter.py::test_non_text_messages_get_a_hint_and_change_nothing",
        "Bad input (Telegram)",
        "photo / voice / document / location instead of text",
        "a hint, session unchanged",
    ),
    Entry(
        f"{T}test_adapter.py::test_sticker",
        "Bad input (Telegram)",
        "a sticker",
        "a hint, session unchanged",
    ),
    Entry(
        f"{T}test_adapter.py::test_edited_message_and_very_long_text_change_nothing",
        "Bad input (Telegram)",
        "an edited message; a 2,000-char message",
        "explained, session unchanged",
    ),
    Entry(
        f"{T}test_adapter.py::test_forged_or_foreign_button_data_changes_nothing",
        "Bad input (Telegram)",
        "forged callback data; another user pressing this chat's button",
        "answered, nothing changes",
    ),
    Entry(
        f"{T}test_adapter.py::test_an_old_button_changes_nothing_until_the_person_confirms",
        "Bad input (Telegram)",
        "a press on an old keyboard",
        "changes nothing until the person confirms the change",
    ),
    Entry(
        f"{T}test_adapter.py::test_double_tap_applies_one_answer",
        "Bad input (Telegram)",
        "a double tap before the edit arrives",
        "one answer, both presses answered",
    ),
    Entry(
        f"{T}test_adapter.py::test_group_chat_gets_one_deep_link_and_no_questions",
        "Bad input (Telegram)",
        "the bot in a group / supergroup",
        "one deep link per group, nothing collected",
    ),
    Entry(
        f"{T}test_adapter.py::test_summary_shared_into_the_bot_chat_is_not_an_answer",
        "Bad input (Telegram)",
        "the shared summary (via the bot) posted back into the bot's chat",
        "not taken as an answer",
    ),
    Entry(
        f"{T}test_replies.py::test_a_reply_with_html_telegram_refuses_is_sent_as_plain_text",
        "Bad input (Telegram)",
        "a reply whose HTML Telegram refuses",
        "sent again as plain text",
    ),
    Entry(
        f"{T}test_webhook.py::test_health_check_and_bad_bodies",
        "Bad input (Telegram)",
        "a webhook body that is not JSON; an unknown path",
        "400 / 404, nothing handled",
    ),
    # ---- isolation
    Entry(
        f"{R}test_isolation.py::test_forged_presses_and_inline_queries_never_reach_another_persons_session",
        "Isolation",
        "Bob presses every button Ada was ever offered: on her messages, on his own, on an "
        "inline-mode message; 6 inline queries aimed at her",
        "Ada's session, messages and summary untouched; Bob never sees her figures",
    ),
    Entry(
        f"{R}test_isolation.py::test_the_same_inline_query_serves_each_person_their_own_summary",
        "Isolation",
        "Ada and Bob asking inline at the same time, interleaved",
        "each gets their own summary, personal, uncached",
    ),
    Entry(
        f"{T}test_conversation.py::test_share_serves_only_the_askers_summary",
        "Isolation",
        "the same inline query from two people",
        "each their own summary",
    ),
    # ---- Telegram faults
    Entry(
        f"{R}test_telegram_faults.py::test_no_fault_loses_an_answer_or_the_conversation",
        "Telegram fault",
        "while an answer is given:",
        "bot running, answer in the session, next question shown (at once for a brief "
        "fault, with no apology or ERROR; after recovery for a lasting one)",
    ),
    Entry(
        f"{T}test_adapter.py::test_429_retry_after_is_honoured",
        "Telegram fault",
        "429 retry_after on sendMessage",
        "waited retry_after, then delivered",
    ),
    Entry(
        f"{T}test_adapter.py::test_server_error_once_is_retried",
        "Telegram fault",
        "500 on sendMessage, 502 on editMessageText",
        "retried, no apology",
    ),
    Entry(
        f"{T}test_adapter.py::test_dropped_connection_is_retried",
        "Telegram fault",
        "connection dropped on sendMessage",
        "retried",
    ),
    Entry(
        f"{T}test_adapter.py::test_a_timed_out_request_is_retried",
        "Telegram fault",
        "sendMessage timed out",
        "retried, delivered",
    ),
    Entry(
        f"{T}test_adapter.py::test_polling_survives_bot_api_outage",
        "Telegram fault",
        "getUpdates: 500, then dropped",
        "polling goes on, the message is answered",
    ),
    Entry(
        f"{T}test_adapter.py::test_reply_lost_after_the_press_was_answered",
        "Telegram fault",
        "500 on every retry of the reply to a press",
        "press answered once, apology, answer kept",
    ),
    Entry(
        f"{T}test_adapter.py::test_edit_refused_by_telegram_is_not_fatal",
        "Telegram fault",
        '"message can\'t be edited"',
        "next question still sent",
    ),
    Entry(
        f"{T}test_adapter.py::test_a_user_who_blocked_the_bot_does_not_stop_it",
        "Telegram fault",
        '"bot was blocked by the user" (403)',
        "answer kept, others still served",
    ),
    Entry(
        f"{T}test_adapter.py::test_errors_are_logged_without_personal_data_and_the_user_is_told",
        "Store fault",
        "the store raising on load",
        "apology, ERROR log without personal data, carries on",
    ),
    # ---- process faults
    Entry(
        f"{S}test_restart.py::test_sigkill_mid_conversation_then_restart_keeps_every_answer",
        "Process fault",
        "`python -m bot` SIGKILLed mid-conversation, restarted",
        "every answer kept",
    ),
    Entry(
        f"{R}test_process_faults.py::test_redis_restarted_under_a_running_bot",
        "Process fault",
        "Redis stopped and started on the same port under a running `python -m bot`, an "
        "answer typed while it was down",
        "reconnects by itself, every answer kept, no apology",
    ),
    Entry(
        f"{S}test_store_contract.py::test_redis_store_reconnects_after_a_server_restart",
        "Process fault",
        "Redis restarted under the store",
        "the store carries on",
    ),
    Entry(
        f"{S}test_two_processes.py::test_two_processes_one_redis_no_answer_lost_or_doubled",
        "Process fault",
        "two bot processes on one Redis; redeliveries racing the original on the other "
        "process, double taps",
        "every chat's answers exactly once, in order",
        "200 chats × 15 updates",
    ),
    Entry(
        f"{S}test_exactly_once.py::test_the_same_update_delivered_twice_changes_the_session_once",
        "Process fault",
        "the same update delivered twice",
        "applied once",
    ),
    Entry(
        f"{S}test_exactly_once.py::test_racing_processes_sharing_redis_apply_each_update_once",
        "Process fault",
        "two shells racing on Redis",
        "each update applied once",
    ),
    Entry(
        f"{S}test_store_contract.py::test_a_document_from_a_newer_bot_is_refused_not_misread",
        "Process fault",
        "a session written by a newer bot",
        "refused, not misread",
    ),
    Entry(
        f"{T}test_webhook.py::test_redelivered_update_is_applied_once",
        "Process fault",
        "webhook redelivery",
        "applied once",
    ),
    Entry(
        f"{T}test_webhook.py::test_the_webhook_acknowledges_only_what_it_has_saved",
        "Process fault",
        "a crash between handling and acknowledging",
        "200 only after the answer is saved",
    ),
    Entry(
        f"{T}test_run.py::test_stops_on_sigterm_while_telegram_is_unreachable",
        "Process fault",
        "SIGTERM while the Bot API is unreachable",
        "clean exit",
    ),
    # ---- secrets
    Entry(
        f"{R}test_secrets.py::test_no_secret_in_a_debug_log_of_a_whole_run",
        "Secrets",
        "`python -m bot` at DEBUG, a whole conversation with 500s, drops, a 429, a reply "
        "lost after every retry (ERROR + traceback), an inline query, a blocked user",
        "token, its secret half and the webhook secret nowhere in the log",
    ),
    Entry(
        f"{T}test_conversation.py::test_logs_hold_no_token_and_no_answers",
        "Secrets",
        "in-process DEBUG logs of a whole conversation",
        "no token; no typed answer above DEBUG",
    ),
    Entry(
        f"{T}test_run.py::test_a_rejected_token_is_one_line_without_the_token",
        "Secrets",
        "a token Telegram rejects",
        "one line, token not echoed",
    ),
    Entry(
        f"{T}test_run.py::test_a_malformed_token_is_one_line",
        "Secrets",
        "a malformed token",
        "one line, not echoed, Telegram never called",
    ),
    Entry(
        f"{T}test_webhook.py::test_wrong_secret_is_refused_and_changes_nothing",
        "Secrets",
        "webhook POST (a /forget) with secret header",
        "403, nothing handled, session unchanged",
    ),
    Entry(
        f"{R}test_secrets.py::test_dotenv_is_never_committed",
        "Secrets",
        "`.env` (where the token lives)",
        "`git check-ignore .env` succeeds; not tracked",
    ),
    Entry(
        f"{S}test_store_briefly_unavailable.py::test_sqlite_locked_by_another_process_then_released",
        "Store failures",
        "SQLite locked by another process; a store failing its first saves",
        "tried again with backoff, one 'one moment', the answer applied once",
    ),
    Entry(
        f"{T}test_disk_full.py::test_a_full_disk_gets_its_own_apology_one_log_line_and_recovers",
        "Store failures",
        "a full disk for two saves",
        "its own apology, one log line a minute, recovery without restart",
    ),
    Entry(
        f"{S}test_forgetting_is_real.py::test_forget_leaves_no_copy_in_the_database_files",
        "Privacy",
        "/forget and the retention purge",
        "no byte of the answers left in the database, WAL or index; 0700/0600",
    ),
    Entry(
        f"{T}test_disk_full.py::test_a_failed_delivered_mark_never_follows_a_reply_with_an_apology",
        "Store failures",
        "every 'delivered' mark failing on a full disk",
        "the reply, then no apology; one log line",
    ),
    Entry(
        f"{S}test_store_briefly_unavailable.py::test_a_locked_store_is_tried_again_and_the_answer_applied_once",
        "Store failures",
        "a store whose first two saves fail (locked)",
        "applied once on the third; 'one moment' said once",
    ),
    Entry(
        f"{T}test_webhook.py::test_slow_clients_beyond_the_cap_never_block_updates_or_health",
        "Webhook",
        "20 slow connections against a cap of 8",
        "the oldest closed; an update and /healthz answered",
    ),
    Entry(
        f"{T}test_webhook.py::test_a_body_that_is_no_update_gets_400_never_a_traceback",
        "Webhook",
        "a 100,000-deep JSON body, a list, a string, bytes that are not UTF-8",
        "400 and one warning; nothing handled; no ERROR",
    ),
    Entry(
        f"{T}test_metrics.py::test_polling_serves_metrics_and_health_on_metrics_port",
        "Operating it",
        "Prometheus /metrics on the webhook server and on METRICS_PORT",
        "updates, handling time, Bot API calls, store errors; no chat id or text",
    ),
    Entry(
        f"{S}test_redis_persistence.py::test_a_redis_without_persistence_is_named",
        "Operating it",
        "Redis with neither AOF nor RDB persistence",
        "start-up and --check warn",
    ),
    Entry(
        f"{S}test_kill_while_polling.py::test_a_kill_at_each_named_point_loses_nothing_and_repeats_only_the_message_on_the_wire",
        "Crashes",
        "45 kills at three named points (saved-not-sent, duplicate window, confirming)",
        "no answer lost; exactly one repeat per kill in the window, none otherwise",
    ),
    Entry(
        f"{S}test_kill_while_sending.py::test_a_kill_during_the_upload_repeats_at_most_the_picture",
        "Crashes",
        "a kill during the timeline picture's upload, restarted, the update delivered again",
        "every answer once; the message before the picture never repeated; the picture "
        "repeated only when Telegram had taken it",
    ),
    Entry(
        f"{S}test_redis_disk_full.py::test_redis_refusing_writes_gets_the_disk_full_apology_and_recovers",
        "Store failures",
        "Redis refusing writes with MISCONF (a real failed RDB save: its folder taken "
        "away), then given a folder again",
        "the disk-full apology, one log line a minute, no traceback; the next answer kept "
        "without a restart",
    ),
]


def run_tests(scale: float, junit: Path) -> int:
    files = sorted({entry.test.split("::")[0] for entry in CATALOGUE})
    env = {**os.environ, "RELIABILITY_FUZZ_SCALE": str(scale)}
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "-o", "junit_family=xunit1", f"--junitxml={junit}", *files,
    ]  # fmt: skip
    print("report: running", " ".join(command[3:]), flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def read_results(junit: Path) -> list[Result]:
    results: list[Result] = []
    for case in ET.parse(junit).getroot().iter("testcase"):
        node = case.get("file") or case.get("classname", "").replace(".", "/") + ".py"
        name = case.get("name", "")
        function = name.split("[")[0]
        entry = next((e for e in CATALOGUE if e.test == f"{node}::{function}"), None)
        if entry is None:
            continue
        status = "passed"
        if case.find("failure") is not None or case.find("error") is not None:
            status = "failed"
        elif case.find("skipped") is not None:
            status = "skipped"
        properties = {
            p.get("name", ""): p.get("value", "") for p in case.iter("property") if p.get("name")
        }
        results.append(Result(entry, name, status, float(case.get("time", 0)), properties))
    order = {id(entry): index for index, entry in enumerate(CATALOGUE)}
    return sorted(results, key=lambda r: order[id(r.entry)])  # stable: parameters in run order


def parameter(name: str) -> str:
    return name.split("[", 1)[1].rstrip("]") if "[" in name else ""


def render(
    results: list[Result],
    scale: float,
    seconds: float,
    soak: str | None,
    chaos: tuple[str, list[Figures]] | None = None,
) -> str:
    inputs = sum(int(r.properties.get("inputs", 0)) for r in results)
    faults = [r for r in results if not r.properties.get("inputs")]
    failed = [r for r in results if r.status != "passed"]
    missing = [e.test for e in CATALOGUE if not any(r.entry is e for r in results)]
    lines = [
        "# Reliability and security",
        "",
        "Regenerated by `make reliability` (`python -m tests.reliability.report`); do not "
        "edit by hand. Every row is a test that ran for this page; its outcome is the "
        "test's result. `make test` runs the same tests with fewer fuzz examples.",
        "",
        f"- Generated: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, in {seconds:.0f} s, fuzz "
        f"scale {scale:g} (RELIABILITY_FUZZ_SCALE)",
        f"- Random inputs tried by the fuzz tests: **{inputs:,}**",
        f"- Fault and bad-input scenarios: **{len(faults)}**",
        f"- Failed: **{len(failed)}**" + ("" if failed else " — nothing lost, nothing leaked"),
    ]
    if missing:
        lines.append(f"- Listed but not run (renamed or removed?): {', '.join(missing)}")
    lines += [
        "",
        "| area | fault or bad input | how many | outcome | test |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        entry, param = result.entry, parameter(result.name)
        tried = entry.tried
        if param:
            tried = f"{tried} {param}" if tried.endswith(":") else f"{tried} ({param})"
        count = result.properties.get("inputs")
        how_many = f"{int(count):,} inputs" if count else entry.count or "1 scenario"
        mark = {"passed": "✅", "failed": "❌ FAILED", "skipped": "⏭ skipped"}[result.status]
        where = f"`{entry.test.split('::')[0]}::{result.name}`"
        outcome = f"{mark} {cell(entry.outcome)}"
        lines.append(f"| {entry.area} | {cell(tried)} | {how_many} | {outcome} | {where} |")
    kinds = [
        (r, name.removeprefix("inputs: "), value)
        for r in results
        for name, value in r.properties.items()
        if name.startswith("inputs: ")
    ]
    if kinds:
        lines += [
            "",
            "## Fuzzed Telegram updates by kind",
            "",
            "| kind | updates |",
            "|---|---|",
        ]
        lines += [f"| {cell(kind)} | {int(value):,} |" for _, kind, value in kinds]
    lines += [
        "",
        "## Soak",
        "",
        "`make soak` (bench/soak.py): `python -m bot` in a subprocess with SQLite, 200 "
        "people at once for 5 minutes (SOAK_SECONDS, SOAK_CHATS) against the fake Bot API "
        "on loopback, RSS sampled every 5 s; fails on growth over 30 MB after the first "
        "minute or on any error (apology, ERROR log, refused request, unanswered press, "
        "missing reply, a stored conversation that differs from the answers given).",
        "",
    ]
    if soak:
        lines += ["Last run:", "", "```", soak.strip(), "```"]
    else:
        lines.append(
            "Not included in this run (pass `--soak FILE` with the output of `make soak`)."
        )
    lines += ["", *chaos_section(chaos)]
    lines += [
        "",
        "## Regenerate",
        "",
        "```",
        "make reliability                       # this page (about 5 minutes)",
        "make soak | tee /tmp/soak.txt          # the soak (5 minutes)",
        "make chaos | tee /tmp/chaos.txt        # the chaos benchmark (about 5 minutes), then:",
        ".venv/bin/python -m tests.reliability.report --soak /tmp/soak.txt --chaos /tmp/chaos.txt",
        "```",
        "",
    ]
    return "\n".join(lines)


def chaos_section(chaos: tuple[str, list[Figures]] | None) -> list[str]:
    lines = [
        "## Chaos benchmark",
        "",
        "`make chaos` (tests/reliability/chaos.py): `python -m bot` with SQLite against the "
        "fake Bot API on loopback, killed with SIGKILL 30 times per mode while people answer, "
        "and started again. Modes: `polling`, a kill at a random moment (12 people); "
        "`webhook`, the same with each update POSTed to the webhook and posted again until "
        "it gets a 200, as Telegram does; `photo`, 15 people at staggered steps so that one "
        "gets the timeline picture in every round, the kill at a random moment of the "
        f"{PHOTO_WINDOW * 1000:.0f} ms after the upload reached the fake Bot API. Answers "
        "lost: an answer not applied or applied twice, a reply or picture that never went "
        "out (target 0). Sent twice: a message Telegram took and the bot had not yet "
        "recorded as delivered when it died (target ≤ 1 per 10 kills). Timing-dependent, "
        "so measured here, not asserted by `make test`; the kills at named points above are.",
        "",
    ]
    if not chaos:
        return [*lines, "Not included in this run (pass `--chaos FILE` with the output of "
                "`make chaos`)."]  # fmt: skip
    machine, figures = chaos
    lines += [
        f"Machine: {machine or 'not recorded'}.",
        "",
        "| mode | kills | people | answers lost | sent twice (messages, pictures) | per 10 kills |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        lost = f"{'✅' if f.lost == 0 else '❌'} {f.lost}"
        per_10 = 10 * f.repeated / f.kills
        mark = "✅" if per_10 <= 1 else "⚠️ over the target of 1:"
        lines.append(
            f"| {f.mode} | {f.kills} | {f.people} | {lost} | {f.repeated} "
            f"({f.repeated_messages}, {f.repeated_photos}) | {mark} {per_10:.1f} |"
        )
    return lines


def read_chaos(path: Path) -> tuple[str, list[Figures]]:
    """The machine line and the figures `make chaos` printed."""
    lines = path.read_text().splitlines()
    machine = next((line for line in lines if line.startswith("machine: ")), "")
    figures = [Figures.parse(line) for line in lines]
    return machine.removeprefix("machine: "), [f for f in figures if f is not None]


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def soak_summary(path: Path) -> str:
    text = path.read_text()
    start = text.find("\nSoak: ")
    return text[start + 1 :] if start >= 0 else text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=3.0)
    parser.add_argument("--soak", type=Path)
    parser.add_argument("--chaos", type=Path, help="the output of `make chaos`")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        junit = Path(scratch) / "junit.xml"
        status = run_tests(args.scale, junit)
        results = read_results(junit)
    soak = soak_summary(args.soak) if args.soak else None
    chaos = read_chaos(args.chaos) if args.chaos else None
    page = render(results, args.scale, time.monotonic() - started, soak, chaos)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page)
    print(f"report: wrote {args.output} ({len(results)} rows)")
    return 1 if status != 0 or any(r.status != "passed" for r in results) else status


if __name__ == "__main__":
    sys.exit(main())
