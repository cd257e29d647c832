package org.paysaga.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.testsupport.TestPayloadKeys;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.TestPayments;

/** The documented service code compiles (it is this module's test code), runs, and is what the docs show. */
class ServiceCodeExampleTest {
  private static final Path SOURCE = Path.of("src/test/java/org/paysaga/cli/docs/ServiceCodeExample.java");
  /** Where the example is documented: the README's "Starting payments from service code". */
  private static final List<Path> DOCS = List.of(Path.of("../README.md"));

  @Test
  void theExampleStartsAndAwaitsAPayment(@TempDir Path dir) throws Exception {
    SagaTestStack stack = SagaTestStack.get();
    String paymentNo = TestPayments.uniquePaymentNo("svc");
    Path keyFile = Files.writeString(dir.resolve("payload.keys"), TestPayloadKeys.KEYS + "\n");

    SagaState outcome = ServiceCodeExample.payOnce(stack.temporalAddress(), stack.taskQueue(), keyFile, paymentNo);

    assertThat(outcome.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(outcome.businessKey()).isEqualTo(paymentNo);
  }

  @Test
  void theDocsShowTheCodeThatIsTested() throws IOException {
    String example = snippet(Files.readString(SOURCE));

    List<Path> documented = DOCS.stream().filter(Files::exists)
        .filter(doc -> normalized(read(doc)).contains(example))
        .toList();

    assertThat(documented).as("a doc among " + DOCS + " shows the example:\n" + example).isNotEmpty();
  }

  private static String snippet(String source) {
    int start = source.indexOf("// service-example:start");
    int end = source.indexOf("// service-example:end");
    String body = source.substring(source.indexOf('\n', start) + 1, end);
    return normalized(body);
  }

  /** Lines stripped of their indentation, blank lines dropped. */
  private static String normalized(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
