package dev.rolelab.host;

import java.nio.ByteBuffer;
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
 * The host keys an instance prints to its console at first boot, read the way cloud-init prints them,
 * and nothing else.
 *
 * <p>cloud-init's {@code write-ssh-key-fingerprints} (22.2.2 on Amazon Linux 2023) prints, once per
 * instance, a fingerprints block through {@code logger -s}, so each of its lines carries cloud-init's tag
 * ({@code ec2:} in older releases, {@code cloud-init:} or {@code cloud-init[PID]:} when the journal copies it
 * to the console), framed by a line of 61 {@code #}:
 * <pre>
 * ec2: #############################################################
 * ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----
 * ec2: 256 SHA256:… root@ip-172-31-22-5 (ED25519)
 * ec2: -----END SSH HOST KEY FINGERPRINTS-----
 * ec2: #############################################################
 * </pre>
 * and then the keys themselves, written straight to the console (no tag) or with the same tag:
 * <pre>
 * -----BEGIN SSH HOST KEY KEYS-----
 * ssh-ed25519 AAAA… root@ip-172-31-22-5
 * -----END SSH HOST KEY KEYS-----
 * </pre>
 *
 * <p>The rule RoleLab applies (anything else vouches for nothing):
 * <ol>
 * <li>A block counts only if its BEGIN and END markers, and (for fingerprints) both {@code #} frames, are whole
 *     lines with cloud-init's tag ({@code ec2}, {@code cloud-init}, {@code cloud-init[PID]}; a kernel time stamp
 *     and a syslog priority/date before it are allowed), or, for the keys block only, with no tag at all.</li>
 * <li>Every line between the markers carries the same tag (same process) as its BEGIN line and is exactly one
 *     {@code ssh-keygen -l} line (fingerprints block) or one public key whose blob names its own type (keys
 *     block). A line from another process, a stray {@code SHA256:} word, garbage, a second BEGIN or a missing
 *     END make the whole block count for nothing.</li>
 * <li>Keys and fingerprints are never merged: when both blocks appear, the fingerprints of the printed keys
 *     must be exactly the printed fingerprints (DSA, which cloud-init leaves out of the keys block and SSH no
 *     longer accepts, is not compared and never trusted).</li>
 * <li>The same block printed twice (a reboot) is fine; two different blocks of one kind are a refusal, whichever
 *     comes first: RoleLab cannot tell cloud-init's from an impostor's.</li>
 * </ol>
 * A refusal ({@link #trusted} throws) stops the connection: the console shows keys that contradict each other.
 * No countable block means the console vouches for nothing yet: the caller keeps polling and, at its deadline,
 * asks the user. What this cannot tell apart: a process on the instance that prints a well-formed,
 * cloud-init-tagged block before cloud-init does and is read before cloud-init's own block appears.
 */
public final class HostKeys {

    /** A public host key: its algorithm and its base64 blob. */
    public record Key(String type, String base64) {
        public String fingerprint() {
            return HostKeys.fingerprint(Base64.getDecoder().decode(base64));
        }
    }

    /**
     * What one console vouches for.
     *
     * @param keys         the keys of the keys block (empty if there is none that counts)
     * @param fingerprints the fingerprints of the fingerprints block (empty if there is none that counts)
     * @param refusal      why the console contradicts itself, or null
     * @param ignored      blocks that did not count, and why (for the log)
     */
    public record Reading(List<Key> keys, Set<String> fingerprints, String refusal, List<String> ignored) {
        /** Fingerprints the console vouches for: those of the keys, else the printed ones; empty if refused. */
        public Set<String> vouched() {
            if (refusal != null) {
                return Set.of();
            }
            if (!keys.isEmpty()) {
                Set<String> out = new LinkedHashSet<>();
                keys.forEach(k -> out.add(k.fingerprint()));
                return out;
            }
            return fingerprints;
        }
    }

    static final String KEYS_BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
    static final String KEYS_END = "-----END SSH HOST KEY KEYS-----";
    static final String FINGERPRINTS_BEGIN = "-----BEGIN SSH HOST KEY FINGERPRINTS-----";
    static final String FINGERPRINTS_END = "-----END SSH HOST KEY FINGERPRINTS-----";
    static final String FRAME = "#".repeat(61);

    /** Kernel time stamp, syslog priority and date (all optional), then cloud-init's tag (optional), then the text. */
    private static final Pattern LINE = Pattern.compile(
            "(?:\\[\\s*\\d+\\.\\d+\\] )?(?:<\\d{1,3}>)?(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d )?(?:(ec2|cloud-init(?:\\[\\d{1,7}\\])?): ?)?(.*)");
    private static final Pattern KEY_LINE = Pattern.compile("(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa|ssh-dss) (AAAA[A-Za-z0-9+/]+={0,3})(?: [^\\s].*)?");
    private static final Pattern FINGERPRINT_LINE = Pattern.compile("\\d{3,5} (SHA256:[A-Za-z0-9+/]{43})(?: .*)? \\((RSA|DSA|ECDSA|ED25519)\\)");

    private HostKeys() { }

    /** The keys of the console's keys block; empty if no block counts or the console contradicts itself. */
    public static List<Key> parse(String console) {
        Reading r = read(console);
        return r.refusal() == null ? r.keys() : List.of();
    }

    /** The fingerprints of the console's fingerprints block; empty if no block counts or the console contradicts itself. */
    public static Set<String> fingerprints(String console) {
        Reading r = read(console);
        return r.refusal() == null ? r.fingerprints() : Set.of();
    }

    /**
     * The fingerprints this console vouches for (empty: none yet).
     *
     * @throws HostException {@code HOST_KEY_MISMATCH} when the console shows host keys that contradict each other
     */
    public static Set<String> trusted(String console) {
        Reading r = read(console);
        if (r.refusal() != null) {
            throw new HostException(HostException.Kind.HOST_KEY_MISMATCH, "the instance's console " + r.refusal()
                    + "; RoleLab will not connect, because one of them may be an impostor's. Remove this lab (rolelab down) and "
                    + "start a new one; if it happens again, look at the instance's system log (EC2 console → instance → "
                    + "Monitor and troubleshoot → Get system log)", null);
        }
        return r.vouched();
    }

    /** Reads the console by the rule above. */
    public static Reading read(String console) {
        List<Line> lines = lines(console);
        List<Block> blocks = blocks(lines);
        List<String> ignored = new ArrayList<>();
        List<List<Key>> keyBlocks = new ArrayList<>();
        List<Set<String>> fingerprintBlocks = new ArrayList<>();
        for (Block b : blocks) {
            if (b.problem != null) {
                ignored.add(b.kind() + " block at line " + (b.start + 1) + ": " + b.problem);
            } else if (b.keys) {
                keyBlocks.add(b.keyList);
            } else {
                fingerprintBlocks.add(b.fingerprintSet);
            }
        }
        List<Key> keys = keyBlocks.isEmpty() ? List.of() : keyBlocks.get(0);
        Set<String> fingerprints = fingerprintBlocks.isEmpty() ? Set.of() : fingerprintBlocks.get(0);
        String refusal = null;
        if (keyBlocks.stream().map(HostKeys::fingerprintsOf).distinct().count() > 1) {
            refusal = "shows " + keyBlocks.size() + " SSH HOST KEY KEYS blocks with different keys";
        } else if (fingerprintBlocks.stream().distinct().count() > 1) {
            refusal = "shows " + fingerprintBlocks.size() + " SSH HOST KEY FINGERPRINTS blocks with different fingerprints";
        } else if (!keys.isEmpty() && !fingerprints.isEmpty() && !fingerprintsOf(keys).equals(fingerprints)) {
            refusal = "prints host keys " + fingerprintsOf(keys) + " but fingerprints " + fingerprints;
        }
        return new Reading(keys, fingerprints, refusal, ignored);
    }

    public static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }

    private static Set<String> fingerprintsOf(List<Key> keys) {
        Set<String> out = new LinkedHashSet<>();
        keys.forEach(k -> out.add(k.fingerprint()));
        return out;
    }

    /** A console line: cloud-init's tag that printed it ("" for none) and the text after it. */
    private record Line(String tag, String text) { }

    private static List<Line> lines(String console) {
        List<Line> out = new ArrayList<>();
        if (console == null) {
            return out;
        }
        for (String raw : console.split("\r?\n|\r", -1)) {
            Matcher m = LINE.matcher(raw);
            // LINE matches every string: each part but the text is optional
            m.matches();
            out.add(new Line(m.group(1) == null ? "" : m.group(1), m.group(2).strip()));
        }
        return out;
    }

    private static final class Block {
        final boolean keys;
        final int start;
        final String tag;
        String problem;
        final List<Key> keyList = new ArrayList<>();
        final Set<String> fingerprintSet = new LinkedHashSet<>();

        Block(boolean keys, int start, String tag) {
            this.keys = keys;
            this.start = start;
            this.tag = tag;
        }

        String kind() {
            return keys ? "SSH HOST KEY KEYS" : "SSH HOST KEY FINGERPRINTS";
        }

        void fail(String why) {
            if (problem == null) {
                problem = why;
            }
        }
    }

    private static List<Block> blocks(List<Line> lines) {
        List<Block> out = new ArrayList<>();
        Block open = null;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            boolean keysBegin = l.text().equals(KEYS_BEGIN);
            boolean fingerprintsBegin = l.text().equals(FINGERPRINTS_BEGIN);
            if (keysBegin || fingerprintsBegin) {
                if (open != null) {
                    open.fail("a second BEGIN marker at line " + (i + 1) + " before its END marker");
                    out.add(open);
                }
                open = new Block(keysBegin, i, l.tag());
                if (fingerprintsBegin && l.tag().isEmpty()) {
                    open.fail("its BEGIN marker does not carry cloud-init's tag");
                }
                if (fingerprintsBegin && (i == 0 || !frame(lines.get(i - 1), l.tag()))) {
                    open.fail("no line of # before it from the same process");
                }
                continue;
            }
            if (open == null) {
                continue;
            }
            String end = open.keys ? KEYS_END : FINGERPRINTS_END;
            if (l.text().equals(end) && l.tag().equals(open.tag)) {
                if (!open.keys && (i + 1 >= lines.size() || !frame(lines.get(i + 1), open.tag))) {
                    open.fail("no line of # after it from the same process");
                }
                if (open.keyList.isEmpty() && open.fingerprintSet.isEmpty()) {
                    open.fail("it holds no key that SSH accepts");
                }
                out.add(open);
                open = null;
                continue;
            }
            if (!l.tag().equals(open.tag)) {
                open.fail("line " + (i + 1) + " comes from another process");
            } else if (open.keys) {
                key(l.text(), open);
            } else {
                Matcher f = FINGERPRINT_LINE.matcher(l.text());
                if (!f.matches()) {
                    open.fail("line " + (i + 1) + " is not an ssh-keygen fingerprint line");
                } else if (!f.group(2).equals("DSA")) {
                    open.fingerprintSet.add(f.group(1));
                }
            }
        }
        // an open block at the end is still being printed (or was cut): it does not count
        return out;
    }

    private static boolean frame(Line l, String tag) {
        return l.tag().equals(tag) && l.text().equals(FRAME);
    }

    private static void key(String text, Block block) {
        Matcher m = KEY_LINE.matcher(text);
        if (!m.matches()) {
            block.fail("a line is not a public key");
            return;
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException garbage) {
            block.fail("a key is not valid base64");
            return;
        }
        if (!m.group(1).equals(typeInBlob(blob))) {
            block.fail("a key's blob does not name its own type " + m.group(1));
            return;
        }
        if (!m.group(1).equals("ssh-dss")) {
            block.keyList.add(new Key(m.group(1), m.group(2)));
        }
    }

    /** An SSH public key blob starts with its own type name (RFC 4253 §6.6). */
    private static String typeInBlob(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int n = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (n <= 0 || n > 64 || 4 + n > blob.length) {
            return null;
        }
        return new String(blob, 4, n, StandardCharsets.US_ASCII);
    }
}
