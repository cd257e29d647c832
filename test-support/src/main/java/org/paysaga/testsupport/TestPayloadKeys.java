package org.paysaga.testsupport;

/**
 * The payload key the tests' workers and CLIs share ({@code SAGA_CODEC_KEYS}), so that a test's own
 * client reads what they write. A fixed test key: never a secret.
 */
public final class TestPayloadKeys {
  public static final String VARIABLE = "SAGA_CODEC_KEYS";
  public static final String KEYS = "test-support:dGVzdC1zdXBwb3J0LXBheWxvYWQta2V5LTMyLWJ5dGU=";

  private TestPayloadKeys() {}
}
