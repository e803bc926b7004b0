package dev.rolelab.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A last line of defence for output shown or logged: the instance already blanks secrets, but a line
 * that still carries an access key id, a secret key or a session token is masked here too.
 */
public final class Redactor {

    private static final Pattern KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{8,}([A-Z0-9]{4})\\b");
    private static final Pattern SECRET_FIELD = Pattern.compile("(\"(?:SecretAccessKey|Token|SessionToken|secretAccessKey|sessionToken)\"\\s*:\\s*\")([^\"(][^\"]*)(\")");
    private static final Pattern AWS_SECRET_ENV = Pattern.compile("(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)=\\S+");

    private Redactor() { }

    public static String line(String text) {
        String t = text;
        Matcher m = KEY_ID.matcher(t);
        t = m.replaceAll("$1...$2");
        t = SECRET_FIELD.matcher(t).replaceAll("$1(redacted)$3");
        t = AWS_SECRET_ENV.matcher(t).replaceAll("$1=(redacted)");
        return t;
    }
}
