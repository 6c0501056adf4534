// An order's trace as a waterfall: one row per span, indented under its parent, a bar from its
// start to its end on the trace's time line. The spans come from the storefront's
// GET /api/v2/orders/{id}/trace (the devstack's spans locally, Tempo on Kubernetes).

import {el, nodes} from './dom.js';

const SERVICES = ['storefront', 'catalog', 'orders', 'outbox-publisher', 'payments-gateway', 'psp-simulator', 'recommendations'];

/** Depth-first, each span under its parent, siblings by start; a span whose parent is missing starts a branch. */
function inTreeOrder(spans) {
    const ids = new Set(spans.map(span => span.span_id));
    const children = new Map();
    for (const span of spans) {
        const parent = span.parent_span_id && ids.has(span.parent_span_id) ? span.parent_span_id : null;
        if (!children.has(parent)) {
            children.set(parent, []);
        }
        children.get(parent).push(span);
    }
    const ordered = [];
    const visit = (parent, depth) => {
        for (const span of (children.get(parent) || []).sort((a, b) => a.start_offset_us - b.start_offset_us)) {
            ordered.push({span, depth});
            visit(span.span_id, depth + 1);
        }
    };
    visit(null, 0);
    return ordered;
}

const ms = us => `${(us / 1000).toFixed(us < 10_000 ? 1 : 0)} ms`;

export function drawTrace(section, found) {
    const heading = section.querySelector('h2');
    const link = found.link ? el('p', {}, el('a', {href: found.link, target: '_blank', rel: 'noopener'}, 'Open this trace in Grafana')) : null;
    if (found.spans.length === 0) {
        section.replaceChildren(...nodes(heading, el('p', {class: 'trace-summary'}, 'The trace is on its way…'), link));
        return;
    }
    const end = Math.max(...found.spans.map(span => span.start_offset_us + span.duration_us));
    const services = [...new Set(found.spans.map(span => span.service))];
    const rows = inTreeOrder(found.spans).map(({span, depth}) => {
        const left = end ? (span.start_offset_us / end) * 100 : 0;
        const width = end ? Math.max((span.duration_us / end) * 100, 0.4) : 100;
        const colour = SERVICES.indexOf(span.service);
        return el('tr', {class: span.error ? 'span error' : 'span', 'data-service': span.service, 'data-kind': span.kind},
            el('td', {class: 'span-name', style: `padding-left: ${0.25 + depth * 0.9}rem`},
                el('span', {class: `service s${colour < 0 ? 'x' : colour}`}, span.service), ' ', span.name,
                span.error ? el('span', {class: 'error-mark'}, ' (error)') : null),
            el('td', {class: 'span-bar', 'aria-label': `${ms(span.duration_us)}, from ${ms(span.start_offset_us)}`},
                el('span', {class: `span-time s${colour < 0 ? 'x' : colour}`, style: `margin-left: ${left}%; width: ${width}%`}),
                el('span', {class: 'span-time-text'}, ms(span.duration_us))));
    });
    section.replaceChildren(...nodes(heading,
        el('p', {class: 'trace-summary'},
            `${found.spans.length} spans across ${services.length} services (${services.join(', ')}), ${ms(end)} from the checkout to the last span; trace `,
            el('code', {}, found.trace_id)),
        link,
        el('div', {class: 'waterfall-scroll'},
            el('table', {class: 'waterfall'},
                el('caption', {class: 'visually-hidden'}, 'Spans of the checkout, in call order, with when each started and how long it took'),
                el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Service and operation'), el('th', {scope: 'col'}, 'Time'))),
                el('tbody', {}, rows)))));
}
