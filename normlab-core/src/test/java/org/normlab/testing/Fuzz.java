package org.normlab.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Property tests of the readers: a property is checked on {@code tries} inputs drawn from one
 * seeded generator, each try from its own split stream, and a failure names the seed, the try and
 * the input so that it can be replayed. The inputs are valid files mutated one to four times (a
 * range deleted, a hostile token inserted, a number replaced by an extreme one, lines repeated,
 * dropped or swapped, random characters inserted) and text that is random throughout.
 *
 * <p>The seed is {@value #DEFAULT_SEED} unless the system property {@code normlab.fuzz.seed} gives
 * another, and {@code normlab.fuzz.scale} multiplies every property's tries (for a long run by
 * hand: {@code -Dnormlab.fuzz.scale=50}); the defaults keep every build's inputs the same.
 */
public final class Fuzz {
    /** The seed of every build. */
    public static final long DEFAULT_SEED = 20_261_201L;

    /**
     * A token that no reader may echo whole: every message that quotes a file's text must cut it
     * well before this length.
     */
    public static final String MARKER = "ZQXJ".repeat(20);

    /** Tokens that have broken readers elsewhere: types, extremes, YAML and CSV syntax, paths. */
    static final List<String> TOKENS = List.of(
            "abc",
            "\"abc\"",
            "1e400",
            "-1e309",
            "NaN",
            ".nan",
            ".inf",
            "null",
            "~",
            "[]",
            "{}",
            "[",
            "{",
            "}",
            "]",
            "\"",
            "'",
            ":",
            ": ",
            ",",
            ", ",
            "\n",
            "\r\n",
            "---\n",
            "...\n",
            "\uFEFF",
            "\u0000",
            "99999999999999999999",
            "2147483647",
            "-2147483648",
            "20000",
            "0",
            "-0",
            "1.5",
            "0x10",
            "&a ",
            "*a",
            "!!binary ",
            "!!java.io.File ",
            "? ",
            "- ",
            "#",
            "\t",
            "é",
            "\u202E",
            "../",
            "/dev/zero",
            "/etc/shadow",
            "fits/x.json",
            "=cmd()",
            "\"\"",
            "\"a,b\"",
            "1997-13-45",
            "true",
            MARKER);

    /** Numbers a number in the file may be replaced by. */
    static final List<String> NUMBERS = List.of(
            "0",
            "-1",
            "1e308",
            "-1e308",
            "1e400",
            "4.9e-324",
            "2147483648",
            "-2147483649",
            "99999999999999999999",
            "20000",
            "1799",
            "2101",
            "1.0e9",
            "9.0e8",
            "-0.0",
            "NaN",
            "abc",
            "\"7\"",
            "");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    private Fuzz() {}

    /** A check of one input that may throw anything; a throw fails the property. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    /**
     * Checks a property on {@code tries} inputs (times {@code normlab.fuzz.scale}).
     *
     * @throws AssertionError naming the seed, the try and the input of the first failure
     */
    public static <T> void forAll(int tries, Function<RandomGenerator, T> inputs, Check<T> property) {
        long seed = Long.getLong("normlab.fuzz.seed", DEFAULT_SEED);
        int total = tries * Integer.getInteger("normlab.fuzz.scale", 1);
        RandomGenerator.SplittableGenerator root = RandomGeneratorFactory.<RandomGenerator.SplittableGenerator>of(
                        "L64X128MixRandom")
                .create(seed);
        for (int i = 0; i < total; i++) {
            RandomGenerator rng = root.split();
            T input = inputs.apply(rng);
            try {
                property.accept(input);
            } catch (Exception | AssertionError | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(
                        String.format(
                                Locale.ROOT, "property fails at seed %d, try %d, input:%n%s", seed, i, show(input)),
                        e);
            }
        }
    }

    /** One of the seeds, mutated one to four times. */
    public static String mutated(RandomGenerator rng, List<String> seeds) {
        return mutated(rng, seeds, 1, 4);
    }

    /** One of the seeds, mutated {@code min} to {@code max} times (0: the seed as it is). */
    public static String mutated(RandomGenerator rng, List<String> seeds, int min, int max) {
        String text = seeds.get(rng.nextInt(seeds.size()));
        int n = rng.nextInt(min, max + 1);
        for (int i = 0; i < n; i++) {
            text = mutate(rng, text);
        }
        return text;
    }

    /** Text of up to {@code max} characters: any code points, or printable ASCII with line breaks. */
    public static String random(RandomGenerator rng, int max) {
        int length = rng.nextInt(max + 1);
        StringBuilder b = new StringBuilder(length);
        boolean ascii = rng.nextBoolean();
        for (int i = 0; i < length; i++) {
            if (ascii) {
                int c = rng.nextInt(' ' - 2, '~' + 1);
                b.append(c == ' ' - 2 ? '\n' : c == ' ' - 1 ? '\t' : (char) c);
            } else {
                b.appendCodePoint(anyCodePoint(rng));
            }
        }
        return b.toString();
    }

    /** Applies one random mutation. */
    public static String mutate(RandomGenerator rng, String s) {
        double at = rng.nextDouble();
        return switch (rng.nextInt(7)) {
            case 0 -> {
                int from = index(s, at);
                yield s.substring(0, from) + s.substring(Math.min(s.length(), from + 1 + rng.nextInt(30)));
            }
            case 1 -> insert(s, at, TOKENS.get(rng.nextInt(TOKENS.size())));
            case 2 -> insert(s, at, random(rng, 6));
            case 3 -> replaceNumber(s, at, NUMBERS.get(rng.nextInt(NUMBERS.size())));
            case 4 -> {
                List<String> lines = lines(s);
                int i = pick(lines, at);
                int j = pick(lines, rng.nextDouble());
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
                yield String.join("\n", lines);
            }
            case 5 -> {
                List<String> lines = lines(s);
                int i = pick(lines, at);
                lines.add(i, lines.get(i));
                yield String.join("\n", lines);
            }
            default -> {
                List<String> lines = lines(s);
                lines.remove(pick(lines, at));
                yield String.join("\n", lines);
            }
        };
    }

    private static String insert(String s, double at, String token) {
        int i = index(s, at);
        return s.substring(0, i) + token + s.substring(i);
    }

    private static String replaceNumber(String s, double at, String number) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return s;
        }
        int[] span = spans.get(Math.min(spans.size() - 1, (int) (at * spans.size())));
        return s.substring(0, span[0]) + number + s.substring(span[1]);
    }

    private static List<String> lines(String s) {
        return new ArrayList<>(Arrays.asList(s.split("\n", -1)));
    }

    private static int pick(List<String> lines, double at) {
        return Math.min(lines.size() - 1, (int) (at * lines.size()));
    }

    private static int index(String s, double at) {
        return Math.min(s.length(), (int) (at * (s.length() + 1)));
    }

    private static int anyCodePoint(RandomGenerator rng) {
        // Mostly the first planes, where the syntax characters are; sometimes any code point,
        // including lone surrogates and controls.
        return rng.nextInt(4) == 0 ? rng.nextInt(Character.MAX_CODE_POINT + 1) : rng.nextInt(0x3000);
    }

    private static String show(Object input) {
        String s = String.valueOf(input);
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
