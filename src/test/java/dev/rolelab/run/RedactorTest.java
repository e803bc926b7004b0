package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampleexampleexample";
    /** What `aws ecr get-login-password` prints: base64 of {"payload":…,"datakey":…}. */
    static final String ECR_PASSWORD = "eyJwYXlsb2FkIjoiR3ZQZ1BDT0Z1b0dYcjZKa2VvbGhqOU5xcmJyNWxlcnRzM1lXb1RvM0ZFMnd4MmN5N0RoN2RqaWN6dkZHN2d2a2YiLCJkYXRha2V5IjoiQVFFQkFIaHdtMFlhSVNKZVJ0Sm01bjFHNnVxZWVrWHVvWFhQZTVVRmNlOVJxOC8xNHdBQUFINHdmQVlKS29aSWh2Y05BUWNHb0c4d2JRSUJBREJvQmdrcWhraUc5dzBCQndFd0hnWUpZSVpJQVdVREJBRXVNQkVFREVNelp6T1o5RGs5cWhkZ0pnSUJFSUE3WkZwRGpDVTE4aDNpNGJVeHJPMVBTWnBSSEJ4S0lTc3pOYlZnUU1mUm5XbVpJZHJHYW5KRDFodW1CZ3V5aVlzbjJWSGJFNlM0NUhRPSJ9";

    /** Each line holds a secret that must not survive. */
    static final List<String[]> LEAKS = List.of(
            new String[] {"\"SecretAccessKey\": \"" + SECRET + "\",", SECRET},
            new String[] {"\"secretAccessKey\":\"" + SECRET + "\"", SECRET},
            new String[] {"\"secret_access_key\": \"" + SECRET + "\"", SECRET},
            new String[] {"  \"SessionToken\": \"" + TOKEN + "\"", TOKEN},
            new String[] {"  \"sessiontoken\": \"" + TOKEN + "\"", TOKEN},
            new String[] {"  \"Token\" : \"" + TOKEN + "\",", TOKEN},
            new String[] {"\"SecretAccessKey\": \"(starts-with-a-paren)\"", "starts-with-a-paren"},
            new String[] {"aws_secret_access_key = " + SECRET, SECRET},
            new String[] {"aws_secret_access_key=(paren" + SECRET, SECRET},
            new String[] {"aws_session_token = " + TOKEN, TOKEN},
            new String[] {"aws_security_token = " + TOKEN, TOKEN},
            new String[] {"AWS_SECRET_ACCESS_KEY=" + SECRET, SECRET},
            new String[] {"export AWS_SESSION_TOKEN=\"" + TOKEN + "\"", TOKEN},
            new String[] {"SecretAccessKey: " + SECRET, SECRET},
            new String[] {"AwsSessionCredentials(accessKeyId=ASIAEXAMPLE, secretAccessKey=" + SECRET + ", sessionToken=" + TOKEN + ")", SECRET},
            new String[] {"X-Amz-Security-Token: " + TOKEN, TOKEN},
            new String[] {"x-amz-security-token:" + TOKEN, TOKEN},
            new String[] {"https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=FwoGZXIvYXdzEPr%2F%2F&X-Amz-Signature=3b7c2a", "FwoGZXIvYXdzEPr"},
            new String[] {"https://bucket.s3.amazonaws.com/k?X-Amz-Signature=3b7c2a9f00ee", "3b7c2a9f00ee"},
            new String[] {"Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261202/us-east-1/ecr/aws4_request, Signature=fe5f80f77d5fa3beca038a248ff027", "fe5f80f77d5fa3beca038a248ff027"},
            new String[] {"authorization: Basic QVdTOnNlY3JldA==", "QVdTOnNlY3JldA=="},
            new String[] {ECR_PASSWORD, ECR_PASSWORD.substring(0, 24)},
            new String[] {"$ docker login -u AWS -p " + ECR_PASSWORD + " https://123456789012.dkr.ecr.us-east-1.amazonaws.com", "eyJwYXlsb2Fk"},
            new String[] {"docker login --username AWS --password hunter2hunter2 123456789012.dkr.ecr.us-east-1.amazonaws.com", "hunter2hunter2"},
            new String[] {"docker login -u AWS -p hunter2hunter2 registry", "hunter2hunter2"},
            new String[] {"\t\t\"auth\": \"QVdTOmV5SndZWGxzYjJGa0lqb2lSM1pRWjFCRFQwWjFiMGRZY2paS2EyVnZiR2h\"", "QVdTOmV5"},
            new String[] {"\"identitytoken\": \"abcdef.ghijkl\"", "abcdef.ghijkl"},
            new String[] {"\"Password\": \"p@ss(word)\"", "p@ss(word)"},
            new String[] {"\"authorizationToken\": \"QVdTOmV5SndZWGxz\"", "QVdTOmV5SndZWGxz"},
            new String[] {"\"KeyMaterial\": \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEAx\\n-----END RSA PRIVATE KEY-----\"", "MIIEpAIBAAKCAQEAx"},
            new String[] {"-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"},
            new String[] {"MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi4w4RVtUu6Hmzp8sVu0mNuwbQF3sQdbBfF", "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi4w4RVtUu6Hmzp8sVu0mNuwbQF3sQdbBfF"},
            new String[] {"CREDENTIALS\tASIAIOSFODNN7EXAMPLE\t2026-12-02T06:00:00Z\t" + SECRET + "\t" + TOKEN, SECRET},
            new String[] {"CREDENTIALS\tASIAIOSFODNN7EXAMPLE\t2026-12-02T06:00:00Z\t" + SECRET + "\t" + TOKEN, TOKEN},
            new String[] {SECRET, SECRET},
            new String[] {"access key AKIAIOSFODNN7EXAMPLE", "IOSFODNN7EX"});

    @Test
    void everyCredentialFormatIsMasked() {
        for (String[] leak : LEAKS) {
            String out = Redactor.line(leak[0]);
            assertFalse(out.contains(leak[1]), "leaked " + leak[1] + " from: " + leak[0] + " → " + out);
            assertEquals(out, Redactor.line(out), "masking twice changes nothing: " + out);
        }
    }

    @Test
    void theAccessKeyIdKeepsItsEndsForTheProof() {
        assertEquals("\"AccessKeyId\" : \"ASIA...ABCD\",", Redactor.line("\"AccessKeyId\" : \"ASIAIOSFODNN7EXAABCD\","));
    }

    @Test
    void ordinaryOutputIsLeftAlone() {
        for (String plain : List.of(
                "Step 1/2 : FROM alpine:latest",
                "sha256:4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796",
                "v1: digest: sha256:4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796 size: 528",
                "\"Arn\": \"arn:aws:sts::123456789012:assumed-role/containerise/i-0abc123def4567890\"",
                "\"Expiration\" : \"2026-11-29T15:02:11Z\",",
                "\"Code\" : \"Success\",",
                "Login Succeeded",
                "WARNING! Your password will be stored unencrypted in /home/ec2-user/.docker/config.json.",
                "docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com",
                "docker run --rm -p 8080:80 hello-test",
                "curl -sS -H X-aws-ec2-metadata-token: IMDSTOKEN http://169.254.169.254/latest/meta-data/",
                "Installed: docker-25.0.6-1.amzn2023.0.2.x86_64 containerd-1.7.23-1.amzn2023.0.1.x86_64",
                "commit 0a4f91c84c096e0b0df2e5a1d42c38609ae7fa93",
                "hello")) {
            assertEquals(plain, Redactor.line(plain));
        }
    }

    @Test
    void aPemPrivateKeyIsMaskedFromHeaderToFooterOverSeveralLines() {
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\nshort\n-----END OPENSSH PRIVATE KEY-----\nafter";
        String out = Redactor.text(pem);
        assertFalse(out.contains("b3BlbnNzaC1rZXktdjE") || out.contains("short"), out);
        assertTrue(out.endsWith("-----END OPENSSH PRIVATE KEY-----\nafter"), out);
    }
}
