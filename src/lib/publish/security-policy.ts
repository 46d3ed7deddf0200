/**
 * The Content-Security-Policy every page carries. Scripts only from our own
 * origin, never inline: whatever markup an article or a query smuggles in,
 * the browser will not run it. Styles may be inline because Astro inlines
 * small stylesheets; style cannot run code.
 */
const directives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

// Only honoured as an HTTP header: browsers ignore it (with a console error) in <meta>.
const headerOnly: Record<string, string[]> = { 'frame-ancestors': ["'none'"] };

const serialise = (d: Record<string, string[]>) =>
  Object.entries(d).map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');

/** The policy for a `<meta http-equiv="Content-Security-Policy">` tag. */
export const metaContentSecurityPolicy = serialise(directives);

/** The policy for a `Content-Security-Policy` response header. */
const headerContentSecurityPolicy = serialise({ ...directives, ...headerOnly });

/** Security headers for every response, errors included (written out for each host by server-config.ts). */
export function responseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': headerContentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}
