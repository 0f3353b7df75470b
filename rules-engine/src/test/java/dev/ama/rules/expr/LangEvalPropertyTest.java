package dev.ama.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.grammar.lang.ExprCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.grammar.lang.ObjectNames;
import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.text.AriTextEncoder;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The whole operator-language path: random well-typed trees are written as infix text, compiled by
 * the language's compiler, evaluated by the compiled EXPR, and must equal a direct Java evaluation
 * of the same trees ({@link ExprPropertyTest#direct}). Fixed seeds; to explore, delete {@code seed}
 * and jqwik prints any failing one.
 */
class LangEvalPropertyTest {
  private static final Map<String, String> INFIX =
      Map.ofEntries(
          Map.entry("add", "+"),
          Map.entry("sub", "-"),
          Map.entry("multiply", "*"),
          Map.entry("divide", "/"),
          Map.entry("remainder", "%"),
          Map.entry("compare-gt", ">"),
          Map.entry("compare-ge", ">="),
          Map.entry("compare-lt", "<"),
          Map.entry("compare-le", "<="),
          Map.entry("compare-eq", "=="),
          Map.entry("compare-ne", "!="),
          Map.entry("bool-and", "&&"),
          Map.entry("bool-or", "||"),
          Map.entry("bool-xor", "^^"));

  private final ExprPropertyTest trees = new ExprPropertyTest();

  @Provide
  Arbitrary<ExprPropertyTest.Tree> numbers() {
    return trees.numeric();
  }

  @Provide
  Arbitrary<ExprPropertyTest.Tree> predicates() {
    // The language has no infix form of is-undefined; the other trees cover the rest.
    return trees.predicates().filter(t -> !mentions(t, "is-undefined"));
  }

  private static boolean mentions(ExprPropertyTest.Tree t, String oper) {
    return t instanceof ExprPropertyTest.Op op
        && (op.oper().equals(oper) || op.args().stream().anyMatch(a -> mentions(a, oper)));
  }

  @Property(tries = 2000, seed = "20261123")
  void numeric_text_compiles_and_evaluates_as_java_does(
      @ForAll("numbers") ExprPropertyTest.Tree tree) throws Exception {
    assertThat(viaText(tree)).isEqualTo(ExprPropertyTest.direct(tree));
  }

  @Property(tries = 2000, seed = "20261124")
  void predicate_text_compiles_and_evaluates_as_java_does(
      @ForAll("predicates") ExprPropertyTest.Tree tree) throws Exception {
    assertThat(viaText(tree)).isEqualTo(ExprPropertyTest.direct(tree));
  }

  private static Ari viaText(ExprPropertyTest.Tree tree) throws LangException, ExprException {
    StringBuilder text = new StringBuilder();
    Map<String, Ari> vars = new HashMap<>();
    write(tree, text, vars);
    ObjectNames names = ObjectNames.of(StandardModels.ALL);
    Map<ObjectRef, Ari> values = new HashMap<>();
    for (Map.Entry<String, Ari> v : vars.entrySet()) {
      ObjectRef ref = ObjectRef.of("example", "!prop", AriType.VAR, v.getKey());
      names = names.with(v.getKey(), ref);
      values.put(ref, v.getValue());
    }
    AcLiteral expr = new ExprCompiler(names).compile(text.toString(), "property");
    return dev.ama.rules.expr.ExprCompiler.compile(expr).evaluate(values::get);
  }

  private static void write(ExprPropertyTest.Tree t, StringBuilder sb, Map<String, Ari> vars) {
    if (t instanceof ExprPropertyTest.Leaf leaf) {
      if (leaf.viaVar()) {
        String name = "v" + vars.size();
        vars.put(name, leaf.value());
        sb.append(name);
      } else {
        sb.append('<').append(new AriTextEncoder().encode(leaf.value())).append('>');
      }
      return;
    }
    ExprPropertyTest.Op op = (ExprPropertyTest.Op) t;
    sb.append('(');
    if (op.args().size() == 1) {
      sb.append(op.oper().equals("negate") ? "-" : "!");
      write(op.args().get(0), sb, vars);
    } else {
      write(op.args().get(0), sb, vars);
      sb.append(' ').append(INFIX.get(op.oper())).append(' ');
      write(op.args().get(1), sb, vars);
    }
    sb.append(')');
  }
}
