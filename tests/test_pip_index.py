"""scripts/pip_index.py: uv gets the indexes pip is configured with, so a fresh install finds the same packages."""

from __future__ import annotations

import importlib.util

from db.settings import PROJECT_ROOT

spec = importlib.util.spec_from_file_location("pip_index", PROJECT_ROOT / "scripts" / "pip_index.py")
pip_index = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pip_index)


def test_pips_indexes_links_and_certificate_become_uvs_and_the_environment_wins():
    listing = "\n".join(
        [
            ":env:.cert='/etc/ssl/certs/ca-certificates.crt'",
            ":env:.find-links='/opt/wheels /srv/more-wheels'",
            "global.index-url='https://mirror.example.se/simple'",
            "global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'",
            "global.find-links='/opt/ignored'",
            "global.constraint='/etc/xdg/pip/constraints.txt'",
            "global.timeout='180'",
        ]
    )
    assert pip_index.settings(listing) == {
        "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt",
        "UV_FIND_LINKS": "/opt/wheels,/srv/more-wheels",  # pip: spaces; uv: commas
        "UV_INDEX_URL": "https://mirror.example.se/simple",
        "UV_EXTRA_INDEX_URL": "file:///opt/pypi/simple file:///opt/pypi-more/simple",
    }


def test_an_ordinary_machine_with_no_pip_configuration_leaves_uv_on_pypi():
    assert pip_index.settings("") == {}
