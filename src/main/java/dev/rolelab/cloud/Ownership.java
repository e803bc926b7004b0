package dev.rolelab.cloud;

/** Whether a named resource exists and carries this lab's tag: only then may RoleLab delete it. */
public record Ownership(State state, String id) {
    public enum State { ABSENT, OURS, NOT_OURS }

    public static Ownership absent() {
        return new Ownership(State.ABSENT, null);
    }

    public static Ownership ours(String id) {
        return new Ownership(State.OURS, id);
    }

    public static Ownership notOurs(String id) {
        return new Ownership(State.NOT_OURS, id);
    }
}
