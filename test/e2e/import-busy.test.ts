// `/calsync import` of thousands of event types must not stall the app: it writes in chunks, so Slack's acks
// and /healthz keep answering meanwhile (issue 9). The probes run in a worker thread with its own event loop:
// PGlite runs on the app's thread, so a probe timed from that thread could not even start while one long
// transaction held it (one transaction of 3,000 rows held an ack for about 5 s).
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_TIMEOUT_MS } from '../../src/lib/health.js';
import { startSandbox, SANDBOX_CALCOM_KEY, SANDBOX_SIGNING_SECRET, type Sandbox } from '../../src/sandbox/sandbox.js';
import { commandFields, signSlackRequest } from '../../src/sandbox/slack-fake.js';

const EVENT_TYPES = 6000;
/** Slack's own deadline for an ack: the product's contract with Slack, not a speed claim. */
const SLACK_ACK_MS = 3000;

interface Probe {
  at: number; // epoch ms when it was sent
  ackMs: number;
  ackStatus: number;
  healthMs: number;
  healthStatus: number;
}

// Plain JavaScript for the worker: a `/calsync 5` and a GET /healthz together, every 50 ms, until told to stop.
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
parentPort.on('message', () => (stop = true));
(async () => {
  const probes = [];
  for (const req of workerData.requests) {
    if (stop) break;
    const at = performance.timeOrigin + performance.now();
    const timed = (p) => { const s = performance.now(); return p.then((r) => ({ ms: performance.now() - s, status: r.status })); };
    const [ack, health] = await Promise.all([
      timed(fetch(workerData.appUrl, { method: 'POST', headers: req.headers, body: req.body })),
      timed(fetch(workerData.healthUrl)),
    ]);
    probes.push({ at, ackMs: ack.ms, ackStatus: ack.status, healthMs: health.ms, healthStatus: health.status });
    await new Promise((r) => setTimeout(r, 50));
  }
  parentPort.postMessage(probes);
})();`;

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ env: { CALCOM_RATE_LIMIT: '60000' } });
  for (let i = 0; i < EVENT_TYPES; i++)
    sb.emulator.seed(SANDBOX_CALCOM_KEY, { title: `Imported ${i}`, slug: `imported-${i}`, lengthInMinutes: 30 });
  await sb.ctx.db.prisma.service.create({ data: { id: 5, name: 'Five', durationMinutes: 30 } });
});
afterAll(() => sb?.close());

describe('/calsync import of thousands of event types', () => {
  it('keeps Slack acks and /healthz answering while it writes, and completes', async () => {
    // Signed here: the worker only sends. Slack accepts a signature for 5 minutes.
    const requests = Array.from({ length: 200 }, (_, i) => {
      const body = new URLSearchParams(commandFields('5', {}, sb.slack, `probe-${i}`)).toString();
      return { body, headers: signSlackRequest(SANDBOX_SIGNING_SECRET, body) };
    });
    const started = Date.now();
    const ack = await sb.send.command('import');
    expect(ack.status).toBe(200);
    const worker = new Worker(PROBER, {
      eval: true,
      workerData: { requests, appUrl: sb.appUrl, healthUrl: `http://127.0.0.1:${sb.server.port}/healthz` },
    });
    const probes = new Promise<Probe[]>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    const summary = await sb.slack.waitFor(() => sb.slack.responses.find((r) => /import/i.test(JSON.stringify(r.body))), 60_000);
    const finished = Date.now();
    worker.postMessage('stop');
    const seen = await probes;
    await worker.terminate();

    const during = seen.filter((p) => p.at >= started && p.at <= finished);
    expect(during.length).toBeGreaterThan(0);
    for (const p of seen) {
      expect(p.ackStatus).toBe(200);
      expect(p.ackMs).toBeLessThan(SLACK_ACK_MS);
      // A probe gets its answer, up or down, by the health check's deadline, not seconds later.
      expect([200, 503]).toContain(p.healthStatus);
      expect(p.healthMs).toBeLessThan(HEALTH_TIMEOUT_MS + 2000);
    }
    expect(JSON.stringify(summary.body)).toContain(String(EVENT_TYPES));
    const imported = await sb.ctx.db.prisma.service.count({ where: { calcomEventTypeId: { not: null }, syncStatus: 'synced' } });
    expect(imported).toBeGreaterThanOrEqual(EVENT_TYPES);
  });

  it('/healthz answers 503 by its deadline while a transaction holds the embedded database', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const isHeld = new Promise<void>((r) => (holding = r));
    const tx = sb.ctx.db.prisma.$transaction(
      async (t) => {
        await t.$queryRaw`SELECT 1`;
        holding();
        await held;
      },
      { timeout: 30_000 },
    );
    await isHeld;
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${sb.server.port}/healthz`);
    const ms = performance.now() - t0;
    release();
    await tx;
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    expect(ms).toBeLessThan(HEALTH_TIMEOUT_MS + 2000);
  });
});
