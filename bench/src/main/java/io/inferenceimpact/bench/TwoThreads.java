package io.inferenceimpact.bench;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link SerdeBenchmarks} on two threads sharing one serde, as Kafka Streams threads share it. JMH
 * reports the sum over both threads.
 */
@Threads(2)
public class TwoThreads extends SerdeBenchmarks {}
