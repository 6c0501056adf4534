-- Every reservation ends. One whose order is never created (the storefront crashed, orders
-- was unreachable) is released once its window has passed: expires_at is set at creation
-- (the database's now() + bookstore.reservations.window) and the reaper releases it after
-- expires_at + bookstore.reservations.expiry-grace. ordered_at records that order.created
-- arrived: from then on the order's payment outcome ends the reservation, not the window.
-- Rows from before this migration have no expires_at and are never reaped: whether their
-- orders exist is not known here.
ALTER TABLE reservations
    ADD COLUMN expires_at      TIMESTAMPTZ,
    ADD COLUMN ordered_at      TIMESTAMPTZ,
    -- Why a released reservation gave its stock back (NULL while reserved or sold).
    ADD COLUMN release_reason  TEXT CHECK (release_reason IN ('cancelled', 'payment_failed', 'expired'));

-- released is no longer final in one case: an order.created that arrives after the reaper
-- released the reservation takes the stock again (reserved, ordered) when it is there.

-- The reaper's scan: only reservations that can still expire.
CREATE INDEX reservations_expiring ON reservations (expires_at) WHERE status = 'reserved' AND ordered_at IS NULL;
