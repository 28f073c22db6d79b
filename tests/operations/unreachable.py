"""Database aliases whose replica cannot be reached: its port refuses connections."""

from django.db import connections
from django.db.utils import ConnectionHandler

REPLICA_PASSWORD = "s3cret-password"


def aliases_with_unreachable_replica():
    """The test database as "default", and a "replica" on 127.0.0.1:1 (PostgreSQL)."""
    unreachable = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "newsroom",
        "USER": "newsroom",
        "PASSWORD": REPLICA_PASSWORD,
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {"connect_timeout": 2},
    }
    aliases = ConnectionHandler({"default": connections["default"].settings_dict, "replica": unreachable})
    aliases["default"] = connections["default"]
    return aliases
