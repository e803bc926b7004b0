package dev.rolelab.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The two IAM documents of the lab, built as JSON in a stable order. */
public final class PolicyDocuments {

    public static final String VERSION = "2012-10-17";

    /** The tutorial's push actions, in its order. */
    public static final List<String> PUSH_ACTIONS = List.of(
            "ecr:CompleteLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:InitiateLayerUpload",
            "ecr:BatchCheckLayerAvailability",
            "ecr:PutImage",
            "ecr:BatchGetImage");

    public static final String LOGIN_ACTION = "ecr:GetAuthorizationToken";

    private PolicyDocuments() { }

    public static String repositoryArn(Partition partition, String region, String account, String repository) {
        return partition.arn("ecr", region, account, "repository/" + repository);
    }

    /** The ARN of the lab's customer managed policy (IAM is global: no region). */
    public static String policyArn(Partition partition, String account, String policy) {
        return partition.arn("iam", "", account, "policy/rolelab/" + policy);
    }

    /** Least privilege: push to this one repository, and get a registry login (which has no resource). */
    public static ObjectNode permissions(Partition partition, String region, String account, String repository) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("Version", VERSION);
        ArrayNode statements = doc.putArray("Statement");
        ObjectNode push = statements.addObject();
        push.put("Sid", "PushToTheLabRepository");
        push.put("Effect", "Allow");
        ArrayNode actions = push.putArray("Action");
        PUSH_ACTIONS.forEach(actions::add);
        push.put("Resource", repositoryArn(partition, region, account, repository));
        ObjectNode login = statements.addObject();
        login.put("Sid", "LogInToTheRegistry");
        login.put("Effect", "Allow");
        login.put("Action", LOGIN_ACTION);
        login.put("Resource", "*");
        return doc;
    }

    /** Trusted entity: the EC2 service of the lab's partition may assume the role on an instance's behalf. */
    public static ObjectNode trust(Partition partition) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("Version", VERSION);
        ObjectNode statement = doc.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", partition.ec2Principal());
        statement.put("Action", "sts:AssumeRole");
        return doc;
    }
}
