package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The invariant "202 means it lands in {@code logs}" on values at the edge of what PostgreSQL 17's
 * {@code jsonb} stores: every case is posted over real HTTP to a real engine, and either gets 400
 * (and, unless it is our own depth bound, PostgreSQL refuses the same text too) or gets 202 and
 * lands with {@code event} equal, as jsonb, to the text sent. Nothing reaches {@code dead_letters}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeValuesIT {
    private static final String KEY = "edge_values_stream";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** STORED: 202 and in logs; PG_REFUSES: 400, and PostgreSQL refuses the text; OUR_BOUND: 400 by our own limit. */
    enum Outcome {
        STORED,
        PG_REFUSES,
        OUR_BOUND,
        TOO_LARGE
    }

    record Case(String name, byte[] body, byte[] event, Outcome outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CORPUS = new ArrayList<>();
    private static final Map<String, HttpResponse<String>> ANSWERS = new LinkedHashMap<>();
    private static Stores stores;
    private static Engine engine;

    static {
        // numbers: numeric holds 131072 digits before the point, 16383 after, |exponent| <= 1073741823
        stored("zero", "0");
        stored("minus-zero", "-0");
        stored("upper-e-plus", "1E+2");
        stored("zero-point-zero-e5", "0.0e5");
        stored("1e131071 (last digit place)", "1e131071");
        stored("9.99e131071", "9.99e131071");
        stored("-1e131071", "-1e131071");
        stored("0.1e131072", "0.1e131072");
        stored("0.0001e131075", "0.0001e131075");
        stored("1e-16383 (last scale)", "1e-16383");
        stored("123.456e-16380", "123.456e-16380");
        stored("0e1073741823", "0e1073741823");
        stored("0e200000 (zero drops its weight)", "0e200000");
        stored("exponent with leading zeros", "1e0000000001");
        stored("1000-digit integer", "1" + "2".repeat(999));
        stored("1001-digit integer (Jackson's old limit)", "1" + "2".repeat(1000));
        stored("131072-digit integer", "9".repeat(131_072));
        stored("16383 decimals", "0." + "7".repeat(16_383));
        stored("200 decimals", "3." + "1415926535".repeat(20));
        stored("beyond long", "-9223372036854775809");
        stored("beyond double", "1.7976931348623157e309");
        stored("below double", "4.9e-325");
        refused("1e131072", "1e131072");
        refused("10e131071", "10e131071");
        refused("0.0001e131076", "0.0001e131076");
        refused("1e200000", "1e200000");
        refused("131073-digit integer", "1" + "0".repeat(131_072));
        refused("200000-digit integer", "3".repeat(200_000));
        refused("1e-16384", "1e-16384");
        refused("1.0e-16383", "1.0e-16383");
        refused("16384 decimals", "0." + "7".repeat(16_384));
        refused("0e-200000", "0e-200000");
        refused("0e1073741824", "0e1073741824");
        refused("exponent beyond int", "1e2147483648");
        refused("negative exponent beyond int", "1e-2147483649");
        refused("leading zero", "01");
        refused("trailing point", "1.");
        refused("leading point", ".5");
        refused("plus sign", "+1");
        refused("NaN", "NaN");
        refused("Infinity", "Infinity");
        // strings
        stored("escapes", "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"");
        stored("escaped pair", "\"\\ud83d\\ude00\"");
        stored("escaped last code point", "\"\\udbff\\udfff\"");
        stored("every plane", "\"" + everyPlane() + "\"");
        stored("U+10FFFF raw", "\"\udbff\udfff\"");
        stored("noncharacters raw", "\"\ufffe\uffff\"");
        stored("noncharacters escaped", "\"\\ufffe\\uffff\"");
        stored("DEL and C1", "\"\u007f\u0080\u009f\"");
        stored("BOM inside a string", "\"\ufeff\"");
        stored("900 KB string", "\"" + "x".repeat(900_000) + "\"");
        stored("800 KB of 2-byte chars", "\"" + "é".repeat(400_000) + "\"");
        refused("escaped NUL", "\"a\\u0000b\"");
        refused("lone high surrogate", "\"\\ud800\"");
        refused("lone low surrogate", "\"\\udc00\"");
        refused("reversed pair", "\"\\ude00\\ud83d\"");
        refused("raw control character", "\"\u0001\"");
        refused("raw tab", "\"\t\"");
        refused("raw newline", "\"\n\"");
        // bytes that are not UTF-8 (PostgreSQL's pg_utf8_islegal)
        refusedBytes("CESU-8 surrogate ED A0 80", 0xED, 0xA0, 0x80);
        refusedBytes("CESU-8 pair", 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80);
        refusedBytes("surrogate ED BF BF", 0xED, 0xBF, 0xBF);
        refusedBytes("overlong slash C0 AF", 0xC0, 0xAF);
        refusedBytes("overlong C1 BF", 0xC1, 0xBF);
        refusedBytes("overlong 3-byte E0 80 AF", 0xE0, 0x80, 0xAF);
        refusedBytes("overlong 4-byte F0 80 80 AF", 0xF0, 0x80, 0x80, 0xAF);
        refusedBytes("beyond U+10FFFF F4 90 80 80", 0xF4, 0x90, 0x80, 0x80);
        refusedBytes("F5 lead", 0xF5, 0x80, 0x80, 0x80);
        refusedBytes("FF byte", 0xFF);
        refusedBytes("lone continuation", 0x80);
        refusedBytes("truncated 2-byte", 0xC3);
        refusedBytes("truncated 3-byte", 0xE2, 0x82);
        refusedBytes("truncated 4-byte", 0xF0, 0x9F, 0x98);
        // names
        storedEvent("empty key", "{\"case\":\"empty key\",\"\":1}");
        storedEvent("duplicate keys", "{\"case\":\"duplicate keys\",\"a\":1,\"a\":2}");
        storedEvent("100000-char key", "{\"case\":\"100000-char key\",\"" + "k".repeat(100_000) + "\":1}");
        storedEvent("keys with / and ~", "{\"case\":\"keys with / and ~\",\"a/b\":{\"~0\":1}}");
        storedEvent("astral key", "{\"case\":\"astral key\",\"\ud83d\ude00\":\"\udbff\udfff\"}");
        CORPUS.add(new Case(
                "NUL in a key",
                bytes("{\"case\":\"NUL in a key\",\"a\\u0000\":1}"),
                bytes("{\"case\":\"NUL in a key\",\"a\\u0000\":1}"),
                Outcome.PG_REFUSES));
        // nesting and size (the event itself is level 1; the bound is 256)
        stored("depth 256", "[".repeat(255) + "]".repeat(255));
        CORPUS.add(new Case(
                "depth 257",
                event("depth 257", "[".repeat(256) + "]".repeat(256)),
                event("depth 257", "[".repeat(256) + "]".repeat(256)),
                Outcome.OUR_BOUND));
        String batchDeep = "{\"case\":\"depth 256 in a batch\",\"v\":" + "[".repeat(255) + "]".repeat(255) + "}";
        CORPUS.add(new Case("depth 256 in a batch", bytes("[" + batchDeep + "]"), bytes(batchDeep), Outcome.STORED));
        stored("300000-element array", "[" + "0,".repeat(299_999) + "0]");
        stored("50000-key object", wideObject(50_000));
        stored("empty containers", "[{},[],{\"\":[]},[[{}]]]");
        byte[] bomEvent = bytes("{\"case\":\"BOM before the body\"}");
        CORPUS.add(new Case("BOM before the body", concat(BOM, bomEvent), bomEvent, Outcome.STORED));
        String good = "{\"case\":\"batch with one bad event\",\"ok\":1}";
        CORPUS.add(new Case(
                "batch with one bad event",
                bytes("[" + good + ",{\"case\":\"batch with one bad event\",\"v\":1e200000}]"),
                bytes("{\"case\":\"batch with one bad event\",\"v\":1e200000}"),
                Outcome.PG_REFUSES));
        CORPUS.add(new Case(
                "over the body limit",
                event("over the body limit", "\"" + "x".repeat(1 << 20) + "\""),
                bytes("{}"),
                Outcome.TOO_LARGE));
    }

    @BeforeAll
    static void postTheCorpus() {
        stores = TestStores.freshDatabase("edge_values");
        engine = TestEngines.started(TestEngines.config(KEY), stores);
        for (Case c : CORPUS) {
            HttpRequest request = HttpRequest.newBuilder(engine.apiUri().resolve("/write"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()))
                    .build();
            ANSWERS.put(c.name(), Http.send(request));
        }
        long stored = CORPUS.stream().filter(c -> c.outcome() == Outcome.STORED).count();
        // dead letters count too, so a case that went wrong is reported by name instead of as a timeout
        Await.until(
                stored + " stored cases in logs or dead_letters",
                Duration.ofSeconds(60),
                () -> Db.count(
                                stores.postgres(),
                                "SELECT (SELECT count(*) FROM logs) + (SELECT count(*) FROM dead_letters)")
                        >= stored);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> each_case_is_refused_at_the_door_or_lands_as_sent() {
        return CORPUS.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    @Order(2)
    void nothing_reached_dead_letters_and_nothing_failed_with_5xx() {
        List<String> fiveHundreds = ANSWERS.entrySet().stream()
                .filter(e -> e.getValue().statusCode() >= 500)
                .map(e -> e.getKey() + " -> " + e.getValue().statusCode() + " "
                        + e.getValue().body())
                .toList();
        assertThat(fiveHundreds).as("cases answered 5xx").isEmpty();
        long stored = CORPUS.stream().filter(c -> c.outcome() == Outcome.STORED).count();
        assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM logs"))
                .as("rows in logs")
                .isEqualTo(stored);
        assertThat(Db.strings(stores.postgres(), "SELECT error FROM dead_letters"))
                .as("dead letters")
                .isEmpty();
    }

    @Test
    @Order(3)
    void duplicate_keys_keep_the_last_value_as_jsonb_does() {
        assertThat(Db.strings(
                        stores.postgres(), "SELECT event->>'a' FROM logs WHERE event->>'case' = 'duplicate keys'"))
                .containsExactly("2");
    }

    private static void check(Case c) throws SQLException {
        HttpResponse<String> answer = ANSWERS.get(c.name());
        String body = answer.body();
        // the case's name leads every message: the report shows dynamic tests only by number
        String seen = "case '" + c.name() + "' answered " + answer.statusCode() + " "
                + body.substring(0, Math.min(300, body.length()));
        switch (c.outcome()) {
            case STORED -> {
                assertThat(answer.statusCode()).as(seen).isEqualTo(202);
                assertThat(storedAsSent(c))
                        .as("rows of '%s' whose event = the sent text::jsonb", c.name())
                        .isEqualTo(1);
            }
            case PG_REFUSES -> {
                assertThat(answer.statusCode()).as(seen).isEqualTo(400);
                assertThat(answer.body()).as(seen).contains("\"detail\":");
                assertThat(catchThrowable(() -> postgresParses(c.event())))
                        .as("case '%s': what PostgreSQL says of the same text", c.name())
                        .isInstanceOf(SQLException.class);
                assertThat(Db.count(
                                stores.postgres(),
                                "SELECT count(*) FROM logs WHERE event->>'case' = '" + c.name() + "'"))
                        .as("case '%s': rows of a refused case", c.name())
                        .isZero();
            }
            case OUR_BOUND -> assertThat(answer.statusCode()).as(seen).isEqualTo(400);
            case TOO_LARGE -> assertThat(answer.statusCode()).as(seen).isEqualTo(413);
        }
    }

    private static long storedAsSent(Case c) throws SQLException {
        try (Connection conn = connect();
                PreparedStatement ps = conn.prepareStatement(
                        "SELECT count(*) FROM logs WHERE event->>'case' = ? AND event = ?::jsonb")) {
            ps.setString(1, c.name());
            ps.setString(2, new String(c.event(), StandardCharsets.UTF_8));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Hands PostgreSQL the exact bytes, so it judges the encoding too (convert_from verifies UTF-8). */
    private static void postgresParses(byte[] event) throws SQLException {
        try (Connection conn = connect();
                PreparedStatement ps = conn.prepareStatement("SELECT convert_from(?, 'UTF8')::jsonb")) {
            ps.setBytes(1, event);
            ps.executeQuery().close();
        }
    }

    private static Connection connect() throws SQLException {
        PostgresEndpoint pg = stores.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    private static void stored(String name, String value) {
        CORPUS.add(new Case(name, event(name, value), event(name, value), Outcome.STORED));
    }

    private static void storedEvent(String name, String event) {
        CORPUS.add(new Case(name, bytes(event), bytes(event), Outcome.STORED));
    }

    private static void refused(String name, String value) {
        CORPUS.add(new Case(name, event(name, value), event(name, value), Outcome.PG_REFUSES));
    }

    private static void refusedBytes(String name, int... raw) {
        byte[] inner = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            inner[i] = (byte) raw[i];
        }
        byte[] e = concat(bytes("{\"case\":\"" + name + "\",\"v\":\"a"), inner, bytes("b\"}"));
        CORPUS.add(new Case(name, e, e, Outcome.PG_REFUSES));
    }

    private static byte[] event(String name, String value) {
        return bytes("{\"case\":\"" + name + "\",\"v\":" + value + "}");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String everyPlane() {
        StringBuilder s = new StringBuilder();
        for (int plane = 0; plane <= 16; plane++) {
            s.appendCodePoint(plane * 0x10000 + 0x41).appendCodePoint(plane * 0x10000 + 0xFFFD);
        }
        return s.toString();
    }

    private static String wideObject(int keys) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < keys; i++) {
            s.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return s.append('}').toString();
    }
}
