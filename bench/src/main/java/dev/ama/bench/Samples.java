package dev.ama.bench;

import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.AriTypeLiteral;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages the benchmarks measure, and the same content as plain JSON-ready maps (the baseline
 * an application would write with Jackson if it did not use ARI).
 */
public final class Samples {
  private Samples() {}

  /** The enum of a control of the standard agent model. */
  private static long ctrl(String name) {
    return StandardModels.DTNMA_AGENT.enumOf(AriType.CTRL, name).orElseThrow();
  }

  private static final Instant REF_TIME = Instant.parse("2026-11-21T10:15:30Z");

  /**
   * A registry center's periodic report: one report of 10 items, as an agent sends it (standard
   * model identifiers as integer enums).
   */
  public static RptSetLiteral rptSet() {
    ObjectRef source = ObjectRef.builder().org(1).model(1).type(AriType.CONST).object(7).build();
    List<Ari> items =
        List.of(
            new TextLiteral(AriType.TEXTSTR, "ama"),
            new TextLiteral(AriType.TEXTSTR, "0.1.0"),
            IntLiteral.of(AriType.UVAST, 1_284_551),
            IntLiteral.of(AriType.UVAST, 17),
            IntLiteral.of(AriType.UVAST, 1_279_006),
            IntLiteral.of(AriType.UVAST, 3),
            TimeLiteral.tp(REF_TIME.minusMillis(1_250)),
            IntLiteral.of(AriType.UINT, 2),
            new RealLiteral(AriType.REAL64, 0.982),
            BoolLiteral.typed(true));
    return new RptSetLiteral(
        IntLiteral.of(40_213),
        TimeLiteral.tp(REF_TIME),
        List.of(new Report(TimeLiteral.td(0, 0), source, items)));
  }

  /**
   * The same content as {@link #rptSet()}, as an application would write it in JSON: short keys,
   * each item a {@code [type, value]} pair, the source as its ARI text.
   */
  public static Map<String, Object> rptSetAsJson() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("t", 0);
    report.put("s", "ari://ietf/dtnma-agent/CONST/7");
    report.put(
        "items",
        List.of(
            typed("TEXTSTR", "ama"),
            typed("TEXTSTR", "0.1.0"),
            typed("UVAST", 1_284_551),
            typed("UVAST", 17),
            typed("UVAST", 1_279_006),
            typed("UVAST", 3),
            typed("TP", "2026-11-21T10:15:28.750Z"),
            typed("UINT", 2),
            typed("REAL64", 0.982),
            typed("BOOL", true)));
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("n", 40_213);
    set.put("r", "2026-11-21T10:15:30Z");
    set.put("reports", List.of(report));
    return set;
  }

  /** A typed value as a compact JSON pair, the way ARI's own typed literal is a pair. */
  private static List<Object> typed(String type, Object value) {
    return List.of(type, value);
  }

  /**
   * A manager's EXECSET of 3 targets: define a variable, set up a periodic report rule, and ask for
   * a report now.
   */
  public static ExecSetLiteral execSet() {
    ObjectRef ensureVar =
        ObjectRef.builder()
            .org(1)
            .model(1)
            .type(AriType.CTRL)
            .object(ctrl("ensure-var"))
            .params(
                ObjectRef.builder()
                    .org("example")
                    .model("!reg")
                    .type(AriType.VAR)
                    .object("online")
                    .build(),
                new AriTypeLiteral(AriType.UVAST),
                IntLiteral.of(AriType.UVAST, 0))
            .build();
    ObjectRef ensureTbr =
        ObjectRef.builder()
            .org(1)
            .model(1)
            .type(AriType.CTRL)
            .object(ctrl("ensure-tbr"))
            .params(
                ObjectRef.builder()
                    .org("example")
                    .model("!reg")
                    .type(AriType.TBR)
                    .object("push")
                    .build(),
                TimeLiteral.td(30, 0),
                IntLiteral.of(0))
            .build();
    ObjectRef reportOn =
        ObjectRef.builder()
            .org(1)
            .model(1)
            .type(AriType.CTRL)
            .object(ctrl("report-on"))
            .params(
                new AcLiteral(
                    List.of(
                        ObjectRef.builder()
                            .org("example")
                            .model("!reg")
                            .type(AriType.VAR)
                            .object("online")
                            .build())),
                AcLiteral.EMPTY)
            .build();
    return new ExecSetLiteral(IntLiteral.of(7), List.of(ensureVar, ensureTbr, reportOn));
  }
}
