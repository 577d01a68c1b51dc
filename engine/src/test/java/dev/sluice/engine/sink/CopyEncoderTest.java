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
    /** Signature "PGCOPY\n\377\r\n\0", flags 0, header extension length 0. */
    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";

    @Test
    void one_row_has_four_fields_with_the_event_id_as_16_raw_bytes() {
        byte[] eventId = HEX.parseHex("0123456789ab8def8000000000000007");
        // 2000-01-01T00:00:01Z: one second after PostgreSQL's epoch
        long receivedAtMicros = 946_684_801_000_000L;
        StreamEntry e = new StreamEntry("1-0", eventId, "{}".getBytes(StandardCharsets.UTF_8), receivedAtMicros, false);

        CopyEncoder encoded = new CopyEncoder().encode(List.of(e));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(
                HEX.parseHex("5047434f50590aff0d0a00" + "00000000" + "00000000")); // signature, flags, header extension
        expected.writeBytes(HEX.parseHex("0004")); // 4 fields
        expected.writeBytes(HEX.parseHex("00000003" + "01" + "7b7d")); // event jsonb: version 1, "{}"
        expected.writeBytes(HEX.parseHex("00000008" + "00000000000f4240")); // received_at: 1,000,000 us since 2000
        expected.writeBytes(HEX.parseHex("00000003" + "312d30")); // stream_id "1-0"
        expected.writeBytes(HEX.parseHex("00000010" + "0123456789ab8def8000000000000007")); // event_id uuid
        expected.writeBytes(HEX.parseHex("ffff")); // trailer
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

    @Test
    void an_empty_batch_is_the_header_and_the_trailer() {
        CopyEncoder encoded = new CopyEncoder().encode(List.of());

        assertThat(hex(encoded)).isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
    }

    @Test
    void rows_follow_each_other_with_multibyte_json_and_timestamps_on_both_sides_of_2000() {
        // 1970-01-01T00:00Z is 946,684,800 s = 0x35d013b37e000 us before 2000: two's complement 0xfffca2fec4c82000
        StreamEntry before2000 = new StreamEntry(
                "1732259100000-3",
                HEX.parseHex("00000000000000000000000000000001"),
                "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8),
                0L,
                false);
        // 2024-11-22T07:05:00.123456Z = 1,732,259,100.123456 s since 1970 = 785,574,300.123456 s since 2000
        StreamEntry after2000 = new StreamEntry(
                "1732259100000-4",
                HEX.parseHex("ffffffffffffffffffffffffffffffff"),
                "[]".getBytes(StandardCharsets.UTF_8),
                1_732_259_100_123_456L,
                true);

        CopyEncoder encoded = new CopyEncoder().encode(List.of(before2000, after2000));

        assertThat(hex(encoded))
                .isEqualTo(HEADER
                        + "0004"
                        + "0000000b" + "01" + "7b2261223a22c3a9227d" // {"a":"é"}: 10 UTF-8 bytes, e-acute is c3 a9
                        + "00000008" + "fffca2fec4c82000"
                        + "0000000f" + "313733323235393130303030302d33" // "1732259100000-3", 15 ASCII bytes
                        + "00000010" + "00000000000000000000000000000001"
                        + "0004"
                        + "00000003" + "01" + "5b5d"
                        + "00000008" + "0002ca79c51a8140" // 785,574,300,123,456 us
                        + "0000000f" + "313733323235393130303030302d34"
                        + "00000010" + "ffffffffffffffffffffffffffffffff"
                        + "ffff");
    }

    @Test
    void a_reused_encoder_reports_only_the_latest_batch() {
        CopyEncoder encoder = new CopyEncoder();
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) '2');
        encoder.encode(List.of(new StreamEntry("9-9", new byte[16], big, 946_684_800_000_000L, false)));

        StreamEntry small = new StreamEntry(
                "1-0", new byte[16], "1".getBytes(StandardCharsets.US_ASCII), 946_684_800_000_001L, false);
        CopyEncoder encoded = encoder.encode(List.of(small));

        assertThat(hex(encoded))
                .isEqualTo(HEADER
                        + "0004"
                        + "00000002" + "01" + "31"
                        + "00000008" + "0000000000000001"
                        + "00000003" + "312d30"
                        + "00000010" + "00000000000000000000000000000000"
                        + "ffff");
    }

    private static String hex(CopyEncoder encoded) {
        return HEX.formatHex(Arrays.copyOf(encoded.bytes(), encoded.length()));
    }
}
