// A tiny fetch wrapper for the emulator tests: real HTTP, JSON in and out, headers kept.
import type { Emulator } from '../../src/sandbox/emulator.js';

export const VERSION = '2024-06-14';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  key?: string | null;
  version?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function call(em: Emulator, method: string, path: string, body?: unknown, o: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
  const key = o.key === undefined ? 'cal_test_alice' : o.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const version = o.version === undefined ? VERSION : o.version;
  if (version !== null) headers['cal-api-version'] = version;
  const res = await fetch(em.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: o.signal,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** For the control endpoints, which live beside /v2 rather than under it. */
export async function control(em: Emulator, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(em.url.replace(/\/v2$/, '') + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
