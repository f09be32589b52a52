import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { api } from '../api/client.js';
import { serverNow } from '../server-clock.js';

export type TapKind = 'check-in' | 'check-out' | 'absence';

export interface TapBody {
  at?: string;
  location?: { lat: number; lng: number };
  penaltyMinutes?: number;
  note?: string;
  reason?: string;
}

/** One tap of the roll-call, stored before anything is sent; its key is its Idempotency-Key. */
export interface Tap {
  key: string;
  assignmentId: string;
  shiftId: string;
  personName: string;
  kind: TapKind;
  body: TapBody;
  tappedAt: string;
  state: 'waiting' | 'refused';
  message?: string;
  status?: number;
}

export interface SavedRoster {
  shiftId: string;
  savedAt: string;
  shift: unknown;
  items: unknown[];
}

interface RollCallDb extends DBSchema {
  taps: { key: string; value: Tap; indexes: { byTime: string } };
  rosters: { key: string; value: SavedRoster };
}

let db: Promise<IDBPDatabase<RollCallDb>> | undefined;
/**
 * Version 2: the rosters kept by version 1 held the supervisor's words about bookings, which the server no longer
 * gives a site: they are dropped, and read again when next online. The taps waiting are kept.
 */
const database = () =>
  (db ??= openDB<RollCallDb>('bakti-roll-call', 2, {
    upgrade(store, oldVersion, _, transaction) {
      if (oldVersion < 1) {
        store.createObjectStore('taps', { keyPath: 'key' }).createIndex('byTime', 'tappedAt');
        store.createObjectStore('rosters', { keyPath: 'shiftId' });
      } else void transaction.objectStore('rosters').clear();
    },
  }));

const listeners = new Set<() => void>();
export const onTapsChanged = (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener));
const changed = () => listeners.forEach((listener) => listener());

function newKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores the tap at once, with the time of the tap on the server's clock (never before `notBefore`: a check-out
 * follows its check-in), then tries to send it.
 */
export async function recordTap(
  tap: Pick<Tap, 'assignmentId' | 'shiftId' | 'personName' | 'kind'> & { body: TapBody },
  notBefore?: string,
): Promise<Tap> {
  const now = serverNow().getTime();
  const tappedAt = new Date(notBefore ? Math.max(now, Date.parse(notBefore) + 1000) : now).toISOString();
  const body = tap.kind === 'absence' ? tap.body : { ...tap.body, at: tappedAt };
  const stored: Tap = { ...tap, body, key: newKey(), tappedAt, state: 'waiting' };
  await (await database()).put('taps', stored);
  changed();
  void sendWaiting();
  return stored;
}

export async function allTaps(): Promise<Tap[]> {
  return (await database()).getAllFromIndex('taps', 'byTime');
}

/** The coordinator has read a refused tap and takes it off the list. */
export async function dismissTap(key: string): Promise<void> {
  await (await database()).delete('taps', key);
  changed();
}

export async function savedRoster(shiftId: string): Promise<SavedRoster | undefined> {
  return (await database()).get('rosters', shiftId);
}

type Outcome = 'sent' | 'refused' | 'later';

/** The status each answered tap left its booking in, until the roster is read again. */
const answered = new Map<string, string>();
export const answeredStatus = (assignmentId: string): string | undefined => answered.get(assignmentId);

export async function saveRoster(roster: SavedRoster): Promise<void> {
  for (const item of roster.items as { id: string }[]) answered.delete(item.id);
  await (await database()).put('rosters', roster);
}

async function send(
  tap: Tap,
): Promise<{ outcome: Outcome; status?: number; message?: string; answer?: { status: string } }> {
  const params = { path: { id: tap.assignmentId }, header: { 'Idempotency-Key': tap.key } };
  let response: Response;
  let error: unknown;
  let data: unknown;
  try {
    const call =
      tap.kind === 'check-in'
        ? api.POST('/api/v1/assignments/{id}/check-in', { params, body: tap.body })
        : tap.kind === 'check-out'
          ? api.POST('/api/v1/assignments/{id}/check-out', { params, body: tap.body })
          : api.POST('/api/v1/assignments/{id}/absence', { params, body: { reason: tap.body.reason ?? '' } });
    ({ response, error, data } = await call);
  } catch {
    return { outcome: 'later' };
  }
  if (response.ok) return { outcome: 'sent', answer: data as { status: string } };
  // Not answered for good: no network behind a portal, the server busy or restarting, the token expired.
  if (response.status >= 500 || response.status === 401 || response.status === 408 || response.status === 429) {
    return { outcome: 'later' };
  }
  const problem = (error ?? {}) as { detail?: string; title?: string; errors?: { message: string }[] };
  // A field error's message alone: the detail names the API's fields, which mean nothing on the roll-call.
  const fields = problem.errors?.map((e) => e.message).join(' ');
  return {
    outcome: 'refused',
    status: response.status,
    message: fields || (problem.detail ?? problem.title ?? `HTTP ${response.status}`),
  };
}

let sending: Promise<void> | null = null;

/** Sends the waiting taps one by one, in the order tapped; stops at the first that can't be answered now. */
export function sendWaiting(): Promise<void> {
  sending ??= (async () => {
    try {
      for (;;) {
        const tap = (await allTaps()).find((candidate) => candidate.state === 'waiting');
        if (!tap) return;
        const result = await send(tap);
        if (result.outcome === 'later') return;
        const store = await database();
        if (result.outcome === 'sent') {
          if (result.answer?.status) answered.set(tap.assignmentId, result.answer.status);
          await store.delete('taps', tap.key);
        } else await store.put('taps', { ...tap, state: 'refused', status: result.status, message: result.message });
        changed();
      }
    } finally {
      sending = null;
    }
  })();
  return sending;
}

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Retries on a timer as well as on `online`: behind a captive portal or a dead mobile network the browser still
 * says it is online.
 */
export function startSending(everyMs = 5000): void {
  if (timer) return;
  timer = setInterval(() => void sendWaiting(), everyMs);
  addEventListener('online', () => void sendWaiting());
  void sendWaiting();
}
