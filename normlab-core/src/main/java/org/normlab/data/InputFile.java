package org.normlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way normlab reads a file a user names: scenarios, saved fits and the CSV files of
 * {@code data import} and {@code data validate}. Before a byte is read the file must be a regular
 * file (a folder, device such as {@code /dev/zero}, pipe or socket is refused without opening it)
 * no larger than the limit of its {@link Kind}; the read itself stops one byte past the limit, so
 * a file that lies about its size (as those under {@code /proc} do) cannot exhaust memory either.
 * Refusals say why in words and never quote the file's content. Stateless and thread-safe.
 */
public final class InputFile {

    /** What a file holds, and so how large it may be. */
    public enum Kind {
        /** A scenario (YAML or JSON): at most 1 MiB. */
        SCENARIO("scenario", 1L << 20),
        /** A saved fit (the JSON of {@code normlab fit --format json}): at most 1 MiB. */
        SAVED_FIT("saved fit", 1L << 20),
        /** A CSV file to import or validate: at most 256 MiB. */
        CSV("CSV", 256L << 20);

        private final String label;
        private final long maxBytes;

        Kind(String label, long maxBytes) {
            this.label = label;
            this.maxBytes = maxBytes;
        }

        /** The largest file of this kind normlab reads, in bytes. */
        public long maxBytes() {
            return maxBytes;
        }

        /** The limit in words, e.g. "1 MiB". */
        public String limitText() {
            return maxBytes % (1L << 20) == 0 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes";
        }
    }

    /** A file that was not read; the message is a reason without the file's name or content. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * Bytes that are not UTF-8.
     *
     * @param offset the offset of the first bad byte
     * @param line   its 1-based line
     * @param value  the bad byte, 0-255
     */
    public record NotUtf8(long offset, long line, int value) {
        /** "is not valid UTF-8 (byte 0xNN at offset K)". */
        public String reason() {
            return String.format(Locale.ROOT, "is not valid UTF-8 (byte 0x%02X at offset %d)", value, offset);
        }
    }

    /** A decoding failure, carrying where it happened. */
    public static final class MalformedText extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient NotUtf8 where;

        MalformedText(NotUtf8 where) {
            super(where.reason());
            this.where = where;
        }

        public NotUtf8 where() {
            return where;
        }
    }

    private InputFile() {}

    /**
     * Reads a whole file after checking that it is a regular file within its kind's size limit.
     * Symbolic links are followed; callers that confine a path to a folder check its real path
     * first.
     *
     * @throws Refused if the file does not exist, cannot be read, is not a regular file or is too large
     */
    public static byte[] read(Path file, Kind kind) throws Refused {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused("no such file");
        } catch (IOException | SecurityException e) {
            throw new Refused("cannot be read: " + reason(e));
        }
        if (attributes.isDirectory()) {
            throw new Refused("is a folder, not a " + kind.label + " file");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused("is not a regular file (a device, pipe or socket); normlab reads only regular files");
        }
        if (attributes.size() > kind.maxBytes) {
            throw new Refused(tooLarge(kind, attributes.size()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) kind.maxBytes + 1);
            if (bytes.length > kind.maxBytes) {
                throw new Refused(tooLarge(kind, bytes.length));
            }
            return bytes;
        } catch (IOException | SecurityException e) {
            throw new Refused("cannot be read: " + reason(e));
        }
    }

    /**
     * Decodes UTF-8 strictly, dropping a leading byte order mark (U+FEFF), which some editors
     * write and every normlab format accepts.
     *
     * @throws MalformedText at the first byte that is not UTF-8
     */
    public static String utf8(byte[] bytes) throws MalformedText {
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            long line = 1;
            for (int i = start; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new MalformedText(new NotUtf8(bad, line, bytes[bad] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** The longest piece of a file's text a message quotes, in characters. */
    public static final int QUOTE_LIMIT = 40;
    /** The longest problem a reader reports about a file, in characters. */
    public static final int REASON_LIMIT = 300;

    /**
     * Text cut to {@code limit} characters (then "…"), control characters shown as '?', so that a
     * message never carries much of a file nor a terminal's escape codes.
     */
    public static String clip(String text, int limit) {
        String t = text.length() > limit ? text.substring(0, limit) + "…" : text;
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    /** A piece of a file's text as a message quotes it: at most {@link #QUOTE_LIMIT} characters. */
    public static String quote(String text) {
        return clip(text, QUOTE_LIMIT);
    }

    /**
     * A reason whose every 'quoted' piece is cut to {@link #QUOTE_LIMIT} characters, and which is
     * cut to {@link #REASON_LIMIT} as a whole: a reader's message names the offending token without
     * echoing the file.
     */
    public static String clipQuotes(String reason) {
        String clipped = Pattern.compile("'([^']{" + QUOTE_LIMIT + "})[^']+'")
                .matcher(reason)
                .replaceAll(r -> Matcher.quoteReplacement("'" + r.group(1) + "…'"));
        return clip(clipped, REASON_LIMIT);
    }

    /** Text with a leading byte order mark dropped. */
    public static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String tooLarge(Kind kind, long size) {
        return String.format(
                Locale.ROOT, "is %,d bytes, over the %s limit for a %s file", size, kind.limitText(), kind.label);
    }

    /** The reason of an I/O failure without the path, which the caller names. */
    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
