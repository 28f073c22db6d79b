"""The fetcher's test-only permission to reach 127.0.0.1 cannot be turned on in production."""

from tests.test_settings import PRODUCTION, manage


def test_production_refuses_to_start_with_the_test_loopback_setting(tmp_path):
    env = {**PRODUCTION, "VAR_DIR": str(tmp_path), "LEDGER_FETCH_ALLOW_TEST_LOOPBACK": "true"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "LEDGER_FETCH_ALLOW_TEST_LOOPBACK is for tests" in result.stderr


def test_production_starts_without_it(tmp_path):
    result = manage("check", env={**PRODUCTION, "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr


def test_the_round_up_source_rule_must_be_block_or_warn(tmp_path):
    result = manage("check", env={**PRODUCTION, "VAR_DIR": str(tmp_path), "LEDGER_ITEM_SOURCE_RULE": "maybe"})
    assert result.returncode != 0 and "LEDGER_ITEM_SOURCE_RULE" in result.stderr
