package io.inferenceimpact.replay;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topics a topology reads (sources) and writes (sinks with a fixed topic), found from its
 * description, so that replay follows whatever stages the topology has.
 */
record TopologyTopics(Set<String> sources, Set<String> sinks) {

  static TopologyTopics of(final Topology topology) {
    final Set<String> sources = new HashSet<>();
    final Set<String> sinks = new HashSet<>();
    final TopologyDescription description = topology.describe();
    for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (final TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          sources.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          sinks.add(sink.topic());
        }
      }
    }
    for (final TopologyDescription.GlobalStore store : description.globalStores()) {
      if (store.source().topicSet() != null) {
        sources.addAll(store.source().topicSet());
      }
    }
    return new TopologyTopics(Set.copyOf(sources), Set.copyOf(sinks));
  }
}
