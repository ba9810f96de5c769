from __future__ import annotations

from pathlib import Path

import pytest

from bot import Settings as PublicSettings
from bot.adapter.settings import DEFAULT_DATABASE_URL, Settings, SettingsError


def test_public_contract_reexports_settings() -> None:
    assert PublicSettings is Settings


def test_defaults_work_without_any_environment() -> None:
    settings = Settings()
    assert settings.database_url == "sqlite:///data/bot.sqlite3" == DEFAULT_DATABASE_URL
    assert settings.discord_token is None
    assert settings.dev_guild_id is None
    assert settings.message_content_intent is True
    assert settings.knowledge_dir is None


def test_token_never_shows_in_repr() -> None:
    assert "s3cret" not in repr(Settings(discord_token="s3cret"))


def test_from_env_reads_every_variable() -> None:
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": " abc.def ",
            "DATABASE_URL": "sqlite:////data/x.sqlite3",
            "DEV_GUILD_ID": "123456789012345678",
            "MESSAGE_CONTENT_INTENT": "off",
            "KNOWLEDGE_DIR": "/srv/knowledge",
            "UNANSWERED_RETENTION_DAYS": "7",
        }
    )
    assert settings.discord_token == "abc.def"
    assert settings.database_url == "sqlite:////data/x.sqlite3"
    assert settings.dev_guild_id == 123456789012345678
    assert settings.message_content_intent is False
    assert settings.knowledge_dir == Path("/srv/knowledge")
    assert settings.unanswered_retention_days == 7


def test_unanswered_retention_defaults_to_30_days() -> None:
    assert Settings().unanswered_retention_days == 30
    assert Settings.from_env({}).unanswered_retention_days == 30


def test_from_env_empty_values_keep_defaults() -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": "", "DATABASE_URL": " ", "DEV_GUILD_ID": ""})
    assert settings == Settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEV_GUILD_ID", "my-server"),
        ("DEV_GUILD_ID", "0"),
        ("MESSAGE_CONTENT_INTENT", "maybe"),
        ("UNANSWERED_RETENTION_DAYS", "0"),
        ("UNANSWERED_RETENTION_DAYS", "a month"),
    ],
)
def test_from_env_names_the_bad_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_from_env_reads_os_environ_only_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEV_GUILD_ID", "42")
    assert Settings.from_env().dev_guild_id == 42


@pytest.mark.parametrize(
    "kwargs", [{"cooldown_rate": 0}, {"cooldown_seconds": 0}, {"reveal_retention_days": 0}]
)
def test_nonsense_values_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(SettingsError):
        Settings(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("MTIz.abc\ndef", "line break"),
        ("MTIz.abc\r\nMTIz.abc", "line break"),
        ("MTIz.abc def", "space or tab"),
        ("MTIz.abc\x00def", "control"),
        ("MTIz.abc\x1bdef", "control"),
        ("MTIz.abcdéf", "non-ASCII"),
    ],
)
def test_a_token_with_a_line_break_or_control_character_is_refused_without_echoing_it(
    token: str, problem: str
) -> None:
    with pytest.raises(SettingsError, match=problem) as caught:
        Settings.from_env({"DISCORD_TOKEN": token})
    assert "abc" not in str(caught.value)
    assert "DISCORD_TOKEN" in str(caught.value)


def test_surrounding_whitespace_of_a_token_is_still_trimmed() -> None:
    assert Settings.from_env({"DISCORD_TOKEN": "  MTIz.abc.def\n"}).discord_token == "MTIz.abc.def"
