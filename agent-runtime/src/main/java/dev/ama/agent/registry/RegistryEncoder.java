package dev.ama.agent.registry;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.cbor.AriCborEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns registry values into ARIs (and CBOR bytes). The layouts are in docs/registry.md; {@link
 * RegistryDecoder} reads them back.
 */
public final class RegistryEncoder {
  private final AriCborEncoder cbor = new AriCborEncoder();

  /** A record as an AC of 13 items. */
  public AcLiteral encode(RegistryRecord r) {
    List<Ari> skills = new ArrayList<>(r.skills().size());
    for (Skill s : r.skills()) {
      skills.add(
          s.isPublic()
              ? TextLiteral.of(s.name())
              : AcLiteral.of(TextLiteral.of(s.name()), TextLiteral.of(s.group())));
    }
    List<Ari> endpoints = new ArrayList<>(r.endpoints().size());
    for (String e : r.endpoints()) {
      endpoints.add(TextLiteral.of(e));
    }
    Map<Ari, Ari> meta = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : r.metadata().entrySet()) {
      meta.put(TextLiteral.of(e.getKey()), TextLiteral.of(e.getValue()));
    }
    return new AcLiteral(
        List.of(
            TextLiteral.of(r.agentId()),
            TextLiteral.of(r.name()),
            TextLiteral.of(r.home().toString()),
            IntLiteral.of(r.version().counter()),
            stamp(r.version().stamp()),
            stamp(r.registered()),
            IntLiteral.of(r.status().code()),
            TimeLiteral.tp(r.lastSeen()),
            TimeLiteral.td(r.retention()),
            new AcLiteral(endpoints),
            new AcLiteral(skills),
            new AmLiteral(meta),
            BoolLiteral.of(r.tombstone())));
  }

  /**
   * A delta as AC(from, AC of segments, AC of the sender's peer EIDs); a segment is AC(owner,
   * after, upTo, AC of records).
   */
  public AcLiteral encode(RegistryDelta d) {
    List<Ari> segs = new ArrayList<>(d.segments().size());
    for (RegistryDelta.Segment s : d.segments()) {
      List<Ari> recs = new ArrayList<>(s.records().size());
      for (RegistryRecord r : s.records()) {
        recs.add(encode(r));
      }
      segs.add(
          AcLiteral.of(
              TextLiteral.of(s.owner().toString()),
              IntLiteral.of(s.after()),
              IntLiteral.of(s.upTo()),
              new AcLiteral(recs)));
    }
    List<Ari> peers = new ArrayList<>(d.peers().size());
    for (dev.ama.transport.Eid e : d.peers()) {
      peers.add(TextLiteral.of(e.toString()));
    }
    return AcLiteral.of(
        TextLiteral.of(d.from().toString()), new AcLiteral(segs), new AcLiteral(peers));
  }

  /** An ack as AC(from, AM owner EID text → counter). */
  public AcLiteral encode(RegistryAck a) {
    Map<Ari, Ari> m = new LinkedHashMap<>();
    for (Map.Entry<dev.ama.transport.Eid, Long> e : a.vector().entrySet()) {
      m.put(TextLiteral.of(e.getKey().toString()), IntLiteral.of(e.getValue()));
    }
    return AcLiteral.of(TextLiteral.of(a.from().toString()), new AmLiteral(m));
  }

  /** Digests as AC(from, AC of AC(owner EID text, BYTES of 8 bytes per bucket, big-endian)). */
  public AcLiteral encode(RegistryDigests d) {
    List<Ari> owners = new ArrayList<>(d.owners().size());
    for (RegistryDigests.OwnerDigests o : d.owners()) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * o.buckets().size());
      for (long v : o.buckets()) {
        buf.putLong(v);
      }
      owners.add(AcLiteral.of(TextLiteral.of(o.owner().toString()), BytesLiteral.of(buf.array())));
    }
    return AcLiteral.of(TextLiteral.of(d.from().toString()), new AcLiteral(owners));
  }

  /**
   * A summary (the first level of an audit) as AC(from, AC of AC(owner EID text, records uint,
   * knows uint, BYTES of the 8-byte top hash, big-endian)).
   */
  public AcLiteral encode(RegistrySummary s) {
    List<Ari> owners = new ArrayList<>(s.owners().size());
    for (RegistrySummary.OwnerSummary o : s.owners()) {
      byte[] top = java.nio.ByteBuffer.allocate(8).putLong(o.top()).array();
      owners.add(
          AcLiteral.of(
              TextLiteral.of(o.owner().toString()),
              IntLiteral.of(o.records()),
              IntLiteral.of(o.knows()),
              BytesLiteral.of(top)));
    }
    return AcLiteral.of(TextLiteral.of(s.from().toString()), new AcLiteral(owners));
  }

  /** A digest request as AC(from, AC of AC(owner EID text, bucket count uint)). */
  public AcLiteral encode(DigestRequest r) {
    List<Ari> owners = new ArrayList<>(r.owners().size());
    for (DigestRequest.OwnerAsk o : r.owners()) {
      owners.add(
          AcLiteral.of(TextLiteral.of(o.owner().toString()), IntLiteral.of(o.bucketCount())));
    }
    return AcLiteral.of(TextLiteral.of(r.from().toString()), new AcLiteral(owners));
  }

  /** A bucket request as AC(from, AC of AC(owner EID text, bucket count, AC of indexes)). */
  public AcLiteral encode(BucketRequest r) {
    List<Ari> owners = new ArrayList<>(r.owners().size());
    for (BucketRequest.OwnerBuckets o : r.owners()) {
      List<Ari> idx = new ArrayList<>(o.indexes().size());
      for (int i : o.indexes()) {
        idx.add(IntLiteral.of(i));
      }
      owners.add(
          AcLiteral.of(
              TextLiteral.of(o.owner().toString()),
              IntLiteral.of(o.bucketCount()),
              new AcLiteral(idx)));
    }
    return AcLiteral.of(TextLiteral.of(r.from().toString()), new AcLiteral(owners));
  }

  /** A stamp as an AC of physical milliseconds, logical counter and node EID text. */
  public AcLiteral stamp(HlcTimestamp t) {
    return AcLiteral.of(
        IntLiteral.of(t.physicalMillis()),
        IntLiteral.of(t.logical()),
        TextLiteral.of(t.node().toString()));
  }

  /** The CBOR bytes of an ARI from this encoder. */
  public byte[] toBytes(Ari value) {
    return cbor.encode(value);
  }

  /** The CBOR bytes of digests. */
  public byte[] toBytes(RegistryDigests d) {
    return cbor.encode(encode(d));
  }

  /** The CBOR bytes of a summary. */
  public byte[] toBytes(RegistrySummary s) {
    return cbor.encode(encode(s));
  }

  /** The CBOR bytes of a digest request. */
  public byte[] toBytes(DigestRequest r) {
    return cbor.encode(encode(r));
  }

  /** The CBOR bytes of a bucket request. */
  public byte[] toBytes(BucketRequest r) {
    return cbor.encode(encode(r));
  }

  /** The CBOR bytes of a delta. */
  public byte[] toBytes(RegistryDelta d) {
    return cbor.encode(encode(d));
  }

  /** The CBOR bytes of an ack. */
  public byte[] toBytes(RegistryAck a) {
    return cbor.encode(encode(a));
  }

  /** The CBOR bytes of a record. */
  public byte[] toBytes(RegistryRecord r) {
    return cbor.encode(encode(r));
  }
}
