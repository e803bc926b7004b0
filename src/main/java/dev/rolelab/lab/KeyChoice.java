package dev.rolelab.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the instance's SSH key pair comes to be.
 *
 * @param mode           generate locally and import (default), create in AWS, or use an existing pair
 * @param name           the EC2 key pair name
 * @param privateKeyFile for {@link Mode#EXISTING}, the private key the user has; otherwise null
 *                       (RoleLab picks a new file in its data folder)
 */
public record KeyChoice(Mode mode, String name, Path privateKeyFile) {

    public enum Mode { GENERATE, AWS, EXISTING }

    public KeyChoice {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(name, "name");
    }

    public static KeyChoice generate(String name) {
        return new KeyChoice(Mode.GENERATE, name, null);
    }

    /** Whether RoleLab creates the EC2 key pair (and so may delete it). */
    public boolean createsKeyPair() {
        return mode != Mode.EXISTING;
    }
}
