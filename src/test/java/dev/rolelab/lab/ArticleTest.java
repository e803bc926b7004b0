package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.run.Preflight;
import org.junit.jupiter.api.Test;

class ArticleTest {

    @Test
    void everyKindReadsWithTheRightArticle() {
        assertEquals("an ECR repository", ResourceKind.REPOSITORY.titleWithArticle());
        assertEquals("an IAM permissions policy", ResourceKind.POLICY.titleWithArticle());
        assertEquals("an IAM role (trusted entity: EC2)", ResourceKind.ROLE.titleWithArticle());
        assertEquals("a policy attached to the role", ResourceKind.POLICY_ATTACHMENT.titleWithArticle());
        assertEquals("an instance profile", ResourceKind.INSTANCE_PROFILE.titleWithArticle());
        assertEquals("a security group (SSH from your IP)", ResourceKind.SECURITY_GROUP.titleWithArticle());
        assertEquals("an EC2 key pair", ResourceKind.KEY_PAIR.titleWithArticle());
        assertEquals("a private key file on this computer", ResourceKind.LOCAL_KEY_FILE.titleWithArticle());
        assertEquals("an EC2 instance", ResourceKind.INSTANCE.titleWithArticle());
        assertEquals("an SSH key", ResourceKind.withArticle("SSH key"));
        assertEquals("a repository", ResourceKind.withArticle("repository"));
    }

    @Test
    void aClashSaysAnEcrRepository() {
        String m = new Preflight.Clash(ResourceKind.REPOSITORY, "ec2-ecr-test", "ec2-ecr-test-2").asProblem().message();
        assertTrue(m.startsWith("an ECR repository named 'ec2-ecr-test' already exists"), m);
        String p = new Preflight.Clash(ResourceKind.INSTANCE_PROFILE, "containerise", null).asProblem().message();
        assertTrue(p.startsWith("an instance profile named"), p);
    }
}
