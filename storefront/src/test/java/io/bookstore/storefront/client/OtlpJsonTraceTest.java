package io.bookstore.storefront.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the trace page shows of the answers Tempo's versions (and the devstack's store) give. */
class OtlpJsonTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "0af7651916cd43dd8448eb211c80319c, 0af7651916cd43dd8448eb211c80319c",
            "0AF7651916CD43DD8448EB211C80319C, 0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331, b7ad6b7169203331",
            "CvdlGRbNQ92ESOshHIAxnA==, 0af7651916cd43dd8448eb211c80319c",
            "t61rcWkgMzE=, b7ad6b7169203331"})
    void idsAreHexOrBase64AndAnsweredAsLowerCaseHex(String written, String hex) {
        assertThat(OtlpJsonTrace.id(TextNode.valueOf(written))).isEqualTo(hex);
    }

    @ParameterizedTest
    @CsvSource({"''", "0000000000000000", "AAAAAAAAAAA=", "not an id!", "AQID"})
    void noIdAnInvalidOneAndOneOfAnotherLengthAreNone(String written) {
        assertThat(OtlpJsonTrace.id(TextNode.valueOf(written))).isNull();
    }

    @Test
    void tempoV2sWrappedTraceAndUnknownKindsAreRead() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"trace":{"resourceSpans":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"h"}}]},
                 "scopeSpans":[{"spans":[
                  {"spanId":"b7ad6b7169203331","name":"a","kind":"SPAN_KIND_UNSPECIFIED","startTimeUnixNano":"5","endTimeUnixNano":"3"},
                  {"spanId":"b7ad6b7169203332","name":"b","kind":9,"startTimeUnixNano":7},
                  {"spanId":"b7ad6b7169203333","name":"no start"},
                  {"name":"no id","startTimeUnixNano":"1"}]}]}]}}""");

        assertThat(OtlpJsonTrace.spans(answer)).containsExactly(
                new TraceSpan("b7ad6b7169203331", null, "unknown", "a", "internal", 5, 5, false),
                new TraceSpan("b7ad6b7169203332", null, "unknown", "b", "internal", 7, 7, false));
    }

    @Test
    void anAnswerWithoutSpansHasNone() throws Exception {
        assertThat(OtlpJsonTrace.spans(JSON.readTree("{}"))).isEmpty();
        assertThat(OtlpJsonTrace.spans(JSON.readTree("{\"batches\":[]}"))).isEmpty();
        assertThat(OtlpJsonTrace.spans(null)).isEmpty();
    }
}
