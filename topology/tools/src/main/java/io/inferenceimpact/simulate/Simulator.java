package io.inferenceimpact.simulate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SimulationEngine} on its own thread, paced to wall-clock time by the speed (or as
 * fast as possible at speed 0), until the duration is simulated or {@link #close()} is called. The
 * caller owns the sink and closes it after this.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(settings, sink)) {
 *   sim.awaitFinished(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private final SimulationEngine engine;
  private final SimulationSink sink;
  private final double speed;
  private final Thread thread;
  private final CountDownLatch done = new CountDownLatch(1);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean closed;
  private volatile Throwable failure;

  private Simulator(
      final SimulatorSettings settings, final GridSeries grid, final SimulationSink sink) {
    this.engine = new SimulationEngine(settings, grid);
    this.sink = sink;
    this.speed = settings.speed();
    this.thread = new Thread(this::run, "impact-simulator");
    this.thread.setDaemon(true);
  }

  /** Starts simulating with the bundled real 2023 grid series. */
  public static Simulator start(final SimulatorSettings settings, final SimulationSink sink) {
    return start(settings, HourlyGridSeries.bundled(), sink);
  }

  public static Simulator start(
      final SimulatorSettings settings, final GridSeries grid, final SimulationSink sink) {
    final Simulator simulator = new Simulator(settings, grid, sink);
    simulator.thread.start();
    return simulator;
  }

  /** The simulated fleet (nodes, zones, GPUs, deployments). */
  public Fleet fleet() {
    return engine.fleet();
  }

  /** Waits until the duration is simulated, the simulator is closed, or it failed. */
  public boolean awaitFinished(final Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The error that stopped the simulation, or null. */
  public Throwable failure() {
    return failure;
  }

  /** Stops the simulation after the current second and waits for its thread. */
  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    final long wallStartNanos = System.nanoTime();
    final long simStartMillis = engine.nowMillis();
    try {
      while (!closed && !engine.finished()) {
        if (speed > 0 && !waitUntil(wallStartNanos, simStartMillis)) {
          break;
        }
        engine.step(sink);
      }
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("simulation stopped by an error", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  /** Waits until the next simulated second is due on the wall clock; false if closed meanwhile. */
  private boolean waitUntil(final long wallStartNanos, final long simStartMillis)
      throws InterruptedException {
    final long simElapsedMillis = engine.nowMillis() + 1000 - simStartMillis;
    final long dueNanos = wallStartNanos + (long) (simElapsedMillis / speed * 1_000_000.0);
    lock.lock();
    try {
      for (long left = dueNanos - System.nanoTime(); left > 0 && !closed; ) {
        left = wake.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
    return !closed;
  }
}
