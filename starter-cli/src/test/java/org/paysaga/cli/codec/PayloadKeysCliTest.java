package org.paysaga.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.codec.EncryptionKey;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.TestPayloadKeys;

/** The CLI reads and writes payloads with the workers' keys, and says which key it lacks. */
class PayloadKeysCliTest {
  private final SagaTestStack stack = SagaTestStack.get();

  @Test
  void withoutAKeyNothingStartsAndTheOptionIsNamed(@TempDir Path noLocalStack) {
    String paymentNo = TestPayments.uniquePaymentNo("nokey");

    CliRun run = stack.cli().with(TestPayloadKeys.VARIABLE, "").with("SAGA_LOCAL_DATADIR", noLocalStack.toString())
        .run("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "1.00", "--currency", "CNY",
            "--card-token", "tok_visa");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--codec-key-file (SAGA_CODEC_KEYFILE)").contains("--codec=false");
    assertThat(stack.cli().run("status", paymentNo).exitCode()).isEqualTo(3);
  }

  @Test
  void aKeyFileWithTheWorkersKeyAmongOthersReadsTheirSagas(@TempDir Path dir) throws Exception {
    String paymentNo = TestPayments.uniquePaymentNo("keyfile");
    assertThat(stack.cli().run("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "1.00",
        "--currency", "CNY", "--card-token", "tok_visa", "--wait").exitCode()).isZero();
    // The workers' key is an older one here: a CLI that encrypts with a newer key still reads it.
    Path keys = Files.writeString(dir.resolve("payload.keys"),
        TestPayloadKeys.KEYS + "\n" + EncryptionKey.generate("newer").toKeyFileLine() + "\n");

    CliRun run = stack.cli().with(TestPayloadKeys.VARIABLE, "").run("status", paymentNo, "--codec-key-file", keys.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("COMPLETED");
  }

  @Test
  void aSagaUnderAKeyTheCliLacksIsReportedByKeyId() {
    String paymentNo = TestPayments.uniquePaymentNo("otherkey");
    assertThat(stack.cli().run("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "1.00",
        "--currency", "CNY", "--card-token", "tok_visa", "--wait").exitCode()).isZero();

    CliRun run = stack.cli().with(TestPayloadKeys.VARIABLE, EncryptionKey.generate("other").toKeyFileLine())
        .run("status", paymentNo);

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("key ID 'test-support'");
  }
}
