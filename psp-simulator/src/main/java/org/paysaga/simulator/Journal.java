package org.paysaga.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The simulator's state on disk: one JSON record a line in {@code <data-dir>/journal.jsonl},
 * appended and forced to the disk before the answer it records is sent, replayed at start. A
 * record cut short by a crash (a last line without its newline) was never answered: it is cut off.
 */
final class Journal implements Closeable {
  static final String FILE = "journal.jsonl";

  private final Path path;
  private final ObjectMapper json;
  private final FileChannel channel;
  private final int replayed;

  private Journal(Path path, ObjectMapper json, FileChannel channel, int replayed) {
    this.path = path;
    this.json = json;
    this.channel = channel;
    this.replayed = replayed;
  }

  /** Opens (or creates) the journal in {@code dataDir}, handing every record to {@code replay} first. */
  static Journal open(Path dataDir, ObjectMapper json, Consumer<JsonNode> replay) throws IOException {
    Files.createDirectories(dataDir);
    Path path = dataDir.resolve(FILE);
    int records = 0;
    if (Files.exists(path)) {
      byte[] bytes = Files.readAllBytes(path);
      int start = 0;
      int line = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] != '\n') {
          continue;
        }
        line++;
        String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        start = i + 1;
        if (text.isBlank()) {
          continue;
        }
        JsonNode record;
        try {
          record = json.readTree(text);
        } catch (JsonProcessingException e) {
          throw new IOException(path + " line " + line + " is not a journal record: the journal is damaged", e);
        }
        replay.accept(record);
        records++;
      }
      if (start < bytes.length) {
        // The last write was cut short by a crash: its request got no answer, so it never happened.
        try (FileChannel cut = FileChannel.open(path, StandardOpenOption.WRITE)) {
          cut.truncate(start);
          cut.force(true);
        }
      }
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    return new Journal(path, json, channel, records);
  }

  Path path() {
    return path;
  }

  /** How many records the start replayed. */
  int replayed() {
    return replayed;
  }

  /** Appends the record and forces it to the disk: once this returns, a SIGKILL cannot lose it. */
  synchronized void append(JsonNode record) {
    try {
      byte[] line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
