/**
 * The load generator, run in its own process (child_process.fork from bench/run.ts) so that it does
 * not share an event loop with the orchestrator. N virtual users, each on its own keep-alive TCP
 * connection, send requests back to back (closed loop, like autocannon -c N); latencies are recorded
 * per request and summarised as percentiles. Two modes:
 *   - duration: for a warm-up and then a measured window, cycling through a scenario's requests;
 *   - once: a fixed list of requests, each sent exactly once, spread over the connections.
 */
import { encodeRequest, HttpConnection, type HttpRequest } from './http.js';
import { summarise, type LatencySummary } from './stats.js';

export interface AutosaveUser {
  appId: string;
  version: number;
  basicInfo: Record<string, unknown>;
  cookie?: string;
  csrf?: string;
}

export type Scenario =
  /** Connection k cycles through the requests starting at k. */
  | { kind: 'static'; requests: HttpRequest[] }
  /** PATCH the basic information of a user's draft; the version is re-read from each answer. */
  | { kind: 'autosave'; pathPrefix: string; users: AutosaveUser[] };

export interface DurationSpec {
  mode: 'duration';
  host: string;
  port: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
  scenario: Scenario;
}

export interface OnceSpec {
  mode: 'once';
  host: string;
  port: number;
  connections: number;
  requests: HttpRequest[];
  /** Return headers and bodies (logins need the cookie and the CSRF token). */
  keepBodies?: boolean;
  /** Sent once on each connection before the run starts (connections open, as a browser's are). */
  warmUp?: HttpRequest;
}

export interface DurationResult extends LatencySummary {
  requests: number;
  rps: number;
  errors: number;
  conflicts: number;
  statuses: Record<string, number>;
  firstError?: string;
  clientCpuMs: number;
  windowMs: number;
  /** Requests sent in all, warm-up included (server CPU is measured over all of them). */
  totalRequests: number;
  /** Autosave: each draft's version after the run, for the next run to start from. */
  versions?: Record<string, number>;
}

export interface OnceResult extends LatencySummary {
  elapsedMs: number;
  statuses: Record<string, number>;
  /** Per request: status, when it was sent and how long it took (ms from the start of the run). */
  responses: {
    status: number;
    sentMs?: number;
    connectedMs?: number;
    ms?: number;
    setCookie?: string;
    body?: string;
    error?: string;
  }[];
  clientCpuMs: number;
}

const hostHeader = (s: { host: string; port: number }) => `${s.host}:${s.port}`;

async function runDuration(spec: DurationSpec): Promise<DurationResult> {
  const host = hostHeader(spec);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const measureFrom = t0 + spec.warmupMs;
  const stopAt = measureFrom + spec.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let conflicts = 0;
  let firstError: string | undefined;
  let total = 0;
  const versions: Record<string, number> = {};
  const encoded = spec.scenario.kind === 'static' ? spec.scenario.requests.map((r) => encodeRequest(host, r)) : [];

  const worker = async (k: number) => {
    const conn = new HttpConnection(spec.host, spec.port);
    const scenario = spec.scenario;
    const mine =
      scenario.kind === 'autosave'
        ? scenario.users.filter((_, i) => i % spec.connections === k).map((u) => ({ ...u }))
        : [];
    let i = k;
    while (performance.now() < stopAt) {
      let bytes: Buffer;
      let user: AutosaveUser | undefined;
      if (scenario.kind === 'static') {
        bytes = encoded[i % encoded.length]!;
      } else {
        if (mine.length === 0) return;
        user = mine[i % mine.length]!;
        const bi = user.basicInfo;
        bi.eventCount = ((Number(bi.eventCount) || 12) % 80) + 1;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (user.cookie) headers.cookie = user.cookie;
        if (user.csrf) headers['x-csrf-token'] = user.csrf;
        bytes = encodeRequest(host, {
          method: 'PATCH',
          path: `${scenario.pathPrefix}${user.appId}`,
          headers,
          body: JSON.stringify({ version: user.version, basicInfo: bi }),
        });
      }
      i++;
      total++;
      const started = performance.now();
      let status = 0;
      try {
        const res = await conn.send(bytes);
        status = res.status;
        if (user && status === 200)
          user.version = (JSON.parse(res.body.toString('utf8')) as { version: number }).version;
        if (status >= 400 && !firstError) firstError = `${status} ${res.body.toString('utf8').slice(0, 300)}`;
      } catch (err) {
        firstError ??= String(err);
      }
      const done = performance.now();
      // Counted when it completes inside the window (like autocannon), however long it waited.
      if (done >= measureFrom && done <= stopAt) {
        latencies.push(done - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 409) conflicts++;
        else if (status === 0 || status >= 400) errors++;
      }
    }
    conn.close();
    for (const u of mine) versions[u.appId] = u.version;
  };
  await Promise.all(Array.from({ length: spec.connections }, (_, k) => worker(k)));
  const cpu = process.cpuUsage(cpu0);
  return {
    ...summarise(latencies),
    requests: latencies.length,
    rps: latencies.length / (spec.durationMs / 1000),
    errors,
    conflicts,
    statuses,
    ...(firstError ? { firstError } : {}),
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    windowMs: spec.durationMs,
    totalRequests: total,
    ...(spec.scenario.kind === 'autosave' ? { versions } : {}),
  };
}

async function runOnce(spec: OnceSpec): Promise<OnceResult> {
  const host = hostHeader(spec);
  const conns = Array.from(
    { length: Math.min(spec.connections, spec.requests.length) },
    () => new HttpConnection(spec.host, spec.port),
  );
  // Connections opened (and answered once) before the clock starts, when asked for.
  if (spec.warmUp) {
    const warm = encodeRequest(host, spec.warmUp);
    await Promise.all(conns.map((c) => c.send(warm).catch(() => undefined)));
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const responses: OnceResult['responses'] = new Array(spec.requests.length);
  let next = 0;
  const worker = async (conn: HttpConnection) => {
    for (;;) {
      const idx = next++;
      if (idx >= spec.requests.length) break;
      const started = performance.now();
      try {
        const res = await conn.send(encodeRequest(host, spec.requests[idx]!));
        latencies.push(performance.now() - started);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        responses[idx] = {
          status: res.status,
          sentMs: Math.round(started - t0),
          connectedMs: Math.round(conn.connectedAt - t0),
          ms: Math.round(performance.now() - started),
          ...(spec.keepBodies || res.status >= 400
            ? {
                setCookie: res.headers['set-cookie'],
                body: res.body.toString('utf8').slice(0, spec.keepBodies ? undefined : 500),
              }
            : {}),
        };
      } catch (err) {
        statuses['0'] = (statuses['0'] ?? 0) + 1;
        responses[idx] = { status: 0, error: String(err) };
      }
    }
    conn.close();
  };
  await Promise.all(conns.map((c) => worker(c)));
  const cpu = process.cpuUsage(cpu0);
  return {
    ...summarise(latencies),
    elapsedMs: performance.now() - t0,
    statuses,
    responses,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.on('message', (msg: { id: number; spec: DurationSpec | OnceSpec }) => {
  const run = msg.spec.mode === 'duration' ? runDuration(msg.spec) : runOnce(msg.spec);
  run.then(
    (result) => process.send!({ id: msg.id, result }),
    (err: unknown) => process.send!({ id: msg.id, error: String(err) }),
  );
});
