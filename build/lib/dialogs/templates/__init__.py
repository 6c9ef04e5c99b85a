"""Every sentence the user reads, installed as the package data `dialogs.templates`
(see pyproject.toml) so a wheel carries it; loaded by dialogs/render.py and bot/texts.py."""
