package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aKeysFolderThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tmp.resolve("keys"), elsewhere);
        IOException e = assertThrows(IOException.class, () -> KeyFiles.reserve(tmp.resolve("keys").resolve("lab_ed25519")));
        assertTrue(e.getMessage().contains("is a symbolic link") && e.getMessage().contains("remove the link"), e.getMessage());
        assertEquals(0, Files.list(elsewhere).count(), "no private key was written into the linked folder");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere)), "the link's target is left as it was");
    }

    @Test
    void generatesAnOpenSshEd25519KeyThatJschLoadsAndThatMatchesThePublicLine() throws Exception {
        Path file = tmp.resolve("keys").resolve("lab_ed25519");
        String publicLine = KeyFiles.generateEd25519(file, "rolelab test");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        assertTrue(publicLine.startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5") && publicLine.endsWith(" rolelab test"), publicLine);

        KeyPair kp = KeyPair.load(new JSch(), file.toString());
        assertEquals(KeyPair.ED25519, kp.getKeyType());
        assertTrue(!kp.isEncrypted());
        byte[] fromFile = kp.getPublicKeyBlob();
        byte[] fromLine = Base64.getDecoder().decode(publicLine.split(" ")[1]);
        assertArrayEquals(fromLine, fromFile);
    }

    @Test
    void neverOverwritesAFile() throws Exception {
        Path file = tmp.resolve("existing");
        Files.writeString(file, "precious");
        IOException e = assertThrows(IOException.class, () -> KeyFiles.generateEd25519(file, "x"));
        assertTrue(e.getMessage().contains("will not overwrite"));
        assertEquals("precious", Files.readString(file));
    }

    @Test
    void privateKeyTextIsWrittenOwnerOnly() throws Exception {
        Path file = tmp.resolve("aws.pem");
        KeyFiles.writePrivate(file, "material".toCharArray());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("material", Files.readString(file));
    }
}
