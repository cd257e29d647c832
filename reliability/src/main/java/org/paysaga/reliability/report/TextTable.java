package org.paysaga.reliability.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The runs' tables: Markdown with columns padded to their widest cell, readable in a terminal too. */
public final class TextTable {
  private TextTable() {}

  public static String of(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = Math.max(1, header.get(i).length());
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendRow(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendRow(out, rule, widths);
    rows.forEach(row -> appendRow(out, row, widths));
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
    out.append("| ");
    for (int i = 0; i < cells.size(); i++) {
      out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells.get(i)))
          .append(i == cells.size() - 1 ? " |" : " | ");
    }
    out.append('\n');
  }
}
