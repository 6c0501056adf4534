// The shopper's page: books, a cart, checkout, the shopper's orders and each order's trace.
// No framework and no build step: the storefront serves these files as they are.

import {initAuth, currentUser, signIn, signOut} from './auth.js';
import {api, ShopError} from './api.js';
import {cart} from './cart.js';
import {drawTrace} from './trace.js';
import {el, money, nodes} from './dom.js';

/** The PSP's test cards (the psp-simulator's TestPaymentMethods, Stripe's names). */
const CARDS = [
    ['pm_card_visa', 'Visa ending 4242: pays'],
    ['pm_card_mastercard', 'Mastercard ending 4444: pays'],
    ['pm_card_chargeDeclined', 'Card that is declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'Card with insufficient funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'Expired card'],
];
const STATUS_TEXT = {
    pending_payment: 'Waiting for the payment',
    paid: 'Paid',
    payment_failed: 'Payment failed',
};
const FINAL = new Set(['paid', 'payment_failed']);
const main = document.getElementById('main');
const notice = document.getElementById('notice');

/** Each render gets a number; a poll of an older view sees it changed and stops. */
let view = 0;

// --- small helpers ---------------------------------------------------------------------

function show(...children) {
    main.replaceChildren(...nodes(...children));
    main.focus({preventScroll: true});
}

/** A table's column head, right-aligned over numbers as they are. */
const columnHead = (head, numeric) => el('th', {scope: 'col', class: numeric.includes(head) ? 'num' : null}, head);

const bookCount = count => `${count} book${count === 1 ? '' : 's'}`;

function tell(message, kind = 'error') {
    notice.textContent = message;
    notice.className = `notice ${kind}`;
    notice.hidden = !message;
}

function fail(error) {
    tell(error instanceof ShopError ? error.message : 'Something went wrong on this page. Reload it and try again.');
    if (!(error instanceof ShopError)) {
        console.error(error);
    }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function statusBadge(status) {
    return el('span', {class: `status ${status}`, 'data-status': status}, STATUS_TEXT[status] || status);
}

function bookLine(book) {
    return el('span', {class: 'book-line'},
        el('a', {href: `#/books/${encodeURIComponent(book.isbn)}`, class: 'title'}, book.title),
        el('span', {class: 'author'}, book.author));
}

// --- the header ------------------------------------------------------------------------

function drawAccount() {
    const account = document.getElementById('account');
    const user = currentUser();
    account.replaceChildren(user
        ? el('span', {class: 'who'},
            el('span', {id: 'signed-in-user'}, user.username), ' · ',
            el('span', {id: 'signed-in-tenant', title: 'tenant'}, user.tenant),
            el('button', {type: 'button', class: 'link', onclick: () => {
                cart.clear(); // the next person at this browser does not get it
                signOut();
            }}, 'Sign out'))
        : el('button', {type: 'button', id: 'sign-in', onclick: () => signIn().catch(fail)}, 'Sign in'));
    document.getElementById('cart-count').textContent = String(cart.count());
}

// --- the views -------------------------------------------------------------------------

async function booksView(params) {
    const q = params.get('q') || '';
    const results = el('ul', {class: 'books', 'aria-label': q ? `Books matching ${q}` : 'Books'});
    const more = el('button', {type: 'button', class: 'secondary', hidden: true}, 'More books');
    const search = el('input', {type: 'search', id: 'search', name: 'q', value: q, placeholder: 'Title, author or ISBN',
        autocomplete: 'off', maxlength: '100'});
    show(
        el('h1', {}, 'Books'),
        el('form', {class: 'search', role: 'search', onsubmit: event => {
            event.preventDefault();
            location.hash = search.value.trim() ? `#/?${new URLSearchParams({q: search.value.trim()})}` : '#/';
        }},
        el('label', {for: 'search'}, 'Search books'), search, el('button', {type: 'submit'}, 'Search')),
        results, more);
    let offset = 0;
    const page = 24;
    const loadPage = async () => {
        const books = await api.books({q, limit: page, offset});
        offset += books.length;
        results.append(...books.map(book => el('li', {class: 'book', 'data-isbn': book.isbn},
            bookLine(book),
            el('span', {class: 'isbn'}, `ISBN ${book.isbn}`),
            el('span', {class: 'price'}, money(book.price_cents, book.currency)),
            stockText(book.stock),
            addButton(book))));
        more.hidden = books.length < page;
        if (offset === 0) {
            results.append(el('li', {class: 'empty'}, q ? `No book matches “${q}”.` : 'The catalog is empty.'));
        }
    };
    more.addEventListener('click', () => loadPage().catch(fail));
    await loadPage();
}

function stockText(stock) {
    return el('span', {class: stock > 0 ? 'stock' : 'stock out'}, stock > 0 ? `${stock} in stock` : 'Out of stock');
}

function addButton(book) {
    return el('button', {type: 'button', disabled: book.stock <= 0, 'aria-label': `Add ${book.title} to the cart`,
        onclick: () => {
            cart.add(book);
            drawAccount();
            tell(`“${book.title}” is in your cart.`, 'info');
        }}, 'Add to cart');
}

async function bookView(isbn) {
    const book = await api.book(isbn);
    const together = el('section', {class: 'together', 'aria-labelledby': 'together-title'},
        el('h2', {id: 'together-title'}, 'Bought together'));
    show(
        el('p', {}, el('a', {href: '#/'}, '← All books')),
        el('article', {class: 'book-page', 'data-isbn': book.isbn},
            el('h1', {}, book.title),
            el('p', {class: 'author'}, `by ${book.author}`),
            el('p', {class: 'isbn'}, `ISBN ${book.isbn}`),
            el('p', {class: 'price'}, money(book.price_cents, book.currency)),
            stockText(book.stock), ' ', addButton(book)),
        together);
    if (!currentUser()) {
        together.append(el('p', {}, 'Sign in to see what shoppers of your organisation bought with this book.'));
        return;
    }
    try {
        const found = await api.recommendations(book.isbn);
        together.append(found.recommendations.length
            ? el('ul', {class: 'books'}, found.recommendations.map(other => el('li', {class: 'book', 'data-isbn': other.isbn},
                bookLine(other), el('span', {class: 'price'}, money(other.price_cents, other.currency)))))
            : el('p', {}, 'Nobody has bought this book with another yet.'));
    } catch (error) {
        together.append(el('p', {}, 'Recommendations are not available right now.'));
    }
}

function cartView() {
    const lines = cart.lines();
    if (lines.length === 0) {
        show(el('h1', {}, 'Your cart'), el('p', {}, 'Your cart is empty. ', el('a', {href: '#/'}, 'Find a book.')));
        return;
    }
    const rows = lines.map(line => el('tr', {'data-isbn': line.isbn},
        el('td', {}, bookLine(line)),
        el('td', {class: 'num'}, money(line.price_cents, line.currency)),
        el('td', {},
            el('label', {class: 'visually-hidden', for: `qty-${line.isbn}`}, `Quantity of ${line.title}`),
            el('input', {type: 'number', id: `qty-${line.isbn}`, min: '1', max: '100', value: String(line.qty), class: 'qty',
                onchange: event => {
                    cart.setQty(line.isbn, Number(event.target.value));
                    cartView();
                    drawAccount();
                }})),
        el('td', {class: 'num'}, money(line.price_cents * line.qty, line.currency)),
        el('td', {}, el('button', {type: 'button', class: 'link', 'aria-label': `Remove ${line.title}`, onclick: () => {
            cart.remove(line.isbn);
            cartView();
            drawAccount();
        }}, 'Remove'))));
    const totals = cart.totals().map(([currency, cents]) => el('div', {class: 'total'}, `Total: ${money(cents, currency)}`));
    const cards = el('fieldset', {class: 'cards'}, el('legend', {}, 'Pay with a test card'),
        CARDS.map(([id, label], index) => el('label', {},
            el('input', {type: 'radio', name: 'card', value: id, checked: index === 0}), ' ', label)));
    const checkout = el('button', {type: 'submit', id: 'checkout', class: 'primary'}, 'Check out');
    const user = currentUser();
    show(
        el('h1', {}, 'Your cart'),
        el('table', {class: 'cart'},
            el('thead', {}, el('tr', {}, ['Book', 'Price', 'Quantity', 'Subtotal', ''].map(head => columnHead(head, ['Price', 'Subtotal'])))),
            el('tbody', {}, rows)),
        totals,
        totals.length > 1 ? el('p', {class: 'warning'}, 'Books in different currencies are checked out separately.') : null,
        user
            ? el('form', {class: 'checkout', onsubmit: event => {
                event.preventDefault();
                placeOrder(checkout, new FormData(event.target).get('card'));
            }}, cards, checkout)
            : el('p', {}, el('button', {type: 'button', class: 'primary', onclick: () => signIn().catch(fail)}, 'Sign in to check out')));
}

/**
 * One checkout per cart: the cart's Idempotency-Key is the same for every try, so a double
 * click, a retry after an error or a reload cannot make a second order.
 */
async function placeOrder(button, card) {
    if (button.disabled) {
        return;
    }
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Placing your order…';
    tell('');
    try {
        const accepted = await checkOutPatiently(cart.lines().map(line => ({isbn: line.isbn, qty: line.qty})), card,
            cart.checkoutKey(card));
        cart.clear();
        drawAccount();
        location.hash = `#/orders/${accepted.order_id}`;
    } catch (error) {
        if (error.type === 'idempotency-key-reused') {
            cart.forgetCheckoutKey();
        }
        fail(error);
        button.disabled = false;
        button.removeAttribute('aria-busy');
        button.textContent = 'Check out';
    }
}

/** Tries of a checkout the shop was too busy for (503) or that did not reach it, before saying so. */
const CHECKOUT_TRIES = 3;

/**
 * A busy shop or a lost answer is asked again after its Retry-After (at most 5 s): the same
 * Idempotency-Key makes the same order, so a retry cannot make a second one.
 */
async function checkOutPatiently(lines, card, key) {
    for (let attempt = 1; ; attempt++) {
        try {
            return await api.checkout(lines, card, key);
        } catch (error) {
            if (!(error instanceof ShopError) || (error.status !== 503 && error.status !== 0) || attempt === CHECKOUT_TRIES) {
                throw error;
            }
            const seconds = Math.min(Number(error.retryAfter) || 1, 5);
            tell(`The shop is busy; trying again in ${seconds} s…`, 'info');
            await sleep(seconds * 1000);
        }
    }
}

async function ordersView() {
    if (!currentUser()) {
        show(el('h1', {}, 'My orders'), el('p', {}, el('button', {type: 'button', class: 'primary', onclick: () => signIn().catch(fail)},
            'Sign in'), ' to see your orders.'));
        return;
    }
    const list = el('ul', {class: 'orders'});
    const more = el('button', {type: 'button', class: 'secondary', hidden: true}, 'Older orders');
    show(el('h1', {}, 'My orders'), list, more);
    let offset = 0;
    const page = 20;
    const loadPage = async () => {
        const orders = await api.orders({limit: page, offset});
        offset += orders.length;
        list.append(...orders.map(order => el('li', {class: 'order', 'data-order-id': order.order_id},
            el('a', {href: `#/orders/${order.order_id}`}, `Order ${order.order_id.slice(0, 8)}`),
            el('time', {datetime: order.created_at}, new Date(order.created_at).toLocaleString()),
            statusBadge(order.status),
            el('span', {class: 'price'}, money(order.total_cents, order.currency)),
            el('span', {}, bookCount(order.lines.reduce((sum, line) => sum + line.qty, 0))))));
        more.hidden = orders.length < page;
        if (offset === 0) {
            list.append(el('li', {class: 'empty'}, 'No orders yet. ', el('a', {href: '#/'}, 'Find a book.')));
        }
    };
    more.addEventListener('click', () => loadPage().catch(fail));
    await loadPage();
}

async function orderView(id, myView) {
    let order = await api.order(id);
    const status = el('p', {class: 'order-status', 'aria-live': 'polite'});
    const lines = el('tbody');
    const trace = el('section', {class: 'trace', 'aria-labelledby': 'trace-title'},
        el('h2', {id: 'trace-title'}, 'Its way through the services'));
    show(
        el('h1', {}, `Order ${order.order_id.slice(0, 8)}`),
        el('p', {class: 'order-id'}, `Order number ${order.order_id}`),
        status,
        el('table', {class: 'cart'},
            el('thead', {}, el('tr', {}, ['Book', 'Quantity', 'Price'].map(head => columnHead(head, ['Quantity', 'Price'])))),
            lines),
        el('p', {class: 'total'}, `Total: ${money(order.total_cents, order.currency)}`),
        trace);
    drawStatus(status, order);
    drawLines(lines, order);
    // The status live, without reloading: ask until it is final.
    const watchStatus = async () => {
        while (!FINAL.has(order.status) && view === myView) {
            await sleep(1000);
            try {
                order = await api.order(id);
                if (view === myView) {
                    drawStatus(status, order);
                }
            } catch (error) {
                if (error.status !== 503 && error.status !== 0) {
                    throw error;
                }
            }
        }
    };
    // The trace: spans reach the trace store a moment after each service ends them, and the
    // last ones (the sale, the recommendation) come after the payment; ask until they stop coming.
    const watchTrace = async () => {
        let lastCount = -1;
        let quiet = 0;
        for (let round = 0; round < 40 && view === myView; round++) {
            try {
                const found = await api.trace(id);
                if (view !== myView) {
                    return;
                }
                drawTrace(trace, found);
                quiet = found.spans.length === lastCount && FINAL.has(order.status) ? quiet + 1 : 0;
                lastCount = found.spans.length;
                if (quiet >= 3) {
                    trace.dataset.settled = 'true'; // no more spans to come (what a test waits for)
                    return;
                }
            } catch (error) {
                if (error.status !== 503 && error.status !== 0) {
                    throw error;
                }
            }
            await sleep(1500);
        }
    };
    await Promise.all([watchStatus(), watchTrace()]);
}

function drawStatus(status, order) {
    const explanation = {
        pending_payment: 'Your books are reserved; the payment is under way.',
        paid: 'Thank you! The payment went through and your books are on their way.',
        payment_failed: 'Your card was declined. Nothing was charged, and the books went back on the shelf.',
    }[order.status] || '';
    status.replaceChildren(statusBadge(order.status), ' ', explanation);
}

async function drawLines(tbody, order) {
    const titles = await Promise.all(order.lines.map(line => api.book(line.isbn).then(book => book.title).catch(() => line.isbn)));
    tbody.replaceChildren(...order.lines.map((line, index) => el('tr', {'data-isbn': line.isbn},
        el('td', {}, el('a', {href: `#/books/${encodeURIComponent(line.isbn)}`}, titles[index])),
        el('td', {class: 'num'}, String(line.qty)),
        el('td', {class: 'num'}, money(line.unit_price_cents * line.qty, order.currency)))));
}

// --- the router --------------------------------------------------------------------------

async function route() {
    const myView = ++view;
    tell('');
    drawAccount();
    const [path, query] = (location.hash.slice(1) || '/').split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    document.querySelectorAll('nav a').forEach(link => link.removeAttribute('aria-current'));
    const current = document.querySelector(`nav a[href="#/${parts[0] === 'books' ? '' : parts[0] || ''}"]`);
    current?.setAttribute('aria-current', 'page');
    try {
        if (parts.length === 0) {
            await booksView(params);
        } else if (parts[0] === 'books' && parts[1]) {
            await bookView(parts[1]);
        } else if (parts[0] === 'cart') {
            cartView();
        } else if (parts[0] === 'orders' && parts[1]) {
            await orderView(parts[1], myView);
        } else if (parts[0] === 'orders') {
            await ordersView();
        } else {
            show(el('h1', {}, 'Not found'), el('p', {}, el('a', {href: '#/'}, 'Back to the books')));
        }
    } catch (error) {
        if (view === myView) {
            if (error.status === 404) {
                show(el('h1', {}, 'Not found'), el('p', {}, 'There is nothing here for your account. ', el('a', {href: '#/'}, 'Back to the books')));
            }
            fail(error);
        }
    }
}

async function start() {
    try {
        await initAuth(await api.webConfig());
    } catch (error) {
        fail(error instanceof ShopError ? error : new ShopError(error.message || 'Sign-in is not available right now.'));
    }
    window.addEventListener('hashchange', route);
    await route();
}

start();
