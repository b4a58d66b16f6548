package kensa.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import kensa.render.AtomicFiles;

/**
 * The {@code -o} folder of one run, which holds only kensa's outputs: a folder that is neither empty nor a previous
 * run's is refused (kensa never overwrites or deletes files it did not write); a previous run's outputs that this run
 * does not write again (reports of inputs now broken or gone, formats no longer asked for) are removed, going by the
 * manifest each run leaves ({@value #MANIFEST}); and a lock on {@value #LOCK} keeps a second run out meanwhile, so two
 * runs never replace each other's summary. Temporary files that a killed run left are removed at the start.
 */
public final class OutputFolder implements AutoCloseable {
    static final String MANIFEST = ".kensa-manifest";
    static final String LOCK = ".kensa.lock";
    /** What kensa assess writes, for a folder from before manifests: such a folder is taken as a previous run's. */
    private static final Pattern OUTPUT = Pattern.compile("[^/]+\\.(html|md|json|form\\.html|form\\.csv)|summary\\.csv|facilities\\.csv|errors\\.csv|results\\.jsonl|catalog\\.json");
    /** {@link AtomicFiles#newTemp}'s names: hidden, the target's name, the process and a sequence number. */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-z]+-[0-9]+\\.tmp");

    /** Why the folder cannot be used, and what to do, in Japanese. */
    public static final class Refused extends Exception {
        private final String fix;

        Refused(String problem, String fix) {
            super(problem);
            this.fix = fix;
        }

        public String describe() {
            return "エラー: " + getMessage() + "\n  対処: " + fix;
        }
    }

    private final Path dir;
    private final FileChannel lockFile;
    private final Set<String> previous;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    private OutputFolder(Path dir, FileChannel lockFile, Set<String> previous) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.previous = previous;
    }

    public static OutputFolder open(Path dir) throws Refused {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Refused("出力先 " + dir + " はフォルダではなくファイルです。", "-o には、報告書を書くフォルダ(なければ作ります)を指定してください。");
        }
        try {
            if (Files.isDirectory(dir)) previousRun(dir); // a folder that is not kensa's is refused before anything is written in it
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        FileChannel channel = null;
        try {
            // The lock file stays (hidden): removing it would let a run that opened it just before lock a file no one else sees.
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(); // the system releases it when the process ends, even by kill -9
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new Refused("出力先 " + dir + " には、いま別の kensa assess が書いています。",
                        "その評価が終わるのを待つか、別のフォルダを -o に指定してください。");
            }
            Set<String> previous = previousRun(dir);
            removeTemporaryFiles(dir);
            return new OutputFolder(dir, channel, previous);
        } catch (Refused e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw cannotWrite(dir, e);
        }
    }

    private static Refused cannotWrite(Path dir, IOException e) {
        String why = e instanceof AccessDeniedException ? "書き込む権限がありません"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : "このファイルシステムには書けません";
        return new Refused("出力先 " + dir + " に書けません(" + why + ")。",
                "書き込めるフォルダを -o に指定するか、フォルダの権限と空き容量を確認してください。");
    }

    /** The outputs of the run before (from its manifest), or refusal when the folder holds anything else. */
    private static Set<String> previousRun(Path dir) throws IOException, Refused {
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            Set<String> names = new LinkedHashSet<>();
            for (String line : Files.readAllLines(manifest)) {
                if (isPlainName(line)) names.add(line);
            }
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(LOCK) || TEMP.matcher(name).matches()) continue;
                if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) || !OUTPUT.matcher(name).matches()) {
                    throw new Refused("出力先 " + dir + " は空ではなく、kensa の出力先でもありません(例: " + name + ")。",
                            "空のフォルダか新しいフォルダを -o に指定してください。kensa は、前に kensa が書いたフォルダ"
                                    + "(" + MANIFEST + " があるもの)のほかは、ファイルのあるフォルダに書きません。");
                }
            }
        }
        return Set.of();
    }

    /** A name directly in the folder: no separator, not . or .., not the folder's own bookkeeping. */
    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.equals(".") && !name.equals("..")
                && !name.equals(MANIFEST) && !name.equals(LOCK);
    }

    /** Temporary files of a run that was killed: no other run can be writing here, since we hold the lock. */
    private static void removeTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path entry : entries) {
                if (TEMP.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Records the names this run is about to write, before it writes any, so that a run killed half-way leaves a
     * manifest that still names everything it may have written.
     */
    public void plan(Collection<String> names) throws IOException {
        Set<String> all = new TreeSet<>(previous);
        all.addAll(names);
        writeManifest(all);
    }

    /** A file this run wrote into the folder. */
    public void wrote(Path file) {
        written.add(file.getFileName().toString());
    }

    /** Removes what the previous run wrote and this one did not, and leaves the manifest of this run. */
    public void finish() throws IOException {
        for (String name : previous) {
            if (!written.contains(name) && isPlainName(name)) {
                Path stale = dir.resolve(name);
                if (Files.isRegularFile(stale, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(stale);
            }
        }
        if (written.isEmpty()) Files.deleteIfExists(dir.resolve(MANIFEST)); // nothing of kensa's is left here
        else writeManifest(new TreeSet<>(written));
    }

    private void writeManifest(Set<String> names) throws IOException {
        AtomicFiles.write(dir.resolve(MANIFEST), names.isEmpty() ? "" : String.join("\n", names) + "\n");
    }

    /** Lets the next run in. */
    @Override
    public void close() {
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close(); // releases the lock
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
