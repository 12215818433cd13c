package io.inferenceimpact.schemas.serde;

import java.io.IOException;
import org.apache.avro.Schema;

/**
 * Walks Avro binary data along its writer schema before it is decoded, and rejects any length or
 * count the remaining bytes cannot hold. Avro allocates a string, byte array or collection at the
 * size its length prefix claims, so a few hostile bytes claiming two gigabytes would end a stream
 * thread with an {@link OutOfMemoryError}; after this check, decoding allocates at most about the
 * record's own size. Items that take no bytes at all (null, empty records) are allowed {@value
 * #MAX_EMPTY_ITEMS} per record; nesting deeper than {@value #MAX_DEPTH} is refused (a recursive
 * schema would otherwise recurse once per byte).
 */
final class AvroLengthGuard {
  static final int MAX_EMPTY_ITEMS = 65_536;
  static final int MAX_DEPTH = 64;

  private final byte[] data;
  private final int end;
  private int pos;
  private int emptyItems;

  private AvroLengthGuard(final byte[] data, final int offset) {
    this.data = data;
    this.pos = offset;
    this.end = data.length;
  }

  /** Checks the value at {@code offset} of {@code data}, written with {@code writer}. */
  static void check(final Schema writer, final byte[] data, final int offset) throws IOException {
    new AvroLengthGuard(data, offset).walk(writer, 0);
  }

  private void walk(final Schema schema, final int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("values nested deeper than " + MAX_DEPTH);
    }
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> skip(1, "boolean");
      case INT, LONG -> readLong();
      case FLOAT -> skip(4, "float");
      case DOUBLE -> skip(8, "double");
      case STRING, BYTES -> skip(length(schema.getType().getName()), schema.getType().getName());
      case FIXED -> skip(schema.getFixedSize(), "fixed " + schema.getFullName());
      case ENUM -> index(schema.getEnumSymbols().size(), "enum " + schema.getFullName());
      case UNION -> walk(schema.getTypes().get(index(schema.getTypes().size(), "union")), depth);
      case RECORD -> {
        for (final Schema.Field field : schema.getFields()) {
          walk(field.schema(), depth + 1);
        }
      }
      case ARRAY -> blocks(schema.getElementType(), false, depth);
      case MAP -> blocks(schema.getValueType(), true, depth);
    }
  }

  private void blocks(final Schema item, final boolean map, final int depth) throws IOException {
    final boolean empty = !map && takesNoBytes(item, 0);
    for (long count = readLong(); count != 0; count = readLong()) {
      if (count < 0) {
        if (count == Long.MIN_VALUE) {
          throw new IOException("invalid block count " + count);
        }
        count = -count;
        length("block"); // the block's size in bytes, which must fit too
      }
      if (empty) {
        emptyItems += (int) Math.min(count, MAX_EMPTY_ITEMS + 1L);
        if (emptyItems > MAX_EMPTY_ITEMS) {
          throw new IOException("more than " + MAX_EMPTY_ITEMS + " empty items");
        }
      } else if (count > end - pos) {
        throw new IOException(
            "block of " + count + " items, but only " + (end - pos) + " bytes are left");
      }
      for (long i = 0; i < count; i++) {
        if (map) {
          skip(length("map key"), "map key");
        }
        walk(item, depth + 1);
      }
    }
  }

  /** True when a value of the schema can be encoded in zero bytes. */
  private static boolean takesNoBytes(final Schema schema, final int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    return switch (schema.getType()) {
      case NULL -> true;
      case FIXED -> schema.getFixedSize() == 0;
      case RECORD -> schema.getFields().stream().allMatch(f -> takesNoBytes(f.schema(), depth + 1));
      default -> false;
    };
  }

  private long length(final String what) throws IOException {
    final long length = readLong();
    if (length < 0 || length > end - pos) {
      throw new IOException(
          what + " length " + length + ", but only " + (end - pos) + " bytes are left");
    }
    return length;
  }

  private int index(final int size, final String what) throws IOException {
    final long index = readLong();
    if (index < 0 || index >= size) {
      throw new IOException(what + " index " + index + " out of range 0.." + (size - 1));
    }
    return (int) index;
  }

  private void skip(final long bytes, final String what) throws IOException {
    if (bytes > end - pos) {
      throw new IOException(what + " needs " + bytes + " bytes, " + (end - pos) + " are left");
    }
    pos += (int) bytes;
  }

  /** A zig-zag varint of at most 10 bytes, as Avro writes int and long. */
  private long readLong() throws IOException {
    long raw = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= end) {
        throw new IOException("record ends inside a number");
      }
      final int b = data[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IOException("invalid variable-length number (more than 10 bytes)");
  }
}
