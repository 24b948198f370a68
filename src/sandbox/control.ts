// The emulator's own control surface, `/_emulator/*`, so a test or benchmark running in another
// process can break, inspect and reset the emulator the same way in-process tests do through the JS
// API. Not part of Cal.com: no auth, no rate limit, no latency, and only reachable from loopback.
import type { Emulator, EmulatorEventType, Resp } from './types.js';

export interface ControlTarget extends Emulator {
  state(): Record<string, unknown>;
}

const json = (status: number, body: unknown): Resp => ({ status, body });

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

export function handleControl(em: ControlTarget, method: string, url: string, text: string): Resp {
  const path = new URL(url, 'http://emulator').pathname.replace(/\/+$/, '');
  let body: unknown = null;
  try {
    if (text.trim() !== '') body = JSON.parse(text);
  } catch (err) {
    return json(400, { error: `invalid JSON: ${(err as Error).message}` });
  }
  try {
    switch (`${method} ${path}`) {
      case 'GET /_emulator/state':
        return json(200, em.state());
      case 'POST /_emulator/faults':
        em.inject(...(Array.isArray(body) ? body : [body]));
        return json(201, { ok: true, faults: em.state().faults });
      case 'DELETE /_emulator/faults':
        em.clearFaults();
        return json(200, { ok: true });
      case 'POST /_emulator/random-faults':
        // `null` (or an empty body) switches random faults off.
        em.setRandomFaults(body as Parameters<Emulator['setRandomFaults']>[0]);
        return json(200, { ok: true });
      case 'POST /_emulator/reset':
        em.reset();
        return json(200, { ok: true });
      case 'POST /_emulator/event-types': {
        const { key, ...fields } = (body ?? {}) as { key?: unknown } & Record<string, unknown>;
        if (typeof key !== 'string') return json(400, { error: 'body needs "key": the owner\'s API key' });
        return json(201, em.seed(key, fields as Parameters<Emulator['seed']>[1]) satisfies EmulatorEventType);
      }
      default: {
        // An edit or a delete "by hand", as someone in Cal.com's web UI would: no API request is logged.
        const byHand = /^\/_emulator\/event-types\/(\d+)$/.exec(path);
        if (byHand && method === 'PATCH') return json(200, em.edit(Number(byHand[1]), (body ?? {}) as Parameters<Emulator['edit']>[1]));
        if (byHand && method === 'DELETE') {
          em.delete(Number(byHand[1]));
          return json(200, { ok: true });
        }
        return json(404, { error: `Cannot ${method} ${path}` });
      }
    }
  } catch (err) {
    return json(400, { error: (err as Error).message });
  }
}
