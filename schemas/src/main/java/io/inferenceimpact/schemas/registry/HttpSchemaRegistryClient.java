package io.inferenceimpact.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API (Confluent Schema Registry, Apicurio
 * ccompat). No caching: wrap it in {@link CachedSchemaRegistryClient}, or use {@link
 * SchemaRegistryClient#create}. Schemas are always sent as {@code schema.toString()}, since
 * registries (Apicurio) detect duplicates by exact text.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private final ObjectMapper json = new ObjectMapper();
  private final RegistryHttpTransport transport;

  public HttpSchemaRegistryClient(final SchemaRegistryClientConfig config) {
    this.transport = new RegistryHttpTransport(config, json);
  }

  @Override
  public int register(final String subject, final Schema schema) {
    final String what = "register schema under subject '" + subject + "'";
    final String path = "/subjects/" + encode(subject) + "/versions";
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        transport.pauseBeforeRetry(attempt - 1, "POST", what);
      }
      try {
        return read(transport.send("POST", path, schemaBody(schema), what), what)
            .path("id")
            .asInt();
      } catch (final SchemaRegistryHttpException conflict) {
        if (conflict.httpStatus() != 409) {
          throw conflict;
        }
        // A registration retried after a timeout, or racing another client's, meets its own
        // schema: some registries (Apicurio) answer 409 "already exists" where Confluent's returns
        // the id. If the exact schema is there, its id is the answer. If it is not visible yet (the
        // other creation is still under way), registering again shortly after gets the id; any
        // other conflict stands.
        try {
          return lookup(subject, schema);
        } catch (final SchemaRegistryHttpException lookupFailure) {
          conflict.addSuppressed(lookupFailure);
          if (!alreadyExists(conflict) || attempt >= transport.maxRetries()) {
            throw conflict;
          }
        }
      }
    }
  }

  private static boolean alreadyExists(final SchemaRegistryHttpException conflict) {
    return conflict.getMessage() != null && conflict.getMessage().contains("already exists");
  }

  @Override
  public int lookup(final String subject, final Schema schema) {
    final String what = "look up schema under subject '" + subject + "'";
    return read(
            transport.send("POST", "/subjects/" + encode(subject), schemaBody(schema), what), what)
        .path("id")
        .asInt();
  }

  @Override
  public Schema getById(final int id) {
    final String what = "get schema id " + id;
    final JsonNode node = read(transport.send("GET", "/schemas/ids/" + id, null, what), what);
    return parse(node, what);
  }

  @Override
  public SchemaMetadata getLatest(final String subject) {
    return version(subject, "latest");
  }

  @Override
  public SchemaMetadata getVersion(final String subject, final int version) {
    return version(subject, Integer.toString(version));
  }

  @Override
  public List<Integer> getVersions(final String subject) {
    final String what = "list versions of subject '" + subject + "'";
    final List<Integer> versions = new ArrayList<>();
    read(transport.send("GET", "/subjects/" + encode(subject) + "/versions", null, what), what)
        .forEach(v -> versions.add(v.asInt()));
    return List.copyOf(versions);
  }

  @Override
  public boolean testCompatibility(final String subject, final Schema schema) {
    final String what = "test compatibility with subject '" + subject + "'";
    try {
      return read(
              transport.send(
                  "POST",
                  "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                  schemaBody(schema),
                  what),
              what)
          .path("is_compatible")
          .asBoolean(false);
    } catch (SchemaRegistryHttpException e) {
      if (e.isNotFound()
          && (e.errorCode() == SchemaRegistryHttpException.SUBJECT_NOT_FOUND
              || e.errorCode() == SchemaRegistryHttpException.VERSION_NOT_FOUND)) {
        return true; // nothing registered yet: any schema is compatible
      }
      throw e;
    }
  }

  @Override
  public CompatibilityLevel getCompatibility(final String subject) {
    final String what =
        subject == null
            ? "get global compatibility"
            : "get compatibility of subject '" + subject + "'";
    final String path =
        subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
    JsonNode node;
    try {
      node = read(transport.send("GET", path, null, what), what);
    } catch (SchemaRegistryHttpException e) {
      if (subject == null || !e.isNotFound()) {
        throw e;
      }
      node = read(transport.send("GET", "/config", null, what), what); // no subject-level setting
    }
    final JsonNode level =
        node.has("compatibilityLevel") ? node.get("compatibilityLevel") : node.get("compatibility");
    if (level == null) {
      throw new SchemaRegistryException(what + ": answer carries no compatibility level");
    }
    return CompatibilityLevel.valueOf(level.asText().toUpperCase(Locale.ROOT));
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    final String what =
        subject == null
            ? "set global compatibility"
            : "set compatibility of subject '" + subject + "'";
    final ObjectNode body = json.createObjectNode().put("compatibility", level.name());
    transport.send(
        "PUT", subject == null ? "/config" : "/config/" + encode(subject), write(body), what);
  }

  private SchemaMetadata version(final String subject, final String version) {
    final String what = "get version " + version + " of subject '" + subject + "'";
    final JsonNode node =
        read(
            transport.send(
                "GET", "/subjects/" + encode(subject) + "/versions/" + version, null, what),
            what);
    return new SchemaMetadata(
        node.path("subject").asText(subject),
        node.path("id").asInt(),
        node.path("version").asInt(),
        parse(node, what));
  }

  private String schemaBody(final Schema schema) {
    return write(
        json.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO"));
  }

  private String write(final JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException("Cannot encode request: " + e.getOriginalMessage(), e);
    }
  }

  private JsonNode read(final String body, final String what) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(what + ": registry answer is not JSON", e);
    }
  }

  private static Schema parse(final JsonNode node, final String what) {
    final String type = node.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new SchemaRegistryException(what + ": schema type " + type + " is not AVRO");
    }
    final JsonNode text = node.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException(what + ": answer carries no schema");
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(what + ": registry returned an unparseable schema", e);
    }
  }

  static String encode(final String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
