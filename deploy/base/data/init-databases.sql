-- Run once, by the postgres image's entrypoint, when the data directory is empty.
-- One database per service that owns data (DESIGN.md); each service migrates its own
-- schema with Flyway at start-up. outbox-publisher shares bookstore_orders.
CREATE DATABASE bookstore_catalog;
CREATE DATABASE bookstore_orders;
CREATE DATABASE bookstore_payments;
CREATE DATABASE bookstore_recommendations;
