package io.inferenceimpact.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose options are settled but which this version does not run yet: it says so and exits
 * 2.
 */
abstract class PlannedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(spec.qualifiedName() + ": not available yet in this version");
    return ExitCodes.USAGE_OR_NOT_AVAILABLE;
  }
}
