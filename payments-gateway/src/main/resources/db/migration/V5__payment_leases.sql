-- Which process holds a payment's lease (service.PaymentLeases): the replica id, '/', an id of
-- the process. A process holds it while it does a step itself (the intent's creation after the
-- registration, the report of an outcome it applied, a settler claim); the payment is due for
-- any replica's settler when the lease ends. A process started under a configured replica id
-- makes the payments its dead predecessor held due at once instead. NULL: no process holds one.
-- No index: the column is read once per process start, by that statement alone.
ALTER TABLE payments ADD COLUMN leased_by TEXT;
