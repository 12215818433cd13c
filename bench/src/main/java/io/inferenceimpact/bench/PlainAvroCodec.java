package io.inferenceimpact.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The baseline: plain Avro binary coding of one record type, with no wire-format header and no
 * registry, reusing its encoder, decoder and output stream. Encoding still returns a fresh byte
 * array, as every Kafka serializer must. Not thread-safe: one instance per benchmark thread.
 */
final class PlainAvroCodec<T extends SpecificRecord> {

  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  PlainAvroCodec(final Class<T> type) {
    this.writer = new SpecificDatumWriter<>(type);
    this.reader = new SpecificDatumReader<>(type);
  }

  byte[] encode(final T record) {
    out.reset();
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  T decode(final byte[] avroBinary) {
    decoder = DecoderFactory.get().binaryDecoder(avroBinary, decoder);
    try {
      return reader.read(null, decoder);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
