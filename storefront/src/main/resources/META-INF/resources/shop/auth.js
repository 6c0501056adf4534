// Sign-in with Keycloak: OpenID Connect's authorization code flow with PKCE (RFC 7636), for a
// public client (bookstore-web in the realm file) that keeps no secret. The tokens live in
// sessionStorage: they end with the tab, and a reload keeps the shopper signed in.

const STORE = 'bookstore.auth';
const PENDING = 'bookstore.auth.pending';
/** Refresh a token this long before it expires, so that a request never carries a dead one. */
const REFRESH_MARGIN_MS = 30_000;

let settings;   // {issuer, client_id} from the storefront
let endpoints;  // the issuer's discovery document

export async function initAuth(webConfig) {
    settings = webConfig;
    if (!settings.issuer) {
        throw new Error('Sign-in is not configured on this storefront (bookstore.storefront.web.issuer).');
    }
    endpoints = await fetch(`${settings.issuer}/.well-known/openid-configuration`)
        .then(response => response.ok ? response.json() : Promise.reject(new Error(`discovery: HTTP ${response.status}`)));
    await finishSignIn();
}

/** The signed-in shopper: {username, tenant}, or null. */
export function currentUser() {
    const tokens = load();
    if (!tokens) {
        return null;
    }
    const claims = decodeJwt(tokens.access_token);
    return {username: claims.preferred_username, tenant: claims.tenant};
}

/** Off to Keycloak; back at the same page once signed in. */
export async function signIn() {
    const verifier = randomText(64);
    const state = randomText(32);
    sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, back: location.hash || '#/'}));
    const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    const url = new URL(endpoints.authorization_endpoint);
    url.search = new URLSearchParams({
        response_type: 'code',
        client_id: settings.client_id,
        redirect_uri: redirectUri(),
        scope: 'openid',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
    }).toString();
    location.assign(url.toString());
}

/** Ends the Keycloak session too, so that the next sign-in asks for the password again. */
export function signOut() {
    const tokens = load();
    sessionStorage.removeItem(STORE);
    if (!tokens || !endpoints.end_session_endpoint) {
        location.assign(redirectUri());
        return;
    }
    const url = new URL(endpoints.end_session_endpoint);
    url.search = new URLSearchParams({
        client_id: settings.client_id,
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: redirectUri(),
    }).toString();
    location.assign(url.toString());
}

/** A valid access token, refreshed when close to its end; null when signed out or the session ended. */
export async function accessToken() {
    const tokens = load();
    if (!tokens) {
        return null;
    }
    if (Date.now() < tokens.expires_at - REFRESH_MARGIN_MS) {
        return tokens.access_token;
    }
    const refreshed = await requestTokens({grant_type: 'refresh_token', refresh_token: tokens.refresh_token});
    if (!refreshed) {
        sessionStorage.removeItem(STORE);
        return null;
    }
    return refreshed.access_token;
}

/** Keycloak came back with ?code=…&state=…: trade the code for tokens, then drop it from the address. */
async function finishSignIn() {
    const query = new URLSearchParams(location.search);
    if (!query.has('state') || !(query.has('code') || query.has('error'))) {
        return;
    }
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname + (pending?.back || '#/'));
    if (!pending || pending.state !== query.get('state')) {
        throw new Error('The sign-in answer does not belong to this page; sign in again.');
    }
    if (query.has('error')) {
        throw new Error(`Sign-in failed: ${query.get('error_description') || query.get('error')}`);
    }
    const tokens = await requestTokens({
        grant_type: 'authorization_code',
        code: query.get('code'),
        redirect_uri: redirectUri(),
        code_verifier: pending.verifier,
    });
    if (!tokens) {
        throw new Error('Keycloak did not issue tokens; sign in again.');
    }
}

async function requestTokens(grant) {
    const response = await fetch(endpoints.token_endpoint, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({client_id: settings.client_id, ...grant}),
    });
    if (!response.ok) {
        return null;
    }
    const body = await response.json();
    const tokens = {
        access_token: body.access_token,
        refresh_token: body.refresh_token,
        id_token: body.id_token || load()?.id_token,
        expires_at: Date.now() + body.expires_in * 1000,
    };
    sessionStorage.setItem(STORE, JSON.stringify(tokens));
    return tokens;
}

function load() {
    return JSON.parse(sessionStorage.getItem(STORE) || 'null');
}

function redirectUri() {
    return `${location.origin}/`;
}

function decodeJwt(token) {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
}

function randomText(length) {
    return base64Url(crypto.getRandomValues(new Uint8Array(length))).slice(0, length);
}

function base64Url(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
