package org.paysaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void recordsAreReplayedInOrder() throws IOException {
    try (Journal journal = Journal.open(dir, json, record -> {})) {
      assertThat(journal.replayed()).isZero();
      journal.append(json.createObjectNode().put("n", 1));
      journal.append(json.createObjectNode().put("n", 2));
      assertThat(journal.path()).isEqualTo(dir.resolve(Journal.FILE));
    }
    List<JsonNode> seen = new ArrayList<>();
    try (Journal journal = Journal.open(dir, json, seen::add)) {
      assertThat(journal.replayed()).isEqualTo(2);
      journal.append(json.createObjectNode().put("n", 3));
    }
    assertThat(seen).extracting(node -> node.get("n").asInt()).containsExactly(1, 2);
    assertThat(Files.readAllLines(dir.resolve(Journal.FILE))).hasSize(3);
  }

  @Test
  void aLastRecordCutShortByACrashIsDropped() throws IOException {
    Files.writeString(dir.resolve(Journal.FILE), "{\"n\":1}\n\n{\"n\":2}\n{\"n\":", StandardCharsets.UTF_8);
    List<JsonNode> seen = new ArrayList<>();
    try (Journal journal = Journal.open(dir, json, seen::add)) {
      journal.append(json.createObjectNode().put("n", 3));
    }
    assertThat(seen).hasSize(2);
    assertThat(Files.readString(dir.resolve(Journal.FILE))).isEqualTo("{\"n\":1}\n\n{\"n\":2}\n{\"n\":3}\n");
  }

  @Test
  void aDamagedRecordInTheMiddleStopsTheStart() throws IOException {
    Files.writeString(dir.resolve(Journal.FILE), "{\"n\":1}\nnot json\n{\"n\":2}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Journal.open(dir, json, record -> {})).isInstanceOf(IOException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void appendingToAClosedJournalFails() throws IOException {
    Journal journal = Journal.open(dir, json, record -> {});
    journal.close();
    assertThatThrownBy(() -> journal.append(json.createObjectNode())).hasMessageContaining("cannot append");
    Files.writeString(dir.resolve(Journal.FILE), "", StandardOpenOption.APPEND);
  }
}
