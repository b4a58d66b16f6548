package kensa.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The facility files named on the command line: files as given, folders and glob patterns expanded in name order. */
public final class Inputs {
    private Inputs() {}

    /** Whether the arguments name more than one facility, so a batch summary is wanted. */
    public static boolean isBatch(List<Path> args) {
        return args.size() > 1 || args.stream().anyMatch(p -> Files.isDirectory(p) || isGlob(p));
    }

    /**
     * Each argument in order: a folder gives its {@code *.xml} files (recursively, sorted by path), a pattern that names
     * no existing file (e.g. {@code "data/*.xml"}) gives the files it matches, anything else is itself (a missing file,
     * or a folder or pattern with no file, is reported when it is read, like any other bad input).
     */
    public static List<Path> expand(List<Path> args) {
        List<Path> files = new ArrayList<>();
        for (Path arg : args) {
            // A folder or pattern that names no file stays as it is, so reading it explains that it is empty.
            if (Files.isDirectory(arg)) {
                List<Path> found = walk(arg, arg.getFileSystem().getPathMatcher("glob:**.xml"));
                files.addAll(found.isEmpty() ? List.of(arg) : found);
            } else if (!Files.exists(arg) && isGlob(arg)) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + arg);
                List<Path> found = walk(globBase(arg), matcher);
                files.addAll(found.isEmpty() ? List.of(arg) : found);
            } else {
                files.add(arg);
            }
        }
        return files;
    }

    private static boolean isGlob(Path p) {
        String s = p.toString();
        return s.contains("*") || s.contains("?") || s.contains("[");
    }

    /** The folder a pattern starts in: its leading part without wildcards. */
    private static Path globBase(Path pattern) {
        Path base = pattern.isAbsolute() ? pattern.getRoot() : Path.of("");
        for (Path part : pattern) {
            if (isGlob(part)) break;
            base = base.resolve(part);
        }
        return base.toString().isEmpty() ? Path.of(".") : base;
    }

    private static List<Path> walk(Path dir, PathMatcher matcher) {
        if (!Files.isDirectory(dir)) return List.of();
        boolean relativeDot = dir.toString().equals(".");
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> relativeDot ? dir.relativize(p) : p)
                    .filter(p -> matcher.matches(p) && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
