"""Test-only spiders, loaded by ``settings.test`` (never by dev or prod settings)."""
