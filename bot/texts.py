"""The few sentences the Telegram shell itself says (everything else comes from the dialog's
templates). Kept in one place so they can move to templates/ later without touching logic.

Texts sent as messages are Telegram HTML; button labels, alerts and descriptions are plain."""

from __future__ import annotations

# Messages (HTML). `{link}` is an already-escaped URL.
GROUP_INVITE = (
    "I don't ask about money in group chats. "
    '<a href="{link}">Open a private chat with me</a> and I\'ll check your plan there.'
)
NOT_TEXT = "I can only read text. Please type your answer, or tap one of the buttons."
EDITED = (
    "Editing a message doesn't change your answer. Send it again as a new message, "
    "or use /back to change the last answer."
)
TOO_LONG = (
    "That message is too long for me ({limit} characters at most). "
    'A short answer is enough, e.g. "February 1972".'
)
ERROR = "Something went wrong on our side — your answers are safe. Please try again."

# After a button press the question keeps the chosen answer: "… → Both".
CHOSEN_ANSWER = "\n\n→ {label}"

# Button labels, pop-up alerts (plain text).
OPEN_PRIVATE_CHAT = "Open a private chat"
SHARE = "📤 Share"
CHECK_YOUR_OWN = "Check your own plan"
BUTTON_OUTDATED = "This button is no longer active. Please use the newest message."

# Inline mode (sharing the summary in any chat).
SHARE_TITLE = "My retirement plan check"
NOTHING_TO_SHARE = "Start a private chat to check your plan"

# The bot's profile and commands menu.
SHORT_DESCRIPTION = "Checks the Rule of 55 and the mega backdoor Roth for your workplace plan."
DESCRIPTION = (
    "I help you check two things in your workplace retirement plan: the Rule of 55 "
    "(withdrawals without the 10% early-withdrawal tax when you leave your job at 55 or "
    "later) and the mega backdoor Roth (extra after-tax money moved to Roth). A few short "
    "questions, then a summary you can share. Not tax advice."
)
COMMANDS = [
    ("start", "Begin, or continue where you left off"),
    ("help", "What I can do and how to answer"),
    ("back", "Undo your last answer"),
    ("restart", "Start over from the first question"),
    ("summary", "Show the summary of your answers"),
    ("privacy", "What I keep about you, and for how long"),
    ("forget", "Delete everything I keep about you"),
]
