package kensa.render;

/**
 * One CSV field as every CSV kensa writes it (form.csv, summary.csv, errors.csv): always quoted (RFC 4180), and a
 * value that a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return, e.g. a
 * facility named {@code =HYPERLINK(...)}) gets a leading single quote, as OWASP advises against CSV injection.
 */
public final class Csv {
    public static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private Csv() {}
}
