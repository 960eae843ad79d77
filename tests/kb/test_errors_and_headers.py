import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[2]


def test_404_is_french_and_helpful(client, site_tree):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert 'role="search"' in content


def test_500_page_is_french_without_traceback(db):
    response = server_error(RequestFactory().get("/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "Une erreur est survenue" in content
    assert "Traceback" not in content


def test_public_pages_carry_a_content_security_policy_but_not_the_admin(client, site_tree):
    assert "default-src 'self'" in client.get("/").headers["Content-Security-Policy"]
    assert "Content-Security-Policy" not in client.get("/admin/login/").headers


def test_english_interface_is_available(client, site_tree):
    client.cookies["django_language"] = "en"
    content = client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert "Search" in content


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopkb.settings.production",
        "SECRET_KEY": "x7!kq2#vR9mZ4pL0wT6yB3nC8dF1gH5jK" * 2,
        "ALLOWED_HOSTS": "coopkb.example.org",
        "KB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # Production shares rate limits between workers through Redis (the check does not connect).
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
