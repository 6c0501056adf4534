-- The demonstration item: with bookstore.catalog.forced-failures.enabled=true (dev, kind),
-- a reservation that contains it fails with a 500, so that an error-budget burn and its
-- page can be shown on demand (observability/README.md). With the switch off, the default,
-- it is an ordinary book. It never appears in listings; only its ISBN reaches it.
INSERT INTO books (isbn, title, author, price_cents, currency, stock) VALUES
    ('979-8-00000-500-2', '__forced_500__', 'Bookstore demonstrations', 100, 'USD', 1000000);
