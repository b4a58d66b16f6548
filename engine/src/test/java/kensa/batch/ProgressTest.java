package kensa.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: no estimate before there is a rate to go by, and erased before any other line is printed. */
class ProgressTest {
    @Test
    void theEstimateWaitsForARate() {
        assertTrue(Progress.text(3, 3000, 0, 0.5).contains("残り 計算中"), Progress.text(3, 3000, 0, 0.5));
        assertTrue(Progress.text(600, 3000, 0, 3).contains("残り 0分12秒"), Progress.text(600, 3000, 0, 3));
    }

    @Test
    void theBarIsErasedBeforeAnotherLine() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), 10, true, false);
        progress.show(5, 0, System.nanoTime());
        assertTrue(text.toString().startsWith("\r["), text.toString());
        progress.clear();
        assertTrue(text.toString().endsWith("\r"), "the line is blanked and the cursor back at its start");
        int length = text.toString().length();
        progress.clear();
        assertEquals(length, text.toString().length(), "nothing drawn, nothing to erase");
    }
}
