package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.InvalidConfigException;
import io.inferenceimpact.topology.ImpactTopology;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The settings the reliability guarantees rest on: exactly_once_v2 unless the operator chooses
 * otherwise, standby replicas on by default and configurable from file and environment.
 */
class ReliabilitySettingsTest {

  @Test
  void shouldProcessExactlyOnceWithOneStandbyByDefault() {
    final Properties streams = ImpactTopology.streamsConfig(ConfigLoader.defaults());

    assertThat(streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(streams.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("1");
    assertThat(new StreamsConfig(streams).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG))
        .isEqualTo(1);
  }

  @Test
  void shouldTakeTheStandbyCountFromFileAndEnvironment() throws Exception {
    final Properties file = new Properties();
    file.setProperty("kafka.num.standby.replicas", "2");

    assertThat(
            ImpactTopology.streamsConfig(ConfigLoader.load(file, Map.of()))
                .getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG))
        .isEqualTo("2");
    assertThat(
            ImpactTopology.streamsConfig(
                    ConfigLoader.load((Path) null, Map.of("KAFKA_NUM_STANDBY_REPLICAS", "0")))
                .getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG))
        .isEqualTo("0");
  }

  @Test
  void shouldRejectAGuaranteeOrStandbyCountThatIsNotSupported() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    (Path) null, Map.of("KAFKA_PROCESSING_GUARANTEE", "exactly_once")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("processing.guarantee");
    assertThatThrownBy(
            () -> ConfigLoader.load((Path) null, Map.of("KAFKA_NUM_STANDBY_REPLICAS", "-1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("num.standby.replicas");
  }
}
