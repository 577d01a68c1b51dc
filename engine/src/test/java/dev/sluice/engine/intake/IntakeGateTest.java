package dev.sluice.engine.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IntakeState;
import dev.sluice.api.Knobs;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IntakeGateTest {
    private final AtomicReference<Knobs> knobs =
            new AtomicReference<>(Knobs.defaults().withWaterMarks(100, 40));
    private final IntakeGate gate = new IntakeGate(knobs::get);
    private long nanos;

    private void sample(long xlen, long used, long max) {
        nanos += 100_000_000L;
        long mark = gate.sampleMark();
        gate.onSample(mark, gate.pending(), xlen, used, max, nanos);
    }

    @Test
    void admits_up_to_the_high_mark_then_throttles_until_below_the_low_mark() {
        sample(0, 1000, 0);
        int admitted = 0;
        while (gate.tryAdmit(10) == null) {
            admitted += 10;
        }
        assertThat(admitted).as("admitted events never pass the high mark").isEqualTo(100);
        assertThat(gate.state()).isEqualTo(IntakeState.THROTTLING);
        gate.settled(100);
        sample(100, 1000, 0);
        sample(50, 1000, 0);
        assertThat(gate.tryAdmit(1)).as("50 is not below the low mark 40").isNotNull();
        sample(39, 1000, 0);
        assertThat(gate.state()).isEqualTo(IntakeState.ACCEPTING);
        assertThat(gate.tryAdmit(1)).isNull();
    }

    @Test
    void events_still_on_their_way_count_towards_the_backlog() {
        sample(0, 1000, 0);
        assertThat(gate.tryAdmit(60)).isNull();
        sample(0, 1000, 0); // XLEN does not show them yet: still pending
        assertThat(gate.tryAdmit(60)).as("60 pending + 60 new > 100").isNotNull();
    }

    @Test
    void retry_after_comes_from_the_drain_rate_and_is_at_least_one_second() {
        sample(0, 1000, 0);
        gate.tryAdmit(100);
        gate.settled(100);
        sample(100, 1000, 0);
        assertThat(gate.tryAdmit(1).retryAfterSeconds())
                .as("nothing drains yet")
                .isEqualTo(IntakeGate.STALLED_RETRY_AFTER_SECONDS);
        for (int i = 0; i < 20; i++) {
            sample(100 - (i + 1) * 2, 1000, 0); // 20 entries per second leave
        }
        assertThat(gate.retryAfterSeconds(1000, 40)).isBetween(30, 30);
        assertThat(gate.retryAfterSeconds(41, 40)).isEqualTo(1);
    }

    @Test
    void nearly_full_redis_memory_throttles_whatever_the_entry_count() {
        sample(0, 95, 100);
        assertThat(gate.state()).isEqualTo(IntakeState.THROTTLING);
        assertThat(gate.tryAdmit(1).detail()).contains("Redis memory is nearly full");
        sample(0, 85, 100);
        assertThat(gate.state())
                .as("hysteresis: 85% is still above the 80% resume mark")
                .isEqualTo(IntakeState.THROTTLING);
        sample(0, 70, 100);
        assertThat(gate.tryAdmit(1)).isNull();
        sample(0, 95, 0);
        assertThat(gate.state()).as("no maxmemory, no memory limit").isEqualTo(IntakeState.ACCEPTING);
    }

    @Test
    void lowering_the_high_mark_live_throttles_at_the_next_sample() {
        sample(80, 0, 0);
        assertThat(gate.state()).isEqualTo(IntakeState.ACCEPTING);
        knobs.set(Knobs.defaults().withWaterMarks(50, 20));
        sample(80, 0, 0);
        assertThat(gate.state()).isEqualTo(IntakeState.THROTTLING);
    }

    @Test
    void info_fields_are_read_from_the_reply() {
        String info = "# Memory\r\nused_memory:1234\r\nused_memory_human:1.2K\r\nmaxmemory:67108864\r\n";
        assertThat(BacklogGauge.infoLong(info, "used_memory")).isEqualTo(1234);
        assertThat(BacklogGauge.infoLong(info, "maxmemory")).isEqualTo(67108864);
        assertThat(BacklogGauge.infoLong(info, "absent")).isEqualTo(-1);
    }
}
