package dev.ama.transport;

import java.util.List;

/**
 * A bundle handed to the application.
 *
 * @param sequence this node's delivery number: increasing, never reused. An application that must
 *     see each bundle exactly once even across its own crashes stores the last sequence it applied
 *     together with its effects and gives it back at start ({@link
 *     TransportNode.Builder#delivery(DeliveryListener, long)})
 * @param bundle the bundle
 * @param items the bundle's items: the payload itself, or the items packed into it by {@link
 *     TransportNode#sendItem}
 */
public record Delivery(long sequence, Bundle bundle, List<byte[]> items) {}
