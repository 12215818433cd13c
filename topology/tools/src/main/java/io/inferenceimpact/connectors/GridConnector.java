package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.GridIntensity;
import java.util.List;

/**
 * One source of grid carbon intensity. A poll either returns complete values or throws a {@link
 * GridSourceException}; it never returns a partly read answer.
 */
public interface GridConnector {
  /** The name used in logs, metrics and errors (e.g. electricitymaps). */
  String name();

  /**
   * The values the source now has for the zone, oldest first: usually one, several when a source
   * also revises earlier intervals (a UK actual that supersedes its forecast).
   */
  List<GridIntensity> poll(String zone);
}
