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
    /** A bar is drawn on the terminal's current line (another line printed now would be glued onto it). */
    private boolean drawn;
    /** Before an estimate means anything: a rate from at least this long and this many files. */
    static final double ESTIMATE_AFTER_SECONDS = 2;
    static final int ESTIMATE_AFTER_FILES = 20;

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
        drawn = false;
    }

    /** Erases the bar, so that the line printed next starts on a clean line; the next update draws it again. */
    public void clear() {
        if (!drawn) return;
        err.print("\r" + " ".repeat(BAR_WIDTH + 80) + "\r");
        err.flush();
        drawn = false;
    }

    private static final int BAR_WIDTH = 30;

    /** What the progress says after this many seconds: the remaining time only once there is a rate to go by. */
    static String text(int done, int total, int errors, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        boolean estimate = seconds >= ESTIMATE_AFTER_SECONDS && done >= ESTIMATE_AFTER_FILES && rate > 0;
        long eta = estimate ? Math.round((total - done) / rate) : -1;
        return String.format("%d/%d 件 %.0f 件/秒 残り %s エラー %d 件", done, total, rate,
                eta < 0 ? "計算中" : eta / 60 + "分" + eta % 60 + "秒", errors);
    }

    void show(int done, int errors, long now) {
        String text = text(done, total, errors, (now - start) / 1e9);
        if (terminal) {
            int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + text + "   ");
            drawn = true;
        } else {
            err.println("kensa: " + text);
        }
        err.flush();
    }
}
