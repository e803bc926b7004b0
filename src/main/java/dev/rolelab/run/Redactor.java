package dev.rolelab.run;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A last line of defence for output shown or logged: the instance already blanks secrets, but a line
 * that still carries one is masked here too. It knows the shapes the AWS CLI, the SDKs, the IMDS, ECR and
 * Docker print credentials in:
 * <ul>
 * <li>JSON and YAML keys, any case and either spelling ({@code "SecretAccessKey"}, {@code "secret_access_key"},
 *     {@code "SessionToken"}, {@code "Token"}, {@code "authorizationToken"}, {@code "KeyMaterial"}, Docker's
 *     {@code "auth"}, {@code "identitytoken"}, {@code "password"} …), whatever the value starts with;</li>
 * <li>INI and environment lines ({@code aws_secret_access_key = …}, {@code AWS_SESSION_TOKEN=…}, {@code export …}),
 *     {@code key=value} as the SDKs' {@code toString} prints it;</li>
 * <li>HTTP: {@code Authorization:} headers, {@code X-Amz-Security-Token} and {@code X-Amz-Signature}, as headers or
 *     in a presigned URL;</li>
 * <li>by shape alone: an access key id ({@code AKIA…}/{@code ASIA…}, kept as its first and last four characters), an
 *     ECR password or other {@code eyJ…} token, an STS session token, a 40-character secret key, any long base64
 *     run, a PEM private key's header, body lines and footer, a password after {@code docker login -p}.</li>
 * </ul>
 * Masking is idempotent: {@code line(line(x)).equals(line(x))}.
 */
public final class Redactor {

    static final String MASK = "(redacted)";

    private static final String SECRET_NAMES = "secret_?access_?key|aws_secret_access_key|secret_?key|session_?token|aws_session_token"
            + "|security_?token|aws_security_token|token|authorization_?token|identity_?token|registry_?token|password|passwd|auth"
            + "|key_?material|private_?key|client_?secret";

    private static final Pattern KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{8,}([A-Z0-9]{4})\\b");
    /** "Name": "value" (JSON, any case), the value possibly with escaped quotes. */
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"(?:" + SECRET_NAMES + ")\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)+)(\")");
    /** name = value, name: value, name=value (INI, YAML, env, export, SDK toString). */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)(?<![\\w-])((?:" + SECRET_NAMES + ")\\s*(?:=|:(?!//))\\s*+)(?!\\(redacted\\))(\"[^\"]*\"|'[^']*'|[^\\s,;&)}\\]]+)");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b((?:proxy-)?authorization\\s*:\\s*+)(?!\\(redacted\\)).+");
    private static final Pattern AMZ_QUERY = Pattern.compile("(?i)\\b(x-amz-(?:security-token|signature)\\s*[=:]\\s*+)(?!\\(redacted\\))([^&\\s\"']+)");
    private static final Pattern DOCKER_LOGIN_P = Pattern.compile("(\\blogin\\b.*?\\s(?:-p|--password)(?:=|\\s++))(?!\\(redacted\\))(\\S+)");
    private static final Pattern PEM_INLINE = Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|$)");
    private static final Pattern PEM_MARKER = Pattern.compile("-----(?:BEGIN|END) [A-Z0-9 ]*PRIVATE KEY-----");
    /** An ECR password (base64 of {"payload":…}), Docker identity tokens and other JWT-like tokens. */
    private static final Pattern EYJ_TOKEN = Pattern.compile("(?<![A-Za-z0-9+/=_-])eyJ[A-Za-z0-9+/=_.-]{16,}");
    /** STS session tokens start with the base64 of their own header. */
    private static final Pattern SESSION_TOKEN = Pattern.compile("(?<![A-Za-z0-9+/=])(?:IQoJb3JpZ2luX2V|FwoGZXIvYXdz|FQoGZXIvYXdz|AgoJb3JpZ2luX2V)[A-Za-z0-9+/=]*");
    private static final Pattern BASE64_RUN = Pattern.compile("(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])");
    private static final Pattern UPPER = Pattern.compile("[A-Z]");
    private static final Pattern LOWER = Pattern.compile("[a-z]");
    private static final Pattern DIGIT_OR_SIGN = Pattern.compile("[0-9+/]");

    private Redactor() { }

    /** One line of output with every secret it holds masked. */
    public static String line(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = text;
        t = PEM_INLINE.matcher(t).replaceAll(m -> Matcher.quoteReplacement("-----BEGIN " + m.group(1) + "PRIVATE KEY----- " + MASK));
        t = JSON_FIELD.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        t = AUTHORIZATION.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        t = AMZ_QUERY.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        t = ASSIGNMENT.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        t = DOCKER_LOGIN_P.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        t = EYJ_TOKEN.matcher(t).replaceAll(Matcher.quoteReplacement(MASK));
        t = SESSION_TOKEN.matcher(t).replaceAll(Matcher.quoteReplacement(MASK));
        t = BASE64_RUN.matcher(t).replaceAll(m -> Matcher.quoteReplacement(secretShaped(m.group()) ? MASK : m.group()));
        t = KEY_ID.matcher(t).replaceAll("$1...$2");
        return t;
    }

    /**
     * Several lines (a file, a captured output): each line as {@link #line}, and everything between a PEM
     * private key's BEGIN and END lines masked, whatever it looks like.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean inKey = false;
        List<String> lines = List.of(text.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            boolean marker = PEM_MARKER.matcher(l).find();
            if (inKey && !marker) {
                out.append(MASK);
            } else {
                out.append(line(l));
            }
            if (marker) {
                inKey = l.contains("-----BEGIN") && !l.contains("-----END");
            }
            if (i < lines.size() - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A base64 run that is a secret rather than a word, a path or a digest: a 40-character one in mixed case
     * with digits or signs (an AWS secret key, a PEM body line), or any longer one that is not plain hex.
     */
    private static boolean secretShaped(String run) {
        boolean mixed = UPPER.matcher(run).find() && LOWER.matcher(run).find() && DIGIT_OR_SIGN.matcher(run).find();
        if (run.length() >= 100) {
            return !run.matches("[0-9a-fA-F]+") && !run.matches("[A-Za-z/]+");
        }
        return mixed;
    }
}
