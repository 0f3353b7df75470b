package dev.ama.manager.store;

import dev.ama.grammar.lang.Definition;
import dev.ama.model.ari.ExecSetLiteral;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Manager's own state, beside its reports: the nonce counter, every EXECSET it sent, the
 * objects it defined on each agent, what each agent's hello said, and its fusion definitions.
 *
 * <p>Implementations are thread-safe, and every write is durable when it returns. Every method
 * throws {@link ManagerStoreException}: {@code CLOSED} after {@link #close()}, {@code
 * STORE_FAILURE} when the database fails (a write that fails changes nothing).
 */
public interface ManagerStore extends AutoCloseable {

  /**
   * Records one send, in one transaction: takes one fresh nonce per EXECSET from the persisted
   * counter (so no nonce is ever given twice, also across restarts), keeps each EXECSET with its
   * nonce, and keeps (or updates) the objects the send defines on the agent.
   *
   * @param execSets the EXECSETs to send; their own nonces are replaced
   * @return each EXECSET as it is to be sent, with its nonce, in order
   */
  List<SentExecSet> recordSend(
      String agent,
      Instant time,
      String source,
      List<ExecSetLiteral> execSets,
      List<Definition> definitions);

  /** Records that the sender refused the EXECSET with this nonce, and why. */
  void markFailed(long nonce, String reason);

  /** The EXECSET sent with this nonce, if any. */
  Optional<SentExecSet> sent(long nonce);

  /** The latest EXECSETs sent to one agent, newest first, at most {@code limit}. */
  List<SentExecSet> sentTo(String agent, int limit);

  /** The last nonce given, 0 when none. */
  long lastNonce();

  /** The objects defined on one agent, in definition order. */
  List<Definition> definitions(String agent);

  /** Every agent an EXECSET was sent to. */
  List<String> agentsSentTo();

  /**
   * Keeps what an agent's hello said, unless a hello with a later time is kept already.
   *
   * @return whether it was kept
   */
  boolean putHello(AgentHello hello);

  /** The latest hello of each agent, by agent. */
  Map<String, AgentHello> hellos();

  /** Keeps a fusion definition (its persisted form), replacing one of the same name. */
  void putFusion(String name, String spec);

  /**
   * Removes a fusion definition.
   *
   * @return whether there was one
   */
  boolean removeFusion(String name);

  /** Every fusion definition's persisted form, by name. */
  Map<String, String> fusions();

  /** Closes the database; later calls fail with {@code CLOSED}. */
  @Override
  void close();
}
