package dev.sluice.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.stream.StreamEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyEncoderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void one_row_has_four_fields_with_the_event_id_as_16_raw_bytes() {
        byte[] eventId = HEX.parseHex("0123456789ab8def8000000000000007");
        // 2000-01-01T00:00:01Z: one second after PostgreSQL's epoch
        long receivedAtMicros = 946_684_801_000_000L;
        StreamEntry e = new StreamEntry("1-0", eventId, "{}".getBytes(StandardCharsets.UTF_8), receivedAtMicros, false);

        CopyEncoder encoded = new CopyEncoder().encode(List.of(e));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(HEX.parseHex("5047434f50590aff0d0a00" + "00000000" + "00000000")); // signature, flags, header extension
        expected.writeBytes(HEX.parseHex("0004"));                       // 4 fields
        expected.writeBytes(HEX.parseHex("00000003" + "01" + "7b7d"));   // event jsonb: version 1, "{}"
        expected.writeBytes(HEX.parseHex("00000008" + "00000000000f4240")); // received_at: 1,000,000 us since 2000
        expected.writeBytes(HEX.parseHex("00000003" + "312d30"));        // stream_id "1-0"
        expected.writeBytes(HEX.parseHex("00000010" + "0123456789ab8def8000000000000007")); // event_id uuid
        expected.writeBytes(HEX.parseHex("ffff"));                       // trailer
        assertThat(HEX.formatHex(Arrays.copyOf(encoded.bytes(), encoded.length())))
                .isEqualTo(HEX.formatHex(expected.toByteArray()));
    }

    @Test
    void the_buffer_grows_for_rows_larger_than_it() {
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) '1');
        StreamEntry e = new StreamEntry("2-0", new byte[16], big, 946_684_800_000_000L, false);
        CopyEncoder encoded = new CopyEncoder().encode(List.of(e, e));
        assertThat(encoded.length()).isEqualTo(19 + 2 * (2 + 4 + 1 + big.length + 4 + 8 + 4 + 3 + 4 + 16) + 2);
    }
}
