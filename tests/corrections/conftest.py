# Signed-in staff clients, shared with the editor's desk tests.
from tests.editorial.conftest import contributor, editor, second_editor  # noqa: F401
