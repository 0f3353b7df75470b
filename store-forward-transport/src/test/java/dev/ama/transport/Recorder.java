package dev.ama.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records what a node delivered and reported, for assertions. Thread-safe. */
final class Recorder implements DeliveryListener, TransportListener {
  final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
  final List<BundleId> expired = Collections.synchronizedList(new ArrayList<>());
  final List<BundleId> evicted = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void onDelivery(Delivery d) {
    deliveries.add(d);
  }

  @Override
  public void onExpired(BundleId id, Eid destination, Priority priority) {
    expired.add(id);
  }

  @Override
  public void onEvicted(BundleId id, Eid destination, Priority priority) {
    evicted.add(id);
  }

  List<BundleId> ids() {
    synchronized (deliveries) {
      return deliveries.stream().map(d -> d.bundle().id()).toList();
    }
  }
}
