-- Every payment ends within its window (bookstore.payments.window, counted from registration):
-- past the deadline the settler learns what the PSP holds under the order's Idempotency-Key,
-- cancels an intent that has not succeeded, and fails the payment ('payment_window_expired').
-- The deadline is the database's time, like every other time here, and stays what it was when
-- the payment was registered, whatever the configuration says later.
ALTER TABLE payments ADD COLUMN deadline TIMESTAMPTZ;

-- Payments registered before had only the 23 h creation window as their limit.
UPDATE payments SET deadline = created_at + interval '23 hours';

ALTER TABLE payments ALTER COLUMN deadline SET NOT NULL;
