package kensa.batch;

/**
 * With {@code -Dkensa.trace} (e.g. {@code JAVA_TOOL_OPTIONS=-Dkensa.trace ./kensa assess FILE}), prints on standard error
 * when each step of a run ends, in milliseconds since the JVM started (./kensa becomes the JVM): where a cold start
 * spends its time. (The JVM's own clock: the process start time Linux reports is rounded to its boot time's second.)
 */
public final class Trace {
    private static final boolean ON = System.getProperty("kensa.trace") != null;

    private Trace() {}

    public static void step(String what) {
        if (!ON) return;
        long since = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.err.printf("kensa.trace %6d ms  %s (%s)%n", since, what, Thread.currentThread().getName());
    }
}
