package org.paysaga.cli.output;

import java.io.PrintWriter;

/**
 * Where a command writes. Human mode: sentences and tables on stdout. JSON mode ({@code --json}):
 * exactly one JSON object on stdout and nothing else there; notes go to stderr in both modes.
 */
public final class Output {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  public Output(PrintWriter out, PrintWriter err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  /** A line for people (human mode only). */
  public void line(String text) {
    if (!json) {
      out.println(text);
      out.flush();
    }
  }

  /** An empty line for people (human mode only). */
  public void blank() {
    line("");
  }

  /** A table for people (human mode only). */
  public void table(Table table) {
    if (!json) {
      table.render().forEach(out::println);
      out.flush();
    }
  }

  /** The command's one JSON object (JSON mode only). */
  public void result(Object value) {
    if (json) {
      out.println(Json.write(value));
      out.flush();
    }
  }

  /** A note on stderr, in both modes (progress, warnings). */
  public void note(String text) {
    err.println(text);
    err.flush();
  }
}
