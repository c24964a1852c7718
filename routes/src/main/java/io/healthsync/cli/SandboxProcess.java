package io.healthsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code healthsync sandbox} as a child process, started from this process's own Java and class path, so
 * what is measured here (time, heap) is the app's alone. Started, it is listening: {@link #start} returns
 * once the child has written its endpoints file. It is stopped by {@link #close} (SIGTERM: the sandbox saves
 * its org, as on Ctrl-C) and, should this process be stopped first (Ctrl-C, an error), by a shutdown hook,
 * so no sandbox outlives its bench. Its output goes to a log file beside its org.
 */
final class SandboxProcess implements AutoCloseable {

    /** Generating a 100,000-account org and its company takes a few minutes on 2 cores. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /**
     * JVM options for the sandbox process, whitespace-separated (e.g. a heap size, or
     * {@code -XX:StartFlightRecording=filename=sandbox.jfr,settings=profile} to profile the stand-in APIs).
     */
    static final String JAVA_OPTS_ENV = "HEALTHSYNC_SANDBOX_JAVA_OPTS";

    private final Process process;
    private final Thread killOnExit;
    private final SandboxEndpoints endpoints;
    private final Path log;

    private SandboxProcess(Process process, Thread killOnExit, SandboxEndpoints endpoints, Path log) {
        this.process = process;
        this.killOnExit = killOnExit;
        this.endpoints = endpoints;
        this.log = log;
    }

    /**
     * Starts the sandbox on free ports with its org in {@code dataDir} (made from accounts and seed the first
     * time, loaded after), {@code drift} accounts changed once it is up, and waits until it listens; with
     * {@code salesforceOnly}, without the other APIs' stand-ins.
     */
    static SandboxProcess start(Path dataDir, int accounts, long seed, int drift, int usersPerTrackedUser,
                                boolean salesforceOnly) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path endpointsFile = dataDir.resolve("endpoints.json");
        Path log = dataDir.resolve("sandbox.log");
        Files.deleteIfExists(endpointsFile);
        List<String> command = new ArrayList<>(List.of(javaCommand()));
        command.addAll(javaOptions(System.getenv(JAVA_OPTS_ENV)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HealthsyncCli.class.getName(), "sandbox",
                "--port", "0", "--accounts", String.valueOf(accounts),
                "--seed", String.valueOf(seed), "--data-dir", dataDir.toString(), "--drift", String.valueOf(drift),
                "--users-per-tracked-user", String.valueOf(usersPerTrackedUser),
                "--endpoints-file", endpointsFile.toString()));
        if (salesforceOnly) {
            command.add("--salesforce-only");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Thread killOnExit = new Thread(() -> stop(process), "bench-sandbox-stop");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            SandboxEndpoints endpoints = awaitEndpoints(process, endpointsFile, log);
            return new SandboxProcess(process, killOnExit, endpoints, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            throw e;
        }
    }

    SandboxEndpoints endpoints() {
        return endpoints;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Stops the sandbox and waits until it has saved its org and exited. */
    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook stops it
        }
    }

    private static SandboxEndpoints awaitEndpoints(Process process, Path file, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the sandbox process exited with " + process.exitValue()
                        + " before it listened; the end of " + log + ":\n" + tail(log, 15));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox process did not listen within " + START_TIMEOUT.toMinutes()
                        + " minutes; see " + log);
            }
            Thread.sleep(100);
        }
        return SandboxEndpoints.read(file);
    }

    /**
     * The CPU time the sandbox process has used so far, all its threads, in milliseconds; -1 when the operating
     * system does not say.
     */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The options of {@link #JAVA_OPTS_ENV}'s value, split on whitespace; none when unset or blank. */
    static List<String> javaOptions(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s+"));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }
}
