-- The shopper's order pages (issue 15). Shared with outbox-publisher like V1-V3, which
-- reads neither addition.

-- The trace of the checkout that created the order (the trace id of orders' span of the
-- POST /orders request, which continues the storefront's checkout trace), so that the order
-- page can show that trace. Orders created before this migration have none.
ALTER TABLE orders ADD COLUMN trace_id TEXT
    CONSTRAINT orders_trace_id_hex CHECK (trace_id ~ '^[0-9a-f]{32}$');

-- A tenant's orders, newest first (GET /orders), a page read off the index in its order.
CREATE INDEX orders_tenant_newest ON orders (tenant, created_at DESC, id DESC);
