package io.bookstore.contracts;

import java.util.List;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the attributes travel as
 * {@code ce_*} record headers and the record value is the JSON payload.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    /** The event id: unique per event, the consumers' deduplication key. */
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    /** The order id, equal to the record key. */
    public static final String SUBJECT = "ce_subject";
    /** RFC 3339 time of the state change that the event records. */
    public static final String TIME = "ce_time";
    /** Extension attribute: the tenant that owns the order. */
    public static final String TENANT = "ce_tenant";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";
    /** {@code ce_source} of the events that the orders service writes to its outbox. */
    public static final String SOURCE_ORDERS = "/bookstore/orders";

    /** Every header an event on {@link Topics#ORDERS} carries, trace headers aside. */
    public static final List<String> REQUIRED = List.of(SPEC_VERSION, ID, TYPE, SOURCE, SUBJECT, TIME, TENANT, CONTENT_TYPE);

    private CloudEventHeaders() {
    }
}
