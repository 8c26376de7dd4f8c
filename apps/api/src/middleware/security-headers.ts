import { secureHeaders } from 'hono/secure-headers';

/**
 * The browser's rules for everything we serve — the admin app, the API docs, the API (issue 13 item 5):
 *
 * - scripts, styles, fonts, images, fetches only from our own origin: the admin build has no inline script
 *   and the docs page loads Swagger UI's files from us (features/docs) with its start-up in a file of its own.
 *   Inline styles are allowed: antd writes its CSS-in-JS into <style> elements at run time and Swagger UI uses
 *   style attributes, and a nonce would need the HTML rewritten per request for little gain (no inline script
 *   runs either way). Images may be data: (the favicon, Swagger's icons) and blob: (a chart saved as an image);
 * - no framing by anyone (frame-ancestors 'none', X-Frame-Options DENY), no plugins, no <base> or form posts
 *   elsewhere; the Referer leaves only for our own origin;
 * - hono's other defaults: nosniff, HSTS (browsers heed it only over HTTPS), COOP/CORP same-origin.
 *
 * e2e/flows/security-headers.test.ts loads the admin's pages and the docs in Chromium and fails on any CSP
 * violation in the console.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
});
