package dev.ama.cli.node.internal;

import dev.ama.agent.Adm;
import dev.ama.agent.Agent;
import dev.ama.cli.node.NodeConfig;
import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EDDs whose values an application writes to files (one value per file, in ARI text: {@code 42},
 * {@code /REAL64/21.5}, {@code "text"}), as a node-exporter text-file collector does. Reading is
 * cached by the file's modification time and size; a poller tells the agent when a file changed, so
 * SBRs that read the EDD react without waiting for their min-interval. A missing or unreadable file
 * reads as undefined (logged once per change of state).
 */
public final class FileEdds implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileEdds.class);

  /** Files larger than this are not values: read as undefined. */
  static final int MAX_VALUE_BYTES = 64 * 1024;

  private final Duration poll;
  private final List<Source> sources = new ArrayList<>();
  private final AriTextDecoder decoder = new AriTextDecoder(MAX_VALUE_BYTES, 16);
  private ScheduledExecutorService poller;
  private Agent agent;

  public FileEdds(Duration poll) {
    this.poll = poll.isZero() ? Duration.ofSeconds(1) : poll;
  }

  /** The application ADM of one configured model: every EDD read from its file. */
  public Adm adm(ModelIds ids, NodeConfig.Model model) {
    Adm.Builder b = Adm.builder(ids);
    for (NodeConfig.Edd edd : model.edds()) {
      Source s =
          new Source(ObjectRef.of(ids.org(), ids.model(), AriType.EDD, edd.name()), edd.file());
      sources.add(s);
      b.edd(edd.name(), params -> s.value());
    }
    return b.build();
  }

  /** The agent told of changes. */
  public void bind(Agent a) {
    this.agent = a;
  }

  /** Starts polling the files for changes. */
  public synchronized void start() {
    if (sources.isEmpty() || poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ama-edd-files");
              t.setDaemon(true);
              return t;
            });
    long ms = poll.toMillis();
    poller.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void check() {
    for (Source s : sources) {
      try {
        if (s.refresh() && agent != null) {
          agent.eddChanged(s.ref);
        }
      } catch (RuntimeException e) {
        LOG.warn("EDD file {}: {}", s.file, e.toString());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }

  /** One file, its last seen stamp and value. */
  private final class Source {
    final ObjectRef ref;
    final Path file;
    private String stamp = "";
    private Ari value = Ari.UNDEFINED;
    private String problem;

    Source(ObjectRef ref, Path file) {
      this.ref = ref;
      this.file = file;
    }

    synchronized Ari value() {
      refresh();
      return value;
    }

    /** Re-reads the file if it changed; true if the value changed. */
    synchronized boolean refresh() {
      String now;
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        now = a.lastModifiedTime().toMillis() + "/" + a.size();
      } catch (NoSuchFileException e) {
        now = "missing";
      } catch (IOException e) {
        now = "unreadable";
      }
      if (now.equals(stamp)) {
        return false;
      }
      stamp = now;
      Ari before = value;
      value = read();
      return !value.equals(before);
    }

    private Ari read() {
      String why;
      try {
        if (Files.size(file) > MAX_VALUE_BYTES) {
          why = "larger than " + MAX_VALUE_BYTES + " bytes";
        } else {
          String text = Files.readString(file, StandardCharsets.UTF_8).strip();
          Ari v = decoder.decode(text.startsWith("ari:") ? text : "ari:" + text);
          problem = null;
          return v;
        }
      } catch (NoSuchFileException e) {
        why = "no such file";
      } catch (IOException e) {
        why = e.toString();
      } catch (AriDecodeException e) {
        why = "not ARI text: " + e.getMessage();
      }
      if (!why.equals(problem)) {
        LOG.warn("EDD {} reads as undefined: {}: {}", ref, file, why);
        problem = why;
      }
      return Ari.UNDEFINED;
    }
  }
}
