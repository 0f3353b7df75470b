package dev.ama.cli;

import dev.ama.cli.node.Node;
import dev.ama.cli.node.NodeConfig;
import dev.ama.cli.node.NodeConfigException;
import dev.ama.cli.node.NodeConfigLoader;
import dev.ama.cli.node.NodeStartException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ama node}: runs a node (agent, manager or both) until SIGTERM or Ctrl-C. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    versionProvider = AmaCommand.Version.class,
    description = {
      "Run a node: the agent role, the manager role or both, with its transport links, data",
      "directory, ACLs, startup rules and HTTP API, as node.yaml says (docs/node.md).",
      "Stops cleanly on SIGTERM or Ctrl-C: nothing accepted is lost.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ama node --config examples/nodes/manager.yaml",
      "  ama node --config examples/nodes/agent-2.yaml --check    validate only",
      "",
      "Exit codes: 0 stopped cleanly (or the config is valid), 1 failure, 2 usage error."
    })
public final class NodeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The node's configuration (YAML).")
  Path config;

  @Option(
      names = "--check",
      description = "Validate the configuration (and its startup files and contact plans) only.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NodeConfig c;
    try {
      c = NodeConfigLoader.load(config);
      if (check) {
        Node.check(c);
        out.println(config + ": ok (" + c.eid() + ", " + String.join(" + ", c.roles()) + ")");
        out.flush();
        return 0;
      }
    } catch (NodeConfigException e) {
      e.problems().forEach(p -> err.println("error: " + p));
      err.println(e.problems().size() + " problem(s): fix them and run again");
      err.flush();
      return 1;
    } catch (NodeStartException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    Node node;
    try {
      node = Node.start(c);
    } catch (NodeStartException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              node.close();
              out.println("node " + c.eid() + " stopped");
              out.flush();
              stopped.countDown();
            },
            "ama-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "node "
            + c.eid()
            + " ("
            + String.join(" + ", c.roles())
            + ") running; API "
            + node.httpUri()
            + " (Ctrl-C stops it)");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
