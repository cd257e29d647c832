package org.paysaga.reliability.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisDataWipeTest {

  @Test
  void everythingInTheDataDirectoryGoesTheDirectoryStays(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("dump.rdb"), "x");
    Path aof = Files.createDirectories(dir.resolve("appendonlydir"));
    Files.writeString(aof.resolve("appendonly.aof.1.incr.aof"), "*1\r\n");

    RedisServerProcess.deleteContents(dir);

    assertThat(dir).isEmptyDirectory();
  }
}
