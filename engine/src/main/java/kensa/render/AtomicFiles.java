package kensa.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Writes a file whole or not at all: a reader never sees half a report. */
public final class AtomicFiles {
    public static void write(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Temp temp = newTemp(target);
        boolean moved = false;
        try {
            try (OutputStream out = temp.out()) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            moveIntoPlace(temp.path(), target);
            moved = true;
        } finally {
            if (!moved) discard(temp.path());
        }
    }

    /**
     * The temporary files not yet moved into place or dropped: removed when the JVM exits (Ctrl-C, SIGTERM, an
     * error), so no exit kensa controls leaves one behind. (After kill -9, the next run into the folder removes them.)
     */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // exiting: nothing more to do
                }
            }
        }, "kensa-temporary-files"));
    }

    /** Removes a temporary file that will not be moved into place. */
    public static void discard(Path temp) throws IOException {
        LIVE.remove(temp);
        Files.deleteIfExists(temp);
    }

    /** A new file to write the target in, open: hidden, beside the target, to be {@linkplain #moveIntoPlace moved} over it. */
    public record Temp(Path path, OutputStream out) {}

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String PROCESS = Long.toString(ProcessHandle.current().pid(), 36);

    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    /** Reports and facility files tell where a facility is weak: readable by their owner only, where the system allows. */
    private static final FileAttribute<?>[] OWNER_ONLY = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];

    /**
     * Named by process and sequence rather than by {@link Files#createTempFile}, whose random names cost a secure
     * random generator at start-up; created new, so an existing file (another run's) is never written into.
     */
    public static Temp newTemp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        while (true) {
            Path path = dir.resolve("." + target.getFileName() + "." + PROCESS + "-" + SEQUENCE.incrementAndGet() + ".tmp");
            try {
                Temp temp = new Temp(path, Channels.newOutputStream(Files.newByteChannel(path, CREATE_NEW, OWNER_ONLY)));
                LIVE.add(path);
                return temp;
            } catch (FileAlreadyExistsException taken) {
                // another run's: take the next name
            }
        }
    }

    /** Moves a finished temporary file over the target, atomically where the file system can. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        LIVE.remove(temp);
    }

    private AtomicFiles() {}
}
