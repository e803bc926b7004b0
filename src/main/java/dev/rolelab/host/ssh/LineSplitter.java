package dev.rolelab.host.ssh;

import dev.rolelab.host.Output;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream in fixed chunks and hands out whole lines as they complete; a line longer than the
 * limit is handed out in pieces, so memory stays bounded whatever the command prints.
 */
final class LineSplitter {
    static final int MAX_LINE = 16 * 1024;

    private LineSplitter() { }

    static void pump(InputStream in, Output.Stream stream, Output output) throws IOException {
        byte[] buf = new byte[32 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int n;
        while ((n = in.read(buf)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line.write(buf, start, i - start);
                    emit(line, stream, output);
                    start = i + 1;
                } else if (line.size() + (i - start) >= MAX_LINE) {
                    line.write(buf, start, i - start);
                    emit(line, stream, output);
                    start = i;
                }
            }
            line.write(buf, start, n - start);
        }
        if (line.size() > 0) {
            emit(line, stream, output);
        }
    }

    private static void emit(ByteArrayOutputStream line, Output.Stream stream, Output output) {
        output.line(stream, line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
