package kensa.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** The facility files named on the command line: files as given, folders and glob patterns expanded in name order. */
public final class Inputs {
    private Inputs() {}

    /** Whether the arguments name more than one facility, so a batch summary is wanted. */
    public static boolean isBatch(List<Path> args) {
        return args.size() > 1 || args.stream().anyMatch(p -> Files.isDirectory(p) || isGlob(p));
    }

    /**
     * Each argument in order: a folder gives what is in it named {@code *.xml} (recursively, sorted by path), a pattern
     * that names no existing file (e.g. {@code "data/*.xml"}) gives what it matches, anything else is itself. Nothing
     * found is left out without a word: a folder named *.xml, a broken link, a named pipe or a folder that cannot be
     * read is listed too, and reading it says why it is not a facility file (a missing file, or a folder or pattern
     * with nothing in it, is reported the same way). Hidden names (.*) are left out: editors' and kensa's own
     * temporary files.
     */
    public static List<Path> expand(List<Path> args) {
        List<Path> files = new ArrayList<>();
        for (Path arg : args) {
            // A folder or pattern that names no file stays as it is, so reading it explains that it is empty.
            if (Files.isDirectory(arg)) {
                List<Path> found = walk(arg, null);
                files.addAll(found.isEmpty() ? List.of(arg) : found);
            } else if (!Files.exists(arg, LinkOption.NOFOLLOW_LINKS) && isGlob(arg)) {
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

    /** What is under a folder named like a facility file (or matching the pattern), of whatever kind, by path. */
    private static List<Path> walk(Path dir, PathMatcher matcher) {
        if (!Files.isDirectory(dir)) return List.of();
        boolean relativeDot = dir.toString().equals(".");
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                private void consider(Path p) {
                    Path shown = relativeDot ? dir.relativize(p) : p;
                    String name = String.valueOf(shown.getFileName());
                    if (name.startsWith(".")) return;
                    // (a name may hold a line break, which a glob's ** does not match: folders go by the name's end)
                    if (matcher == null ? name.endsWith(".xml") : matcher.matches(shown)) found.add(shown);
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.equals(dir)) return FileVisitResult.CONTINUE;
                    if (String.valueOf(d.getFileName()).startsWith(".")) return FileVisitResult.SKIP_SUBTREE;
                    consider(d); // a folder named *.xml is no facility file: listed, and what is in it is read too
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    consider(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    found.add(relativeDot ? dir.relativize(f) : f); // an unreadable folder: reading it says so
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }
}
