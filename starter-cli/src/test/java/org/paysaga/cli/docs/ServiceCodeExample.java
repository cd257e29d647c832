package org.paysaga.cli.docs;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.nio.file.Path;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.saga.SagaStart;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service-code example of the README ("Starting payments from service code"), compiled and run
 * by {@link ServiceCodeExampleTest}: the text between the markers must appear there verbatim.
 */
final class ServiceCodeExample {
  private static final Logger log = LoggerFactory.getLogger(ServiceCodeExample.class);

  private ServiceCodeExample() {}

  static SagaState payOnce(String temporalAddress, String taskQueue, Path keyFile, String paymentNo)
      throws TimeoutException {
    // service-example:start
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
    WorkflowClient workflowClient = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
        .setDataConverter(SagaDataConverter.encrypting(Keyring.read(keyFile)))   // the workers' payload keys
        .build());
    PaymentSagaClient payments = new PaymentSagaClient(workflowClient,
        new PaymentSagaClient.Options(taskQueue, null));   // the workers' task queue, no execution timeout

    PaymentRequest request = PaymentRequests.parse(paymentNo, "m_shop", "12.34", "CNY", "tok_visa");
    SagaStart start = payments.start(request);            // started() == false: this payment ran before
    SagaState outcome = payments.await(start.sagaId(), Duration.ofMinutes(2));
    if (outcome.status() != SagaStatus.COMPLETED) {
      log.warn("payment {} ended {}: {}", request.paymentNo(), outcome.status(), outcome.failure());
    }
    // service-example:end
    service.shutdown();
    return outcome;
  }
}
