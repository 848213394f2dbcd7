/*
 * BillKit web console. Plain JavaScript, no build step, no dependencies.
 *
 * It talks to the JSON API under /api/v1 with the httpOnly session cookie that POST /api/v1/session sets, and
 * echoes the CSRF cookie in the CSRF header on writes (both names come from the session route). Nothing is kept
 * in localStorage or sessionStorage and no secret ever goes into a URL. Every element is built with the DOM API
 * (textContent), never from HTML strings, so API data cannot inject markup.
 */
'use strict';
(function () {
  const API = '/api/v1';
  const INVOICE_PAGE_SIZE = 10;
  const CUSTOMER_PAGE_SIZE = 20;
  const STATUSES = ['DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE'];
  const state = {
    features: null,
    session: null,
    csrf: { cookie: 'billkit_csrf', header: 'X-CSRF-Token' },
    renderId: 0,
  };
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function loading(text) {
    return h('p', { class: 'loading', role: 'status' }, text || 'Loading…');
  }

  function alertBox(kind, text) {
    return h('div', { class: 'alert ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
  }

  function toast(text) {
    const el = document.getElementById('toast');
    el.textContent = text;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.textContent = ''; }, 6000);
  }

  /** Replaces the page; focuses the heading so keyboard and screen-reader users land on the new page. */
  function show(...children) {
    main.replaceChildren(...children.flat());
    main.removeAttribute('aria-busy');
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }

  // ---------------------------------------------------------------- formatting

  function money(m) {
    if (!m) return '—';
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency,
        maximumFractionDigits: 12, minimumFractionDigits: fractionDigits(m.currency) }).format(m.amount);
    } catch (e) {
      return m.amount + ' ' + m.currency;
    }
  }

  function fractionDigits(currency) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().minimumFractionDigits;
    } catch (e) {
      return 2;
    }
  }

  /** A decimal string with grouping, exact (Intl formats numeric strings without going through a double). */
  function quantity(q, maxDigits) {
    if (q === null || q === undefined) return '—';
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDigits === undefined ? 6 : maxDigits })
      .format(String(q));
  }

  /** Catalog units are singular words ("impression", "call") or symbols ("GB"): plural words for counts other than 1. */
  function unitFor(q, unit) {
    if (!unit) return '';
    return /^[a-z]+$/.test(unit) && !unit.endsWith('s') && Number(q) !== 1 ? unit + 's' : unit;
  }

  function withUnit(q, unit, maxDigits) {
    return unit ? quantity(q, maxDigits) + ' ' + unitFor(q, unit) : quantity(q, maxDigits);
  }

  /** Projections are estimates: whole units from 100 up, two decimals below. */
  function estimate(q, unit) {
    return withUnit(q, unit, Math.abs(Number(q)) >= 100 ? 0 : 2);
  }

  const DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const DATE_TIME = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

  function parseDay(day) { return new Date(day + 'T00:00:00Z'); }
  function date(day) { return day ? DATE.format(parseDay(day)) : '—'; }
  function shortDate(day) { return SHORT_DATE.format(parseDay(day)); }
  function dateTime(instant) { return instant ? DATE_TIME.format(new Date(instant)) : '—'; }
  function isoDay(d) { return d.toISOString().slice(0, 10); }
  function addDays(day, n) { const d = parseDay(day); d.setUTCDate(d.getUTCDate() + n); return isoDay(d); }
  /** Periods end exclusive (the first day after); people read the last day. */
  function lastDay(endExclusive) { return addDays(endExclusive, -1); }
  function title(word) { return word ? word.charAt(0) + word.slice(1).toLowerCase().replace(/_/g, ' ') : ''; }

  function badge(status, text) {
    return h('span', { class: 'badge ' + status, 'data-status': status }, text || title(status));
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
      this.status = status;
      this.problem = problem || {};
    }
  }

  function cookie(name) {
    for (const part of document.cookie.split(';')) {
      const [key, ...rest] = part.trim().split('=');
      if (key === name) return decodeURIComponent(rest.join('='));
    }
    return '';
  }

  async function api(path, options) {
    const opts = options || {};
    const method = opts.method || 'GET';
    const headers = { Accept: 'application/json, application/problem+json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') {
      const token = cookie(state.csrf.cookie);
      if (token) headers[state.csrf.header] = token;
    }
    let response;
    try {
      response = await fetch(API + path, { method, headers, credentials: 'same-origin', cache: 'no-store',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    } catch (e) {
      throw new ApiError(0, { detail: 'network' });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) {
      if (response.status === 401 && !opts.quietAuth) onSignedOut();
      throw new ApiError(response.status, data);
    }
    return data;
  }

  /** The customer an admin looks at (?customer= in the page address), as a query suffix. */
  function customerQuery(prefix) {
    const customer = route().params.get('customer');
    if (!customer || !state.session || state.session.role !== 'admin') return '';
    return (prefix || '?') + 'customerId=' + encodeURIComponent(customer);
  }

  /** What an API failure means, in words people understand (never the raw problem JSON). */
  function humanError(err, what) {
    const doing = what ? 'Could not ' + what + '. ' : '';
    if (!(err instanceof ApiError)) return doing + 'Something unexpected went wrong in the page. Reload and try again.';
    const p = err.problem || {};
    const type = String(p.type || '');
    const ref = p.errorId ? ' (reference ' + p.errorId + ')' : '';
    switch (err.status) {
      case 0: return doing + 'The BillKit service cannot be reached. Check your connection and try again.';
      case 400: case 422: return doing + (p.detail ? 'The request was not accepted: ' + sentence(p.detail) : 'The request was not accepted.');
      case 401: return 'Your session has ended or the token is not valid. Please sign in again.';
      case 402: return doing + (p.detail ? sentence(p.detail) : 'There are not enough credits for this.');
      case 403:
        if (type.endsWith('csrf-token-invalid')) return doing + 'The page\'s security token is missing or out of date. Sign out and sign in again.';
        return doing + 'You do not have access to this.';
      case 404: return doing + (p.detail ? 'Not found: ' + sentence(p.detail) : 'It was not found.');
      case 409: return doing + (p.detail ? sentence(p.detail) : 'It was changed by someone else; reload and try again.');
      case 413: return doing + 'The request is too large.';
      case 415: return doing + 'The request was sent in a format the service does not accept.';
      case 429: return doing + 'Too many requests. Wait a minute and try again.';
      case 503:
        if (type.endsWith('billing-disabled')) return 'Billing is turned off on this deployment.';
        return doing + 'The service is temporarily unavailable. Try again in a moment' + ref + '.';
      default:
        return doing + 'Something went wrong on our side. Try again later' + ref + '.';
    }
  }

  function sentence(text) {
    const t = String(text).trim();
    return /[.!?]$/.test(t) ? t : t + '.';
  }

  // ---------------------------------------------------------------- routing

  function route() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, query] = hash.split('?');
    return { path, parts: path.split('/').filter(Boolean), params: new URLSearchParams(query || '') };
  }

  function go(path, params) {
    const q = params && [...params].length ? '?' + params.toString() : '';
    location.hash = '#' + path + q;
  }

  /** The page the address names; the start page is usage (billing on), else admin for admins. */
  function currentPage() {
    const first = route().parts[0];
    if (first) return first;
    if (billingOn()) return 'usage';
    return state.session && state.session.role === 'admin' ? 'admin' : 'home';
  }

  function billingOn() { return state.features && state.features.billingEnabled; }

  function renderNav() {
    const current = currentPage();
    const links = [];
    if (billingOn()) {
      links.push(h('span', { class: 'nav-group', id: 'nav-billing' }, 'Billing'));
      links.push(link('usage', 'Usage'), link('invoices', 'Invoices'), link('plan', 'Plan & credits'));
    }
    if (state.session && state.session.role === 'admin') links.push(link('admin', 'Admin'));
    nav.replaceChildren(...links);
    nav.hidden = !state.session;
    function link(target, text) {
      return h('a', { href: '#/' + target, 'data-nav': target, 'aria-current': current === target ? 'page' : null }, text);
    }
    if (state.session) {
      who.replaceChildren(
        h('span', { class: 'subject' }, state.session.subject),
        h('span', { class: 'role' }, state.session.role === 'admin' ? 'Admin' : 'Member'),
        h('button', { type: 'button', id: 'signout', onclick: signOut }, 'Sign out'));
      who.hidden = false;
    } else {
      who.replaceChildren();
      who.hidden = true;
    }
  }

  async function render() {
    const id = ++state.renderId;
    const r = route();
    if (!state.session) {
      renderNav();
      return renderSignIn();
    }
    renderNav();
    const page = currentPage();
    main.setAttribute('aria-busy', 'true');
    const pages = { usage: renderUsage, invoices: renderInvoices, plan: renderPlan, admin: renderAdmin, home: renderHome };
    const fn = pages[page];
    if (!fn) return show(h('h1', {}, 'Page not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the start page.')));
    if (page !== 'admin' && page !== 'home' && !billingOn()) return renderBillingOff();
    try {
      await fn(r, () => id === state.renderId);
    } catch (err) {
      if (id === state.renderId && !(err instanceof ApiError && err.status === 401)) {
        show(h('h1', {}, 'Something went wrong'), alertBox('error', humanError(err, 'load this page')));
      }
    }
  }

  function renderHome() {
    show(h('h1', {}, 'Welcome'), billingOn() ? h('p', {}, h('a', { href: '#/usage' }, 'See your usage.'))
      : billingOffNotice());
  }

  function billingOffNotice() {
    return h('p', { class: 'notice', id: 'billing-off' },
      'Billing is turned off on this deployment, so usage, invoices, plans and credits are not available here.');
  }

  function renderBillingOff() {
    show(h('h1', {}, 'Billing is off'), billingOffNotice(),
      state.session.role === 'admin' ? h('p', {}, h('a', { href: '#/admin' }, 'Go to the admin view.')) : null);
  }

  // ---------------------------------------------------------------- session

  function onSignedOut() {
    state.session = null;
    render();
  }

  function renderSignIn(message) {
    const error = h('div', { id: 'signin-error' });
    const token = h('textarea', { id: 'token', name: 'token', required: true, autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'off', 'aria-describedby': 'token-hint' });
    const submit = h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in');
    const form = h('form', { class: 'card', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      const value = token.value.trim();
      if (!value) {
        error.replaceChildren(alertBox('error', 'Paste a session token first.'));
        token.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Signing in…';
      try {
        const session = await api('/session', { method: 'POST', body: { token: value }, quietAuth: true });
        token.value = '';
        await signedIn(session);
      } catch (err) {
        error.replaceChildren(alertBox('error', err instanceof ApiError && err.status === 401
          ? 'That session token was not accepted: ' + sentence(err.problem.detail || 'it is invalid or expired')
          : humanError(err, 'sign in')));
        submit.disabled = false;
        submit.textContent = 'Sign in';
        token.focus();
      }
    } },
      h('div', { class: 'field' },
        h('label', { for: 'token' }, 'Session token'),
        h('p', { id: 'token-hint', class: 'hint' },
          'Paste the member or admin token that the BillKit demo prints at start (a JWT beginning with eyJ). ' +
          'It is kept in a secure, HttpOnly cookie, never in the page address or browser storage.'),
        token),
      error,
      h('div', { class: 'actions' }, submit));
    show(h('div', { class: 'signin' }, h('h1', {}, 'Sign in to BillKit'),
      message ? alertBox('info', message) : null, form));
  }

  async function signedIn(session) {
    state.session = session;
    if (session && session.csrf) state.csrf = session.csrf;
    await render();
  }

  async function signOut() {
    try {
      await api('/session', { method: 'DELETE' });
    } catch (err) {
      // the cookies are cleared by the answer; a failure here only means the service was unreachable
    }
    state.session = null;
    renderNav();
    history.replaceState(null, '', '#/');
    renderSignIn('You are signed out.');
  }

  // ---------------------------------------------------------------- usage

  function level(percent) {
    if (percent > 90) return 'danger';
    if (percent >= 75) return 'warn';
    return 'ok';
  }

  const LEVEL_TEXT = { ok: 'Within plan', warn: 'Nearing the limit', danger: 'At or over the limit' };

  function meterCard(m) {
    const pct = m.percentUsed === undefined || m.percentUsed === null ? null : Number(m.percentUsed);
    const children = [h('div', { class: 'meter-head' }, h('h3', {}, m.name),
      pct === null ? h('span', { class: 'pct' }, 'Unlimited') : h('span', { class: 'pct' }, quantity(m.percentUsed, 1) + ' %'))];
    if (pct !== null) {
      const lvl = level(pct);
      children.push(h('div', { class: 'bar level-' + lvl, 'data-level': lvl, role: 'progressbar',
        'aria-label': m.name + ' used of included', 'aria-valuemin': 0, 'aria-valuemax': 100,
        'aria-valuenow': Math.min(100, Math.round(pct)), 'aria-valuetext': quantity(m.percentUsed, 1) + ' % used' },
      h('span', { style: null, 'data-width': Math.min(100, pct) })));
      children.push(h('span', { class: 'level-text level-' + lvl }, LEVEL_TEXT[lvl]));
    }
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, 'Used'), h('dd', {}, withUnit(m.used, m.unit)),
      h('dt', {}, 'Included'), h('dd', {}, m.unlimited ? 'Unlimited' : withUnit(m.included, m.unit)
        + (m.window && m.window !== 'PERIOD' ? ' per ' + title(m.window).toLowerCase() : '')),
      h('dt', {}, 'Remaining'), h('dd', {}, m.unlimited ? 'Unlimited' : withUnit(m.remaining, m.unit)),
      h('dt', {}, 'Overage'), h('dd', {}, withUnit(m.overageUnits, m.unit) + ' · ' + money(m.overageCost)),
      h('dt', {}, 'Projected by period end'), h('dd', {}, estimate(m.projectedUsage, m.unit) + ' · ' + money(m.projectedCost)));
    if (m.mode === 'HARD') {
      facts.append(h('dt', {}, 'Limit'), h('dd', {}, 'Hard: requests past the allowance are refused'));
    }
    children.push(facts);
    return h('section', { class: 'card meter', 'data-meter': m.meter, 'aria-label': m.name }, children);
  }

  /** Widths are set from script (the CSP forbids inline style attributes in the markup). */
  function applyWidths(root) {
    for (const el of root.querySelectorAll('[data-width]')) el.style.width = el.getAttribute('data-width') + '%';
  }

  function sumMoney(list) {
    if (!list.length) return null;
    const currency = list[0].currency;
    if (list.some(m => m.currency !== currency)) return null;
    const digits = Math.max(...list.map(m => (String(m.amount).split('.')[1] || '').length));
    const scale = 10n ** BigInt(digits);
    let total = 0n;
    for (const m of list) {
      const [i, f = ''] = String(m.amount).split('.');
      const negative = i.startsWith('-');
      const units = BigInt(i.replace('-', '') || '0') * scale + BigInt((f + '0'.repeat(digits)).slice(0, digits) || '0');
      total += negative ? -units : units;
    }
    const negative = total < 0n;
    const abs = negative ? -total : total;
    const whole = abs / scale;
    const frac = digits ? '.' + (abs % scale).toString().padStart(digits, '0') : '';
    return { amount: (negative ? '-' : '') + whole.toString() + frac, currency };
  }

  async function renderUsage(r, current) {
    show(h('h1', {}, 'Usage'), loading('Loading usage…'));
    let usage;
    try {
      usage = await api('/billing/usage/current' + customerQuery());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      if (!current()) return;
      return show(h('h1', {}, 'Usage'), alertBox('error', humanError(err, 'load your usage')));
    }
    if (!current()) return;
    const last = lastDay(usage.periodEnd);
    const overage = sumMoney(usage.meters.map(m => m.overageCost));
    const projected = sumMoney(usage.meters.map(m => m.projectedCost));
    const head = h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Usage'),
        h('p', { class: 'sub', id: 'period' }, 'Current period ' + date(usage.periodStart) + ' – ' + date(last)
          + ' · plan ' + usage.plan + (usage.customerId ? ' · customer ' + usage.customerId : ''))),
      h('p', { class: 'sub' }, 'As of ' + dateTime(usage.asOf)));
    const totals = h('section', { class: 'card', 'aria-labelledby': 'totals-h' },
      h('h2', { id: 'totals-h' }, 'This period'),
      h('div', { class: 'totals' },
        h('div', {}, h('div', { class: 'kv' }, 'Overage so far'), h('div', { class: 'big', id: 'total-overage' }, overage ? money(overage) : '—')),
        h('div', {}, h('div', { class: 'kv' }, 'Projected overage by ' + date(last)), h('div', { class: 'big', id: 'total-projected' }, projected ? money(projected) : '—'))));
    const cards = usage.meters.length
      ? h('div', { class: 'grid', id: 'meters' }, usage.meters.map(meterCard))
      : h('p', { class: 'empty card' }, 'Your plan has no metered usage.');
    const chartBox = h('section', { class: 'card', 'aria-labelledby': 'history-h' }, h('h2', { id: 'history-h' }, 'Daily usage this period'),
      loading('Loading the daily history…'));
    show(head, totals, cards, chartBox);
    applyWidths(main);
    if (!usage.meters.length) { chartBox.remove(); return; }

    const today = String(usage.asOf).slice(0, 10); // the service's clock decides what today is
    const to = today < last ? today : last;
    const from = usage.periodStart;
    let history;
    try {
      history = to < from ? { days: [] } : await api('/billing/usage/history?from=' + from + '&to=' + to + customerQuery('&'));
    } catch (err) {
      if (!current()) return;
      chartBox.replaceChildren(h('h2', { id: 'history-h' }, 'Daily usage this period'), alertBox('error', humanError(err, 'load the daily history')));
      return;
    }
    if (!current()) return;
    const select = h('select', { id: 'history-meter' }, usage.meters.map(m => h('option', { value: m.meter }, m.name)));
    const area = h('div', { class: 'chart-wrap' });
    const draw = () => {
      const meter = usage.meters.find(m => m.meter === select.value);
      area.replaceChildren(historyChart(meter, daysOf(history.days, meter.meter, from, to)));
    };
    select.addEventListener('change', draw);
    chartBox.replaceChildren(h('h2', { id: 'history-h' }, 'Daily usage this period'),
      h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'history-meter' }, 'Meter'), select)),
      area);
    draw();
  }

  function daysOf(days, meter, from, to) {
    const byDay = new Map(days.filter(d => d.meter === meter).map(d => [d.day, d.value]));
    const out = [];
    for (let day = from; day <= to; day = addDays(day, 1)) out.push({ day, value: byDay.get(day) || '0' });
    return out;
  }

  /** A nice round axis maximum and step for values up to max. */
  function niceScale(max) {
    if (!(max > 0)) return { top: 1, step: 0.25 };
    const rough = max / 4;
    const mag = Math.pow(10, Math.floor(Math.log10(rough)));
    const step = [1, 2, 2.5, 5, 10].map(f => f * mag).find(v => v >= rough);
    return { top: step * Math.ceil(max / step), step };
  }

  function compact(n) {
    return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  }

  function historyChart(meter, days) {
    const W = 720, H = 260, left = 64, right = 12, top = 16, bottom = 48;
    const values = days.map(d => Number(d.value));
    const { top: yTop, step } = niceScale(Math.max(...values, 0));
    const plotW = W - left - right, plotH = H - top - bottom;
    const slot = plotW / Math.max(days.length, 1);
    const barW = Math.max(2, Math.min(28, slot * 0.7));
    const y = v => top + plotH - (v / yTop) * plotH;
    const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', id: 'history-chart',
      'aria-labelledby': 'chart-title chart-desc' });
    const total = sumQuantity(days.map(d => d.value));
    svg.append(s('title', { id: 'chart-title' }, 'Daily ' + meter.name + ' in ' + (unitFor(2, meter.unit) || 'units')),
      s('desc', { id: 'chart-desc' }, days.length + ' days from ' + date(days[0].day) + ' to ' + date(days[days.length - 1].day)
        + ', ' + withUnit(total, meter.unit) + ' in total'));
    for (let v = 0; v <= yTop + step / 2; v += step) {
      svg.append(s('line', { class: v === 0 ? 'axis' : 'grid-line', x1: left, x2: W - right, y1: y(v), y2: y(v) }),
        s('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, compact(v)));
    }
    svg.append(s('line', { class: 'axis', x1: left, x2: left, y1: top, y2: top + plotH }));
    const labelEvery = Math.ceil(days.length / 8);
    days.forEach((d, i) => {
      const v = Number(d.value);
      const x = left + i * slot + (slot - barW) / 2;
      const rect = s('rect', { class: 'day', x, y: y(v), width: barW, height: Math.max(0, top + plotH - y(v)),
        'data-day': d.day, 'data-value': d.value });
      rect.append(s('title', {}, shortDate(d.day) + ': ' + withUnit(d.value, meter.unit)));
      svg.append(rect);
      if (i % labelEvery === 0 || i === days.length - 1 && days.length <= 8) {
        svg.append(s('text', { x: left + i * slot + slot / 2, y: top + plotH + 18, 'text-anchor': 'middle' }, shortDate(d.day)));
      }
    });
    svg.append(s('text', { class: 'axis-title', x: 14, y: top + plotH / 2, transform: `rotate(-90 14 ${top + plotH / 2})`,
      'text-anchor': 'middle' }, unitFor(2, meter.unit) || 'units'),
    s('text', { class: 'axis-title', x: left + plotW / 2, y: H - 6, 'text-anchor': 'middle' }, 'Day (UTC)'));
    const table = h('details', {}, h('summary', {}, 'Show the daily values as a table'),
      h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Day'), h('th', { class: 'num' }, meter.name + ' (' + (unitFor(2, meter.unit) || 'units') + ')'))),
        h('tbody', {}, days.map(d => h('tr', {}, h('td', {}, date(d.day)), h('td', { class: 'num' }, quantity(d.value))))))));
    const wrap = document.createDocumentFragment();
    wrap.append(svg, table);
    return wrap;
  }

  function sumQuantity(list) {
    return sumMoney(list.map(amount => ({ amount: String(amount), currency: 'XXX' }))).amount;
  }

  // ---------------------------------------------------------------- invoices

  const STATUS_MESSAGE = {
    DRAFT: inv => 'This invoice is a draft: its lines may still change until it is finalized.',
    OPEN: inv => 'Payment of ' + money(inv.amountDue) + ' is due' + (inv.dueDate ? ' by ' + date(inv.dueDate) : '') + '.',
    PAID: inv => 'Paid in full. Thank you.',
    VOID: inv => 'This invoice was voided: nothing is owed on it.',
    UNCOLLECTIBLE: inv => 'This invoice was marked uncollectible. Contact billing if you want to settle it.',
  };

  async function renderInvoices(r, current) {
    if (r.parts[1]) return renderInvoice(r.parts[1], r, current);
    const status = STATUSES.includes(r.params.get('status')) ? r.params.get('status') : '';
    const page = Math.max(1, parseInt(r.params.get('page') || '1', 10) || 1);
    const filter = h('select', { id: 'status-filter', onchange: () => {
      const params = new URLSearchParams(r.params);
      if (filter.value) params.set('status', filter.value); else params.delete('status');
      params.delete('page');
      go('/invoices', params);
    } }, h('option', { value: '' }, 'All'), STATUSES.map(st => h('option', { value: st, selected: st === status }, title(st))));
    const head = h('div', { class: 'page-head' }, h('h1', {}, 'Invoices'),
      h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'status-filter' }, 'Status'), filter)));
    const body = h('div', { id: 'invoice-list' }, loading('Loading invoices…'));
    show(head, body);
    let data;
    try {
      data = await api('/billing/invoices?limit=' + INVOICE_PAGE_SIZE + '&page=' + page + (status ? '&status=' + status : '')
        + customerQuery('&'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      if (current()) body.replaceChildren(alertBox('error', humanError(err, 'load your invoices')));
      return;
    }
    if (!current()) return;
    const pages = Math.max(1, Math.ceil(data.total / data.limit));
    if (!data.items.length) {
      body.replaceChildren(h('div', { class: 'card empty', id: 'invoices-empty' },
        status ? 'There are no ' + title(status).toLowerCase() + ' invoices.' : 'There are no invoices yet. The first one is issued when a billing period closes.'));
      return;
    }
    const rows = data.items.map(inv => h('tr', { 'data-invoice': inv.id },
      h('td', { 'data-label': 'Invoice' }, h('a', { href: '#/invoices/' + encodeURIComponent(inv.id) + keepCustomer(r) }, inv.number || 'Draft ' + inv.id.slice(0, 12)),
        inv.kind === 'threshold' ? h('span', { class: 'sub threshold-note', 'data-kind': 'threshold' }, ' Threshold invoice') : null),
      h('td', { 'data-label': 'Period' }, date(inv.periodStart) + ' – ' + date(lastDay(inv.periodEnd))),
      h('td', { 'data-label': 'Status' }, badge(inv.status)),
      h('td', { class: 'num', 'data-label': 'Total' }, money(inv.total)),
      h('td', { class: 'num', 'data-label': 'Amount due' }, money(inv.amountDue)),
      h('td', { 'data-label': 'Due' }, inv.dueDate ? date(inv.dueDate) : '—'),
      h('td', { 'data-label': 'PDF' }, h('a', { href: inv.pdf, download: '', class: 'pdf-link',
        'aria-label': 'Download PDF of invoice ' + (inv.number || inv.id) }, 'PDF'))));
    const pager = h('nav', { class: 'pager', 'aria-label': 'Invoice pages' },
      h('span', { id: 'page-info' }, 'Page ' + data.page + ' of ' + pages + ' · ' + data.total + ' invoice' + (data.total === 1 ? '' : 's')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'prev-page', disabled: data.page <= 1, onclick: () => turn(-1) }, '← Previous'),
        h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: data.page >= pages, onclick: () => turn(1) }, 'Next →')));
    function turn(delta) {
      const params = new URLSearchParams(r.params);
      params.set('page', String(data.page + delta));
      go('/invoices', params);
    }
    body.replaceChildren(h('div', { class: 'card' }, h('div', { class: 'table-wrap' }, h('table', { class: 'stack' },
      h('caption', { class: 'visually-hidden' }, 'Invoices, newest first'),
      h('thead', {}, h('tr', {}, ['Invoice', 'Period', 'Status'].map(t => h('th', { scope: 'col' }, t)),
        h('th', { scope: 'col', class: 'num' }, 'Total'), h('th', { scope: 'col', class: 'num' }, 'Amount due'),
        h('th', { scope: 'col' }, 'Due'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Download')))),
      h('tbody', {}, rows))), pager));
  }

  function keepCustomer(r) {
    const customer = r.params.get('customer');
    return customer ? '?customer=' + encodeURIComponent(customer) : '';
  }

  // the sum of an invoice's coupon discount lines, formatted (added in minor units: no float drift); null without any
  function discounts(inv) {
    const lines = inv.lines.filter(l => l.kind === 'discount');
    if (!lines.length) return null;
    const parts = lines.map(l => String(l.amount.amount).replace('-', '').split('.'));
    const digits = Math.max(...parts.map(p => (p[1] || '').length));
    let minor = 0n;
    lines.forEach((l, i) => {
      const units = BigInt(parts[i][0] + (parts[i][1] || '').padEnd(digits, '0'));
      minor += String(l.amount.amount).startsWith('-') ? -units : units;
    });
    const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
    const text = digits ? abs.slice(0, abs.length - digits) + '.' + abs.slice(abs.length - digits) : abs;
    return money({ amount: (minor < 0n ? '-' : '') + text, currency: lines[0].amount.currency });
  }

  async function renderInvoice(id, r, current) {
    const back = h('p', {}, h('a', { href: '#/invoices' + keepCustomer(r), id: 'back-to-invoices' }, '← Back to invoices'));
    show(back, h('h1', {}, 'Invoice'), loading('Loading the invoice…'));
    let inv;
    try {
      inv = await api('/billing/invoices/' + encodeURIComponent(decodeURIComponent(id)) + customerQuery());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      if (current()) show(back, h('h1', {}, 'Invoice'), alertBox('error', err instanceof ApiError && err.status === 404
        ? 'This invoice does not exist or is not yours.' : humanError(err, 'load the invoice')));
      return;
    }
    if (!current()) return;
    const lines = inv.lines.map(l => h('tr', l.kind === 'discount' ? { class: 'discount', 'data-coupon': l.coupon } : {},
      h('td', { 'data-label': 'Description' }, l.description,
        l.kind === 'discount' ? h('span', { class: 'sub discount-note' }, 'Coupon ' + l.coupon + ', on ' + l.appliesTo) : null),
      h('td', { class: 'num', 'data-label': 'Quantity' }, l.quantity === undefined ? '' : quantity(l.quantity)),
      h('td', { class: 'num', 'data-label': 'Unit price' }, l.unitPrice || ''),
      h('td', { class: 'num', 'data-label': 'Amount' }, money(l.amount))));
    const foot = (label, value, cls, id) => h('tr', { class: cls || null }, h('td', { colspan: 3 }, label), h('td', { class: 'num', id }, value));
    const creditNotesBody = h('div', { id: 'credit-notes-body' }, loading('Loading credit notes…'));
    const creditNotes = h('section', { class: 'card', 'aria-labelledby': 'credit-notes-h' },
      h('h2', { id: 'credit-notes-h' }, 'Credit notes'), creditNotesBody);
    const kind = inv.status === 'OPEN' ? 'info' : inv.status === 'PAID' ? 'success' : inv.status === 'UNCOLLECTIBLE' ? 'error' : 'info';
    show(back,
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', {}, (inv.kind === 'threshold' ? 'Threshold invoice ' : 'Invoice ') + (inv.number || '(draft)')),
          h('p', { class: 'sub' }, 'Period ' + date(inv.periodStart) + ' – ' + date(lastDay(inv.periodEnd)) + ' · ', badge(inv.status)),
          inv.kind === 'threshold' ? h('p', { class: 'sub', id: 'threshold-note' },
            'Usage accrued in the period so far; the period-end invoice deducts it.') : null),
        h('div', { class: 'actions' }, h('a', { class: 'button', href: inv.pdf, download: '', id: 'download-pdf' }, 'Download PDF'))),
      h('div', { class: 'alert ' + kind, id: 'status-message', role: 'status' }, STATUS_MESSAGE[inv.status] ? STATUS_MESSAGE[inv.status](inv) : title(inv.status)),
      h('section', { class: 'card', 'aria-labelledby': 'lines-h' }, h('h2', { id: 'lines-h' }, 'Line items'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'stack', id: 'invoice-lines' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col', class: 'num' }, 'Quantity'),
            h('th', { scope: 'col', class: 'num' }, 'Unit price'), h('th', { scope: 'col', class: 'num' }, 'Amount'))),
          h('tbody', {}, lines.length ? lines : h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No lines.'))),
          h('tfoot', {},
            discounts(inv) ? foot('Discounts (included in the subtotal)', discounts(inv), null, 'discounts') : null,
            foot('Subtotal', money(inv.subtotal), null, 'subtotal'),
            Number(inv.credits.amount) !== 0 ? foot('Credits', money(inv.credits)) : null,
            foot('Tax', money(inv.tax), null, 'tax'),
            foot('Total', money(inv.total), 'grand', 'total'),
            Number(inv.amountPaid.amount) !== 0 ? foot('Paid', money(inv.amountPaid)) : null,
            foot('Amount due', money(inv.amountDue), 'grand', 'amount-due'),
            foot('Due date', inv.dueDate ? date(inv.dueDate) : '—', null, 'due-date'))))),
      creditNotes);
    let notes;
    try {
      notes = await api('/billing/invoices/' + encodeURIComponent(inv.id) + '/credit-notes' + customerQuery());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      if (current()) creditNotesBody.replaceChildren(alertBox('error', humanError(err, 'load the credit notes')));
      return;
    }
    if (!current()) return;
    if (!notes.items.length) {
      creditNotesBody.replaceChildren(h('p', { class: 'empty', id: 'credit-notes-empty' }, 'No credit notes.'));
      return;
    }
    const settlement = n => n.settlement === 'refund' ? 'Refund (' + n.refundState.replace('_', ' ') + ')' : 'Account balance';
    creditNotesBody.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'stack', id: 'credit-notes' },
      h('thead', {}, h('tr', {}, ['Credit note', 'Issued', 'Reason', 'Settled as'].map(t => h('th', { scope: 'col' }, t)),
        h('th', { scope: 'col', class: 'num' }, 'Total'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Download')))),
      h('tbody', {}, notes.items.map(n => h('tr', { 'data-credit-note': n.id },
        h('td', { 'data-label': 'Credit note' }, n.number),
        h('td', { 'data-label': 'Issued' }, date(n.issuedAt.slice(0, 10))),
        h('td', { 'data-label': 'Reason' }, title(n.reason.replace(/_/g, ' '))),
        h('td', { 'data-label': 'Settled as' }, settlement(n)),
        h('td', { class: 'num', 'data-label': 'Total' }, money(n.total)),
        h('td', { 'data-label': 'PDF' }, h('a', { href: n.pdf, download: '', class: 'pdf-link',
          'aria-label': 'Download PDF of credit note ' + n.number }, 'PDF'))))),
      h('tfoot', {}, h('tr', {}, h('td', { colspan: 4 }, 'Still creditable on this invoice'),
        h('td', { class: 'num', id: 'remaining-creditable' }, money(notes.items[notes.items.length - 1].remainingOnInvoice)),
        h('td', {}))))));
  }

  // ---------------------------------------------------------------- plan and credits

  async function renderPlan(r, current) {
    show(h('h1', {}, 'Plan & credits'), loading('Loading your plan and credits…'));
    const q = customerQuery();
    const [sub, plans, credits, products, dunning] = await Promise.all([
      api('/billing/subscription' + q).catch(err => err),
      api('/billing/plans' + q).catch(err => err),
      api('/billing/credits' + q).catch(err => err),
      api('/billing/credit-products' + q).catch(err => err),
      api('/billing/dunning' + q).catch(err => err)]);
    for (const x of [sub, plans, credits, products]) if (x instanceof ApiError && x.status === 401) throw x;
    if (!current()) return;
    const message = h('div', { id: 'plan-message' });
    show(h('div', { class: 'page-head' }, h('h1', {}, 'Plan & credits')), message,
      planSection(sub, plans, message, r, dunning), creditSection(credits, products, message));
  }

  /** The dunning state (failed payments being retried) as an alert, or nothing when no payment is past due. */
  function dunningAlert(dunning) {
    if (!dunning || dunning instanceof Error || !dunning.pastDue) return null;
    const open = dunning.cases.find(c => c.status === 'RETRYING');
    const invoice = c => c.invoiceNumber || c.invoiceId;
    if (open) {
      return h('div', { id: 'dunning', class: 'alert error', role: 'alert' }, 'Payment past due: invoice ' + invoice(open)
        + ' could not be charged. Retry ' + (open.retriesMade + 1) + ' of ' + open.retries + ' on '
        + dateTime(open.nextRetryAt) + '.');
    }
    const given = dunning.cases.find(c => c.status === 'EXHAUSTED');
    return h('div', { id: 'dunning', class: 'alert error', role: 'alert' }, 'Payment past due: invoice ' + invoice(given)
      + ' is unpaid after ' + given.retriesMade + ' retries.'
      + (dunning.subscriptionStatus === 'UNPAID' ? ' Usage with hard limits is blocked until it is paid.' : ''));
  }

  function planSection(sub, plans, message, r, dunning) {
    const box = h('section', { class: 'card', 'aria-labelledby': 'plan-h', id: 'plan' }, h('h2', { id: 'plan-h' }, 'Current plan'));
    if (sub instanceof ApiError) {
      box.append(sub.status === 404 ? h('p', { id: 'no-subscription' }, 'You have no subscription yet.')
        : alertBox('error', humanError(sub, 'load your subscription')));
      return box;
    }
    const planList = plans instanceof ApiError ? [] : plans.plans;
    const plan = planList.find(p => p.code === sub.plan);
    const live = ['TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID'].includes(sub.status);
    box.append(h('p', {}, h('strong', { id: 'plan-name' }, sub.planName), ' ', badge(sub.status),
      plan ? ' · ' + money(plan.basePrice) + ' per ' + title(plan.interval).toLowerCase() : ''));
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, 'Current period'), h('dd', {}, date(sub.currentPeriodStart) + ' – ' + date(lastDay(sub.currentPeriodEnd))));
    if (sub.trialEnd) facts.append(h('dt', {}, 'Trial ends'), h('dd', {}, dateTime(sub.trialEnd)));
    if (sub.pendingPlan) {
      const pending = planList.find(p => p.code === sub.pendingPlan);
      facts.append(h('dt', {}, 'Scheduled change'), h('dd', { id: 'pending-plan' }, 'to ' + (pending ? pending.name : sub.pendingPlan) + ' on ' + date(sub.currentPeriodEnd)));
    }
    if (sub.cancelledAt) facts.append(h('dt', {}, 'Cancelled'), h('dd', {}, dateTime(sub.cancelledAt)));
    box.append(facts);
    const pastDue = dunningAlert(dunning);
    if (pastDue) box.append(pastDue);
    if (sub.cancelAtPeriodEnd) {
      box.append(alertBox('info', 'Your subscription ends on ' + date(sub.currentPeriodEnd) + '. Resume it to keep your plan.'));
    }
    if (!live) {
      box.append(h('p', {}, 'This subscription has ended.'));
      return box;
    }
    const actions = h('div', { class: 'actions' });
    if (planList.length > 1) {
      const select = h('select', { id: 'plan-select' }, planList.filter(p => p.code !== sub.plan)
        .map(p => h('option', { value: p.code }, p.name + ' — ' + money(p.basePrice) + ' per ' + title(p.interval).toLowerCase())));
      const change = h('button', { type: 'button', id: 'change-plan', onclick: () => act(change, 'change the plan', async () => {
        const result = await api('/billing/subscription/change' + customerQuery(), { method: 'POST', body: { plan: select.value } });
        const to = planList.find(p => p.code === result.to);
        return result.timing === 'IMMEDIATE'
          ? 'Your plan is now ' + (to ? to.name : result.to) + '.' + (result.prorationCharge ? ' A prorated charge of ' + money(result.prorationCharge) + ' is added to your next invoice.' : '')
          : 'Your plan changes to ' + (to ? to.name : result.to) + ' on ' + date(result.effectiveOn) + '.';
      }) }, 'Change plan');
      box.append(h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'plan-select' }, 'Change to'), select), change));
    }
    if (sub.cancelAtPeriodEnd) {
      const resume = h('button', { type: 'button', id: 'resume', onclick: () => act(resume, 'resume the subscription', async () => {
        await api('/billing/subscription/resume' + customerQuery(), { method: 'POST' });
        return 'Your subscription continues.';
      }) }, 'Resume subscription');
      actions.append(resume);
    } else {
      const cancelEnd = h('button', { type: 'button', class: 'danger', id: 'cancel-at-end', onclick: () => act(cancelEnd, 'cancel the subscription', async () => {
        await api('/billing/subscription/cancel' + customerQuery(), { method: 'POST', body: { atPeriodEnd: true } });
        return 'Your subscription ends on ' + date(sub.currentPeriodEnd) + '. You can resume it until then.';
      }) }, 'Cancel at period end');
      const confirm = h('span', { class: 'actions', hidden: true, id: 'confirm-cancel-now' });
      const cancelNow = h('button', { type: 'button', class: 'danger', id: 'cancel-now', onclick: () => {
        cancelNow.hidden = true;
        confirm.hidden = false;
        confirm.querySelector('button').focus();
      } }, 'Cancel now…');
      const yes = h('button', { type: 'button', class: 'danger', onclick: () => act(yes, 'cancel the subscription', async () => {
        await api('/billing/subscription/cancel' + customerQuery(), { method: 'POST', body: { atPeriodEnd: false } });
        return 'Your subscription is cancelled. A final invoice for the partial period is issued.';
      }) }, 'Yes, cancel now');
      const no = h('button', { type: 'button', class: 'secondary', onclick: () => { confirm.hidden = true; cancelNow.hidden = false; cancelNow.focus(); } }, 'Keep my plan');
      confirm.append(h('span', {}, 'Cancel immediately?'), yes, no);
      actions.append(cancelEnd, cancelNow, confirm);
    }
    const portal = h('button', { type: 'button', class: 'secondary', id: 'open-portal', onclick: () => act(portal, 'open the customer portal', async () => {
      const result = await api('/billing/subscription/portal' + customerQuery(), { method: 'POST', body: { returnUrl: location.origin + '/console/#/plan' } });
      location.assign(result.url);
      return 'Opening the customer portal…';
    }, true) }, 'Payment methods & billing details');
    actions.append(portal);
    box.append(actions);

    async function act(button, what, work, keepPage) {
      const label = button.textContent;
      button.disabled = true;
      button.textContent = 'Working…';
      message.replaceChildren();
      try {
        const text = await work();
        if (keepPage) { message.replaceChildren(alertBox('info', text)); return; }
        await render();
        const m = document.getElementById('plan-message');
        if (m) m.replaceChildren(alertBox('success', text));
        toast(text);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return;
        message.replaceChildren(alertBox('error', humanError(err, what)));
        button.disabled = false;
        button.textContent = label;
        message.scrollIntoView({ block: 'nearest' });
      }
    }
    return box;
  }

  function creditSection(credits, products, message) {
    const box = h('section', { class: 'card', 'aria-labelledby': 'credits-h', id: 'credits' }, h('h2', { id: 'credits-h' }, 'Credits'));
    if (credits instanceof ApiError) {
      box.append(alertBox('error', humanError(credits, 'load your credit balance')));
    } else {
      box.append(h('div', { class: 'totals' },
        h('div', {}, h('div', { class: 'kv' }, 'Balance'), h('div', { class: 'big', id: 'credit-total' }, quantity(credits.total) + ' credits')),
        h('div', {}, h('div', { class: 'kv' }, 'Purchased (never expire)'), h('div', { class: 'big', id: 'credit-purchased' }, quantity(credits.purchased))),
        h('div', {}, h('div', { class: 'kv' }, 'Subscription' + (credits.nextExpiry && Number(credits.subscription) > 0 ? ', expire ' + dateTime(credits.nextExpiry) : '')),
          h('div', { class: 'big', id: 'credit-subscription' }, quantity(credits.subscription))),
        Number(credits.promotional) > 0 ? h('div', {}, h('div', { class: 'kv' }, 'Promotional'), h('div', { class: 'big' }, quantity(credits.promotional))) : null));
      if (credits.nextExpiry && Number(credits.expiringNext) > 0) {
        box.append(h('p', { class: 'sub' }, quantity(credits.expiringNext) + ' credits expire on ' + dateTime(credits.nextExpiry) + '.'));
      }
    }
    box.append(h('h3', {}, 'Credit packs'));
    if (products instanceof ApiError) {
      box.append(alertBox('error', humanError(products, 'load the credit packs')));
    } else if (!products.products.length) {
      box.append(h('p', { class: 'sub', id: 'no-packs' }, 'This plan catalog sells no credit packs.'));
    } else {
      box.append(h('div', { class: 'grid', id: 'packs' }, products.products.map(p => {
        const buy = h('button', { type: 'button', 'data-product': p.code, 'aria-label': 'Buy ' + p.name + ' for ' + money(p.price), onclick: async () => {
          buy.disabled = true;
          buy.textContent = 'Opening checkout…';
          try {
            const base = location.origin + '/console/#/plan';
            const session = await api('/billing/credit-products/checkout' + customerQuery(), { method: 'POST',
              body: { product: p.code, successUrl: base, cancelUrl: base } });
            location.assign(session.url);
          } catch (err) {
            message.replaceChildren(alertBox('error', humanError(err, 'start the checkout')));
            buy.disabled = false;
            buy.textContent = 'Buy';
          }
        } }, 'Buy');
        return h('div', { class: 'card' }, h('h3', {}, p.name), h('p', {}, quantity(p.credits) + ' credits for ' + money(p.price)), buy);
      })));
    }
    return box;
  }

  // ---------------------------------------------------------------- admin

  async function renderAdmin(r, current) {
    if (state.session.role !== 'admin') return show(h('h1', {}, 'Admin'), alertBox('error', 'The admin view is for admins only.'));
    const page = Math.max(1, parseInt(r.params.get('page') || '1', 10) || 1);
    show(h('h1', {}, 'Admin'), loading('Loading customers, reconciliation runs and webhook endpoints…'));
    const [customers, runs, endpoints] = await Promise.all([
      api('/admin/customers?limit=' + CUSTOMER_PAGE_SIZE + '&page=' + page).catch(err => err),
      billingOn() ? api('/billing/reconcile/history?limit=10').catch(err => err) : Promise.resolve(null),
      api('/admin/webhook-endpoints').catch(err => err)]);
    for (const x of [customers, runs, endpoints]) if (x instanceof ApiError && x.status === 401) throw x;
    if (!current()) return;
    show(h('div', { class: 'page-head' }, h('h1', {}, 'Admin')),
      customersSection(customers, page), runsSection(runs), endpointsSection(endpoints));
  }

  function customersSection(data, page) {
    const box = h('section', { class: 'card', 'aria-labelledby': 'customers-h', id: 'customers' }, h('h2', { id: 'customers-h' }, 'Customers'));
    if (data instanceof ApiError) return append(box, [alertBox('error', humanError(data, 'load the customers'))]);
    if (!data.items.length) return append(box, [h('p', { class: 'empty' }, 'No customers yet.')]);
    const rows = data.items.map(c => {
      const sub = c.subscription;
      return h('tr', { 'data-customer': c.id },
        h('td', { 'data-label': 'Customer' }, h('strong', {}, c.name), h('br'), h('span', { class: 'kv' }, c.id)),
        h('td', { 'data-label': 'E-mail', class: 'break' }, c.email || '—'),
        h('td', { 'data-label': 'Plan' }, sub ? sub.planName : '—'),
        h('td', { 'data-label': 'Status' }, sub ? badge(sub.status) : badge('NONE', 'No subscription'),
          sub && sub.cancelAtPeriodEnd ? h('span', { class: 'kv' }, ' ends ' + date(sub.currentPeriodEnd)) : null),
        h('td', { 'data-label': 'Period' }, sub ? date(sub.currentPeriodStart) + ' – ' + date(lastDay(sub.currentPeriodEnd)) : '—'),
        h('td', { 'data-label': 'View' }, billingOn() ? h('a', { href: '#/usage?customer=' + encodeURIComponent(c.id) }, 'Usage') : null,
          billingOn() ? ' · ' : null,
          billingOn() ? h('a', { href: '#/invoices?customer=' + encodeURIComponent(c.id) }, 'Invoices') : null));
    });
    const pages = Math.max(1, Math.ceil(data.total / data.limit));
    const params = p => { const q = new URLSearchParams(); q.set('page', String(p)); return q; };
    return append(box, [h('div', { class: 'table-wrap' }, h('table', { class: 'stack' },
      h('thead', {}, h('tr', {}, ['Customer', 'E-mail', 'Plan', 'Status', 'Current period', 'View'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': 'Customer pages' }, h('span', {}, 'Page ' + data.page + ' of ' + pages + ' · ' + data.total + ' customers'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => go('/admin', params(page - 1)) }, '← Previous'),
        h('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: () => go('/admin', params(page + 1)) }, 'Next →')))]);
  }

  function runsSection(runs) {
    const box = h('section', { class: 'card', 'aria-labelledby': 'runs-h', id: 'reconciliation' }, h('h2', { id: 'runs-h' }, 'Recent reconciliation runs'));
    if (runs === null) return append(box, [billingOffNotice()]);
    if (runs instanceof ApiError) return append(box, [alertBox('error', humanError(runs, 'load the reconciliation runs'))]);
    if (!runs.runs.length) return append(box, [h('p', { class: 'empty' }, 'No reconciliation has run yet.')]);
    return append(box, runs.runs.map(run => {
      const mismatches = run.findings.filter(f => f.outcome === 'MISMATCH').length;
      return h('details', { class: 'run' },
        h('summary', {}, dateTime(run.ranAt) + ' — ' + run.findings.length + ' finding' + (run.findings.length === 1 ? '' : 's') + ', '
          + mismatches + ' mismatch' + (mismatches === 1 ? '' : 'es') + ', discrepancy ' + money(run.totalDiscrepancy)
          + (run.alertRaised ? ' — alert raised' : '')),
        run.findings.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'stack' },
          h('thead', {}, h('tr', {}, ['Customer', 'Meter', 'Outcome'].map(t => h('th', { scope: 'col' }, t)),
            ['Metered', 'Provider', 'Difference', 'Money'].map(t => h('th', { scope: 'col', class: 'num' }, t)))),
          h('tbody', {}, run.findings.map(f => h('tr', {},
            h('td', { 'data-label': 'Customer' }, f.customerId), h('td', { 'data-label': 'Meter' }, f.meter),
            h('td', { 'data-label': 'Outcome' }, badge(f.outcome)),
            h('td', { class: 'num', 'data-label': 'Metered' }, quantity(f.internalQuantity)),
            h('td', { class: 'num', 'data-label': 'Provider' }, quantity(f.providerQuantity)),
            h('td', { class: 'num', 'data-label': 'Difference' }, quantity(f.unitDiscrepancy)),
            h('td', { class: 'num', 'data-label': 'Money' }, money(f.moneyDiscrepancy))))))) : h('p', {}, 'Nothing to compare in this run.'));
    }));
  }

  function endpointsSection(data) {
    const box = h('section', { class: 'card', 'aria-labelledby': 'endpoints-h', id: 'webhook-endpoints' }, h('h2', { id: 'endpoints-h' }, 'Webhook endpoints'));
    if (data instanceof ApiError) return append(box, [alertBox('error', humanError(data, 'load the webhook endpoints'))]);
    if (!data.endpoints.length) return append(box, [h('p', { class: 'empty' }, 'No webhook endpoints are registered.')]);
    return append(box, [h('div', { class: 'table-wrap' }, h('table', { class: 'stack' },
      h('thead', {}, h('tr', {}, ['URL', 'Customer', 'Events', 'State'].map(t => h('th', { scope: 'col' }, t)),
        ['Pending', 'Delivered', 'Dead'].map(t => h('th', { scope: 'col', class: 'num' }, t)), h('th', { scope: 'col' }, 'Last delivery'))),
      h('tbody', {}, data.endpoints.map(e => h('tr', { 'data-endpoint': e.id },
        h('td', { 'data-label': 'URL', class: 'break' }, e.url),
        h('td', { 'data-label': 'Customer' }, e.customerId || 'All customers'),
        h('td', { 'data-label': 'Events' }, e.eventTypes.length ? e.eventTypes.join(', ') : 'All events'),
        h('td', { 'data-label': 'State' }, badge(e.active ? 'ACTIVE' : 'INACTIVE', e.active ? 'Active' : 'Disabled')),
        h('td', { class: 'num', 'data-label': 'Pending' }, String(e.deliveries.pending)),
        h('td', { class: 'num', 'data-label': 'Delivered' }, String(e.deliveries.delivered)),
        h('td', { class: 'num', 'data-label': 'Dead' }, e.deliveries.dead ? badge('DEAD', String(e.deliveries.dead)) : '0'),
        h('td', { 'data-label': 'Last delivery' }, e.deliveries.lastDeliveredAt ? dateTime(e.deliveries.lastDeliveredAt) : 'None yet',
          e.deliveries.lastError ? h('div', { class: 'kv' }, 'Last error: ' + e.deliveries.lastError) : null))))))]);
  }

  // ---------------------------------------------------------------- start

  async function start() {
    try {
      state.features = await api('/meta/features', { quietAuth: true });
    } catch (err) {
      show(h('h1', {}, 'BillKit console'), alertBox('error', humanError(err, 'reach the BillKit service')));
      return;
    }
    try {
      const session = await api('/session', { quietAuth: true });
      state.session = session;
      if (session.csrf) state.csrf = session.csrf;
    } catch (err) {
      state.session = null;
      if (!(err instanceof ApiError && err.status === 401)) {
        show(h('h1', {}, 'BillKit console'), alertBox('error', humanError(err, 'check your session')));
        return;
      }
    }
    window.addEventListener('hashchange', render);
    await render();
  }

  start();
})();
