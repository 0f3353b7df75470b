package dev.ama.rules.expr.internal;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.TblLiteral;
import dev.ama.rules.expr.ValueProvider;
import java.util.ArrayList;
import java.util.List;

/** list-get, map-get, tbl-get and tbl-filter. A missing item or a wrong container is undefined. */
final class ContainerNodes {
  private ContainerNodes() {}

  /** list-get(index). */
  static final class ListGet extends Node {
    private final long index;
    private final Node operand;

    ListGet(long index, Node operand) {
      this.index = index;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (f.obj instanceof AcLiteral ac && index < ac.items().size()) {
        f.set(ac.items().get((int) index));
      } else {
        f.undefined();
      }
    }
  }

  /** map-get(key); the key is compared as an AM key (untyped integer or text). */
  static final class MapGet extends Node {
    private final Ari key;
    private final Node operand;

    MapGet(Ari key, Node operand) {
      this.key = key;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      Ari v = f.obj instanceof AmLiteral am ? am.entries().get(key) : null;
      f.set(v == null ? Ari.UNDEFINED : v);
    }
  }

  /** tbl-get(row, column). */
  static final class TblGet extends Node {
    private final long row;
    private final long column;
    private final Node operand;

    TblGet(long row, long column, Node operand) {
      this.row = row;
      this.column = column;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (f.obj instanceof TblLiteral tbl && row < tbl.rowCount() && column < tbl.columns()) {
        f.set(tbl.cell((int) row, (int) column));
      } else {
        f.undefined();
      }
    }
  }

  /**
   * tbl-filter(rows, columns): keeps the rows for which the row filter (with {@code /LABEL/n} read
   * as column n) is truthy, then the listed columns in the listed order ({@code null}: all).
   */
  static final class TblFilter extends Node {
    private final Node filter;
    private final int[] columns;
    private final Node operand;

    TblFilter(Node filter, int[] columns, Node operand) {
      this.filter = filter;
      this.columns = columns;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (!(f.obj instanceof TblLiteral tbl)) {
        f.undefined();
        return;
      }
      if (columns != null) {
        for (int c : columns) {
          if (c >= tbl.columns()) {
            f.undefined();
            return;
          }
        }
      }
      List<Ari> saved = f.row;
      List<Ari> cells = new ArrayList<>();
      try {
        for (int r = 0; r < tbl.rowCount(); r++) {
          List<Ari> row = tbl.row(r);
          f.row = row;
          filter.eval(values, f);
          if (!LogicNodes.truthy(f)) {
            continue;
          }
          if (columns == null) {
            cells.addAll(row);
          } else {
            for (int c : columns) {
              cells.add(row.get(c));
            }
          }
        }
      } finally {
        f.row = saved;
      }
      f.set(new TblLiteral(columns == null ? tbl.columns() : columns.length, cells));
    }
  }
}
