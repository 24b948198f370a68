// The CLI as a user runs it, against the Cal.com emulator and an embedded database in a temp directory:
// migrate, import a catalogue, sync, status; exit codes 0/1/2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withCliSandbox } from '../support/cli.js';
import type { Emulator } from '../../src/sandbox/emulator.js';

const KEY = 'cal_test_cli';
let em: Emulator;
const dir = mkdtempSync(join(tmpdir(), 'calsync-cli-'));
let env: NodeJS.ProcessEnv;

const cli = (...argv: string[]) => runCli(argv, env);

withCliSandbox(dir, { key: KEY }, (sandbox) => {
  ({ em, env } = sandbox);
  writeFileSync(
    join(dir, 'catalogue.csv'),
    'id,name,duration_minutes,price_cents,currency,calcom_event_type_id\n85,Ansatz + Längenausgleich,45,4500,EUR,3757698\n86,Herrenschnitt,30,2900,EUR,\n87,Föhnen,15,,,\n',
  );
  writeFileSync(join(dir, 'bad.json'), '[{"id":1,"name":"A","duration_minutes":30},{"id":2,"name":"","duration_minutes":0}]');
});

describe('calsync CLI', () => {
  it('migrate applies, then is a no-op', async () => {
    expect(await cli('migrate')).toMatchObject({ code: 0, out: expect.stringMatching(/^applied: 20261124000000_init/) });
    expect(await cli('migrate')).toMatchObject({ code: 0, out: 'database is up to date' });
  });

  it('a bad catalogue file imports nothing and names the line', async () => {
    const r = await cli('services', 'import', join(dir, 'bad.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing was imported/);
    expect(r.err).toMatch(/line 1: name must not be empty; duration_minutes must be at least 1 minute/);
    expect((await cli('services', 'list', '--json')).out).toBe('[]');
  });

  it('imports a CSV catalogue and lists it', async () => {
    expect(await cli('services', 'import', join(dir, 'catalogue.csv'))).toMatchObject({
      code: 0,
      out: expect.stringContaining('3 new, 0 updated'),
    });
    const list = JSON.parse((await cli('services', 'list', '--json')).out);
    expect(list.map((s: any) => [s.id, s.calcom_event_type_id, s.sync_status])).toEqual([
      [85, 3757698, 'pending'],
      [86, null, 'pending'],
      [87, null, 'pending'],
    ]);
  });

  it('syncs: stale → recreated, an existing unlinked event type → adopted, new → created; exit 0', async () => {
    em.seed(KEY, { title: 'Herrenschnitt', slug: 'herrenschnitt-86', lengthInMinutes: 20 });
    const r = await cli('sync', '85', '86', '87', '--json');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.out);
    expect(results.map((x: any) => x.kind)).toEqual(['recreated', 'adopted', 'created']);
    expect(results[0].oldEventTypeId).toBe(3757698);
    expect(em.eventTypes(KEY)).toHaveLength(3);
    expect(em.eventTypes(KEY).find((e) => e.slug === 'herrenschnitt-86')!.lengthInMinutes).toBe(30);
  });

  it('a second --all run over an unchanged catalogue sends one request and changes nothing', async () => {
    const before = em.requests().length;
    const r = await cli('sync', '--all');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => / unchanged, event type \d+/.test(l))).toHaveLength(3);
    expect(
      em
        .requests()
        .slice(before)
        .map((q) => `${q.method} ${q.path}`),
    ).toEqual(['GET /v2/event-types']);
    expect(em.eventTypes(KEY)).toHaveLength(3);
  });

  it('a rename keeps the booking URL; an event type deleted in Cal.com comes back under its old slug', async () => {
    const before = em.eventTypes(KEY).find((e) => e.slug === 'herrenschnitt-86')!;
    const services = JSON.parse((await cli('services', 'list', '--json')).out);
    writeFileSync(join(dir, 'rename.json'), JSON.stringify([{ ...services.find((s: any) => s.id === 86), name: 'Herrenschnitt kurz' }]));
    await cli('services', 'import', join(dir, 'rename.json'));
    const renamed = await cli('sync', '86');
    expect(renamed.out).toMatch(/updated, event type \d+ \(1 attempt\): title "Herrenschnitt" → "Herrenschnitt kurz"/);
    expect(em.eventTypes(KEY).find((e) => e.id === before.id)).toMatchObject({ slug: 'herrenschnitt-86', title: 'Herrenschnitt kurz' });
    // The status names what that run sent.
    expect((await cli('status', '86')).out).toMatch(/cli\s+updated\s+\d+ {2}changed title\n/);

    em.delete(before.id);
    const back = JSON.parse((await cli('sync', '86', '--json')).out);
    expect(back).toMatchObject([{ kind: 'recreated', oldEventTypeId: before.id }]);
    expect(em.eventTypes(KEY).find((e) => e.id === back[0].eventTypeId)).toMatchObject({
      slug: 'herrenschnitt-86',
      title: 'Herrenschnitt kurz',
    });
  });

  it('a failing sync exits 1 and shows in status and --failed', async () => {
    const et = em.eventTypes(KEY).find((e) => e.slug === 'ansatz-langenausgleich-85')!;
    em.edit(et.id, { lengthInMinutes: 20 }); // by hand in Cal.com, so the sync has something to send
    em.inject({ kind: 'status', status: 400, method: 'PATCH', message: 'lengthInMinutes must be an integer' });
    const r = await cli('sync', '85');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/failed after 1 attempt: Cal.com API error 400: lengthInMinutes must be an integer/);
    expect((await cli('status', '85')).out).toMatch(/status:\s+error/);
    const retry = await cli('sync', '--failed', '--json');
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.out)).toMatchObject([
      { serviceId: 85, kind: 'updated', changes: [{ field: 'lengthInMinutes', from: 20, to: 45 }] },
    ]);
  });

  it('digest --print shows the counts and the failing services', async () => {
    const et = em.eventTypes(KEY).find((e) => e.slug === 'herrenschnitt-86')!;
    em.edit(et.id, { title: 'edited by hand' });
    em.inject({ kind: 'status', status: 400, method: 'PATCH', message: 'title must be shorter' });
    expect((await cli('sync', '86')).code).toBe(1);
    const r = await cli('digest', '--print');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/86/);
    expect(r.out).toMatch(/title must be shorter/);
    expect(await cli('digest')).toMatchObject({ code: 2, err: expect.stringMatching(/--channel or set DIGEST_CHANNEL/) });
  });

  it('sync --dry-run prints the plan from one read and writes nothing', async () => {
    const before = em.requests().length;
    const snapshot = JSON.stringify(em.eventTypes(KEY));
    const listed = (await cli('services', 'list', '--json')).out;
    const r = await cli('sync', '--all', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^service 86 Herrenschnitt kurz: update event type \d+: title "edited by hand" → "Herrenschnitt kurz"$/m);
    expect(r.out).toMatch(/^Apply: 1 update; 2 in sync \(dry run: nothing was written\)$/m);
    const json = JSON.parse((await cli('sync', '86', '--dry-run', '--json')).out);
    expect(json.services).toMatchObject([
      { serviceId: 86, step: 'update', changes: [{ field: 'title', from: 'edited by hand', to: 'Herrenschnitt kurz' }] },
    ]);
    expect(
      em
        .requests()
        .slice(before)
        .map((q) => q.method),
    ).toEqual(['GET', 'GET']);
    expect(JSON.stringify(em.eventTypes(KEY))).toBe(snapshot);
    expect((await cli('services', 'list', '--json')).out).toBe(listed);
  });

  it('digest --print names event types edited and deleted in Cal.com; a sync restores them', async () => {
    const ansatz = em.eventTypes(KEY).find((e) => e.slug === 'ansatz-langenausgleich-85')!;
    const fohnen = em.eventTypes(KEY).find((e) => e.slug === 'fohnen-87')!;
    em.edit(fohnen.id, { lengthInMinutes: 90 });
    em.delete(ansatz.id);
    const before = em.requests().length;
    const r = await cli('digest', '--print');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Changed by hand in Cal\.com \(2\)/);
    expect(r.out).toContain(`Service 87 · Föhnen · edited in Cal.com: lengthInMinutes 15 → 90`);
    expect(r.out).toContain(`Service 85 · Ansatz + Längenausgleich · event type ${ansatz.id} deleted in Cal.com`);
    expect(
      em
        .requests()
        .slice(before)
        .map((q) => `${q.method} ${q.path}`),
    ).toEqual(['GET /v2/event-types']);

    const restored = JSON.parse((await cli('sync', '85', '87', '--json')).out);
    expect(restored.map((x: any) => x.kind)).toEqual(['recreated', 'updated']);
    expect(em.eventTypes(KEY).find((e) => e.id === restored[0].eventTypeId)!.slug).toBe('ansatz-langenausgleich-85');
    expect((await cli('digest', '--print')).out).not.toMatch(/Changed by hand/);
  });

  it('bad usage and bad configuration exit 2 with a clear line, never echoing secrets', async () => {
    expect(await cli('sync')).toMatchObject({ code: 2, err: expect.stringMatching(/give service ids, --failed or --all/) });
    expect(await cli('sync', '-1')).toMatchObject({ code: 2 });
    expect(await cli('sync', 'abc')).toMatchObject({ code: 2, err: expect.stringMatching(/"abc" is not a service id/) });
    expect(await cli('status', '2147483648')).toMatchObject({ code: 2, err: expect.stringMatching(/out of range/) });
    const saved = env;
    env = { ...saved, CALCOM_API_KEY: 'sk_live_secret_value', CALCOM_RATE_LIMIT: 'lots' };
    const bad = await cli('sync', '85');
    env = saved;
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/CALCOM_API_KEY: must start with cal_/);
    expect(bad.err).toMatch(/CALCOM_RATE_LIMIT/);
    expect(bad.err).not.toContain('sk_live_secret_value');
  });

  it('Cal.com unreachable → exit 1 with "Cal.com unreachable"', async () => {
    const saved = env;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    env = { ...saved, CALCOM_API_URL: `http://127.0.0.1:${port}/v2` };
    const r = await cli('sync', '87');
    env = saved;
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Cal.com unreachable: .*ECONNREFUSED/);
  });
});
