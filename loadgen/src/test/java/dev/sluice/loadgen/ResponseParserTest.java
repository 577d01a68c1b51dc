package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser();

    @Test
    void content_length_response_completes_even_when_split_at_every_byte() {
        String r =
                "HTTP/1.1 202 Accepted\r\nDate: x\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"accepted\":1}";
        for (int split = 1; split < r.length(); split++) {
            parser.reset();
            assertThat(parser.feed(buf(r.substring(0, split)))).isFalse();
            assertThat(parser.feed(buf(r.substring(split))))
                    .as("split at %d", split)
                    .isTrue();
            assertThat(parser.status()).isEqualTo(202);
            assertThat(parser.closeAfter()).isFalse();
        }
    }

    @Test
    void chunked_body_with_extensions_and_trailers() {
        parser.reset();
        assertThat(parser.feed(buf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n")))
                .isFalse();
        assertThat(parser.feed(buf("1A\r\n" + "a".repeat(26) + "\r\n0\r\nX-Trailer: 1\r\n\r\n")))
                .isTrue();
        assertThat(parser.status()).isEqualTo(200);
    }

    @Test
    void connection_close_and_http10_and_no_body_statuses() {
        parser.reset();
        assertThat(parser.feed(
                        buf("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")))
                .isTrue();
        assertThat(parser.closeAfter()).isTrue();
        parser.reset();
        assertThat(parser.feed(buf("HTTP/1.0 204 No Content\r\n\r\n"))).isTrue();
        assertThat(parser.closeAfter()).isTrue();
        parser.reset();
        assertThat(parser.feed(
                        buf("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\ncontent-length: 2\r\n\r\n{}")))
                .isTrue();
        assertThat(parser.status()).isEqualTo(202);
    }

    @Test
    void body_without_length_runs_until_close() {
        parser.reset();
        assertThat(parser.feed(buf("HTTP/1.1 200 OK\r\n\r\nsome bytes"))).isFalse();
        assertThat(parser.readsUntilClose()).isTrue();
    }

    @Test
    void garbage_is_rejected() {
        parser.reset();
        assertThatThrownBy(() -> parser.feed(buf("SSH-2.0-OpenSSH_9.2\r\n"))).isInstanceOf(IllegalStateException.class);
        parser.reset();
        assertThatThrownBy(() -> parser.feed(buf("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n")))
                .hasMessageContaining("bad number");
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }
}
