"""The Discord adapter: discord.py glue around the question-answering core in `bot.core`.

`create_bot(settings)` (in `bot.adapter.app`) builds the `commands.Bot`;
`bot.adapter.runner` runs it.
"""
