package kensa.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A posted form (application/x-www-form-urlencoded, UTF-8). */
final class Form {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    static Form parse(String body) {
        Form form = new Form();
        if (body == null || body.isEmpty()) return form;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    boolean has(String name) { return values.containsKey(name); }

    /** The first value, or null when the field was not sent. */
    String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    Map<String, List<String>> all() { return values; }
}
