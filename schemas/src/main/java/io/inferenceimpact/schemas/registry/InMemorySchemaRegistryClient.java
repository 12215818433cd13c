package io.inferenceimpact.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry that lives in this process: for offline work that has no registry to talk to ({@code
 * impact replay}) and for topology tests. Ids are global and reused for the same schema text, as in
 * Confluent's registry; compatibility checks are BACKWARD, by Avro's own rules. It counts calls per
 * operation and can be switched "unavailable", so that tests can prove cache behaviour and outages.
 * Real-registry behaviour is proven against a real server.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  public final AtomicInteger registerCalls = new AtomicInteger();
  public final AtomicInteger lookupCalls = new AtomicInteger();
  public final AtomicInteger getByIdCalls = new AtomicInteger();
  public final AtomicInteger getLatestCalls = new AtomicInteger();

  private final Map<String, Integer> idsByText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubject = new HashMap<>();
  private int nextId;
  private volatile boolean unavailable;

  public InMemorySchemaRegistryClient() {
    this(1);
  }

  /** Starts numbering ids at {@code firstId} (to exercise all four id bytes). */
  public InMemorySchemaRegistryClient(final int firstId) {
    this.nextId = firstId;
  }

  public void setUnavailable(final boolean unavailable) {
    this.unavailable = unavailable;
  }

  @Override
  public synchronized int register(final String subject, final Schema schema) {
    registerCalls.incrementAndGet();
    checkAvailable();
    final int id = idsByText.computeIfAbsent(schema.toString(), t -> nextId++);
    schemasById.put(id, schema);
    final List<Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!ids.contains(id)) {
      ids.add(id);
    }
    return id;
  }

  @Override
  public synchronized int lookup(final String subject, final Schema schema) {
    lookupCalls.incrementAndGet();
    checkAvailable();
    final Integer id = idsByText.get(schema.toString());
    if (id == null || !idsBySubject.getOrDefault(subject, List.of()).contains(id)) {
      throw notFound("lookup " + subject, SchemaRegistryHttpException.SCHEMA_NOT_FOUND);
    }
    return id;
  }

  @Override
  public synchronized Schema getById(final int id) {
    getByIdCalls.incrementAndGet();
    checkAvailable();
    final Schema schema = schemasById.get(id);
    if (schema == null) {
      throw notFound("get schema id " + id, SchemaRegistryHttpException.SCHEMA_NOT_FOUND);
    }
    return schema;
  }

  @Override
  public synchronized SchemaMetadata getLatest(final String subject) {
    getLatestCalls.incrementAndGet();
    final List<Integer> ids = versionsOf(subject);
    return getVersion(subject, ids.size());
  }

  @Override
  public synchronized SchemaMetadata getVersion(final String subject, final int version) {
    checkAvailable();
    final List<Integer> ids = versionsOf(subject);
    if (version < 1 || version > ids.size()) {
      throw notFound("version " + version, SchemaRegistryHttpException.VERSION_NOT_FOUND);
    }
    final int id = ids.get(version - 1);
    return new SchemaMetadata(subject, id, version, schemasById.get(id));
  }

  @Override
  public synchronized List<Integer> getVersions(final String subject) {
    final List<Integer> versions = new ArrayList<>();
    for (int v = 1; v <= versionsOf(subject).size(); v++) {
      versions.add(v);
    }
    return versions;
  }

  @Override
  public synchronized boolean testCompatibility(final String subject, final Schema schema) {
    checkAvailable();
    final List<Integer> ids = idsBySubject.get(subject);
    if (ids == null || ids.isEmpty()) {
      return true;
    }
    final Schema latest = schemasById.get(ids.get(ids.size() - 1));
    return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }

  @Override
  public CompatibilityLevel getCompatibility(final String subject) {
    return CompatibilityLevel.BACKWARD;
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    throw new UnsupportedOperationException("the in-memory registry is always BACKWARD");
  }

  private List<Integer> versionsOf(final String subject) {
    checkAvailable();
    final List<Integer> ids = idsBySubject.get(subject);
    if (ids == null) {
      throw notFound("subject " + subject, SchemaRegistryHttpException.SUBJECT_NOT_FOUND);
    }
    return ids;
  }

  private void checkAvailable() {
    if (unavailable) {
      throw new SchemaRegistryException("in-memory registry switched off (simulated outage)");
    }
  }

  private static SchemaRegistryHttpException notFound(final String what, final int code) {
    return new SchemaRegistryHttpException(what, 404, code, "not found");
  }
}
