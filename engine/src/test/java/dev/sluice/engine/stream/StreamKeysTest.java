package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamKeysTest {
    @Test
    void one_shard_keeps_the_unsharded_name_and_several_get_a_hash_tag_each() {
        assertThat(StreamKeys.shards("logs_stream", 1)).containsExactly("logs_stream");
        assertThat(StreamKeys.shards("logs_stream", 3))
                .containsExactly("logs_stream{0}", "logs_stream{1}", "logs_stream{2}");
    }

    @Test
    void a_sibling_key_hashes_to_its_stream_keys_slot() {
        // the names unsharded engines always used
        assertThat(StreamKeys.sibling("logs_stream", "extra-events")).isEqualTo("{logs_stream}:extra-events");
        assertThat(StreamKeys.sibling("logs_stream:items", "idempotency:k"))
                .isEqualTo("{logs_stream:items}:idempotency:k");
        // a shard key keeps its own tag: {logs_stream{3}}:... would hash "logs_stream{3"
        assertThat(StreamKeys.sibling("logs_stream{3}", "extra-events")).isEqualTo("logs_stream{3}:extra-events");
        assertThat(StreamKeys.hashTag("logs_stream{3}:extra-events")).isEqualTo("3");
        assertThat(StreamKeys.hashTag("{logs_stream}:extra-events")).isEqualTo("logs_stream");
        assertThat(StreamKeys.hashTag("logs_stream")).isNull();
        assertThat(StreamKeys.hashTag("a{}b"))
                .as("an empty tag hashes the whole key")
                .isNull();
    }

    @Test
    void entry_ids_of_a_shard_carry_its_tag_and_the_unsharded_ones_nothing() {
        assertThat(StreamConsumer.idPrefix("logs_stream{12}")).isEqualTo("{12}");
        assertThat(StreamConsumer.idPrefix("logs_stream")).isEmpty();
    }
}
