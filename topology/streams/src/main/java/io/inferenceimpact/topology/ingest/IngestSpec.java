package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.validation.Validator;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the ingest stage needs to know about one input.
 *
 * @param prefix prefix of every processor name of this input, e.g. {@code requests}
 * @param keyOf the output key, taken from the value (producers' keys are not trusted)
 * @param eventTimeOf the event time carried by the value, in epoch millis
 */
public record IngestSpec<T>(
    String prefix,
    Topic<byte[], byte[]> source,
    Deserializer<T> decoder,
    Validator<T> validator,
    Function<T, String> keyOf,
    ToLongFunction<T> eventTimeOf) {}
