package dev.rolelab.lab;

import java.util.Objects;

/**
 * What the user chose for one lab. Immutable; {@link Builder} starts from the tutorial's defaults.
 *
 * @param cidrOpenConfirmed the user explicitly accepted SSH from the whole internet (0.0.0.0/0 or ::/0)
 * @param subnet            a subnet the user chose, or null for the default VPC's
 * @param dockerfile        the Dockerfile's text
 * @param permissionsPolicy the permissions policy as the user edited it, or null for the generated one
 */
public record LabSpec(String region, String sshCidr, boolean cidrOpenConfirmed, KeyChoice key,
                      String instanceType, String subnet, Names names, String image, String tag, String dockerfile,
                      String permissionsPolicy) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_INSTANCE_TYPE = "t3.micro";
    public static final String DEFAULT_IMAGE = "hello-test";
    public static final String DEFAULT_TAG = "v1";
    public static final String TUTORIAL_DOCKERFILE = "FROM alpine:latest\nCMD [\"sh\", \"-c\", \"echo hello\"]\n";

    public LabSpec {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(sshCidr, "sshCidr");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(dockerfile, "dockerfile");
    }

    public Architecture architecture() {
        return Architecture.of(instanceType);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /** Starts at the tutorial's choices; every setter returns the builder. */
    public static final class Builder {
        private String region = DEFAULT_REGION;
        private String sshCidr = "";
        private boolean cidrOpenConfirmed;
        private KeyChoice key;
        private String instanceType = DEFAULT_INSTANCE_TYPE;
        private String subnet;
        private Names names = Names.tutorial();
        private String image = DEFAULT_IMAGE;
        private String tag = DEFAULT_TAG;
        private String dockerfile = TUTORIAL_DOCKERFILE;
        private String permissionsPolicy;

        private Builder(LabSpec from) {
            if (from != null) {
                region = from.region;
                sshCidr = from.sshCidr;
                cidrOpenConfirmed = from.cidrOpenConfirmed;
                key = from.key;
                instanceType = from.instanceType;
                subnet = from.subnet;
                names = from.names;
                image = from.image;
                tag = from.tag;
                dockerfile = from.dockerfile;
                permissionsPolicy = from.permissionsPolicy;
            }
        }

        public Builder region(String v) { region = v; return this; }
        public Builder sshCidr(String v) { sshCidr = v; return this; }
        public Builder cidrOpenConfirmed(boolean v) { cidrOpenConfirmed = v; return this; }
        public Builder key(KeyChoice v) { key = v; return this; }
        public Builder instanceType(String v) { instanceType = v; return this; }
        public Builder subnet(String v) { subnet = v; return this; }
        public Builder names(Names v) { names = v; return this; }
        public Builder name(ResourceKind kind, String v) { names = names.with(kind, v); return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder tag(String v) { tag = v; return this; }
        public Builder dockerfile(String v) { dockerfile = v; return this; }

        public Builder permissionsPolicy(String v) { permissionsPolicy = v; return this; }

        public LabSpec build() {
            KeyChoice k = key != null ? key : KeyChoice.generate(names.keyPair());
            return new LabSpec(region, sshCidr, cidrOpenConfirmed, k, instanceType, subnet, names, image, tag, dockerfile, permissionsPolicy);
        }
    }
}
