package dev.rolelab.cloud;

/** The tag every resource RoleLab creates carries, and the IAM path its IAM resources live under. */
public final class Tags {
    public static final String LAB = "rolelab:lab";
    public static final String IAM_PATH = "/rolelab/";

    private Tags() { }
}
