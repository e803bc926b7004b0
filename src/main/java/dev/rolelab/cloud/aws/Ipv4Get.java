package dev.rolelab.cloud.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP(S) GET over IPv4 only. The SSH rule is an IPv4 /32, so the address must be the one this computer
 * has on the IPv4 internet; on a dual-stack network HttpURLConnection may connect over IPv6 and get the IPv6
 * address back, and it offers no way to choose the family per request. Certificates and the host name are
 * checked as HTTPS does (SNI and endpoint identification on the original host name).
 */
final class Ipv4Get {

    /** A status and up to a few hundred bytes of body: all the check needs. */
    record Answer(int status, String body) { }

    private Ipv4Get() { }

    static Answer get(URI uri, Duration connectTimeout, Duration readTimeout) throws IOException {
        String host = uri.getHost();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Inet4Address v4 = null;
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (a instanceof Inet4Address four) {
                v4 = four;
                break;
            }
        }
        if (v4 == null) {
            throw new IOException(host + " has no IPv4 address (is this network IPv6-only?)");
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(v4, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            Socket s = plain;
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                s = ssl;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + (uri.getPort() > 0 ? ":" + port : "")
                    + "\r\nUser-Agent: RoleLab\r\nAccept: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(s.getInputStream());
        } finally {
            plain.close();
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readNBytes(16_384);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headersEnd < 0) {
            throw new IOException("the answer was not HTTP");
        }
        String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        String headers = text.substring(0, headersEnd).toLowerCase(Locale.ROOT);
        String body = text.substring(headersEnd + 4);
        if (headers.contains("\r\ntransfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, body.length() > 256 ? body.substring(0, 256) : body);
    }

    private static String unchunk(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int end = Math.min(body.length(), eol + 2 + size);
            out.writeBytes(body.substring(eol + 2, end).getBytes(StandardCharsets.ISO_8859_1));
            at = end + 2;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
