"""The user's choices, kept in the database (they travel with the network)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from netnet.core.birthdays import DEFAULT_DAYS_BEFORE
from netnet.core.cadence import CONNECTOR_CADENCE, DEFAULT_CADENCE
from netnet.data.store import Store


@dataclass
class Settings:
    theme: str = "textual-dark"
    call_minutes: int = 15
    weekend_days: list[int] = field(default_factory=lambda: [5, 6])  # Monday is 0
    cadence: dict[str, list[int]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_CADENCE.items()}
    )
    connector_cadence: list[int] = field(default_factory=lambda: list(CONNECTOR_CADENCE))
    autosave_seconds: float = 1.0
    birthday_reminders: bool = True  # a birthday of someone in a circle queues a greeting
    birthday_days_before: int = DEFAULT_DAYS_BEFORE  # listed this many days ahead

    def cadence_table(self) -> dict[str, tuple[int, int]]:
        return {k: (int(v[0]), int(v[1])) for k, v in self.cadence.items()}


def load_settings(store: Store) -> Settings:
    settings = Settings()
    with store.fast() as conn:  # read before the first frame
        for row in conn.execute("SELECT key, value FROM setting"):
            if hasattr(settings, row.key):
                try:
                    setattr(settings, row.key, json.loads(row.value))
                except ValueError:
                    continue
    return settings


def save_settings(store: Store, settings: Settings) -> None:
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO setting (key, value) VALUES (:key, :value) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [{"key": k, "value": json.dumps(v)} for k, v in asdict(settings).items()],
        )


def save_setting(store: Store, key: str, value) -> None:
    if not hasattr(Settings(), key):
        raise KeyError(key)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (:key, :value) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            {"key": key, "value": json.dumps(value)},
        )
