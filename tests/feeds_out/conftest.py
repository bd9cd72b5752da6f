from tests.documents.conftest import media_root  # noqa: F401 - a fixture used here too
