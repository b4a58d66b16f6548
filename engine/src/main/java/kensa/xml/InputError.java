package kensa.xml;

import java.nio.file.Path;

/**
 * A file the user gave us that cannot be used, with where, what and how to fix it.
 * The message is for people, so it never carries a stack trace.
 */
public final class InputError extends Exception {
    private final Path file;
    private final int line;
    private final int column;
    private final String problem;
    private final String fix;

    public InputError(Path file, int line, int column, String problem, String fix) {
        super(problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.fix = fix;
    }

    public InputError(Path file, String problem, String fix) {
        this(file, -1, -1, problem, fix);
    }

    public Path file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return problem; }
    public String fix() { return fix; }

    /** "file:line:column: problem" then the fix on its own line, as compilers print it. */
    public String describe() {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) where.append(':').append(column);
        }
        return where + ": エラー: " + problem + "\n  対処: " + fix;
    }
}
