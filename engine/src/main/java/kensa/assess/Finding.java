package kensa.assess;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one rule concluded about one thing: the facts that decided it, and what to do.
 *
 * @param scope the form column it belongs to (e.g. server), or null when the item has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String rule, String scope, Status status, String evidence, String remediation) {}
