package dev.ama.transport.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The windows in which one link may carry bundles, sorted by start. Windows may not overlap. An
 * empty plan means the link is never in contact; a link without a plan is governed by its up/down
 * state alone.
 */
public final class ContactPlan {
  private final List<Contact> contacts;

  private ContactPlan(List<Contact> contacts) {
    this.contacts = contacts;
  }

  /**
   * A plan of these windows, in any order.
   *
   * @throws IllegalArgumentException if two windows overlap
   */
  public static ContactPlan of(List<Contact> contacts) {
    List<Contact> sorted = new ArrayList<>(contacts);
    sorted.sort(Comparator.comparing(Contact::start));
    for (int i = 1; i < sorted.size(); i++) {
      Contact prev = sorted.get(i - 1);
      Contact next = sorted.get(i);
      if (next.start().isBefore(prev.end())) {
        throw new IllegalArgumentException(
            "contacts overlap: "
                + prev.start()
                + ".."
                + prev.end()
                + " and "
                + next.start()
                + ".."
                + next.end());
      }
    }
    return new ContactPlan(List.copyOf(sorted));
  }

  /** The windows, sorted by start. */
  public List<Contact> contacts() {
    return contacts;
  }

  /** The window that contains {@code t}, if any. */
  public Optional<Contact> contactAt(Instant t) {
    int lo = 0;
    int hi = contacts.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Contact c = contacts.get(mid);
      if (t.isBefore(c.start())) {
        hi = mid - 1;
      } else if (!t.isBefore(c.end())) {
        lo = mid + 1;
      } else {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The next instant after {@code t} at which contact starts or ends, so that a waiting node knows
   * when to look again; empty if nothing changes after {@code t}.
   */
  public Optional<Instant> nextChangeAfter(Instant t) {
    for (Contact c : contacts) {
      if (c.start().isAfter(t)) {
        return Optional.of(c.start());
      }
      if (c.end().isAfter(t)) {
        return Optional.of(c.end());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "ContactPlan" + contacts;
  }
}
