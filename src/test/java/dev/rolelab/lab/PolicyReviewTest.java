package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyReviewTest {
    static final String REPO = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
    static final String GENERATED = Json.pretty(PolicyDocuments.permissions(new Partition("aws", "amazonaws.com", "ec2.amazonaws.com"), "us-east-1", "123456789012", "ec2-ecr-test"));

    @Test
    void theGeneratedPolicyPassesCleanly() {
        PolicyReview.Result r = PolicyReview.check(GENERATED, REPO);
        assertTrue(r.acceptable());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void droppingAPushActionIsAnError() {
        String edited = GENERATED.replace("        \"ecr:PutImage\",\n", "");
        PolicyReview.Result r = PolicyReview.check(edited, REPO);
        assertFalse(r.acceptable());
        assertTrue(r.problems().stream().anyMatch(p -> p.isError() && p.message().contains("ecr:PutImage")), r.problems().toString());
    }

    @Test
    void invalidJsonPointsAtTheLine() {
        String broken = GENERATED.replace("\"Effect\": \"Allow\",\n      \"Action\": [", "\"Effect\": \"Allow\"\n      \"Action\": [");
        PolicyReview.Result r = PolicyReview.check(broken, REPO);
        assertFalse(r.acceptable());
        Problem p = r.problems().get(0);
        assertTrue(p.message().contains("not valid JSON"), p.message());
        assertEquals(7, p.line());
    }

    @Test
    void wrongVersionIsAnError() {
        PolicyReview.Result r = PolicyReview.check(GENERATED.replace("2012-10-17", "2008-10-17"), REPO);
        assertTrue(r.problems().stream().anyMatch(p -> p.isError() && p.message().contains("Version")));
    }

    @Test
    void wildcardsStillWorkButAreWarnedAtTheirStatement() {
        String broad = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": "ecr:*",
                      "Resource": "*"
                    }
                  ]
                }""";
        PolicyReview.Result r = PolicyReview.check(broad, REPO);
        assertTrue(r.acceptable(), r.problems().toString());
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().stream().allMatch(p -> !p.isError() && p.line() == 4));
    }

    @Test
    void aDenyOverridesTheAllow() {
        String denied = GENERATED.replace("  ]\n}", "  ,{\"Effect\": \"Deny\", \"Action\": \"ecr:PutImage\", \"Resource\": \"*\"}\n  ]\n}");
        PolicyReview.Result r = PolicyReview.check(denied, REPO);
        assertFalse(r.acceptable(), r.problems().toString());
    }

    @Test
    void aPolicyForAnotherRepositoryDoesNotCount() {
        PolicyReview.Result r = PolicyReview.check(GENERATED.replace("repository/ec2-ecr-test", "repository/other"), REPO);
        assertEquals(6, r.problems().stream().filter(Problem::isError).count());
    }
}
