package io.inferenceimpact.schemas.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the location of an Avro incompatibility (a JSON-pointer-like path such as {@code
 * /fields/9/type/items/fields/1/type}) into a dotted field path of the reader schema ({@code
 * forecast.intensity_g_per_kwh}), so that messages name fields rather than positions.
 */
final class FieldPaths {

  private FieldPaths() {}

  /** The dotted field path, or an empty string when the location names no field. */
  static String of(final Schema reader, final String location) {
    final List<String> names = new ArrayList<>();
    Schema schema = reader;
    final String[] tokens = location == null ? new String[0] : location.split("/");
    for (int i = 0; i < tokens.length && schema != null; i++) {
      final String token = tokens[i];
      if (token.equals("fields")
          && schema.getType() == Schema.Type.RECORD
          && i + 1 < tokens.length) {
        final int index = parse(tokens[++i]);
        if (index < 0 || index >= schema.getFields().size()) {
          break;
        }
        final Schema.Field field = schema.getFields().get(index);
        names.add(field.name());
        schema = field.schema();
      } else if (token.equals("items") && schema.getType() == Schema.Type.ARRAY) {
        schema = schema.getElementType();
      } else if (token.equals("values") && schema.getType() == Schema.Type.MAP) {
        schema = schema.getValueType();
      } else if (schema.getType() == Schema.Type.UNION && parse(token) >= 0) {
        final int index = parse(token);
        schema = index < schema.getTypes().size() ? schema.getTypes().get(index) : null;
      } else if (!token.isEmpty() && !token.equals("type")) {
        break;
      }
    }
    return String.join(".", names);
  }

  private static int parse(final String token) {
    try {
      return Integer.parseInt(token);
    } catch (final NumberFormatException e) {
      return -1;
    }
  }
}
