package io.inferenceimpact.replay;

/** One output file of a replay: its name in the output folder, its topic and its line count. */
public record ReplayOutput(String fileName, String topic, long records) {

  /** The one-line summary printed for the file. */
  public String summary() {
    return fileName + ": " + records + (records == 1 ? " record" : " records");
  }
}
