"""Every factory of every app builds a saved object without arguments (a page: live, revision published)."""

import importlib
import inspect
from pathlib import Path

from django.apps import apps
from django.conf import settings

from wagtail.models import Page

import pytest
from factory.base import FactoryMetaClass


def app_factories():
    """Every factory class defined in a project app's `factories` module."""
    found = []
    for app_config in apps.get_app_configs():
        if not Path(app_config.path).is_relative_to(settings.BASE_DIR):
            continue
        if not (Path(app_config.path) / "factories.py").exists():
            continue
        module = importlib.import_module(f"{app_config.name}.factories")
        for _name, value in inspect.getmembers(module, lambda value: isinstance(value, FactoryMetaClass)):
            if value.__module__ == module.__name__ and not value._meta.abstract:
                found.append(value)
    return found


FACTORIES = app_factories()


def test_the_apps_factories_are_found():
    modules = {factory.__module__ for factory in FACTORIES}
    expected = {"kb", "practices", "tooling", "client_requests", "runs"}
    assert {f"{app}.factories" for app in expected} <= modules


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda factory_class: factory_class.__name__)
def test_factory_builds(db, factory_class):
    instance = factory_class()
    assert instance.pk is not None
    assert type(instance)._default_manager.filter(pk=instance.pk).exists()
    if isinstance(instance, Page):
        assert instance.live and instance.live_revision is not None
        assert instance.get_parent() is not None
