package dev.rolelab.lab;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SSH source range, parsed without touching the network (no DNS: {@code InetAddress} is never asked
 * to resolve a name here, only literal addresses are accepted).
 */
public record Cidr(String address, int prefix, boolean ipv6) {

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:]+(:\\d+\\.\\d+\\.\\d+\\.\\d+)?");

    public int maxPrefix() {
        return ipv6 ? 128 : 32;
    }

    public boolean singleAddress() {
        return prefix == maxPrefix();
    }

    public boolean everywhere() {
        return prefix == 0;
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }

    /**
     * The range as RoleLab stores it: parsed and written back canonically ({@code " 203.0.113.7/032\n"} becomes
     * {@code 203.0.113.7/32}, IPv6 compressed in lowercase); a text that does not parse is returned trimmed, for the
     * rules to refuse.
     */
    public static String normalise(String text) {
        Parsed p = parse(text);
        return p.cidr() != null ? p.cidr().toString() : text == null ? "" : text.strip();
    }

    /** A parse failure: the reason, and the value the user probably meant (or null). */
    public record Invalid(String reason, String suggestion) { }

    /** Parses {@code text}; returns either the range or why not. */
    public static Parsed parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return new Parsed(null, new Invalid("is empty: type your public IP followed by /32, e.g. 203.0.113.7/32", null));
        }
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        boolean v6 = addr.contains(":");
        BigInteger value = v6 ? ipv6Value(addr) : ipv4Value(addr);
        if (value == null) {
            return new Parsed(null, new Invalid(LabRules.shown(addr) + " is not an IPv4 or IPv6 address", null));
        }
        int max = v6 ? 128 : 32;
        if (slash < 0) {
            return new Parsed(null, new Invalid("needs a prefix length: " + addr + "/" + max + " means this one address", addr + "/" + max));
        }
        String p = t.substring(slash + 1);
        int prefix;
        try {
            prefix = p.matches("\\d{1,3}") ? Integer.parseInt(p) : -1;
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
            return new Parsed(null, new Invalid("prefix " + LabRules.shown("/" + p) + " must be a number from 0 to " + max, null));
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(max - prefix).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            String network = format(value.andNot(hostMask), v6) + "/" + prefix;
            return new Parsed(null, new Invalid("has host bits set for /" + prefix + "; the range is " + network, network));
        }
        return new Parsed(new Cidr(format(value, v6), prefix, v6), null);
    }

    /** Either {@code cidr} or {@code invalid} is set. */
    public record Parsed(Cidr cidr, Invalid invalid) {
        public Optional<Cidr> value() {
            return Optional.ofNullable(cidr);
        }
    }

    private static BigInteger ipv4Value(String s) {
        if (!V4.matcher(s).matches()) {
            return null;
        }
        long v = 0;
        for (String part : s.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return BigInteger.valueOf(v);
    }

    private static BigInteger ipv6Value(String s) {
        if (!V6.matcher(s).matches() || s.contains(":::") || s.indexOf("::") != s.lastIndexOf("::")) {
            return null;
        }
        String[] halves = s.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] tail = halves.length > 1 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        int groups = 0;
        BigInteger v = BigInteger.ZERO;
        BigInteger[] hv = groups(head);
        BigInteger[] tv = groups(tail);
        if (hv == null || tv == null) {
            return null;
        }
        groups = hv.length + tv.length;
        if (halves.length == 1 ? groups != 8 : groups > 7) {
            return null;
        }
        for (BigInteger g : hv) {
            v = v.shiftLeft(16).or(g);
        }
        v = v.shiftLeft(16 * (8 - hv.length));
        BigInteger t = BigInteger.ZERO;
        for (BigInteger g : tv) {
            t = t.shiftLeft(16).or(g);
        }
        return v.or(t);
    }

    private static BigInteger[] groups(String[] parts) {
        BigInteger[] out = new BigInteger[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9A-Fa-f]{1,4}")) {
                return null;
            }
            out[i] = new BigInteger(parts[i], 16);
        }
        return out;
    }

    private static String format(BigInteger v, boolean v6) {
        if (!v6) {
            long l = v.longValue();
            return ((l >> 24) & 255) + "." + ((l >> 16) & 255) + "." + ((l >> 8) & 255) + "." + (l & 255);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            sb.append(v.shiftRight(16 * i).and(BigInteger.valueOf(0xffff)).toString(16));
            if (i > 0) {
                sb.append(':');
            }
        }
        // compress the longest run of zero groups, as RFC 5952 asks
        String full = ":" + sb + ":";
        String best = null;
        for (int n = 8; n >= 2 && best == null; n--) {
            String zeros = ":" + "0:".repeat(n);
            if (full.contains(zeros)) {
                best = zeros;
            }
        }
        if (best == null) {
            return sb.toString();
        }
        String compressed = full.replaceFirst(Pattern.quote(best), "::");
        compressed = compressed.startsWith("::") ? compressed : compressed.substring(1);
        compressed = compressed.endsWith("::") ? compressed : compressed.substring(0, compressed.length() - 1);
        return compressed;
    }
}
