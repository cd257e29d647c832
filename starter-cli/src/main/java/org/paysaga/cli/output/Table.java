package org.paysaga.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table: a header row, columns padded to their widest cell, two spaces apart. */
public final class Table {
  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
    this.rightAligned = new boolean[headers.size()];
  }

  public static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  /** Right-aligns the named columns (numbers). */
  public Table alignRight(String... columns) {
    for (String column : columns) {
      int index = headers.indexOf(column);
      if (index < 0) {
        throw new IllegalArgumentException("no column " + column);
      }
      rightAligned[index] = true;
    }
    return this;
  }

  /** Adds a row; nulls print as empty cells. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row of " + cells.length + " cells for " + headers.size() + " columns: " + Arrays.toString(cells));
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "" : cell.toString().replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public List<String> render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(format(headers, widths));
    for (List<String> row : rows) {
      lines.add(format(row, widths));
    }
    return lines;
  }

  private String format(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String padding = " ".repeat(widths[i] - cell.length());
      line.append(rightAligned[i] ? padding + cell : cell + padding);
    }
    return line.toString().stripTrailing();
  }
}
