package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** One case per rule of the review: IAM's grammar, IAM's evaluation for the push, and what is warned. */
class PolicyReviewTest {
    static final String REPO = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
    static final String GENERATED = Json.pretty(PolicyDocuments.permissions(new Partition("aws", "amazonaws.com", "ec2.amazonaws.com"), "us-east-1", "123456789012", "ec2-ecr-test"));
    static final String PUSH = "[\"ecr:CompleteLayerUpload\", \"ecr:UploadLayerPart\", \"ecr:InitiateLayerUpload\", "
            + "\"ecr:BatchCheckLayerAvailability\", \"ecr:PutImage\", \"ecr:BatchGetImage\"]";
    static final String LOGIN = "{\"Effect\": \"Allow\", \"Action\": \"ecr:GetAuthorizationToken\", \"Resource\": \"*\"}";

    /** The generated policy plus one more statement, on a line of its own (line 23). */
    static String withStatement(String statement) {
        return GENERATED.replace("    }\n  ]\n}", "    },\n    " + statement + "\n  ]\n}");
    }

    static String policy(String... statements) {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + String.join(",\n    ", statements) + "\n  ]\n}";
    }

    static PolicyReview.Result check(String text) {
        return PolicyReview.check(text, REPO);
    }

    static List<Problem> errors(PolicyReview.Result r) {
        return r.problems().stream().filter(Problem::isError).toList();
    }

    static List<Problem> warnings(PolicyReview.Result r) {
        return r.problems().stream().filter(Predicate.not(Problem::isError)).toList();
    }

    static boolean has(List<Problem> problems, String text) {
        return problems.stream().anyMatch(p -> p.message().contains(text));
    }

    @Test
    void theGeneratedPolicyPassesCleanly() {
        PolicyReview.Result r = check(GENERATED);
        assertTrue(r.acceptable());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aRemovedPushActionIsReportedAtTheActionListOfItsStatement() {
        String edited = GENERATED.replace("        \"ecr:PutImage\",\n", "");
        PolicyReview.Result r = check(edited);
        assertFalse(r.acceptable());
        Problem p = errors(r).get(0);
        assertTrue(p.message().contains("ecr:PutImage"), p.message());
        assertEquals(7, p.line(), "the line of \"Action\": [ in the push statement, not line 1");
    }

    @Test
    void aRemovedPushActionIsReportedAtThePushStatementEvenWhenTheLoginStatementComesFirst() {
        // the login statement's Resource "*" also covers the repository, but the push actions live in the other statement
        String push = "{\"Effect\": \"Allow\", \"Action\": " + PUSH.replace("\"ecr:PutImage\", ", "")
                + ", \"Resource\": \"" + REPO + "\"}";
        PolicyReview.Result r = check(policy(LOGIN, push));
        Problem p = errors(r).stream().filter(x -> x.message().contains("ecr:PutImage")).findFirst().orElseThrow();
        assertEquals(5, p.line(), "the push statement's line (line 4 is the login statement): " + p);
    }

    @Test
    void invalidJsonPointsAtTheLine() {
        String broken = GENERATED.replace("\"Effect\": \"Allow\",\n      \"Action\": [", "\"Effect\": \"Allow\"\n      \"Action\": [");
        PolicyReview.Result r = check(broken);
        assertFalse(r.acceptable());
        Problem p = r.problems().get(0);
        assertTrue(p.message().contains("not valid JSON"), p.message());
        assertEquals(7, p.line());
    }

    @Test
    void aCutOffPolicyOrACommentIsWordedWithoutTheParsersInternals() {
        Problem open = errors(check(GENERATED.substring(0, GENERATED.lastIndexOf('}')))).get(0);
        assertEquals("is not valid JSON: it ends before the object opened on line 1 is closed; add its closing }", open.message());
        assertEquals(24, open.line());
        Problem list = errors(check("{\"Version\": \"2012-10-17\",\n\"Statement\": [\n")).get(0);
        assertEquals("is not valid JSON: it ends before the list opened on line 2 is closed; add its closing ]", list.message());
        Problem comment = errors(check(GENERATED.replace("\"Statement\": [", "// the statements\n  \"Statement\": ["))).get(0);
        assertEquals("is not valid JSON: it has a comment, and IAM does not accept comments in a policy; remove it", comment.message());
        assertEquals(3, comment.line());
        for (Problem p : List.of(open, list, comment)) {
            assertFalse(p.message().matches(".*(Source|REDACTED|Feature|`|[A-Z]+_[A-Z]+).*"), p.message());
        }
    }

    @Test
    void anUnquotedWordOrKeyAndAMissingCommaAreWordedForAPerson() {
        Problem word = errors(check(GENERATED.replace("\"Effect\": \"Allow\"", "\"Effect\": Allow"))).get(0);
        assertEquals("is not valid JSON: a value on this line is not in double quotes; text goes in double quotes, like \"Allow\"", word.message());
        Problem key = errors(check(GENERATED.replace("\"Effect\": \"Allow\"", "Effect: \"Allow\""))).get(0);
        assertEquals("is not valid JSON: a key on this line is not in double quotes; keys go in double quotes, like \"Effect\"", key.message());
        Problem comma = errors(check(GENERATED.replace("\"Effect\": \"Allow\",", "\"Effect\": \"Allow\""))).get(0);
        assertTrue(comma.message().startsWith("is not valid JSON: a comma is missing before this line"), comma.message());
        for (Problem p : List.of(word, key, comma)) {
            assertFalse(p.message().matches(".*(was expecting|code [0-9]+|JSON String|token 'null').*"), p.message());
        }
    }

    @Test
    void version20081017IsValidAndOthersAreNot() {
        assertEquals(List.of(), check(GENERATED.replace("2012-10-17", "2008-10-17")).problems());
        PolicyReview.Result wrong = check(GENERATED.replace("2012-10-17", "2012-10-18"));
        assertTrue(has(errors(wrong), "\"Version\" must be"), wrong.problems().toString());
        assertEquals(2, errors(wrong).get(0).line());
        PolicyReview.Result missing = check(GENERATED.replace("  \"Version\": \"2012-10-17\",\n", ""));
        assertTrue(missing.acceptable(), missing.problems().toString());
        assertTrue(has(warnings(missing), "2008-10-17"), missing.problems().toString());
    }

    @Test
    void anExplicitDenyWinsOverTheAllowAndIsReportedAtItsStatement() {
        PolicyReview.Result r = check(withStatement("{\"Effect\": \"Deny\", \"Action\": \"ecr:PutImage\", \"Resource\": \"*\"}"));
        assertFalse(r.acceptable(), r.problems().toString());
        assertEquals(1, errors(r).size(), r.problems().toString());
        assertTrue(errors(r).get(0).message().contains("statement 3 denies ecr:PutImage"), errors(r).toString());
        assertEquals(23, errors(r).get(0).line());
    }

    @Test
    void aDenyWithNotActionDeniesEverythingItDoesNotList() {
        PolicyReview.Result r = check(withStatement("{\"Effect\": \"Deny\", \"NotAction\": \"ecr:GetAuthorizationToken\", \"Resource\": \"*\"}"));
        assertEquals(6, errors(r).size(), r.problems().toString());
        assertTrue(errors(r).stream().allMatch(p -> p.message().contains("statement 3 denies")), r.problems().toString());
    }

    @Test
    void aDenyWithNotResourceDeniesEveryResourceItDoesNotList() {
        PolicyReview.Result other = check(withStatement("{\"Effect\": \"Deny\", \"Action\": \"ecr:*\", "
                + "\"NotResource\": \"arn:aws:ecr:us-east-1:123456789012:repository/other\"}"));
        assertEquals(7, errors(other).size(), "six push actions and the login: " + other.problems());
        PolicyReview.Result ours = check(withStatement("{\"Effect\": \"Deny\", \"Action\": \"ecr:*\", \"NotResource\": [\"" + REPO + "\", \"*\"]}"));
        assertTrue(ours.acceptable(), ours.problems().toString());
    }

    @Test
    void aDenyWhoseConditionCannotHoldForThePushDoesNotBlockIt() {
        PolicyReview.Result r = check(withStatement("{\"Sid\": \"DenyPlainHttp\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", "
                + "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}"));
        assertEquals(List.of(), r.problems());
        PolicyReview.Result tls = check(withStatement("{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", "
                + "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}"));
        assertEquals(7, errors(tls).size(), "a Deny that holds over TLS blocks it: " + tls.problems());
    }

    @Test
    void anAllowWithNotActionStillAllowsAndSaysHowMuchMore() {
        PolicyReview.Result r = check(policy("{\"Effect\": \"Allow\", \"NotAction\": \"ecr:DeleteRepository\", \"Resource\": \"*\"}"));
        assertTrue(r.acceptable(), r.problems().toString());
        Problem w = warnings(r).stream().filter(p -> p.message().contains("NotAction")).findFirst().orElseThrow();
        int beyond = EcrActions.ALL.size() - 7 - 1;
        assertTrue(w.message().contains(beyond + " ECR actions beyond the push (ecr:BatchDeleteImage"), w.message());
        assertTrue(w.message().contains("every other AWS service"), w.message());
        assertEquals(4, w.line());
    }

    @Test
    void anAllowWithNotResourceStillAllowsAndSaysSo() {
        PolicyReview.Result r = check(policy("{\"Effect\": \"Allow\", \"Action\": " + PUSH + ", "
                + "\"NotResource\": \"arn:aws:ecr:us-east-1:123456789012:repository/other\"}", LOGIN));
        assertTrue(r.acceptable(), r.problems().toString());
        assertTrue(has(warnings(r), "uses NotResource, so it applies to every resource not listed"), r.problems().toString());
    }

    @Test
    void theLabsRegionIsEvaluated() {
        String cond = ", \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": \"%s\"}}}";
        String here = policy("{\"Effect\": \"Allow\", \"Action\": " + PUSH + ", \"Resource\": \"" + REPO + "\"" + cond.formatted("us-east-1"), LOGIN);
        assertEquals(List.of(), check(here).problems());
        PolicyReview.Result elsewhere = check(policy("{\"Effect\": \"Allow\", \"Action\": " + PUSH + ", \"Resource\": \"" + REPO + "\""
                + cond.formatted("eu-west-1"), LOGIN));
        assertEquals(6, errors(elsewhere).size(), elsewhere.problems().toString());
        assertTrue(errors(elsewhere).get(0).message().contains("only under a Condition that does not hold for the push (region us-east-1"),
                errors(elsewhere).get(0).message());
        assertEquals(4, errors(elsewhere).get(0).line());
    }

    @Test
    void theRolesTagsAreEvaluatedWhenKnown() {
        String text = policy("{\"Effect\": \"Allow\", \"Action\": " + PUSH + ", \"Resource\": \"" + REPO + "\", "
                + "\"Condition\": {\"StringLike\": {\"aws:PrincipalTag/rolelab:lab\": \"lab-*\"}}}", LOGIN);
        PolicyReview.RequestContext tagged = PolicyReview.RequestContext.push("us-east-1", Map.of("rolelab:lab", "lab-0a1b"), Set.of());
        assertEquals(List.of(), PolicyReview.check(text, REPO, tagged).problems());
        PolicyReview.RequestContext untagged = PolicyReview.RequestContext.push("us-east-1", Map.of(), Set.of());
        assertEquals(6, errors(PolicyReview.check(text, REPO, untagged)).size(), "the role carries no such tag");
        PolicyReview.RequestContext later = PolicyReview.RequestContext.push("us-east-1", Map.of(), Set.of("rolelab:lab"));
        PolicyReview.Result pending = PolicyReview.check(text, REPO, later);
        assertTrue(pending.acceptable(), pending.problems().toString());
        assertTrue(has(warnings(pending), "cannot evaluate StringLike on \"aws:PrincipalTag/rolelab:lab\""), pending.problems().toString());
    }

    @Test
    void aConditionRoleLabCannotEvaluateIsAWarningAtItsLine() {
        String text = policy("{\"Effect\": \"Allow\", \"Action\": " + PUSH + ", \"Resource\": \"" + REPO + "\",\n"
                + "      \"Condition\": {\"ArnEquals\": {\"ec2:SourceInstanceARN\": \"arn:aws:ec2:us-east-1:123456789012:instance/i-0abc\"}}}", LOGIN);
        PolicyReview.Result r = check(text);
        assertTrue(r.acceptable(), r.problems().toString());
        assertEquals(1, warnings(r).size(), r.problems().toString());
        assertTrue(warnings(r).get(0).message().contains("cannot evaluate ArnEquals on \"ec2:SourceInstanceARN\""), r.problems().toString());
        assertEquals(5, warnings(r).get(0).line());
        PolicyReview.Result elsewhere = check(withStatement("{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\", "
                + "\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}}"));
        assertEquals(List.of(), elsewhere.problems(), "a condition on what the push does not touch cannot change it");
    }

    @Test
    void sidsMustBeAlphanumericAndUnique() {
        PolicyReview.Result dash = check(GENERATED.replace("PushToTheLabRepository", "push-to-the-lab"));
        assertTrue(has(errors(dash), "\"Sid\" may hold only the letters"), dash.problems().toString());
        assertEquals(5, errors(dash).get(0).line());
        PolicyReview.Result twice = check(GENERATED.replace("LogInToTheRegistry", "PushToTheLabRepository"));
        assertTrue(has(errors(twice), "is used twice"), twice.problems().toString());
        assertEquals(18, errors(twice).get(0).line());
    }

    @Test
    void aPrincipalHasNoPlaceInAPermissionsPolicy() {
        for (String element : List.of("Principal", "NotPrincipal")) {
            PolicyReview.Result r = check(GENERATED.replace("\"Effect\": \"Allow\",\n      \"Action\": \"ecr:GetAuthorizationToken\"",
                    "\"Effect\": \"Allow\",\n      \"" + element + "\": {\"Service\": \"ec2.amazonaws.com\"},\n      \"Action\": \"ecr:GetAuthorizationToken\""));
            assertEquals(1, errors(r).size(), r.problems().toString());
            assertTrue(errors(r).get(0).message().contains("\"" + element + "\", which belongs in a resource or trust policy"), r.problems().toString());
            assertEquals(20, errors(r).get(0).line());
        }
    }

    @Test
    void effectMustBeExactlyAllowOrDeny() {
        PolicyReview.Result r = check(GENERATED.replaceFirst("\"Allow\"", "\"allow\""));
        assertTrue(has(errors(r), "\"Effect\" must be exactly \"Allow\" or \"Deny\""), r.problems().toString());
        assertEquals(6, errors(r).stream().filter(p -> p.message().contains("Effect")).findFirst().orElseThrow().line());
    }

    @Test
    void atMost6144CharactersWithoutWhitespace() {
        String template = policy("{\"Sid\": \"%s\", \"Effect\": \"Allow\", \"Action\": " + PUSH + ", \"Resource\": \"" + REPO + "\"}", LOGIN);
        int without = template.formatted("").replaceAll("[ \\t\\r\\n]", "").length();
        String atLimit = template.formatted("A".repeat(PolicyReview.MAX_CHARACTERS - without));
        assertTrue(check(atLimit).acceptable(), check(atLimit).problems().toString());
        PolicyReview.Result over = check(template.formatted("A".repeat(PolicyReview.MAX_CHARACTERS - without + 1)));
        assertTrue(has(errors(over), "has 6145 characters without whitespace; IAM's limit for a managed policy is 6144"), over.problems().toString());
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedAtItsLine() {
        String twice = GENERATED.replace("\"Effect\": \"Allow\",\n      \"Action\": \"ecr:GetAuthorizationToken\"",
                "\"Effect\": \"Allow\",\n      \"Effect\": \"Deny\",\n      \"Action\": \"ecr:GetAuthorizationToken\"");
        PolicyReview.Result r = check(twice);
        assertFalse(r.acceptable());
        assertNull(r.document(), "nothing is read from a document IAM could read differently");
        assertTrue(r.problems().get(0).message().contains("has the key 'Effect' twice in one object"), r.problems().toString());
        assertEquals(20, r.problems().get(0).line());
    }

    @Test
    void textAfterTheDocumentIsRefused() {
        for (String tail : List.of("\n{\"Version\": \"2012-10-17\"}", "\n\nand a note")) {
            PolicyReview.Result r = check(GENERATED + tail);
            assertFalse(r.acceptable(), tail);
            assertTrue(r.problems().get(0).message().contains("text after the end of the JSON document"), r.problems().toString());
            assertTrue(r.problems().get(0).line() > 20, r.problems().toString());
        }
    }

    @Test
    void wildcardWarningsNameWhatTheyGrantBeyondThePush() {
        PolicyReview.Result batch = check(GENERATED.replace("\"ecr:BatchCheckLayerAvailability\"", "\"ecr:Batch*\""));
        assertTrue(batch.acceptable(), batch.problems().toString());
        assertEquals(1, warnings(batch).size(), batch.problems().toString());
        Problem w = warnings(batch).get(0);
        assertTrue(w.message().contains("\"ecr:Batch*\", which also grants ecr:BatchDeleteImage"), w.message());
        assertFalse(w.message().contains("ecr:BatchCheckLayerAvailability"), "what the push needs is not 'beyond' it: " + w.message());
        assertEquals(11, w.line(), "the line of the wildcard itself");

        PolicyReview.Result all = check(policy("{\"Effect\": \"Allow\",\n      \"Action\": \"ecr:*\",\n      \"Resource\": \"*\"}"));
        assertTrue(all.acceptable(), all.problems().toString());
        assertEquals(2, all.problems().size(), all.problems().toString());
        assertTrue(has(warnings(all), "\"ecr:*\", which also grants ecr:BatchDeleteImage, ecr:BatchImportUpstreamImage, ecr:CreatePullThroughCacheRule, "
                + "ecr:CreateRepository and " + (EcrActions.ALL.size() - 7 - 4) + " more"), all.problems().toString());
        assertEquals(List.of(5, 6), all.problems().stream().map(Problem::line).sorted().toList());

        PolicyReview.Result star = check(policy("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}"));
        assertTrue(has(warnings(star), "every action of every AWS service"), star.problems().toString());

        PolicyReview.Result extra = check(withStatement("{\"Effect\": \"Allow\", \"Action\": [\"ecr:DeleteRepository\", \"iam:PassRole\"], \"Resource\": \"*\"}"));
        assertTrue(has(warnings(extra), "\"ecr:DeleteRepository\", which the push does not need"), extra.problems().toString());
        assertTrue(has(warnings(extra), "\"iam:PassRole\", which the push does not need (it is not an ECR action)"), extra.problems().toString());
    }

    @Test
    void actionsMatchIgnoringCaseLikeIam() {
        PolicyReview.Result r = check(GENERATED.replace("\"ecr:PutImage\"", "\"ECR:putimage\""));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void resourceWildcardsMatchWithinArnSegments() {
        String repoLike = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-tes?";
        assertTrue(errors(check(GENERATED.replace(REPO, repoLike))).isEmpty());
        assertTrue(errors(check(GENERATED.replace(REPO, "arn:aws:ecr:*:123456789012:repository/ec2-ecr-test"))).isEmpty());
        assertEquals(6, errors(check(GENERATED.replace(REPO, "arn:aws:ecr:us-east-1:*:repository/other*"))).size());
        assertEquals(6, errors(check(GENERATED.replace(REPO, "arn:aws:ecr:us-east-1:123456789012:repository/EC2-ECR-TEST"))).size(),
                "ARNs match case-sensitively");
        assertTrue(PolicyReview.resourceGlob("arn:aws:ecr:*").matcher(REPO).matches(), "a * that ends a segment reaches beyond it");
        assertFalse(PolicyReview.resourceGlob("arn:aws:ecr:us-*-1:123456789012:repository/ec2-ecr-test").matcher(
                "arn:aws:ecr:us-east-1:x:y-1:123456789012:repository/ec2-ecr-test").matches(), "a * inside a segment does not cross a colon");
    }

    @Test
    void anElementIamDoesNotKnowOrActionWithNotActionIsRefused() {
        PolicyReview.Result lower = check(GENERATED.replace("\"Resource\": \"*\"", "\"resource\": \"*\""));
        assertTrue(has(errors(lower), "\"resource\", which is not an element of a statement"), lower.problems().toString());
        PolicyReview.Result both = check(GENERATED.replace("\"Resource\": \"*\"", "\"Resource\": \"*\", \"NotAction\": \"iam:*\""));
        assertTrue(has(errors(both), "has both \"Action\" and \"NotAction\""), both.problems().toString());
    }

    @Test
    void aPolicyForAnotherRepositoryDoesNotCount() {
        PolicyReview.Result r = check(GENERATED.replace("repository/ec2-ecr-test", "repository/other"));
        assertEquals(6, errors(r).size());
    }

    @Test
    void theSimulatorsAnswerTreatsAKeyNotGivenAsAbsent() throws Exception {
        var allowInRegion = Json.MAPPER.readTree(policy("{\"Effect\": \"Allow\", \"Action\": \"ecr:PutImage\", \"Resource\": \"*\", "
                + "\"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}}}"));
        assertEquals("implicitDeny", PolicyReview.decision(allowInRegion, "ecr:PutImage", REPO));
        assertEquals("allowed", PolicyReview.evaluate(allowInRegion, "ecr:PutImage", REPO,
                PolicyReview.RequestContext.entries(Map.of("aws:RequestedRegion", "us-east-1"))).decision().wire());
        var denyOutside = Json.MAPPER.readTree(policy("{\"Effect\": \"Allow\", \"Action\": \"ecr:PutImage\", \"Resource\": \"*\"}",
                "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}}}"));
        assertEquals("explicitDeny", PolicyReview.decision(denyOutside, "ecr:PutImage", REPO), "a negated operator holds for an absent key");
        assertEquals("allowed", PolicyReview.evaluate(denyOutside, "ecr:PutImage", REPO,
                PolicyReview.RequestContext.entries(Map.of("aws:RequestedRegion", "us-east-1"))).decision().wire());
    }
}
