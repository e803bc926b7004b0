package dev.rolelab.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.Tags;
import dev.rolelab.lab.EcrActions;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Partition;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.PolicyReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Before anything exists, asks the IAM policy simulator (SimulateCustomPolicy) about the permissions
 * policy as it will be sent: the push on the lab's repository must be allowed, and the push on another
 * repository and the destructive ECR and IAM actions must not be. The same table the proof shows
 * afterwards (SimulatePrincipalPolicy on the role), now in advance. Creates nothing.
 */
public final class PolicyCheck {

    /** The repository the proof also asks about, to show the push is allowed nowhere else. */
    public static final String OTHER_REPOSITORY = "some-other-repository";

    /** IAM actions a role able to push must never have: they would let it give itself more. */
    public static final List<String> DESTRUCTIVE_IAM = List.of("iam:CreateUser", "iam:CreateAccessKey", "iam:AttachRolePolicy",
            "iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:PassRole", "iam:DeleteRole");

    public enum Expected { ALLOWED, DENIED }

    /**
     * One line of the table: what was asked, what least privilege expects, and what the simulator answered.
     *
     * @param what the row's group in the user's words: push, login, destructive ECR, destructive IAM
     */
    public record Row(String what, String action, String resource, Expected expected, String verdict) {
        @JsonProperty("ok")
        public boolean ok() {
            return expected == Expected.ALLOWED ? "allowed".equals(verdict) : "implicitDeny".equals(verdict) || "explicitDeny".equals(verdict);
        }
    }

    /**
     * The whole answer.
     *
     * @param source  who answered, in the user's words (says so when it is the practice simulation)
     * @param context the context entries the simulation used (the lab's region, over TLS, the role's tag if known)
     */
    public record Table(String source, Map<String, String> context, List<Row> rows) {
        @JsonProperty("ok")
        public boolean ok() {
            return rows.stream().allMatch(Row::ok);
        }

        public List<Row> failures() {
            return rows.stream().filter(r -> !r.ok()).toList();
        }

        /** The rows by question (what, resource, expectation), in the order asked: one line each in `plan` and on Review. */
        public List<Group> groups() {
            Map<String, List<Row>> by = new java.util.LinkedHashMap<>();
            for (Row r : rows) {
                by.computeIfAbsent(r.what() + " " + r.resource() + " " + r.expected(), k -> new ArrayList<>()).add(r);
            }
            return by.values().stream().map(Group::new).toList();
        }
    }

    /** Rows asking one question of one resource; {@link #asked} names it ("push (6 actions) on ec2-ecr-test"). */
    public record Group(List<Row> rows) {
        public Row first() {
            return rows.get(0);
        }

        /** The question in words, the resource by its short name ({@code everyResource} for "*"). */
        public String asked(String everyResource) {
            Row f = first();
            String resource = f.resource().equals("*") ? everyResource : f.resource().substring(f.resource().lastIndexOf('/') + 1);
            return (rows.size() == 1 ? f.action() : f.what() + " (" + rows.size() + " actions)") + " on " + resource;
        }

        public List<Row> failing() {
            return rows.stream().filter(r -> !r.ok()).toList();
        }
    }

    private final Cloud cloud;
    private final boolean practice;

    /** @param practice whether {@code cloud} is the practice simulation (the table then says so) */
    public PolicyCheck(Cloud cloud, boolean practice) {
        this.cloud = cloud;
        this.practice = practice;
    }

    /**
     * Asks the simulator about the spec's policy (the edited text if any, else the generated one).
     *
     * @param labId the lab's id if already chosen (then the role's tag is in the context), or null
     * @throws dev.rolelab.cloud.CloudException if the simulator cannot be asked (e.g. iam:SimulateCustomPolicy not allowed)
     */
    public Table check(LabSpec spec, String account, String labId) {
        Partition partition = cloud.regions().partition(spec.region());
        String document = spec.permissionsPolicy() != null ? spec.permissionsPolicy()
                : Json.pretty(PolicyDocuments.permissions(partition, spec.region(), account, spec.names().repository()));
        String here = PolicyDocuments.repositoryArn(partition, spec.region(), account, spec.names().repository());
        String elsewhere = PolicyDocuments.repositoryArn(partition, spec.region(), account, OTHER_REPOSITORY);
        Map<String, String> context = PolicyReview.RequestContext.push(spec.region(),
                labId == null ? Map.of() : Map.of(Tags.LAB, labId), Set.of()).known();

        List<Row> rows = new ArrayList<>();
        List<String> onHere = new ArrayList<>(PolicyDocuments.PUSH_ACTIONS);
        onHere.addAll(EcrActions.DESTRUCTIVE);
        Map<String, String> answersHere = cloud.simulateCustomPolicy(document, onHere, here, context);
        PolicyDocuments.PUSH_ACTIONS.forEach(a -> rows.add(row("push", a, here, Expected.ALLOWED, answersHere)));
        Map<String, String> answersElsewhere = cloud.simulateCustomPolicy(document, PolicyDocuments.PUSH_ACTIONS, elsewhere, context);
        PolicyDocuments.PUSH_ACTIONS.forEach(a -> rows.add(row("push", a, elsewhere, Expected.DENIED, answersElsewhere)));
        List<String> onAll = new ArrayList<>(List.of(PolicyDocuments.LOGIN_ACTION));
        onAll.addAll(DESTRUCTIVE_IAM);
        Map<String, String> answersAll = cloud.simulateCustomPolicy(document, onAll, "*", context);
        rows.add(row("registry login", PolicyDocuments.LOGIN_ACTION, "*", Expected.ALLOWED, answersAll));
        EcrActions.DESTRUCTIVE.forEach(a -> rows.add(row("destructive ECR", a, here, Expected.DENIED, answersHere)));
        DESTRUCTIVE_IAM.forEach(a -> rows.add(row("destructive IAM", a, "*", Expected.DENIED, answersAll)));
        String source = practice ? "the practice simulator (a simulation of IAM's SimulateCustomPolicy; nothing was asked of AWS)"
                : "IAM's policy simulator (iam:SimulateCustomPolicy), before anything exists";
        return new Table(source, context, rows);
    }

    /** The proof afterwards (SimulatePrincipalPolicy on the role) as the same table. */
    public static Table ofProof(BuildAndPush.Proof proof, String repositoryArn, String otherRepositoryArn, String source) {
        List<Row> rows = new ArrayList<>();
        proof.onThisRepository().forEach((a, v) -> rows.add(new Row("push", a, repositoryArn, Expected.ALLOWED, v)));
        proof.onAnotherRepository().forEach((a, v) -> rows.add(new Row("push", a, otherRepositoryArn, Expected.DENIED, v)));
        proof.login().forEach((a, v) -> rows.add(new Row("registry login", a, "*", Expected.ALLOWED, v)));
        return new Table(source, Map.of(), rows);
    }

    private static Row row(String what, String action, String resource, Expected expected, Map<String, String> answers) {
        // an action the simulator left out has no verdict, which is never ok
        String verdict = answers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(action)).map(Map.Entry::getValue)
                .findFirst().orElse("no answer");
        return new Row(what, action, resource, expected, verdict);
    }
}
