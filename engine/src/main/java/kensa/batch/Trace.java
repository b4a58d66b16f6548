package kensa.batch;

/**
 * With {@code -Dkensa.trace} (e.g. {@code JAVA_TOOL_OPTIONS=-Dkensa.trace ./kensa assess FILE}), prints on standard error
 * when each step of a run ends, in milliseconds since the process started (./kensa becomes the JVM, so since ./kensa
 * started): where a cold start spends its time.
 */
public final class Trace {
    private static final boolean ON = System.getProperty("kensa.trace") != null;

    private Trace() {}

    public static void step(String what) {
        if (!ON) return;
        long since = ProcessHandle.current().info().startInstant().map(t -> System.currentTimeMillis() - t.toEpochMilli()).orElse(-1L);
        System.err.printf("kensa.trace %6d ms  %s (%s)%n", since, what, Thread.currentThread().getName());
    }
}
