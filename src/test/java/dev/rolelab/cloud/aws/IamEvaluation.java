package dev.rolelab.cloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small IAM evaluator for one identity policy, as IAM evaluates one: explicit Deny wins, then any
 * Allow, else implicit deny. Action/NotAction, Resource/NotResource with {@code *} and {@code ?}, and
 * the condition operators RoleLab's runner policy uses (StringEquals, StringLike, ArnLike, ArnEquals,
 * Null). Any other operator fails the test rather than being guessed.
 */
final class IamEvaluation {

    enum Decision { ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY }

    /** One authorization IAM makes for a call: the action, the resource ARN, the request's context keys. */
    record Request(String action, String resource, Map<String, List<String>> context) {
        @Override
        public String toString() {
            return action + " on " + resource + (context.isEmpty() ? "" : " " + context);
        }
    }

    private final JsonNode policy;

    IamEvaluation(JsonNode policy) {
        this.policy = policy;
    }

    Decision decide(Request r) {
        boolean allowed = false;
        for (JsonNode s : list(policy.path("Statement"))) {
            if (!applies(s, r)) {
                continue;
            }
            if ("Deny".equals(s.path("Effect").asText())) {
                return Decision.EXPLICIT_DENY;
            }
            allowed |= "Allow".equals(s.path("Effect").asText());
        }
        return allowed ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }

    private static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (!n.isMissingNode()) {
            out.add(n);
        }
        return out;
    }

    private static boolean applies(JsonNode s, Request r) {
        boolean action = s.has("Action") ? any(s.get("Action"), r.action(), true) : !any(s.get("NotAction"), r.action(), true);
        boolean resource = s.has("Resource") ? any(s.get("Resource"), r.resource(), false) : !any(s.get("NotResource"), r.resource(), false);
        return action && resource && conditions(s.path("Condition"), r.context());
    }

    private static boolean any(JsonNode patterns, String value, boolean ignoreCase) {
        for (JsonNode p : list(patterns)) {
            if (glob(p.asText(), ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    /** Every operator and every key must hold; for a key, any of the policy's values may match any of the request's. */
    private static boolean conditions(JsonNode condition, Map<String, List<String>> context) {
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                List<String> actual = lookup(context, key.getKey());
                if (!holds(op.getKey(), list(key.getValue()).stream().map(JsonNode::asText).toList(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Condition key names are case-insensitive. */
    private static List<String> lookup(Map<String, List<String>> context, String key) {
        for (Map.Entry<String, List<String>> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean holds(String operator, List<String> expected, List<String> actual) {
        switch (operator) {
            case "Null" -> {
                boolean absent = actual == null || actual.isEmpty();
                return expected.stream().anyMatch(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)) == absent);
            }
            case "StringEquals", "ArnEquals" -> {
                return actual != null && actual.stream().anyMatch(expected::contains);
            }
            case "StringLike", "ArnLike" -> {
                return actual != null && actual.stream().anyMatch(a -> expected.stream().anyMatch(p -> glob(p, false).matcher(a).matches()));
            }
            default -> throw new AssertionError("the test's evaluator does not know the condition operator " + operator);
        }
    }
}
