package dev.ama.model.ari;

import dev.ama.model.ari.internal.FrozenList;
import java.util.ArrayList;
import java.util.List;

/**
 * A table (TBL): a column count and its cells row by row, e.g. {@code ari:/TBL/c=3;(1,2,3)(4,5,6)}.
 */
public record TblLiteral(int columns, List<Ari> cells) implements Literal {
  public TblLiteral {
    if (columns < 0) {
      throw new IllegalArgumentException("negative column count " + columns);
    }
    cells = FrozenList.copyOf(cells);
    if (columns == 0 ? !cells.isEmpty() : cells.size() % columns != 0) {
      throw new IllegalArgumentException(
          cells.size() + " cells do not fill whole rows of " + columns + " columns");
    }
  }

  /** A table built from rows, each of {@code columns} cells. */
  public static TblLiteral ofRows(int columns, List<List<Ari>> rows) {
    List<Ari> cells = new ArrayList<>();
    for (List<Ari> row : rows) {
      if (row.size() != columns) {
        throw new IllegalArgumentException(
            "a row of " + row.size() + " cells in a table of " + columns + " columns");
      }
      cells.addAll(row);
    }
    return new TblLiteral(columns, cells);
  }

  /** The number of rows. */
  public int rowCount() {
    return columns == 0 ? 0 : cells.size() / columns;
  }

  /** The cells of one row. */
  public List<Ari> row(int index) {
    return cells.subList(index * columns, (index + 1) * columns);
  }

  /** The cell at a row and column. */
  public Ari cell(int row, int column) {
    if (column < 0 || column >= columns) {
      throw new IndexOutOfBoundsException("column " + column + " of " + columns);
    }
    return cells.get(row * columns + column);
  }

  @Override
  public AriType type() {
    return AriType.TBL;
  }
}
