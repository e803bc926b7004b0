package dev.rolelab.lab;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a permissions policy the user edited, the way IAM reads it: its grammar (IAM JSON policy
 * element reference, IAM and AWS STS quotas), and its evaluation (explicit Deny wins, then an Allow,
 * else implicit deny) for the push the instance will make. It must still let the instance push to the
 * lab's repository and log in to the registry; anything broader is a warning at its line.
 *
 * <p>The text reviewed is the text sent to IAM, so what IAM and RoleLab could read differently
 * (a key twice in one object, text after the document) is refused.
 */
public final class PolicyReview {

    private static final String FIELD = "policy";

    /** IAM's quota for a managed policy, in characters not counting whitespace. */
    public static final int MAX_CHARACTERS = 6_144;

    /** The policy language versions IAM accepts; 2008-10-17 is the old one (no policy variables). */
    public static final List<String> VERSIONS = List.of(PolicyDocuments.VERSION, "2008-10-17");

    private static final Set<String> TOP_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]*");
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
            "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals", "DateNotEquals",
            "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals",
            "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");
    private static final Set<String> NEGATED = Set.of("StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike",
            "ArnNotEquals", "ArnNotLike", "NumericNotEquals", "DateNotEquals", "NotIpAddress");

    /** The parsed document (null if it did not parse) and what was found. */
    public record Result(JsonNode document, List<Problem> problems) {
        public boolean acceptable() {
            return document != null && !LabRules.hasErrors(problems);
        }
    }

    /** IAM's three answers, as its simulator spells them. */
    public enum Decision {
        ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

        private final String wire;

        Decision(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * IAM's decision for one request, the statements (0-based) that decided it, and those whose
     * Condition RoleLab could not evaluate (each could change the answer).
     */
    public record Evaluation(Decision decision, List<Integer> deciding, List<Integer> uncertain) { }

    /** Three-valued: a condition RoleLab cannot evaluate is neither true nor false. */
    enum Truth {
        TRUE, FALSE, UNKNOWN;

        Truth and(Truth o) {
            return this == FALSE || o == FALSE ? FALSE : this == UNKNOWN || o == UNKNOWN ? UNKNOWN : TRUE;
        }

        static Truth of(boolean b) {
            return b ? TRUE : FALSE;
        }
    }

    /**
     * What is known of a request's context keys. For the push RoleLab knows the region, that it is
     * over TLS, and the role's tags; anything else it cannot know. For the simulator the context is
     * exactly the entries given: a key not given is absent, as in IAM's own simulator.
     */
    public static final class RequestContext {
        private final Map<String, String> known = new HashMap<>(); // key in lower case → value
        private final Map<String, String> names = new HashMap<>(); // key in lower case → as written
        private final Set<String> pending = new HashSet<>();
        private final boolean tagsKnown;
        private final boolean othersAbsent;

        private RequestContext(boolean tagsKnown, boolean othersAbsent) {
            this.tagsKnown = tagsKnown;
            this.othersAbsent = othersAbsent;
        }

        /**
         * The context of the instance's push.
         *
         * @param roleTags     the role's tags, or null if not known
         * @param tagsSetLater tags the role will carry whose value is not chosen yet (the lab's id)
         */
        public static RequestContext push(String region, Map<String, String> roleTags, Set<String> tagsSetLater) {
            RequestContext c = new RequestContext(roleTags != null, false);
            c.put("aws:RequestedRegion", region);
            c.put("aws:SecureTransport", "true");
            if (roleTags != null) {
                roleTags.forEach((k, v) -> c.put("aws:PrincipalTag/" + k, v));
            }
            tagsSetLater.forEach(k -> c.pending.add(("aws:PrincipalTag/" + k).toLowerCase(Locale.ROOT)));
            return c;
        }

        /** Exactly these entries, every other key absent (IAM's simulator with these ContextEntries). */
        public static RequestContext entries(Map<String, String> entries) {
            RequestContext c = new RequestContext(true, true);
            entries.forEach(c::put);
            return c;
        }

        private void put(String key, String value) {
            known.put(key.toLowerCase(Locale.ROOT), value);
            names.put(key.toLowerCase(Locale.ROOT), key);
        }

        /** The known keys and values, as the simulator's ContextEntries would carry them. */
        public Map<String, String> known() {
            Map<String, String> out = new java.util.TreeMap<>();
            known.forEach((k, v) -> out.put(names.get(k), v));
            return out;
        }

        /** The value, or "" for a key known to be absent, or null if it cannot be known. */
        String lookup(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            if (known.containsKey(k)) {
                return known.get(k);
            }
            if (pending.contains(k)) {
                return null;
            }
            if (othersAbsent || tagsKnown && k.startsWith("aws:principaltag/")) {
                return "";
            }
            return null;
        }

        String describe() {
            return "region " + known.get("aws:requestedregion") + ", over TLS";
        }
    }

    private PolicyReview() { }

    /** Reviews for the push to {@code repositoryArn}, in the region of that ARN; the role's tags are not known. */
    public static Result check(String text, String repositoryArn) {
        return check(text, repositoryArn, RequestContext.push(regionOf(repositoryArn), null, Set.of()));
    }

    public static Result check(String text, String repositoryArn, RequestContext push) {
        Reading r = read(text);
        if (r.document() == null) {
            return new Result(null, r.problems());
        }
        List<Problem> problems = new ArrayList<>();
        characters(text, problems);
        problems.addAll(r.problems());
        List<JsonNode> statements = r.statements();
        List<String> base = r.base();
        Lines lines = r.lines();
        for (String action : PolicyDocuments.PUSH_ACTIONS) {
            needed(statements, base, lines, action, repositoryArn, push, "the push will fail without it", problems);
        }
        needed(statements, base, lines, PolicyDocuments.LOGIN_ACTION, "*", push, "docker login will fail without it", problems);

        for (int i = 0; i < statements.size(); i++) {
            breadth(statements.get(i), i, base.get(i), lines, problems);
            conditions(statements.get(i), i, base.get(i), lines, repositoryArn, push, problems);
        }
        return new Result(r.document(), problems);
    }

    /**
     * The errors of the policy language alone (JSON, elements, Version, Sid, Effect, Principal, operators),
     * without IAM's size quota and without what the push needs: what makes IAM answer MalformedPolicyDocument.
     */
    public static List<Problem> grammarErrors(String text) {
        return read(text).problems().stream().filter(Problem::isError).toList();
    }

    /** The document as read, with its statements, each statement's JSON Pointer, the lines, and the grammar's findings. */
    private record Reading(JsonNode document, List<JsonNode> statements, List<String> base, Lines lines, List<Problem> problems) {
        static Reading failed(Problem p) {
            return new Reading(null, List.of(), List.of(), null, List.of(p));
        }
    }

    private static Reading read(String text) {
        List<Problem> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return Reading.failed(Problem.error(FIELD, "is empty; press \"Reset to generated\" to start again"));
        }
        JsonNode doc;
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            // a key twice in one object: Jackson would keep the last, IAM might not; what is reviewed must be what is sent
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            doc = Json.MAPPER.readTree(p);
            if (doc == null) {
                return Reading.failed(Problem.error(FIELD, "is empty; press \"Reset to generated\" to start again"));
            }
            if (trailing(p)) {
                return Reading.failed(Problem.error(FIELD, "has text after the end of the JSON document; "
                        + "IAM accepts one document only, so remove what follows its closing brace").atLine(p.currentLocation().getLineNr()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = e.getOriginalMessage().split("\n", 2)[0];
            int line = at == null ? 0 : at.getLineNr();
            if (reason.startsWith("Duplicate field")) {
                return Reading.failed(Problem.error(FIELD, "has the key " + reason.substring("Duplicate field ".length())
                        + " twice in one object; IAM and RoleLab could read it differently, so keep one").atLine(line));
            }
            return Reading.failed(Problem.error(FIELD, "is not valid JSON: " + parserReason(e, reason)).atLine(line));
        } catch (IOException e) {
            return Reading.failed(Problem.error(FIELD, "cannot be read: " + e.getMessage()));
        }
        Lines lines = Lines.of(text);

        if (!doc.isObject()) {
            return Reading.failed(Problem.error(FIELD, "must be a JSON object with Version and Statement").atLine(1));
        }
        for (Map.Entry<String, JsonNode> element : doc.properties()) {
            String name = element.getKey();
            if (!TOP_ELEMENTS.contains(name)) {
                problems.add(Problem.error(FIELD, "has \"" + name + "\", which is not an element of an IAM policy (Version, Id, Statement; "
                        + "names are case-sensitive)").atLine(lines.at("/" + name)));
            }
        }
        JsonNode version = doc.get("Version");
        if (version == null) {
            problems.add(Problem.warning(FIELD, "has no \"Version\"; IAM then reads it as the old language 2008-10-17. Add \"Version\": \""
                    + PolicyDocuments.VERSION + "\"").atLine(1));
        } else if (!version.isTextual() || !VERSIONS.contains(version.asText())) {
            problems.add(Problem.error(FIELD, "\"Version\" must be \"2012-10-17\" (or the old \"2008-10-17\"): it names the policy "
                    + "language, not a date of yours").atLine(lines.at("/Version")));
        } else if (!PolicyDocuments.VERSION.equals(version.asText()) && text.contains("${")) {
            problems.add(Problem.warning(FIELD, "uses a policy variable (${…}) under Version 2008-10-17, where IAM reads it as plain "
                    + "text; use \"2012-10-17\"").atLine(lines.at("/Version")));
        }
        List<JsonNode> statements = statements(doc);
        List<String> base = new ArrayList<>();
        JsonNode statementNode = doc.path("Statement");
        if (statementNode.isArray()) {
            for (int i = 0; i < statementNode.size(); i++) {
                base.add("/Statement/" + i);
            }
        } else if (statementNode.isObject()) {
            base.add("/Statement");
        } else {
            problems.add(Problem.error(FIELD, "needs a \"Statement\" list").atLine(doc.has("Statement") ? lines.at("/Statement") : 1));
        }
        if (statementNode.isArray() && statementNode.isEmpty()) {
            problems.add(Problem.error(FIELD, "has an empty \"Statement\" list; IAM refuses a policy that says nothing").atLine(lines.at("/Statement")));
        }

        Set<String> sids = new HashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            grammar(statements.get(i), i, base.get(i), lines, sids, problems);
        }

        return new Reading(doc, statements, base, lines, problems);
    }

    /**
     * The parser's reason in a person's words: where Jackson names its own internals (the redacted source,
     * {@code StreamReadFeature}, a parser Feature's constant), say what the text lacks instead.
     */
    private static String parserReason(JsonProcessingException e, String reason) {
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException && e.getProcessor() instanceof JsonParser p
                && (p.getParsingContext().inObject() || p.getParsingContext().inArray())) {
            boolean object = p.getParsingContext().inObject();
            int opened = p.getParsingContext().startLocation(com.fasterxml.jackson.core.io.ContentReference.unknown()).getLineNr();
            return "it ends before the " + (object ? "object" : "list") + (opened > 0 ? " opened on line " + opened : "")
                    + " is closed; add its closing " + (object ? "}" : "]");
        }
        if (reason.contains("maybe a (non-standard) comment?")) {
            return "it has a comment, and IAM does not accept comments in a policy; remove it";
        }
        // the text itself is never repeated: a policy pasted by mistake may hold an access key
        if (reason.startsWith("Unrecognized token ")) {
            return "a value on this line is not in double quotes; text goes in double quotes, like \"Allow\"";
        }
        if (reason.contains("was expecting double-quote to start field name")) {
            return "a key on this line is not in double quotes; keys go in double quotes, like \"Effect\"";
        }
        if (reason.contains("was expecting comma to separate")) {
            return "a comma is missing before this line (between two entries of an object or a list)";
        }
        return reason.replaceAll(" ?\\(start marker at \\[[^\\]]*\\]\\)", "")
                .replaceAll(" ?\\[Source: [^\\]]*\\]", "")
                .replaceAll(" ?\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)", "")
                .replaceAll("`[^`]*`", "");
    }

    private static boolean trailing(JsonParser p) throws IOException {
        try {
            return p.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true; // not even a token: text all the same
        }
    }

    // ---- grammar

    private static void characters(String text, List<Problem> problems) {
        int count = 0;
        int line = 1;
        int badLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                count++;
            }
            if (badLine == 0 && c != '\t' && c != '\n' && c != '\r' && (c < 0x20 || c > 0xFF)) {
                badLine = line;
            }
        }
        if (count > MAX_CHARACTERS) {
            problems.add(Problem.error(FIELD, "has " + count + " characters without whitespace; IAM's limit for a managed policy is "
                    + MAX_CHARACTERS + ", so shorten it (wildcards or fewer statements)").atLine(1));
        }
        if (badLine > 0) {
            problems.add(Problem.error(FIELD, "has a character IAM does not accept in a policy (only tab, line breaks and U+0020 to U+00FF); "
                    + "retype it").atLine(badLine));
        }
    }

    private static void grammar(JsonNode s, int i, String at, Lines lines, Set<String> sids, List<Problem> problems) {
        String which = "statement " + (i + 1);
        if (!s.isObject()) {
            problems.add(Problem.error(FIELD, which + " must be a JSON object").atLine(lines.at(at)));
            return;
        }
        for (Map.Entry<String, JsonNode> element : s.properties()) {
            String name = element.getKey();
            if (name.equals("Principal") || name.equals("NotPrincipal")) {
                problems.add(Problem.error(FIELD, which + " has \"" + name + "\", which belongs in a resource or trust policy: in a permissions "
                        + "policy the role it is attached to is the principal, so remove it").atLine(lines.at(at + "/" + name)));
            } else if (!STATEMENT_ELEMENTS.contains(name)) {
                problems.add(Problem.error(FIELD, which + " has \"" + name + "\", which is not an element of a statement (Sid, Effect, Action, "
                        + "NotAction, Resource, NotResource, Condition; names are case-sensitive)").atLine(lines.at(at + "/" + name)));
            }
        }
        JsonNode sid = s.get("Sid");
        if (sid != null) {
            if (!sid.isTextual() || !SID.matcher(sid.asText()).matches()) {
                problems.add(Problem.error(FIELD, which + ": \"Sid\" may hold only the letters A-Z, a-z and the digits 0-9").atLine(lines.at(at + "/Sid")));
            } else if (!sid.asText().isEmpty() && !sids.add(sid.asText())) {
                problems.add(Problem.error(FIELD, which + ": \"Sid\" \"" + sid.asText() + "\" is used twice; each statement's Sid must be unique")
                        .atLine(lines.at(at + "/Sid")));
            }
        }
        JsonNode effect = s.get("Effect");
        if (effect == null || !effect.isTextual() || !effect.asText().equals("Allow") && !effect.asText().equals("Deny")) {
            problems.add(Problem.error(FIELD, which + ": \"Effect\" must be exactly \"Allow\" or \"Deny\"")
                    .atLine(lines.at(effect == null ? at : at + "/Effect")));
        }
        exactlyOne(s, "Action", "NotAction", which, at, lines, problems);
        exactlyOne(s, "Resource", "NotResource", which, at, lines, problems);
        for (String element : List.of("Action", "NotAction")) {
            JsonNode n = s.get(element);
            if (n == null) {
                continue;
            }
            if (!stringOrStrings(n)) {
                problems.add(Problem.error(FIELD, which + ": \"" + element + "\" must be a string or a list of strings").atLine(lines.at(at + "/" + element)));
                continue;
            }
            List<String> values = strings(n);
            for (int k = 0; k < values.size(); k++) {
                String a = values.get(k);
                if (!a.equals("*") && !a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                    problems.add(Problem.error(FIELD, which + ": \"" + a + "\" is not an action; write it as service:Action, e.g. ecr:PutImage")
                            .atLine(lines.at(at + "/" + element + (n.isArray() ? "/" + k : ""))));
                }
            }
        }
        for (String element : List.of("Resource", "NotResource")) {
            JsonNode n = s.get(element);
            if (n != null && !stringOrStrings(n)) {
                problems.add(Problem.error(FIELD, which + ": \"" + element + "\" must be a string or a list of strings").atLine(lines.at(at + "/" + element)));
            }
        }
        JsonNode condition = s.get("Condition");
        if (condition != null) {
            if (!condition.isObject()) {
                problems.add(Problem.error(FIELD, which + ": \"Condition\" must be an object of operators").atLine(lines.at(at + "/Condition")));
                return;
            }
            for (Map.Entry<String, JsonNode> op : condition.properties()) {
                if (!OPERATORS.contains(baseOperator(op.getKey())) || op.getKey().startsWith("Null") && op.getKey().endsWith("IfExists")) {
                    problems.add(Problem.error(FIELD, which + ": \"" + op.getKey() + "\" is not a condition operator IAM knows (e.g. StringEquals, "
                            + "StringLike, Bool, ArnLike, Null)").atLine(lines.at(at + "/Condition/" + escape(op.getKey()))));
                } else if (!op.getValue().isObject()) {
                    problems.add(Problem.error(FIELD, which + ": \"" + op.getKey() + "\" must map condition keys to values")
                            .atLine(lines.at(at + "/Condition/" + escape(op.getKey()))));
                }
            }
        }
    }

    private static void exactlyOne(JsonNode s, String a, String notA, String which, String at, Lines lines, List<Problem> problems) {
        if (s.has(a) && s.has(notA)) {
            problems.add(Problem.error(FIELD, which + " has both \"" + a + "\" and \"" + notA + "\"; IAM allows one of them").atLine(lines.at(at + "/" + notA)));
        } else if (!s.has(a) && !s.has(notA)) {
            problems.add(Problem.error(FIELD, which + " needs \"" + a + "\" (or \"" + notA + "\")").atLine(lines.at(at)));
        }
    }

    private static boolean stringOrStrings(JsonNode n) {
        if (n.isTextual()) {
            return true;
        }
        if (!n.isArray() || n.isEmpty()) {
            return false;
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    // ---- what the push needs

    private static void needed(List<JsonNode> statements, List<String> base, Lines lines, String action, String resource,
                               RequestContext push, String consequence, List<Problem> problems) {
        Evaluation e = evaluate(statements, action, resource, push);
        String on = "*".equals(resource) ? "on \"*\"" : "on " + resource;
        if (e.decision() == Decision.EXPLICIT_DENY) {
            int s = e.deciding().get(0);
            problems.add(Problem.error(FIELD, "statement " + (s + 1) + " denies " + action + " " + on + ", and an explicit Deny wins over "
                    + "every Allow; " + consequence).atLine(lines.at(base.get(s))));
            return;
        }
        if (e.decision() == Decision.ALLOWED) {
            return; // a Deny whose condition RoleLab cannot evaluate is warned about at its condition
        }
        if (!e.uncertain().isEmpty()) {
            return; // allowed only under a condition RoleLab cannot evaluate: warned about at that condition
        }
        // where the action belongs: an Allow that would grant it but for its Condition, or the statement for the resource
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            if ("Allow".equals(s.path("Effect").asText()) && actionApplies(s, action) && resourceApplies(s, resource)) {
                problems.add(Problem.error(FIELD, "statement " + (i + 1) + " allows " + action + " only under a Condition that does not hold "
                        + "for the push (" + push.describe() + "); " + consequence).atLine(lines.at(base.get(i) + "/Condition")));
                return;
            }
        }
        // the Allow that grants the rest of the push (a login statement's "*" covers the repository too, but is not where it belongs),
        // else the first Allow for the resource
        List<String> siblings = PolicyDocuments.PUSH_ACTIONS.contains(action)
                ? PolicyDocuments.PUSH_ACTIONS.stream().filter(a -> !a.equals(action)).toList() : List.of();
        int chosen = -1;
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            if ("Allow".equals(s.path("Effect").asText()) && resourceApplies(s, resource)) {
                if (siblings.stream().anyMatch(a -> actionApplies(s, a))) {
                    chosen = i;
                    break;
                }
                chosen = chosen < 0 ? i : chosen;
            }
        }
        int line = 0;
        if (chosen >= 0) {
            JsonNode s = statements.get(chosen);
            line = lines.at(base.get(chosen) + (s.has("Action") ? "/Action" : s.has("NotAction") ? "/NotAction" : ""));
        }
        if (line == 0) {
            line = lines.at("/Statement");
        }
        problems.add(Problem.error(FIELD, "no longer allows " + action + " " + on + "; " + consequence).atLine(line == 0 ? 1 : line));
    }

    // ---- what it allows beyond the push

    private static void breadth(JsonNode s, int i, String at, Lines lines, List<Problem> problems) {
        if (!s.isObject() || !"Allow".equals(s.path("Effect").asText())) {
            return;
        }
        String which = "statement " + (i + 1);
        Set<String> needed = new LinkedHashSet<>(PolicyDocuments.PUSH_ACTIONS);
        needed.add(PolicyDocuments.LOGIN_ACTION);
        JsonNode actionNode = s.get("Action");
        List<String> actions = strings(actionNode);
        for (int k = 0; k < actions.size(); k++) {
            String a = actions.get(k);
            int line = lines.at(at + "/Action" + (actionNode.isArray() ? "/" + k : ""));
            if (a.equals("*")) {
                problems.add(Problem.warning(FIELD, which + " allows \"*\": every action of every AWS service (iam:*, ec2:*, ecr:"
                        + "DeleteRepository, …), not only the push").atLine(line));
                continue;
            }
            int colon = a.indexOf(':');
            if (colon < 0) {
                continue;
            }
            if (!a.substring(0, colon).equalsIgnoreCase("ecr")) {
                problems.add(Problem.warning(FIELD, which + " allows \"" + a + "\", which the push does not need (it is not an ECR action)").atLine(line));
                continue;
            }
            Pattern p = actionGlob(a);
            List<String> matched = EcrActions.ALL.stream().filter(x -> p.matcher(x).matches()).toList();
            if (matched.isEmpty()) {
                problems.add(Problem.warning(FIELD, which + " allows \"" + a + "\", which is no ECR action AWS lists; check the spelling").atLine(line));
                continue;
            }
            List<String> beyond = matched.stream().filter(x -> !needed.contains(x)).toList();
            if (beyond.isEmpty()) {
                continue;
            }
            boolean wildcard = a.contains("*") || a.contains("?");
            problems.add(Problem.warning(FIELD, which + " allows \"" + a + "\", " + (wildcard ? "which also grants " + list(beyond)
                    + " (the push needs none of these)" : "which the push does not need")).atLine(line));
        }
        JsonNode notAction = s.get("NotAction");
        if (notAction != null) {
            List<Pattern> except = strings(notAction).stream().map(PolicyReview::actionGlob).toList();
            List<String> beyond = EcrActions.ALL.stream().filter(x -> !needed.contains(x) && except.stream().noneMatch(p -> p.matcher(x).matches())).toList();
            problems.add(Problem.warning(FIELD, which + " uses NotAction, so it allows every action not listed: " + beyond.size() + " ECR actions "
                    + "beyond the push" + (beyond.isEmpty() ? "" : " (" + list(beyond) + ")") + " and the actions of every other AWS service")
                    .atLine(lines.at(at + "/NotAction")));
        }
        if (s.has("NotResource")) {
            problems.add(Problem.warning(FIELD, which + " uses NotResource, so it applies to every resource not listed: every other repository, "
                    + "and everything else its actions reach").atLine(lines.at(at + "/NotResource")));
        }
        boolean onlyLogin = s.has("Action") && actions.stream().allMatch(a -> a.equalsIgnoreCase(PolicyDocuments.LOGIN_ACTION));
        JsonNode resourceNode = s.get("Resource");
        List<String> resources = strings(resourceNode);
        for (int k = 0; k < resources.size(); k++) {
            String r = resources.get(k);
            if ((r.contains("*") || r.contains("?")) && !onlyLogin) {
                problems.add(Problem.warning(FIELD, which + " applies to the wildcard resource \"" + r + "\": more than the lab's repository")
                        .atLine(lines.at(at + "/Resource" + (resourceNode.isArray() ? "/" + k : ""))));
            }
        }
    }

    private static String list(List<String> actions) {
        int shown = Math.min(actions.size(), 4);
        String head = String.join(", ", actions.subList(0, shown));
        return actions.size() > shown ? head + " and " + (actions.size() - shown) + " more" : head;
    }

    // ---- conditions RoleLab cannot evaluate

    private static void conditions(JsonNode s, int i, String at, Lines lines, String repositoryArn, RequestContext push, List<Problem> problems) {
        JsonNode condition = s.path("Condition");
        boolean aboutThePush = PolicyDocuments.PUSH_ACTIONS.stream().anyMatch(a -> actionApplies(s, a) && resourceApplies(s, repositoryArn))
                || actionApplies(s, PolicyDocuments.LOGIN_ACTION) && resourceApplies(s, "*");
        if (!condition.isObject() || !aboutThePush) {
            return; // a condition on what the push does not touch cannot change the push
        }
        boolean deny = "Deny".equals(s.path("Effect").asText());
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            if (!op.getValue().isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                if (operator(op.getKey(), key.getKey(), key.getValue(), push) == Truth.UNKNOWN) {
                    problems.add(Problem.warning(FIELD, "statement " + (i + 1) + ": RoleLab cannot evaluate " + op.getKey() + " on \"" + key.getKey()
                            + "\" before the lab exists; AWS evaluates it at each call, and if it " + (deny ? "holds, the push is denied"
                            : "does not hold, the push is not allowed")).atLine(lines.at(at + "/Condition/" + escape(op.getKey()) + "/" + escape(key.getKey()))));
                }
            }
        }
    }

    // ---- evaluation

    /**
     * What the policy simulator would answer for one document and no context entries: a condition on a
     * key that is not given does not hold (except IfExists, Null and the negated operators), as in IAM.
     */
    public static String decision(JsonNode document, String action, String resource) {
        return evaluate(document, action, resource, RequestContext.entries(Map.of())).decision().wire();
    }

    /** IAM's evaluation of one identity policy for one request: explicit Deny, else Allow, else implicit deny. */
    public static Evaluation evaluate(JsonNode document, String action, String resource, RequestContext context) {
        return evaluate(statements(document), action, resource, context);
    }

    static Evaluation evaluate(List<JsonNode> statements, String action, String resource, RequestContext context) {
        List<Integer> denies = new ArrayList<>();
        List<Integer> allows = new ArrayList<>();
        List<Integer> maybeDenies = new ArrayList<>();
        List<Integer> maybeAllows = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            String effect = s.path("Effect").asText();
            if (!effect.equals("Allow") && !effect.equals("Deny") || !actionApplies(s, action) || !resourceApplies(s, resource)) {
                continue;
            }
            Truth holds = condition(s.path("Condition"), context);
            if (holds == Truth.FALSE) {
                continue;
            }
            boolean sure = holds == Truth.TRUE;
            (effect.equals("Deny") ? sure ? denies : maybeDenies : sure ? allows : maybeAllows).add(i);
        }
        if (!denies.isEmpty()) {
            return new Evaluation(Decision.EXPLICIT_DENY, denies, List.of());
        }
        if (!allows.isEmpty()) {
            return new Evaluation(Decision.ALLOWED, allows, maybeDenies);
        }
        List<Integer> uncertain = new ArrayList<>(maybeAllows);
        uncertain.addAll(maybeDenies);
        return new Evaluation(Decision.IMPLICIT_DENY, List.of(), maybeAllows.isEmpty() ? List.of() : uncertain);
    }

    private static boolean actionApplies(JsonNode s, String action) {
        if (s.has("NotAction")) {
            return strings(s.get("NotAction")).stream().noneMatch(p -> actionGlob(p).matcher(action).matches());
        }
        return strings(s.path("Action")).stream().anyMatch(p -> actionGlob(p).matcher(action).matches());
    }

    private static boolean resourceApplies(JsonNode s, String resource) {
        if (s.has("NotResource")) {
            return strings(s.get("NotResource")).stream().noneMatch(p -> resourceGlob(p).matcher(resource).matches());
        }
        return strings(s.path("Resource")).stream().anyMatch(p -> resourceGlob(p).matcher(resource).matches());
    }

    private static Truth condition(JsonNode condition, RequestContext context) {
        if (condition.isMissingNode() || condition.isNull()) {
            return Truth.TRUE;
        }
        if (!condition.isObject()) {
            return Truth.UNKNOWN;
        }
        Truth all = Truth.TRUE;
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            if (!op.getValue().isObject()) {
                return Truth.UNKNOWN;
            }
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                all = all.and(operator(op.getKey(), key.getKey(), key.getValue(), context));
            }
        }
        return all;
    }

    private static String baseOperator(String op) {
        String b = op;
        if (b.startsWith("ForAnyValue:") || b.startsWith("ForAllValues:")) {
            b = b.substring(b.indexOf(':') + 1);
        }
        return b.endsWith("IfExists") ? b.substring(0, b.length() - "IfExists".length()) : b;
    }

    /** One operator on one key (IAM's "Condition operators" page; the keys RoleLab knows are single-valued). */
    static Truth operator(String op, String key, JsonNode expectedNode, RequestContext context) {
        String base = baseOperator(op);
        boolean ifExists = op.endsWith("IfExists");
        boolean forAll = op.startsWith("ForAllValues:");
        boolean forAny = op.startsWith("ForAnyValue:");
        List<String> expected = new ArrayList<>();
        if (expectedNode.isArray()) {
            expectedNode.forEach(n -> expected.add(n.asText()));
        } else {
            expected.add(expectedNode.asText());
        }
        if (expected.stream().anyMatch(v -> v.contains("${"))) {
            return Truth.UNKNOWN; // a policy variable: its value is the request's
        }
        String value = context.lookup(key);
        if (value == null) {
            return Truth.UNKNOWN;
        }
        boolean absent = value.isEmpty();
        if (base.equals("Null")) {
            return expected.size() == 1 && expected.get(0).equalsIgnoreCase("true") ? Truth.of(absent)
                    : expected.size() == 1 && expected.get(0).equalsIgnoreCase("false") ? Truth.of(!absent) : Truth.UNKNOWN;
        }
        boolean negated = NEGATED.contains(base);
        if (absent) {
            return Truth.of(ifExists || forAll || !forAny && negated);
        }
        Boolean matches = switch (base) {
            case "StringEquals", "StringNotEquals", "ArnEquals", "ArnNotEquals" -> expected.contains(value);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            case "StringLike", "StringNotLike" -> expected.stream().anyMatch(v -> glob(v, false).matcher(value).matches());
            case "ArnLike", "ArnNotLike" -> expected.stream().anyMatch(v -> resourceGlob(v).matcher(value).matches());
            case "Bool" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            default -> null; // numbers, dates, addresses, binary: no key RoleLab knows has such a value
        };
        if (matches == null) {
            return Truth.UNKNOWN;
        }
        return Truth.of(negated != matches);
    }

    // ---- matching

    /** Actions match case-insensitively, with * and ? anywhere. */
    static Pattern actionGlob(String pattern) {
        return glob(pattern, true);
    }

    /**
     * Resource ARNs match case-sensitively; * and ? stay within an ARN segment, except a * that ends a
     * segment, which may reach beyond its colons (IAM JSON policy element reference, Resource).
     */
    static Pattern resourceGlob(String pattern) {
        if (pattern.equals("*")) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean endsSegment = i + 1 == pattern.length() || pattern.charAt(i + 1) == ':';
            switch (c) {
                case '*' -> re.append(endsSegment ? ".*" : "[^:]*");
                case '?' -> re.append("[^:]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
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
        return ignoreCase ? Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL) : Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static List<JsonNode> statements(JsonNode document) {
        List<JsonNode> statements = new ArrayList<>();
        JsonNode s = document.path("Statement");
        if (s.isArray()) {
            s.forEach(statements::add);
        } else if (s.isObject()) {
            statements.add(s);
        }
        return statements;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
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

    private static String regionOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 3 ? parts[3] : "";
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** The line of every element of the document, by its JSON Pointer, so that a finding can point at it. */
    private record Lines(Map<String, Integer> byPointer) {
        static Lines of(String text) {
            Map<String, Integer> out = new HashMap<>();
            try (JsonParser p = Json.MAPPER.createParser(text)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    String pointer = p.getParsingContext().pathAsPointer().toString();
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        // the pointer of a container is its parent's context at this token
                        pointer = p.getParsingContext().getParent() == null ? "" : p.getParsingContext().getParent().pathAsPointer().toString();
                    }
                    out.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
                }
            } catch (IOException e) {
                // reported by the full parse
            }
            return new Lines(out);
        }

        int at(String pointer) {
            Integer line = byPointer.get(pointer);
            return line == null ? byPointer.getOrDefault("", 1) : line;
        }
    }
}
