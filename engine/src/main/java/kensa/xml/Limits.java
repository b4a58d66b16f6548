package kensa.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How much one input may hold, far above any real facility, so that one file cannot take a batch's memory and time
 * (a 20 MB file of devices took a minute and 6 GB): its size, checked before it is parsed, and the entries of each
 * list, counted as it is parsed. README 「安全と制限」 states the same numbers.
 */
public record Limits(long maxBytes, Map<String, Integer> maxEntries) {
    public static final Limits NONE = new Limits(Long.MAX_VALUE, Map.of());

    /** A facility file: the lists by element name. */
    public static final Limits FACILITY = new Limits(5L * 1024 * 1024, Map.of(
            "device", 5_000, "medicalDevice", 5_000, "system", 1_000, "vendor", 500, "incident", 1_000,
            "declaredAnswers", 500, "answer", 10_000));

    void checkSize(Path file) throws InputError {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InputError(file, "ファイルが大きすぎます(" + String.format("%,d", size) + " バイト。1つのファイルは "
                        + String.format("%,d", maxBytes / 1024 / 1024) + " MB まで)。",
                        "施設ごとにファイルを分けてください。上限は README の「安全と制限」にあります。");
            }
        } catch (IOException e) {
            throw new InputError(file, "ファイルを読めません: " + e.getMessage(), "ファイルの場所と読み取り権限を確認してください。");
        }
    }

    /** For a document held in memory. */
    public void checkSize(Path file, long size) throws InputError {
        if (size > maxBytes) {
            throw new InputError(file, "ファイルが大きすぎます(1つのファイルは " + String.format("%,d", maxBytes / 1024 / 1024) + " MB まで)。",
                    "施設ごとにファイルを分けてください。");
        }
    }
}
