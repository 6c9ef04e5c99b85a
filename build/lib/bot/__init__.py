"""The shells around the dialog: Telegram, the terminal, settings and session stores."""
