/**
 * Abuse benchmark: what unauthenticated senders cost the intake, each beside a same-run baseline.
 *
 * 1. Persona-Signature pairs: verifying a genuine one-pair header on a 1 MiB body (baseline), the
 *    HMACs a 190-pair header would cost if every pair were checked (computed directly), and what
 *    the verifier spends on that header now (refused before any HMAC).
 * 2. A valid delivery's latency over loopback HTTP alone (baseline), while 8 senders loop 1 MiB
 *    bodies with one forged pair (the same bytes: the cost of any unauthenticated body), and while
 *    they loop 190-pair headers. The senders run in this process, so receiving their bodies shares
 *    the server's event loop.
 * 3. Slow senders: SLOW_SOCKETS connections that send headers and part of a body, then nothing;
 *    when the server lets them go (status and seconds), and a valid delivery's latency meanwhile.
 *
 *   npx tsx bench/abuse.ts   env: BENCH_SLOW_SOCKETS (700), BENCH_REQUEST_TIMEOUT_MS (10000, the default)
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createIntake } from '../src/intake/intake.js';
import { MemoryQuarantine } from '../src/intake/quarantine/memory-quarantine.js';
import { hmacSha256 } from '../src/intake/signatures/compare.js';
import { verifyPersonaSignature } from '../src/intake/signatures/persona.js';
import { buildIntakeServer } from '../src/service/server.js';
import { MemoryEventStore } from '../src/store/memory-event-store.js';
import { accountResource, personaDelivery } from '../test/support/deliveries.js';
import {
  personaHeaders,
  personaSignaturePair,
  TEST_PERSONA_SECRET,
  unixSeconds,
} from '../test/support/signing.js';

const SLOW_SOCKETS = Number(process.env.BENCH_SLOW_SOCKETS ?? 700);
const REQUEST_TIMEOUT_MS = Number(process.env.BENCH_REQUEST_TIMEOUT_MS ?? 10_000);
const MIB = 1024 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;
const ms = (n: number) => Number(n.toFixed(3));

function timeEach(times: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

// 1. Signature pairs, in process.
const bigBody = Buffer.from(`{"data":${JSON.stringify('x'.repeat(MIB - 20))}}`);
const t = unixSeconds();
const genuine = personaSignaturePair(bigBody, TEST_PERSONA_SECRET, t);
const forged = Array.from({ length: 189 }, (_, i) =>
  personaSignaturePair(Buffer.from('x'), `wbhsec_forged_${i}`, t),
);
const attackHeader = [...forged, genuine].join(' ');
const secrets = [TEST_PERSONA_SECRET];
const onePair = timeEach(20, () => {
  if (!verifyPersonaSignature(bigBody, { 'persona-signature': genuine }, { secrets }).ok)
    throw new Error('genuine refused');
});
const uncapped = timeEach(5, () => {
  for (let i = 0; i < 190; i++) hmacSha256(TEST_PERSONA_SECRET, `${t}.`, bigBody);
});
const capped = timeEach(200, () => {
  if (verifyPersonaSignature(bigBody, { 'persona-signature': attackHeader }, { secrets }).ok)
    throw new Error('cap missing');
});

// 2 and 3 over HTTP.
const store = new MemoryEventStore();
const intake = createIntake({ store, quarantine: new MemoryQuarantine(), secrets: { persona: secrets } });
const { app } = buildIntakeServer({
  intake,
  ready: async () => true,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  bodyLimit: 2 * MIB,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const base = `http://127.0.0.1:${port}`;

let n = 0;
async function validDelivery(): Promise<number> {
  const body = personaDelivery({
    name: 'account.created',
    resource: accountResource({ id: `act_bench_${n++}` }),
  });
  const t0 = performance.now();
  const res = await fetch(`${base}/webhooks/persona`, {
    method: 'POST',
    headers: personaHeaders(body),
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`valid delivery answered ${res.status}`);
  return performance.now() - t0;
}
async function latencies(count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await validDelivery());
  return out;
}

await latencies(50); // warm-up
const alone = await latencies(200);

/** A valid delivery's latencies while 8 senders loop unauthenticated 1 MiB bodies with `header`. */
async function whileAttacked(header: string): Promise<{ latencies: number[]; attacks: number }> {
  let attacking = true;
  let attacks = 0;
  const attackers = Array.from({ length: 8 }, async () => {
    while (attacking) {
      const res = await fetch(`${base}/webhooks/persona`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'persona-signature': header },
        body: bigBody,
      });
      await res.arrayBuffer();
      if (res.status !== 401) throw new Error(`attack answered ${res.status}`);
      attacks++;
    }
  });
  const measured = await latencies(200);
  attacking = false;
  await Promise.all(attackers);
  return { latencies: measured, attacks };
}
// Same bytes, one forged pair: what any unauthenticated 1 MiB body costs (the floor for the cap).
const onePairAttack = await whileAttacked(personaSignaturePair(bigBody, 'wbhsec_forged', t));
const pairsAttack = await whileAttacked(attackHeader);
const underAttack = pairsAttack.latencies;
const attacks = pairsAttack.attacks;

const slowStart = performance.now();
const slow = Array.from({ length: SLOW_SOCKETS }, () => {
  const socket = connect(port, '127.0.0.1');
  socket.write(
    'POST /webhooks/persona HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"data":',
  );
  return new Promise<{ status: string; seconds: number }>((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () =>
      resolve({
        status: /^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 'closed',
        seconds: (performance.now() - slowStart) / 1000,
      }),
    );
  });
});
const duringSlow = await latencies(100);
const released = await Promise.all(slow);
await app.close();

const statuses: Record<string, number> = {};
for (const r of released) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
const seconds = released.map((r) => r.seconds);

const result = {
  signature: {
    onePairVerifyMs: ms(median(onePair)),
    uncapped190PairsMs: ms(median(uncapped)),
    capped190PairsMs: ms(median(capped)),
  },
  pairsAttack: {
    validAloneP50Ms: ms(median(alone)),
    validAloneP99Ms: ms(p99(alone)),
    validUnderOnePairAttackP50Ms: ms(median(onePairAttack.latencies)),
    onePairAttackRequests: onePairAttack.attacks,
    validUnderAttackP50Ms: ms(median(underAttack)),
    validUnderAttackP99Ms: ms(p99(underAttack)),
    attackRequests: attacks,
  },
  slowSenders: {
    sockets: SLOW_SOCKETS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    statuses,
    releasedFirstS: ms(Math.min(...seconds)),
    releasedMedianS: ms(median(seconds)),
    releasedLastS: ms(Math.max(...seconds)),
    validDuringP50Ms: ms(median(duringSlow)),
  },
};
console.log(
  `Signature check, 1 MiB body: one genuine pair ${result.signature.onePairVerifyMs} ms (baseline);`,
);
console.log(
  `  190 pairs checked one by one would cost ${result.signature.uncapped190PairsMs} ms; refused now in ${result.signature.capped190PairsMs} ms`,
);
console.log(
  `Valid delivery p50/p99: alone ${result.pairsAttack.validAloneP50Ms}/${result.pairsAttack.validAloneP99Ms} ms (baseline), ` +
    `with 8 senders of 1 MiB bodies and one forged pair ${result.pairsAttack.validUnderOnePairAttackP50Ms} ms (${onePairAttack.attacks} requests), ` +
    `with 190-pair headers ${result.pairsAttack.validUnderAttackP50Ms}/${result.pairsAttack.validUnderAttackP99Ms} ms (${attacks} requests)`,
);
console.log(
  `Slow senders: ${SLOW_SOCKETS} sockets, answered ${JSON.stringify(statuses)}, released after ${result.slowSenders.releasedFirstS}-${result.slowSenders.releasedLastS} s ` +
    `(median ${result.slowSenders.releasedMedianS} s, request timeout ${REQUEST_TIMEOUT_MS / 1000} s); valid delivery p50 meanwhile ${result.slowSenders.validDuringP50Ms} ms`,
);
console.log(JSON.stringify({ bench: 'abuse', ...result }));
