package kensa.batch;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress of a batch on stderr: a bar redrawn in place on a terminal, a plain line every few seconds otherwise,
 * nothing when quiet. The clock here only paces the display; it never reaches a report.
 */
public final class Progress {
    private static final long TERMINAL_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private long lastShown = start;

    public Progress(PrintWriter err, int total, boolean terminal, boolean quiet) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    public void update(int done, int errors) {
        if (quiet) return;
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) return;
        lastShown = now;
        show(done, errors, now);
    }

    public void finish(int done, int errors) {
        if (quiet || !terminal) return;
        show(done, errors, System.nanoTime());
        err.println();
        err.flush();
    }

    private void show(int done, int errors, long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        String text = String.format("%d/%d 件 %.0f 件/秒 残り %s エラー %d 件", done, total, rate,
                eta < 0 ? "—" : eta / 60 + "分" + eta % 60 + "秒", errors);
        if (terminal) {
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) width * done / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + text + "   ");
        } else {
            err.println("kensa: " + text);
        }
        err.flush();
    }
}
