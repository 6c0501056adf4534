// The storefront's API as the page uses it. Every error becomes a ShopError whose message a
// shopper can act on; the problem+json's detail stays available for the curious, never a stack trace.

import {accessToken} from './auth.js';

export class ShopError extends Error {
    constructor(message, {status = 0, type = '', retryAfter = null, problem = null} = {}) {
        super(message);
        this.status = status;
        this.type = type;
        this.retryAfter = retryAfter;
        this.problem = problem;
    }
}

const PROBLEM = 'urn:bookstore:problem:';

/** What the shopper reads for each problem type the storefront answers (contracts' ProblemType). */
function explain(problem, status, retryAfter) {
    const again = retryAfter ? ` Try again in ${retryAfter} s.` : ' Try again in a moment.';
    switch ((problem?.type || '').replace(PROBLEM, '')) {
        case 'insufficient-stock':
            return 'Not enough copies left of a book in your cart. Lower its quantity or remove it.';
        case 'reservation-expired':
            return 'Your books were held too long and went back on the shelf. Check out again.';
        case 'mixed-currencies':
            return 'Books sold in different currencies cannot be bought together: check them out separately.';
        case 'idempotency-key-reused':
            return 'Your cart changed while a checkout of it was under way. Check out again.';
        case 'overloaded':
            return `The shop is busy right now.${again}`;
        case 'unavailable':
            return `A part of the shop is not answering.${again} Nothing was charged twice: retrying is safe.`;
        case 'unauthenticated':
            return 'Your session has ended: sign in again.';
        case 'forbidden':
            return 'Your account may not do this.';
        case 'not-found':
            return 'Not found.';
        case 'validation':
            return `Please check: ${(problem.errors || []).map(e => `${e.field} ${e.message}`).join('; ') || problem.detail}`;
        default:
            if (status === 429 || status === 503) {
                return `The shop is busy right now.${again}`;
            }
            return status >= 500 ? `Something went wrong on our side.${again}` : (problem?.detail || `The request failed (HTTP ${status}).`);
    }
}

/**
 * A JSON request to the storefront. {auth: true} sends the shopper's token (a ShopError with
 * status 401 when signed out); extra headers go in {headers}.
 */
export async function call(path, {method = 'GET', body, auth = false, headers = {}} = {}) {
    const sent = {'Accept': 'application/json', ...headers};
    if (auth) {
        const token = await accessToken();
        if (!token) {
            throw new ShopError('Sign in first.', {status: 401, type: 'unauthenticated'});
        }
        sent.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
        sent['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(path, {method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body)});
    } catch (networkError) {
        throw new ShopError('The shop cannot be reached. Check your connection and try again.', {status: 0});
    }
    if (response.ok) {
        return response.status === 204 ? null : response.json();
    }
    const retryAfter = response.headers.get('Retry-After');
    const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json().catch(() => null) : null;
    throw new ShopError(explain(problem, response.status, retryAfter), {
        status: response.status, type: (problem?.type || '').replace(PROBLEM, ''), retryAfter, problem,
    });
}

export const api = {
    webConfig: () => call('/api/v2/web-config'),
    books: ({q = '', limit = 24, offset = 0} = {}) =>
        call(`/api/v2/books?${new URLSearchParams({...(q ? {q} : {}), limit, offset})}`),
    book: isbn => call(`/api/v2/books/${encodeURIComponent(isbn)}`),
    recommendations: isbn => call(`/api/v2/recommendations?${new URLSearchParams({isbn, limit: 4})}`, {auth: true}),
    checkout: (items, paymentMethod, idempotencyKey) => call('/api/v2/checkout', {
        method: 'POST', auth: true, headers: {'Idempotency-Key': idempotencyKey},
        body: {items, payment_method: paymentMethod},
    }),
    orders: ({limit = 20, offset = 0} = {}) => call(`/api/v2/orders?${new URLSearchParams({limit, offset})}`, {auth: true}),
    order: id => call(`/api/v2/orders/${encodeURIComponent(id)}`, {auth: true}),
    trace: id => call(`/api/v2/orders/${encodeURIComponent(id)}/trace`, {auth: true}),
};
