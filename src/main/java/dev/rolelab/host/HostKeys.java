package dev.rolelab.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host keys an instance prints to its console at first boot (cloud-init's
 * {@code -----BEGIN SSH HOST KEY KEYS-----} block), and their SHA256 fingerprints.
 */
public final class HostKeys {

    /** A public host key: its algorithm and its base64 blob. */
    public record Key(String type, String base64) {
        public String fingerprint() {
            return HostKeys.fingerprint(Base64.getDecoder().decode(base64));
        }
    }

    private static final Pattern KEY = Pattern.compile("(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa)\\s+(AAAA[A-Za-z0-9+/]+={0,3})");
    private static final Pattern FINGERPRINT = Pattern.compile("(SHA256:[A-Za-z0-9+/]{43})");

    private HostKeys() { }

    /** The keys in the console's host key block; empty if the block is absent or incomplete. */
    public static List<Key> parse(String console) {
        List<Key> keys = new ArrayList<>();
        String block = block(console, "-----BEGIN SSH HOST KEY KEYS-----", "-----END SSH HOST KEY KEYS-----");
        if (block == null) {
            return keys;
        }
        Matcher m = KEY.matcher(block);
        while (m.find()) {
            try {
                Base64.getDecoder().decode(m.group(2));
                keys.add(new Key(m.group(1), m.group(2)));
            } catch (IllegalArgumentException garbage) {
                // a line mangled on the serial console: not a key
            }
        }
        return keys;
    }

    /** The fingerprints in the console's fingerprint block (printed beside the keys). */
    public static Set<String> fingerprints(String console) {
        Set<String> out = new LinkedHashSet<>();
        String block = block(console, "-----BEGIN SSH HOST KEY FINGERPRINTS-----", "-----END SSH HOST KEY FINGERPRINTS-----");
        if (block != null) {
            Matcher m = FINGERPRINT.matcher(block);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Everything this console vouches for: fingerprints of the printed keys and the printed fingerprints. */
    public static Set<String> trusted(String console) {
        Set<String> out = new LinkedHashSet<>();
        parse(console).forEach(k -> out.add(k.fingerprint()));
        out.addAll(fingerprints(console));
        return out;
    }

    public static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }

    private static String block(String console, String begin, String end) {
        if (console == null) {
            return null;
        }
        String text = console.replace("\r", "");
        int from = text.lastIndexOf(begin);
        if (from < 0) {
            return null;
        }
        int to = text.indexOf(end, from);
        return to < 0 ? null : new String(text.substring(from + begin.length(), to).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
