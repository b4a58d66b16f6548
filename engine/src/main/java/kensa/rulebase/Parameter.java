package kensa.rulebase;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A threshold of the checklist edition being applied (e.g. {@code password.minLength = 8}), inserted
 * as a fact so rules read it instead of a literal: {@code Parameter(name == "password.minLength", $min: number)}.
 */
public final class Parameter {
    private final String name;
    private final String value;

    public Parameter(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() { return name; }

    public String getValue() { return value; }

    /** The value as a whole number, or null when it is not one. */
    public Integer getNumber() {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value as an ISO date, or null when it is not one. */
    public LocalDate getDate() {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameter p && p.name.equals(name) && p.value.equals(value);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + value.hashCode(); }

    @Override
    public String toString() { return name + "=" + value; }
}
