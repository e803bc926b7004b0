package dev.rolelab.cloud;

/**
 * A key pair AWS created: its id, and the private key, which AWS shows once. Not a record, so the
 * private key never lands in a {@code toString}.
 */
public final class CreatedKey {
    private final String keyPairId;
    private final char[] privateKey;

    public CreatedKey(String keyPairId, char[] privateKey) {
        this.keyPairId = keyPairId;
        this.privateKey = privateKey;
    }

    public String keyPairId() {
        return keyPairId;
    }

    public char[] privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "CreatedKey[" + keyPairId + ", private key withheld]";
    }
}
