// What every view uses: elements built with DOM calls (never from HTML strings, so that a
// book's title cannot inject markup) and money in its currency's minor units.

/** el('a', {href: '#/'}, 'text', child…): an element with attributes (on* are listeners) and children. */
export function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            element.addEventListener(name.slice(2), value);
        } else {
            element.setAttribute(name, value === true ? '' : value);
        }
    }
    element.append(...nodes(...children));
    return element;
}

/**
 * What append and replaceChildren should get: a list stands for its elements and a missing part
 * (null, undefined, false) for nothing; as they are, they would be written as text.
 */
export function nodes(...children) {
    return children.flat().filter(child => child !== null && child !== undefined && child !== false);
}

/** 4999 USD → "$49.99"; the currency says how many minor units make one (JPY: none). */
export function money(cents, currency) {
    const format = new Intl.NumberFormat('en', {style: 'currency', currency});
    return format.format(cents / 10 ** format.resolvedOptions().maximumFractionDigits);
}
