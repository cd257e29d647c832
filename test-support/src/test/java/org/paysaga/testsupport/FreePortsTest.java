package org.paysaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void distinctPortsAreDifferentAndBindable() throws Exception {
    int[] ports = FreePorts.distinct(5);

    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
    for (int port : ports) {
      assertThat(FreePorts.isFree(port)).isTrue();
    }
  }

  @Test
  void aBoundPortIsNotFree() throws Exception {
    try (ServerSocket taken = new ServerSocket(FreePorts.free(), 1, InetAddress.getLoopbackAddress())) {
      assertThat(FreePorts.isFree(taken.getLocalPort())).isFalse();
    }
  }
}
