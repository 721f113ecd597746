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

/**
 * Hides the password of a connection string, even one that does not parse as a URL.
 * @example maskUrl('postgres://app:secret@db/x') // 'postgres://app:***@db/x'
 */
export function maskUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)@/i, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
}

/** Hides every password-looking part of any text (used on error messages from drivers). */
export function maskSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/gi, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
}
