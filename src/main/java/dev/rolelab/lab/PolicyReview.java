package dev.rolelab.lab;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a permissions policy the user edited: it must still let the instance push to the lab's
 * repository and log in to the registry; anything broader is reported as a warning at its line.
 */
public final class PolicyReview {

    private static final String FIELD = "policy";

    /** The parsed document (null if it did not parse) and what was found. */
    public record Result(JsonNode document, List<Problem> problems) {
        public boolean acceptable() {
            return document != null && !LabRules.hasErrors(problems);
        }
    }

    private PolicyReview() { }

    public static Result check(String text, String repositoryArn) {
        List<Problem> problems = new ArrayList<>();
        JsonNode doc;
        List<Integer> statementLines = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            doc = Json.MAPPER.readTree(p);
            if (doc == null) {
                return new Result(null, List.of(Problem.error(FIELD, "is empty; press \"Reset to generated\" to start again")));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = e.getOriginalMessage().split("\n", 2)[0];
            return new Result(null, List.of(Problem.error(FIELD, "is not valid JSON: " + reason).atLine(at == null ? 0 : at.getLineNr())));
        } catch (IOException e) {
            return new Result(null, List.of(Problem.error(FIELD, "cannot be read: " + e.getMessage())));
        }
        locateStatements(text, statementLines);

        if (!doc.isObject()) {
            return new Result(null, List.of(Problem.error(FIELD, "must be a JSON object with Version and Statement").atLine(1)));
        }
        if (!PolicyDocuments.VERSION.equals(doc.path("Version").asText(null))) {
            problems.add(Problem.error(FIELD, "\"Version\" must be \"2012-10-17\" (the policy language version, not a date of yours)").atLine(1));
        }
        JsonNode statementNode = doc.path("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(statements::add);
        } else if (statementNode.isObject()) {
            statements.add(statementNode);
        } else {
            problems.add(Problem.error(FIELD, "needs a \"Statement\" list").atLine(1));
        }

        for (String action : PolicyDocuments.PUSH_ACTIONS) {
            if (!allowed(statements, action, repositoryArn)) {
                problems.add(Problem.error(FIELD, "no longer allows " + action + " on " + repositoryArn + "; the push will fail without it").atLine(1));
            }
        }
        if (!allowed(statements, PolicyDocuments.LOGIN_ACTION, "*")) {
            problems.add(Problem.error(FIELD, "no longer allows " + PolicyDocuments.LOGIN_ACTION + " on \"*\"; docker login will fail without it").atLine(1));
        }
        for (int i = 0; i < statements.size(); i++) {
            int line = i < statementLines.size() ? statementLines.get(i) : 0;
            JsonNode s = statements.get(i);
            if (!"Allow".equals(s.path("Effect").asText()) && !"Deny".equals(s.path("Effect").asText())) {
                problems.add(Problem.error(FIELD, "statement " + (i + 1) + ": \"Effect\" must be \"Allow\" or \"Deny\"").atLine(line));
            }
            if (!"Allow".equals(s.path("Effect").asText())) {
                continue;
            }
            for (String a : strings(s.path("Action"))) {
                if (a.contains("*") || a.contains("?")) {
                    problems.add(Problem.warning(FIELD, "statement " + (i + 1) + " allows the wildcard action \"" + a + "\": more than pushing to one repository").atLine(line));
                }
            }
            if (s.has("NotAction") || s.has("NotResource")) {
                problems.add(Problem.warning(FIELD, "statement " + (i + 1) + " uses NotAction/NotResource, which allows everything not listed").atLine(line));
            }
            boolean onlyLogin = strings(s.path("Action")).stream().allMatch(a -> a.equalsIgnoreCase(PolicyDocuments.LOGIN_ACTION));
            for (String r : strings(s.path("Resource"))) {
                if ((r.contains("*") || r.contains("?")) && !onlyLogin) {
                    problems.add(Problem.warning(FIELD, "statement " + (i + 1) + " applies to the wildcard resource \"" + r + "\": more than the lab's repository").atLine(line));
                }
            }
        }
        return new Result(doc, problems);
    }

    /** What the policy simulator would answer for one document (conditions are not evaluated). */
    public static String decision(JsonNode document, String action, String resource) {
        List<JsonNode> statements = new ArrayList<>();
        JsonNode s = document.path("Statement");
        if (s.isArray()) {
            s.forEach(statements::add);
        } else if (s.isObject()) {
            statements.add(s);
        }
        for (JsonNode st : statements) {
            if ("Deny".equals(st.path("Effect").asText()) && matchesAny(strings(st.path("Action")), action, true)
                    && matchesAny(strings(st.path("Resource")), resource, false)) {
                return "explicitDeny";
            }
        }
        return allowed(statements, action, resource) ? "allowed" : "implicitDeny";
    }

    /** Allowed by some Allow statement and denied by no Deny statement (conditions are not evaluated). */
    static boolean allowed(List<JsonNode> statements, String action, String resource) {
        boolean allow = false;
        for (JsonNode s : statements) {
            boolean matches = matchesAny(strings(s.path("Action")), action, true)
                    && (matchesAny(strings(s.path("Resource")), resource, false) || "*".equals(resource) && strings(s.path("Resource")).contains("*"));
            if (!matches) {
                continue;
            }
            String effect = s.path("Effect").asText();
            if ("Deny".equals(effect)) {
                return false;
            }
            if ("Allow".equals(effect) && !s.has("Condition")) {
                allow = true;
            }
        }
        return allow;
    }

    private static boolean matchesAny(List<String> patterns, String value, boolean ignoreCase) {
        for (String p : patterns) {
            if (glob(p, ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return ignoreCase ? Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE) : Pattern.compile(re.toString());
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    /** The line each top-level statement starts on, so a finding can point at it. */
    private static void locateStatements(String text, List<Integer> lines) {
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("Statement".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                } else if ("Statement".equals(field) && value == JsonToken.START_OBJECT) {
                    lines.add(p.currentTokenLocation().getLineNr());
                    p.skipChildren();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // already reported by the full parse
        }
    }

}
