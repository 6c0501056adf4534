-- Books and their stock. The ISBN is stored hyphenated, as printed on the book; lookups
-- compare digits only, so the expression index below serves "978-0-13-468599-1" and
-- "9780134685991" alike and forbids two spellings of one book.
CREATE TABLE books (
    isbn         TEXT    PRIMARY KEY CHECK (isbn ~ '^[0-9][0-9-]{11,15}[0-9]$'),
    title        TEXT    NOT NULL,
    author       TEXT    NOT NULL,
    price_cents  BIGINT  NOT NULL CHECK (price_cents >= 0),
    currency     CHAR(3) NOT NULL,
    stock        INT     NOT NULL CHECK (stock >= 0)
);

CREATE UNIQUE INDEX books_isbn_digits_unique ON books ((replace(isbn, '-', '')));

-- One reservation per order. The status only moves reserved -> sold or reserved -> released
-- (ReservationStatus in the code); released and sold are final.
CREATE TABLE reservations (
    order_id    UUID        PRIMARY KEY,
    tenant      TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('reserved', 'sold', 'released')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The quantities a reservation took from stock; a release puts exactly these back.
CREATE TABLE reservation_lines (
    order_id  UUID NOT NULL REFERENCES reservations (order_id) ON DELETE CASCADE,
    isbn      TEXT NOT NULL REFERENCES books (isbn),
    qty       INT  NOT NULL CHECK (qty BETWEEN 1 AND 100),
    PRIMARY KEY (order_id, isbn)
);
