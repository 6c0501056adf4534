-- Book search (GET /catalog/items?q=…, BookRepository.search) looks for the text anywhere in
-- the title or the author, in any case, and for an ISBN fragment anywhere in the digits:
-- LIKE '%…%', which no B-tree serves. Trigram GIN indexes do, on the very expressions the query
-- compares, so each branch of its OR is an index scan and the search does not read the whole
-- table as the catalog grows (issue 14 speaks of 100k books).
--
-- pg_trgm ships with PostgreSQL's contrib (Debian's postgresql-15, the postgres image) and is a
-- trusted extension: the database's owner may create it without being a superuser.
--
-- Built in the migration's transaction, not CONCURRENTLY (Flyway holds a transaction open for
-- its lock, which a concurrent build waits for without end); reservations wait to take stock
-- while it runs. Stock changes touch none of the indexed columns, so they can stay HOT updates,
-- which write no index entries.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX books_title_trgm ON books USING gin (lower(title) gin_trgm_ops);
CREATE INDEX books_author_trgm ON books USING gin (lower(author) gin_trgm_ops);
CREATE INDEX books_isbn_digits_trgm ON books USING gin ((replace(isbn, '-', '')) gin_trgm_ops);
