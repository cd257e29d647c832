package org.paysaga.cli.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.ConnectionTrap;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.testing.TestPayments;

/**
 * Bad input exits 2 with one line naming the field and the rule, before anything starts: the
 * command line is pointed at a trap that counts connections, and none may be made.
 */
class MalformedInputTest {
  private static ConnectionTrap trap;
  private static Cli cli;

  @BeforeAll
  static void pointAtTheTrap() {
    trap = new ConnectionTrap();
    cli = new Cli(java.util.Map.of(
        "TEMPORAL_ADDRESS", trap.address(),
        "REDIS_URL", "redis://" + trap.address()));
  }

  @AfterAll
  static void closeTheTrap() {
    trap.close();
  }

  /** A valid pay command with one option replaced (value null: the option left out). */
  private static String[] pay(String option, String value, String... more) {
    List<String> args = new ArrayList<>(List.of("pay"));
    String[][] options = {
        {"--payment-no", TestPayments.uniquePaymentNo("bad")},
        {"--merchant", "m_shop"},
        {"--amount", "12.34"},
        {"--currency", "CNY"},
        {"--card-token", "tok_visa"}};
    for (String[] pair : options) {
      if (pair[0].equals(option)) {
        if (value != null) {
          args.add(option);
          args.add(value);
        }
      } else {
        args.add(pair[0]);
        args.add(pair[1]);
      }
    }
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  private static Arguments bad(String names, String[] args) {
    return Arguments.of(names, args);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("--payment-no", pay("--payment-no", null)),
        bad("--merchant", pay("--merchant", null)),
        bad("--amount", pay("--amount", null)),
        bad("--currency", pay("--currency", null)),
        bad("--card-token", pay("--card-token", null)),
        bad("--payment-no", pay("--payment-no", "")),
        bad("--payment-no", pay("--payment-no", "   ")),
        bad("--payment-no", pay("--payment-no", "P 1001")),
        bad("--payment-no", pay("--payment-no", "P/1001")),
        bad("--payment-no", pay("--payment-no", "P#1001")),
        bad("--payment-no", pay("--payment-no", "P".repeat(65))),
        bad("--merchant", pay("--merchant", "")),
        bad("--merchant", pay("--merchant", "m shop")),
        bad("--amount", pay("--amount", "0")),
        bad("--amount", pay("--amount", "0.00")),
        bad("--amount", pay("--amount", "-1")),
        bad("--amount", pay("--amount", "abc")),
        bad("--amount", pay("--amount", "12.345")),
        bad("--amount", pay("--amount", "1e3")),
        bad("--amount", pay("--amount", "12,34")),
        bad("--amount", pay("--amount", "")),
        bad("--amount", pay("--amount", "99999999999999999999999")),
        bad("--amount", new String[] {"pay", "--payment-no", "P1", "--merchant", "m", "--amount", "1.5",
            "--currency", "JPY", "--card-token", "tok_visa"}),
        bad("--currency", pay("--currency", "cny")),
        bad("--currency", pay("--currency", "XYZ")),
        bad("--currency", pay("--currency", "XAU")),
        bad("--currency", pay("--currency", "")),
        bad("--card-token", pay("--card-token", "")),
        bad("--card-token", pay("--card-token", "tok visa")),
        bad("--card-token", pay("--card-token", "t".repeat(129))),
        bad("--card-token", pay("--card-token", "4111111111111111")),
        bad("--card-token", pay("--card-token", "4111-1111-1111-1111")),
        bad("--card-token", pay("--card-token", "4111 1111 1111 1111")),
        bad("--timeout", pay("--merchant", "m_shop", "--wait", "--timeout", "soon")),
        bad("--timeout", pay("--merchant", "m_shop", "--wait", "--timeout", "0s")),
        bad("--bogus", pay("--merchant", "m_shop", "--bogus")),
        bad("--temporal-address", pay("--merchant", "m_shop", "--temporal-address", "localhost")),
        bad("--namespace", pay("--merchant", "m_shop", "--namespace", " ")),
        bad("--tls-key", pay("--merchant", "m_shop", "--tls-cert", "pom.xml")),
        bad("--tls-ca", pay("--merchant", "m_shop", "--tls-ca", "/no/such/ca.pem")),
        bad("<paymentNo|workflowId>", new String[] {"status", "P 1"}),
        bad("<paymentNo|workflowId>", new String[] {"status"}),
        bad("<paymentNo|workflowId>", new String[] {"history", ""}),
        bad("--amount", new String[] {"demo", "--amount", "abc"}),
        bad("--currency", new String[] {"demo", "--currency", "ZZZ"}),
        bad("--merchant", new String[] {"demo", "--merchant", "m demo"}),
        bad("--status", new String[] {"list", "--status", "STUCK"}),
        bad("--type", new String[] {"list", "--type", "TransferSaga"}),
        bad("--merchant", new String[] {"list", "--merchant", "m' OR 'a'='a"}),
        bad("--merchant", new String[] {"list", "--merchant", " "}),
        bad("--since", new String[] {"list", "--since", "yesterday"}),
        bad("--since", new String[] {"list", "--since", "0s"}),
        bad("--limit", new String[] {"list", "--limit", "1001"}),
        bad("--redis-key-prefix", new String[] {"dlq", "size", "--redis-key-prefix", "saga{x}"}),
        bad("--limit", new String[] {"dlq", "list", "--limit", "0"}),
        bad("--limit", new String[] {"dlq", "list", "--limit", "many"}),
        bad("--note", new String[] {"dlq", "resolve", "payment-P1"}),
        bad("--note", new String[] {"dlq", "resolve", "payment-P1", "--note", " "}),
        bad("--redis-url", new String[] {"dlq", "size", "--redis-url", "http://127.0.0.1:6379"}),
        bad("<id>", new String[] {"dlq", "show"}),
        bad("unmatched", new String[] {"no-such-command"}));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void exitsTwoNamingTheFieldWithoutTouchingTheNetwork(String field, String[] args) {
    int before = trap.connections();

    CliRun run = cli.run(args);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    List<String> lines = run.err().lines().toList();
    assertThat(lines).as(run.toString()).hasSize(1);
    assertThat(lines.get(0)).startsWith("error: ").containsIgnoringCase(field);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(trap.connections()).as("connections made").isEqualTo(before);
  }

  @Test
  void atLeastTwentyFiveMalformedInputsAreChecked() {
    assertThat(malformed().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void theRuleIsInTheMessage() {
    assertThat(cli.run(pay("--amount", "0")).err()).isEqualTo("error: --amount: must be greater than zero\n");
    assertThat(cli.run(pay("--amount", "12.345")).err())
        .contains("--amount").contains("more than 2 decimal places");
    assertThat(cli.run(pay("--currency", "XYZ")).err()).contains("not a known ISO 4217 currency");
    assertThat(cli.run(pay("--payment-no", "P 1")).err()).contains("1 to 64 letters, digits, '-' or '_'");
  }

  @Test
  void aCardNumberInPlaceOfTheTokenIsRefusedWithoutRepeatingIt() {
    CliRun text = cli.run(pay("--card-token", "4111111111111111"));
    CliRun json = cli.run(pay("--card-token", "4111111111111111", "--json"));

    assertThat(text.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(text.err()).isEqualTo("error: --card-token: looks like a card number (PAN); pass the payment"
        + " channel's token for the card instead\n");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(json.json().get("error").get("message").asText()).startsWith("--card-token: looks like a card number");
    assertThat(text.out() + text.err() + json.out() + json.err()).doesNotContain("4111111111111111");
  }

  @Test
  void aCardNumberAgainstTheRealStackStartsNoWorkflow() {
    SagaTestStack stack = SagaTestStack.get();
    String paymentNo = TestPayments.uniquePaymentNo("pan");

    CliRun run = stack.cli().run("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "1.00",
        "--currency", "CNY", "--card-token", "5555555555554444");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--card-token").doesNotContain("5555555555554444");
    assertThat(stack.cli().run("status", paymentNo).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void withJsonTheErrorIsTheOneObjectOnStdout() {
    CliRun run = cli.run(pay("--amount", "-1", "--json"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    JsonNode error = run.json().get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(2);
    assertThat(error.get("message").asText()).startsWith("--amount:");
  }

  @Test
  void badInputAgainstTheRealStackStartsNoWorkflow() {
    SagaTestStack stack = SagaTestStack.get();
    String paymentNo = TestPayments.uniquePaymentNo("bad");

    CliRun run = stack.cli().run("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "0",
        "--currency", "CNY", "--card-token", "tok_visa");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun status = stack.cli().run("status", paymentNo);
    assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
