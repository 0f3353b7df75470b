/** JMH benchmarks of ama, each beside a baseline measured in the same run. Not run by CI. */
package dev.ama.bench;
