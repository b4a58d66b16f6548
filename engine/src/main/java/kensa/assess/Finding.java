package kensa.assess;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one rule concluded about one thing: the facts that decided it, and what to do.
 *
 * @param scope   the form column it belongs to (e.g. server), or null when the item has none
 * @param subject  whom a per-vendor form is about (the vendor's name), or null for the facility
 * @param severity how much the gap matters, as the rule declares it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String rule, String scope, String subject, Status status, Severity severity, String evidence,
                      String remediation) {}
