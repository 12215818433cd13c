package io.inferenceimpact.faults;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.inferenceimpact.testing.TestTier;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * The images deploy/images/build.sh makes on this machine, and the rules for running them: nothing
 * is ever pulled (no container registry is reachable, and a pull attempt would leave the machine),
 * Testcontainers' Ryuk and startup checks are off, and every missing piece fails with what to do.
 */
final class LocalImages {
  static final DockerImageName SERVICE = DockerImageName.parse("local/inference-impact:dev");
  static final DockerImageName KAFKA = DockerImageName.parse("local/inference-impact-kafka:4.4.0");
  static final DockerImageName PROMETHEUS =
      DockerImageName.parse("local/inference-impact-prometheus:2.42");

  /** A pull policy that never pulls: images must exist locally (checked by {@link #require}). */
  static final ImagePullPolicy NEVER_PULL = image -> false;

  private static final Map<String, String> REQUIRED_ENVIRONMENT =
      Map.of(
          "TESTCONTAINERS_RYUK_DISABLED", "true",
          "TESTCONTAINERS_CHECKS_DISABLE", "true",
          "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

  private LocalImages() {}

  /**
   * Fails unless the engine answers, Testcontainers is set never to start helper containers, and
   * every image exists locally.
   */
  static void require(final List<DockerImageName> images) {
    TestTier.requireIntegration("Docker containers");
    REQUIRED_ENVIRONMENT.forEach(
        (name, value) -> {
          if (!value.equals(System.getenv(name))) {
            throw new IllegalStateException(
                name
                    + "="
                    + value
                    + " is required (it keeps Testcontainers from pulling helper images); found "
                    + System.getenv(name));
          }
        });
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "No Docker engine at DOCKER_HOST="
              + System.getenv("DOCKER_HOST")
              + ": ./run-tests starts one (deploy/machine.sh machine_docker_start)");
    }
    final DockerClient client = DockerClientFactory.instance().client();
    for (final DockerImageName image : images) {
      try {
        client.inspectImageCmd(image.asCanonicalNameString()).exec();
      } catch (final NotFoundException e) {
        throw new IllegalStateException(
            "Image "
                + image.asCanonicalNameString()
                + " is not on this engine and is never pulled: build it with"
                + " deploy/images/build.sh (./run-tests does)",
            e);
      }
    }
  }
}
