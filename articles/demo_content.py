"""The demo newsroom loaded by `manage.py load_demo`: its categories, authors and long-form
stories, kept as data in demo_data/newsroom.json (the shorter briefs are in demo_briefs)."""

import json
from pathlib import Path

_DATA = json.loads((Path(__file__).parent / "demo_data" / "newsroom.json").read_text(encoding="utf-8"))

CATEGORIES = _DATA["categories"]
AUTHORS = _DATA["authors"]
STORIES = _DATA["stories"]
