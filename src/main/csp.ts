// Content Security Policy (@shared/security/contentSecurityPolicy) on every page the app shows. The renderer never talks
// to the endpoint itself (main does, holding the token), so connect-src stays 'self': an injected script could not send
// data anywhere.
import type { Session } from 'electron';

/** Returns the headers with the policy set, replacing any policy the response already carried (in any letter case). */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = policy;
  return result;
}

/** Covers pages the app:// handler does not serve itself, above all the dev server's. */
export function installContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}
