/**
 * AMP messages: the version byte {@code 0x01} followed by a CBOR sequence of EXECSETs (manager to
 * agent) or RPTSETs (agent to manager). {@link dev.ama.model.amp.AmpMessageEncoder} packs as many
 * items for one destination into one message as fit a size limit (consolidation).
 */
package dev.ama.model.amp;
