# The practices' fixtures: a category with a published procedure.
from tests.practices.conftest import category, procedure  # noqa: F401
from tests.tooling.conftest import catalogue  # noqa: F401
