// The cart, kept in localStorage so that it survives a reload and the trip to Keycloak. It
// carries the Idempotency-Key of its checkout: made on the first try, kept for every retry of
// the same cart and card, dropped when either changes (the same key with another body is a 422).

const STORE = 'bookstore.cart';

function load() {
    return JSON.parse(localStorage.getItem(STORE) || 'null') || {lines: [], checkout: null};
}

function save(state) {
    localStorage.setItem(STORE, JSON.stringify(state));
}

function change(mutate) {
    const state = load();
    mutate(state);
    state.checkout = null;
    save(state);
}

export const cart = {
    lines: () => load().lines,

    count: () => load().lines.reduce((sum, line) => sum + line.qty, 0),

    add(book) {
        change(state => {
            const line = state.lines.find(existing => existing.isbn === book.isbn);
            if (line) {
                line.qty = Math.min(line.qty + 1, 100);
            } else {
                const {isbn, title, author, price_cents, currency} = book;
                state.lines.push({isbn, title, author, price_cents, currency, qty: 1});
            }
        });
    },

    setQty(isbn, qty) {
        change(state => {
            const line = state.lines.find(existing => existing.isbn === isbn);
            if (line && Number.isInteger(qty)) {
                line.qty = Math.max(1, Math.min(qty, 100));
            }
        });
    },

    remove(isbn) {
        change(state => {
            state.lines = state.lines.filter(line => line.isbn !== isbn);
        });
    },

    /** [[currency, total cents]…]: a cart may hold books of several currencies, each totalled apart. */
    totals() {
        const totals = new Map();
        for (const line of load().lines) {
            totals.set(line.currency, (totals.get(line.currency) || 0) + line.price_cents * line.qty);
        }
        return [...totals];
    },

    /** The key of this cart's checkout with this card: the same on every try. */
    checkoutKey(card) {
        const state = load();
        if (!state.checkout || state.checkout.card !== card) {
            state.checkout = {card, key: crypto.randomUUID()};
            save(state);
        }
        return state.checkout.key;
    },

    forgetCheckoutKey() {
        const state = load();
        state.checkout = null;
        save(state);
    },

    clear() {
        save({lines: [], checkout: null});
    },
};
