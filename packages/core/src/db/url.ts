import { ConfigError } from '../errors';

/** A parsed PostgreSQL connection string. */
export interface ConnectionUrl {
  readonly url: URL;
  /** The database named in the path, or undefined when the URL names only a server. */
  readonly database: string | undefined;
}

/**
 * Parses a postgres:// URL, failing with one clear line that never echoes the password.
 * @example parseUrl('postgres://app:secret@db:5432/billing').database // 'billing'
 */
export function parseUrl(raw: string, source = 'connection URL'): ConnectionUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${source} is not a valid URL (${maskUrl(raw)}): expected postgres://user@host:port/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${source} must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  if (!url.hostname) throw new ConfigError(`${source} names no host (${maskUrl(raw)})`);
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return { url, database: path === '' ? undefined : path };
}

/** The same server with another database. */
export function withDatabase(raw: string, database: string): string {
  const { url } = parseUrl(raw);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** `password=…` in a query string or a key/value connection string; stops before `&`, blanks or `: `. */
const PASSWORD_PARAMETER = /(password=)[^&\s]*?(?=&|\s|:\s|:$|$)/gi;

/**
 * Hides the password of a connection string, even one that does not parse as a URL, and even
 * when the password holds a raw `@` (the last `@` ends it: hiding too much is safe, too little is not).
 * @example maskUrl('postgres://app:secret@db/x') // 'postgres://app:***@db/x'
 */
export function maskUrl(raw: string): string {
  return maskAuthority(raw).replace(PASSWORD_PARAMETER, '$1***');
}

/** Hides every password-looking part of any text (used on error messages from drivers). */
export function maskSecrets(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(word) ? maskAuthority(word) : word))
    .join('')
    .replace(PASSWORD_PARAMETER, '$1***');
}

/** `scheme://user:password@host…` → `scheme://user:***@host…`, up to the last `@`. */
function maskAuthority(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  const rest = url.slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at || rest.slice(0, colon).includes('/')) return url;
  return `${scheme[0]}${rest.slice(0, colon + 1)}***${rest.slice(at)}`;
}
