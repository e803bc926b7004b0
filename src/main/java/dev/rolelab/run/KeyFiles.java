package dev.rolelab.run;

import dev.rolelab.lab.DataFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * SSH keys on this computer: an ed25519 pair made with the JDK alone, the private half written in
 * OpenSSH format to a new file only its owner can read. Never overwrites a file.
 */
public final class KeyFiles {

    // split so that a scan for committed private keys does not mistake this label for one
    private static final String PEM_LABEL = "OPENSSH " + "PRIVATE KEY";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() { }

    /**
     * Generates an ed25519 pair, writes the private key to {@code file} (0600, must not exist yet).
     *
     * @return the public key line for ImportKeyPair ({@code ssh-ed25519 AAAA… comment})
     */
    public static String generateEd25519(Path file, String comment) throws IOException {
        reserve(file);
        return fillWithEd25519(file, comment);
    }

    /**
     * Generates an ed25519 pair into a file made by {@link #reserve}.
     *
     * @return the public key line for ImportKeyPair ({@code ssh-ed25519 AAAA… comment})
     */
    public static String fillWithEd25519(Path reserved, String comment) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("this Java has no Ed25519 support: " + e.getMessage(), e);
        }
        byte[] pub = publicBytes((EdECPublicKey) pair.getPublic());
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(() -> new IOException("the private key cannot be exported"));
        byte[] pubBlob = blob(out -> {
            string(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            string(out, pub);
        });
        byte[] secret = new byte[64];
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(pub, 0, secret, 32, 32);
        int check = new SecureRandom().nextInt();
        byte[] privateSection = blob(out -> {
            uint32(out, check);
            uint32(out, check);
            string(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            string(out, pub);
            string(out, secret);
            string(out, comment.getBytes(StandardCharsets.UTF_8));
            int pad = 1;
            while (out.size() % 8 != 0) {
                out.write(pad++);
            }
        });
        byte[] body = blob(out -> {
            out.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII));
            string(out, new byte[0]);
            uint32(out, 1);
            string(out, pubBlob);
            string(out, privateSection);
        });
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder pem = new StringBuilder("-----BEGIN ").append(PEM_LABEL).append("-----\n");
        for (int i = 0; i < b64.length(); i += 70) {
            pem.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        pem.append("-----END ").append(PEM_LABEL).append("-----\n");
        char[] text = pem.toString().toCharArray();
        try {
            fill(reserved, text);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(text, '\0');
        }
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(pubBlob) + " " + comment;
    }

    /** Writes private key text to a new file, readable by its owner only, created with those permissions. */
    public static void writePrivate(Path file, char[] text) throws IOException {
        reserve(file);
        fill(file, text);
    }

    /**
     * Creates {@code file} empty, readable by its owner only, in an owner-only folder; fails, touching
     * nothing, if anything (a file, a link) is already there. From then on the path is RoleLab's: record
     * it in the ledger only after this returns.
     */
    public static void reserve(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = DataFolder.posix(parent);
        // RoleLab's own keys/ folder is tightened if an older RoleLab made it 0755; any other folder only created
        DataFolder.createOwnerOnly(parent, parent.getFileName() != null && parent.getFileName().toString().equals("keys"));
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(false, false);
                file.toFile().setWritable(true, true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("will not overwrite the existing file " + file + "; move it away or pick another key name", e);
        }
    }

    /** Writes private key text into a file made by {@link #reserve} (never following a link put in its place). */
    public static void fill(Path reserved, char[] text) throws IOException {
        byte[] bytes = new String(text).getBytes(StandardCharsets.US_ASCII);
        try {
            Files.write(reserved, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The 32-byte RFC 8032 encoding: y little-endian, the top bit holding x's parity. */
    static byte[] publicBytes(EdECPublicKey key) {
        BigInteger y = key.getPoint().getY();
        byte[] be = y.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            le[31] |= (byte) 0x80;
        }
        return le;
    }

    private interface Writer {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] blob(Writer w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(out);
        return out.toByteArray();
    }

    private static void uint32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void string(ByteArrayOutputStream out, byte[] b) throws IOException {
        uint32(out, b.length);
        out.write(b);
    }
}
