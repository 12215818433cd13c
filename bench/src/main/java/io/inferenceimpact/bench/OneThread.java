package io.inferenceimpact.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link SerdeBenchmarks} on one thread. */
@Threads(1)
public class OneThread extends SerdeBenchmarks {}
