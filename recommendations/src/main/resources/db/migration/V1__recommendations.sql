-- What recommendations knows about paid orders, per tenant. ISBNs are stored as their 13
-- digits (orders passes them through as clients spelled them, with or without hyphens),
-- so that both spellings of one book count together.

-- The ce_id of every event already applied: the consumer inserts here in the same
-- transaction as the counts, so a redelivered event changes nothing.
CREATE TABLE processed_events (
    event_id      UUID        PRIMARY KEY,
    event_type    TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- How much each book sold: the "popular" recommendations, and the tie-break of the others.
CREATE TABLE popularity (
    tenant        TEXT   NOT NULL,
    isbn          TEXT   NOT NULL CHECK (isbn ~ '^[0-9]{13}$'),
    copies_sold   BIGINT NOT NULL CHECK (copies_sold > 0),
    orders_count  BIGINT NOT NULL CHECK (orders_count > 0),
    PRIMARY KEY (tenant, isbn)
);

-- Serves the tenant's most popular books without sorting the whole table.
CREATE INDEX popularity_ranking ON popularity (tenant, copies_sold DESC, orders_count DESC, isbn);

-- How many paid orders held both books. Each pair is stored in both directions, so that
-- "bought with X" is one range of the primary key.
CREATE TABLE co_purchases (
    tenant        TEXT   NOT NULL,
    isbn          TEXT   NOT NULL CHECK (isbn ~ '^[0-9]{13}$'),
    other_isbn    TEXT   NOT NULL CHECK (other_isbn ~ '^[0-9]{13}$'),
    orders_count  BIGINT NOT NULL CHECK (orders_count > 0),
    PRIMARY KEY (tenant, isbn, other_isbn),
    CHECK (isbn <> other_isbn)
);
