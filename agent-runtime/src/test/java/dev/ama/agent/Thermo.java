package dev.ama.agent;

import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TextLiteral;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** An application ADM for tests: a thermometer EDD, a heater CTRL, a limit VAR, a CONST. */
final class Thermo {
  static final ModelIds IDS =
      ModelIds.builder("example", "thermo")
          .revision(LocalDate.of(2026, 1, 1))
          .object(AriType.EDD, "current_temp", 1)
          .object(AriType.EDD, "sensor", 2)
          .object(AriType.CTRL, "turn_heater_off", 1)
          .object(AriType.CTRL, "set_point", 2)
          .object(AriType.VAR, "maximum_temp", 1)
          .object(AriType.CONST, "unit", 1)
          .build();

  static final ObjectRef CURRENT_TEMP =
      ObjectRef.of("example", "thermo", AriType.EDD, "current_temp");

  double temperature = 20.0;
  final List<List<Ari>> heaterOff = new ArrayList<>();
  final List<Ari> setPoints = new ArrayList<>();

  Adm adm() {
    return Adm.builder(IDS)
        .edd("current_temp", p -> new RealLiteral(AriType.REAL64, temperature))
        .edd(
            "sensor",
            p ->
                p.isEmpty()
                    ? Ari.UNDEFINED
                    : new TextLiteral(AriType.TEXTSTR, "sensor " + p.get(0)))
        .ctrl(
            "turn_heater_off",
            (ctx, p) -> {
              heaterOff.add(p);
              return null;
            })
        .ctrl(
            "set_point",
            (ctx, p) -> {
              if (p.size() != 1) {
                throw new ExecutionException(
                    ExecutionException.Code.BAD_PARAMETERS, "set_point takes one value");
              }
              setPoints.add(p.get(0));
              return p.get(0);
            })
        .variable("maximum_temp", new RealLiteral(AriType.REAL64, 25.0))
        .constant("unit", TextLiteral.of("celsius"))
        .build();
  }
}
