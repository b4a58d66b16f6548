package kensa.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import kensa.assess.Assessment;
import kensa.assess.FindingKeys;
import kensa.rulebase.Finding;

/**
 * Writes a finding as its key ({@link FindingKeys}) where a cell, requirement or action refers to it; {@link All} writes
 * {@link Assessment#findings()} as one object from key to finding, which holds each finding in full once. The keys come
 * from {@link Assessment#findingKeys()}, given to the writer as the attribute {@link #KEYS}.
 */
final class FindingKey extends StdSerializer<Finding> {
    static final Object KEYS = FindingKey.class;

    FindingKey() {
        super(Finding.class);
    }

    @Override
    public void serialize(Finding finding, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeString(key(finding, provider));
    }

    private static String key(Finding finding, SerializerProvider provider) throws JsonMappingException {
        Object keys = provider.getAttribute(KEYS);
        String key = keys instanceof Map<?, ?> map ? (String) map.get(finding) : null;
        if (key == null) throw JsonMappingException.from(provider, "no key for a finding (write an Assessment with its findingKeys): " + finding);
        return key;
    }

    /** The findings list as {@code {"key": {finding}, …}}, in the list's order. */
    static final class All extends StdSerializer<List<Finding>> {
        @SuppressWarnings("unchecked")
        All() {
            super((Class<List<Finding>>) (Class<?>) List.class);
        }

        @Override
        public void serialize(List<Finding> findings, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            for (Finding f : findings) {
                out.writeFieldName(key(f, provider));
                provider.defaultSerializeValue(f, out);
            }
            out.writeEndObject();
        }
    }
}
