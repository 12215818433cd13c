package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.connectors.LocalApi.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poller: no duplicate publishes, failures isolated per zone and counted, keeps running, and
 * polls on its interval (the first round at once, each next one the interval after the previous
 * ended).
 */
class GridPollerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2023-03-15T03:31:00Z"), ZoneOffset.UTC);

  private final LocalApi api = new LocalApi();
  private final ListPublisher publisher = new ListPublisher();
  private final GridMetrics metrics = new GridMetrics();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void shouldNotPublishAValueThatDidNotChange() {
    final GridPoller poller =
        new GridPoller(
            new StaticFactorConnector(AnnualFactors.shipped(), CLOCK),
            List.of("DE", "FR"),
            publisher,
            metrics,
            CLOCK);

    final GridPoller.Round first = poller.pollOnce();
    final GridPoller.Round second = poller.pollOnce();

    assertThat(first.published()).isEqualTo(2);
    assertThat(second.published()).isZero();
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(publisher.published()).hasSize(2);
    assertThat(metrics.unchanged("static", "DE")).isEqualTo(1);
  }

  @Test
  void shouldPublishNothingOfAMalformedAnswerAndKeepPollingOtherZones() {
    api.on(
        "/intensity/2023-03-15T03:00Z/fw24h",
        Reply.ok("{\"data\":[{\"from\":\"2023-03-15T03:00Z\",\"to\":\"2023-03-15T03:30Z\"}]}"),
        Reply.ok(
            "{\"data\":[{\"from\":\"2023-03-15T03:00Z\",\"to\":\"2023-03-15T03:30Z\","
                + "\"intensity\":{\"forecast\":191,\"actual\":185,\"index\":\"moderate\"}}]}"));
    api.on(
        "/regional/regionid/13",
        Reply.ok(
            "{\"data\":[{\"regionid\":13,\"data\":[{\"from\":\"2023-03-15T03:30Z\","
                + "\"to\":\"2023-03-15T04:00Z\",\"intensity\":{\"forecast\":161,"
                + "\"index\":\"low\"}}]}]}"));
    final UkCarbonIntensityConnector connector =
        new UkCarbonIntensityConnector(
            new GridHttp(
                "uk-carbon-intensity", api.baseUrl(), GridHttpTest.FAST, new RecordingSleeper()),
            CLOCK,
            Duration.ofMinutes(30));
    final GridPoller poller =
        new GridPoller(connector, List.of("GB", "GB-13"), publisher, metrics, CLOCK);

    final GridPoller.Round broken = poller.pollOnce();

    assertThat(broken.failedZones()).containsExactly("GB");
    assertThat(publisher.published()).extracting(v -> v.getZone()).containsExactly("GB-13");
    assertThat(metrics.failures("uk-carbon-intensity", "GB", "format")).isEqualTo(1);
    assertThat(metrics.lastSuccessEpochMillis("uk-carbon-intensity", "GB")).isEmpty();
    assertThat(metrics.lastSuccessEpochMillis("uk-carbon-intensity", "GB-13"))
        .hasValue(CLOCK.millis());

    final GridPoller.Round fixed = poller.pollOnce();

    assertThat(fixed.failedZones()).isEmpty();
    assertThat(fixed.published()).isEqualTo(1);
    assertThat(publisher.published()).extracting(v -> v.getZone()).containsExactly("GB-13", "GB");
    assertThat(metrics.lastSuccessEpochMillis("uk-carbon-intensity", "GB")).isPresent();
  }

  @Test
  void shouldKeepPollingOnItsIntervalAfterFailures() {
    api.on("/regional/regionid/13", Reply.status(422));
    final UkCarbonIntensityConnector connector =
        new UkCarbonIntensityConnector(
            new GridHttp(
                "uk-carbon-intensity", api.baseUrl(), GridHttpTest.FAST, new RecordingSleeper()),
            CLOCK,
            Duration.ofMinutes(30));

    try (GridPoller poller =
        new GridPoller(connector, List.of("GB-13"), publisher, metrics, CLOCK)) {
      poller.start(Duration.ofMillis(20));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> metrics.failures("uk-carbon-intensity", "GB-13", "http-422") >= 3);
    }
    assertThat(publisher.published()).isEmpty();
  }

  @Test
  void shouldStartAtOnceAndWaitTheIntervalBetweenRoundsAlsoAfterFailures() throws Exception {
    final Duration interval = Duration.ofMillis(300);
    final List<Long> roundStarts = new CopyOnWriteArrayList<>();
    final List<Long> roundEnds = new CopyOnWriteArrayList<>();
    final GridConnector failing =
        new GridConnector() {
          @Override
          public String name() {
            return "recording";
          }

          @Override
          public List<GridIntensity> poll(final String zone) {
            roundStarts.add(System.nanoTime());
            try {
              Thread.sleep(50); // a round that takes time: the interval counts from its end
            } catch (final InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            roundEnds.add(System.nanoTime());
            throw new GridSourceException("recording", 503, "unavailable");
          }
        };

    final long started = System.nanoTime();
    try (GridPoller poller = new GridPoller(failing, List.of("GB"), publisher, metrics, CLOCK)) {
      poller.start(interval);
      await().atMost(Duration.ofSeconds(20)).until(() -> roundEnds.size() >= 5);
    }

    assertThat(Duration.ofNanos(roundStarts.get(0) - started))
        .as("first round at once")
        .isLessThan(Duration.ofSeconds(1));
    final List<Duration> pauses = new ArrayList<>();
    for (int i = 1; i < 5; i++) {
      pauses.add(Duration.ofNanos(roundStarts.get(i) - roundEnds.get(i - 1)));
    }
    assertThat(pauses)
        .as("pauses between the end of a round and the start of the next")
        .allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(interval));
    // Scheduling on a busy machine can add delay, never remove it; a pause of 4 intervals or more
    // in every case would be another interval than the one asked for.
    assertThat(pauses).anySatisfy(p -> assertThat(p).isLessThan(interval.multipliedBy(4)));
    assertThat(metrics.failures("recording", "GB", "http-503")).isGreaterThanOrEqualTo(5);
  }
}
