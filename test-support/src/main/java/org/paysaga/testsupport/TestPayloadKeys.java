package org.paysaga.testsupport;

/**
 * The payload key the tests' workers and CLIs share ({@code SAGA_CODEC_KEYS}), so that a test's own
 * client reads what they write, and the operator access token of the tests' workers
 * ({@code SAGA_ACCESSTOKENS}: their codec server and health details). Fixed test values: never secrets.
 */
public final class TestPayloadKeys {
  public static final String VARIABLE = "SAGA_CODEC_KEYS";
  public static final String KEYS = "test-support:dGVzdC1zdXBwb3J0LXBheWxvYWQta2V5LTMyLWJ5dGU=";
  public static final String ACCESS_TOKENS_VARIABLE = "SAGA_ACCESSTOKENS";
  public static final String OPERATOR_TOKEN = "test-support-operator-token";

  private TestPayloadKeys() {}
}
