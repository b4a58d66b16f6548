package kensa.assess;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;
import kensa.rulebase.Finding;

/**
 * Writes a finding as its id, its place in {@link Assessment#findings()}, which holds each finding in full once.
 * The ids come from {@link Assessment#findingIds()}, given to the writer as the attribute {@link #IDS}.
 */
public final class FindingId extends StdSerializer<Finding> {
    public static final Object IDS = FindingId.class;

    public FindingId() {
        super(Finding.class);
    }

    @Override
    public void serialize(Finding finding, JsonGenerator out, SerializerProvider provider) throws IOException {
        Object ids = provider.getAttribute(IDS);
        Integer id = ids instanceof Map<?, ?> map ? (Integer) map.get(finding) : null;
        if (id == null) throw JsonMappingException.from(provider, "no id for a finding (write an Assessment with its findingIds): " + finding);
        out.writeNumber(id);
    }
}
