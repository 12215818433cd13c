package io.inferenceimpact.schemas.serde;

/**
 * The Confluent wire format: magic byte {@code 0x00}, the schema's registry id as a 4-byte
 * big-endian int, then the Avro binary encoding of the value (Confluent docs, "Wire format").
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0x0;
  public static final int ID_SIZE_BYTES = 4;
  public static final int HEADER_SIZE_BYTES = 1 + ID_SIZE_BYTES;

  private WireFormat() {}

  /** The 5-byte header for {@code schemaId}. */
  public static byte[] header(final int schemaId) {
    return new byte[] {
      MAGIC_BYTE,
      (byte) (schemaId >>> 24),
      (byte) (schemaId >>> 16),
      (byte) (schemaId >>> 8),
      (byte) schemaId
    };
  }

  /**
   * The schema id in the header of {@code payload}.
   *
   * @throws AvroWireFormatException if the payload is shorter than the header or does not start
   *     with the magic byte
   */
  public static int schemaId(final byte[] payload, final String topic) {
    if (payload.length < HEADER_SIZE_BYTES) {
      throw new AvroWireFormatException(
          "Record on topic '"
              + topic
              + "' is "
              + payload.length
              + " bytes, shorter than the "
              + HEADER_SIZE_BYTES
              + "-byte Confluent header (magic byte + schema id)");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new AvroWireFormatException(
          String.format(
              "Record on topic '%s' starts with byte 0x%02x, not the Confluent magic byte 0x00: "
                  + "not Confluent Avro wire format",
              topic, payload[0] & 0xff));
    }
    return ((payload[1] & 0xff) << 24)
        | ((payload[2] & 0xff) << 16)
        | ((payload[3] & 0xff) << 8)
        | (payload[4] & 0xff);
  }
}
