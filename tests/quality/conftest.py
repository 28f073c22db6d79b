from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "node_modules"
SEED_STORY = "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/"

# The pages readers use most, each kind once.
PAGES = {
    "front": "/",
    "story": SEED_STORY,
    "category": "/category/crime-and-violence/",
    "tag": "/tag/fentanyl/",
    "author": "/author/vmateoszuniga/",
    "archive": "/archive/2023/7/",
    "archive-index": "/archive/",
    "search": "/search/?q=fentanyl",
    "search-empty": "/search/?q=zzzzunlikely",
    "not-found": "/story/no-such-story/",
}
