package org.normlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.csv.CsvTable;

/** Every file a user names is checked before it is read; CSV files may be up to 256 MiB. */
class InputFileTest {
    @TempDir
    Path dir;

    @Test
    void aCsvFileOverItsLimitIsRefusedBeforeReading() throws Exception {
        Path big = dir.resolve("big.csv");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((256L << 20) + 1); // sparse: no disk is used and nothing is read
        }
        assertThatThrownBy(() -> CsvTable.read(big, IndicatorFile.COLUMNS, List.of()))
                .isInstanceOf(DataException.class)
                .hasMessage(big + ": is 268,435,457 bytes, over the 256 MiB limit for a CSV file");
        assertThat(InputFile.Kind.CSV.maxBytes()).isEqualTo(256L << 20);
        assertThat(InputFile.Kind.SCENARIO.maxBytes()).isEqualTo(1L << 20);
        assertThat(InputFile.Kind.SAVED_FIT.maxBytes()).isEqualTo(1L << 20);
    }

    @Test
    void specialFilesAreRefusedWithoutOpeningThem() throws Exception {
        assertThatThrownBy(() -> InputFile.read(Path.of("/dev/zero"), InputFile.Kind.CSV))
                .hasMessage("is not a regular file (a device, pipe or socket); normlab reads only regular files");
        assertThatThrownBy(() -> InputFile.read(dir, InputFile.Kind.CSV)).hasMessage("is a folder, not a CSV file");
        assertThatThrownBy(() -> InputFile.read(dir.resolve("none.csv"), InputFile.Kind.CSV))
                .hasMessage("no such file");
    }

    @Test
    void aRegularFileWithinItsLimitIsReadWhole() throws Exception {
        Path small = dir.resolve("a.csv");
        Files.write(small, new byte[] {'x', (byte) 0xC3, (byte) 0xA9});
        assertThat(InputFile.read(small, InputFile.Kind.CSV)).containsExactly('x', (byte) 0xC3, (byte) 0xA9);
    }

    @Test
    void utf8WithOrWithoutAByteOrderMark() throws Exception {
        byte[] text = "iso3\nRUS\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[text.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bom, 3, text.length);
        assertThat(InputFile.utf8(bom)).isEqualTo(InputFile.utf8(text)).isEqualTo("iso3\nRUS\n");
        assertThatThrownBy(() -> InputFile.utf8(new byte[] {'a', '\n', (byte) 0xE9}))
                .isInstanceOf(InputFile.MalformedText.class)
                .hasMessage("is not valid UTF-8 (byte 0xE9 at offset 2)");
    }

    @Test
    void quotedPiecesOfAFileAreCutShort() {
        String reason = "value '" + "x".repeat(100) + "' is not a number";
        assertThat(InputFile.clipQuotes(reason)).isEqualTo("value '" + "x".repeat(40) + "…' is not a number");
        assertThat(InputFile.clipQuotes("a".repeat(1000))).hasSize(InputFile.REASON_LIMIT + 1);
        assertThat(InputFile.quote("a\u001b[2Jb")).isEqualTo("a?[2Jb");
    }
}
