"""The federation fixtures (a partner node played by the test) for the exchange's remote-delivery tests."""

from tests.federation.conftest import fake, key_dir, no_network, node, paired, post_inbox  # noqa: F401
