"""`check --deploy` warns when rate limits would be counted per worker (unshared cache)."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings

import pytest

from core.checks import shared_cache_for_limits

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("backend", "warned"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", True),
        ("django.core.cache.backends.dummy.DummyCache", True),
        ("django.core.cache.backends.redis.RedisCache", False),
        ("django.core.cache.backends.db.DatabaseCache", False),
    ],
)
def test_unshared_cache_is_warned(backend, warned):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/0"}}):
        ids = [message.id for message in shared_cache_for_limits()]
    assert ids == (["kb.W001"] if warned else [])


def test_production_settings_without_redis_fail_check_deploy(tmp_path):
    env = {
        key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="coopkb.settings.production",
        SECRET_KEY="x7!kq2#vR9mZ4pL0wT6yB3nC8dF1gH5jK" * 2,
        ALLOWED_HOSTS="coopkb.example.org",
        KB_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "kb.W001" in result.stderr + result.stdout
