package dev.sluice.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.loadgen.api.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    private static String encode(Target t) {
        ByteBuf buf =
                RequestEncoder.encode(UnpooledByteBufAllocator.DEFAULT, t, new Request("POST", "/write", BODY, 1));
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void a_bearer_token_is_sent_as_an_authorization_header_in_the_request_head() {
        String http = encode(Target.of(URI.create("http://127.0.0.1:8080/base/"), "s3cret-token"));
        assertThat(http)
                .isEqualTo("POST /base/write HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: sluice-loadgen\r\n"
                        + "Authorization: Bearer s3cret-token\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
    }

    @Test
    void without_a_token_there_is_no_authorization_header() {
        String http = encode(Target.of(URI.create("http://127.0.0.1:8080")));
        assertThat(http)
                .doesNotContainIgnoringCase("Authorization")
                .startsWith(
                        "POST /write HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: sluice-loadgen\r\nContent-Type:");
    }
}
