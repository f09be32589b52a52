import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { distanceMeters, type LatLng } from '../geo.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { formatDate, formatTime } from '../time.js';
import { ErrorBox, Field, Page } from '../ui.js';
import { answeredStatus, recordTap, savedRoster, saveRoster, type Tap, type TapKind } from './tap-queue.js';
import { useTaps, WaitingTaps } from './waiting-taps.js';

type Shift = components['schemas']['ShiftAtSiteResponse'];
type Booking = components['schemas']['Assignment'];

interface Roster {
  shift: Shift;
  items: Booking[];
  savedAt: string;
  offline: boolean;
}

const NEXT_STATUS: Record<TapKind, string> = {
  'check-in': 'checked_in',
  'check-out': 'checked_out',
  absence: 'absent',
};

/** The server's status, moved on by the taps answered since the roster was read and by those still waiting. */
function statusOf(booking: Booking, taps: Tap[]): string {
  const mine = taps.filter((tap) => tap.assignmentId === booking.id && tap.state === 'waiting');
  return mine.length ? NEXT_STATUS[mine[mine.length - 1].kind] : (answeredStatus(booking.id) ?? booking.status);
}

async function loadRoster(shiftId: string): Promise<Roster> {
  try {
    const [shift, page] = await Promise.all([
      ok(api.GET('/api/v1/shifts/{id}', { params: { path: { id: shiftId } } })),
      ok(api.GET('/api/v1/shifts/{shiftId}/assignments', { params: { path: { shiftId }, query: { limit: 500 } } })),
    ]);
    const savedAt = new Date().toISOString();
    await saveRoster({ shiftId, shift, items: page.items, savedAt });
    return { shift, items: page.items, savedAt, offline: false };
  } catch (error) {
    const saved = await savedRoster(shiftId);
    if (!saved) throw error;
    return { shift: saved.shift as Shift, items: saved.items as Booking[], savedAt: saved.savedAt, offline: true };
  }
}

/** Where the phone is, when the browser gives it; the roll-call works without it. */
function usePosition(): LatLng | null {
  const [position, setPosition] = useState<LatLng | null>(null);
  useEffect(() => {
    if (!navigator.geolocation) return;
    const id = navigator.geolocation.watchPosition(
      (p) => setPosition({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => undefined,
      { enableHighAccuracy: true, maximumAge: 60_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return position;
}

function Initials({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0])
    .join('');
  return (
    <span class="avatar" aria-hidden="true">
      {initials}
    </span>
  );
}

function FormEnd({ problem, submit, cancel }: { problem: string; submit: string; cancel: () => void }) {
  return (
    <>
      {problem ? (
        <p role="alert" class="error">
          {problem}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary">
          {submit}
        </button>
        <button type="button" onClick={cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}

/** When the person arrived: the server's record, or the check-in tap still waiting to be sent. */
function arrivedAt(booking: Booking, taps: Tap[]): string | undefined {
  const waiting = taps.find(
    (tap) => tap.assignmentId === booking.id && tap.kind === 'check-in' && tap.state === 'waiting',
  );
  return waiting?.body.at ?? booking.checkIn?.at ?? undefined;
}

function Person({
  booking,
  status,
  roster,
  position,
  taps,
}: {
  booking: Booking;
  status: string;
  roster: Roster;
  position: LatLng | null;
  taps: Tap[];
}) {
  const [form, setForm] = useState<'out' | 'absent' | null>(null);
  const [penalty, setPenalty] = useState('0');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const tap = (kind: TapKind, body: Parameters<typeof recordTap>[0]['body'] = {}) =>
    recordTap(
      {
        assignmentId: booking.id,
        shiftId: roster.shift.id,
        personName: booking.person.fullName,
        kind,
        body: position && kind !== 'absence' ? { ...body, location: position } : body,
      },
      kind === 'check-out' ? arrivedAt(booking, taps) : undefined,
    );
  const id = `p-${booking.id}`;
  const outside = booking.checkIn?.outsideRadius || booking.checkOut?.outsideRadius;
  return (
    <li class="person" data-testid="person" data-status={status} aria-labelledby={id}>
      <div class="person-head">
        <Initials name={booking.person.fullName} />
        <span id={id} class="person-name">
          {booking.person.fullName}
        </span>
        <span class={`status s-${status}`}>{t(`status.${status}` as 'status.scheduled')}</span>
      </div>
      {outside ? <p class="flag">{t('roll.outsideRadius')}</p> : null}
      {status === 'scheduled' && !form ? (
        <div class="actions">
          <button type="button" class="primary" onClick={() => void tap('check-in')}>
            {t('roll.in')}
          </button>
          <button type="button" onClick={() => setForm('absent')}>
            {t('roll.absent')}
          </button>
        </div>
      ) : null}
      {status === 'checked_in' && !form ? (
        <div class="actions">
          <button type="button" class="primary" onClick={() => setForm('out')}>
            {t('roll.out')}
          </button>
        </div>
      ) : null}
      {form === 'out' ? (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const minutes = Number(penalty);
            if (!Number.isInteger(minutes) || minutes < 0) return setProblem(t('roll.penaltyInvalid'));
            if (minutes > 0 && !note.trim()) return setProblem(t('roll.noteNeeded'));
            setForm(null);
            void tap('check-out', { penaltyMinutes: minutes, ...(note.trim() ? { note: note.trim() } : {}) });
          }}
        >
          <Field label={t('roll.penalty')} hint={t('roll.penaltyHint')}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={600}
              value={penalty}
              onInput={(e) => setPenalty(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('roll.note')}>
            <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          <FormEnd problem={problem} submit={t('roll.confirmOut')} cancel={() => setForm(null)} />
        </form>
      ) : null}
      {form === 'absent' ? (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) return setProblem(t('roll.reasonNeeded'));
            setForm(null);
            void tap('absence', { reason: reason.trim() });
          }}
        >
          <Field label={t('roll.reason')}>
            <input list="absence-reasons" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <FormEnd problem={problem} submit={t('roll.confirmAbsent')} cancel={() => setForm(null)} />
        </form>
      ) : null}
    </li>
  );
}

/** The roll-call of one shift, on one screen; every tap is queued on the phone first (works offline). */
export default function RollCall({ params }: { params: { shiftId: string } }) {
  const [roster, setRoster] = useState<Roster | null>(null);
  const [error, setError] = useState<unknown>(null);
  const taps = useTaps();
  const position = usePosition();
  const waitingHere = taps.filter((tap) => tap.shiftId === params.shiftId && tap.state === 'waiting').length;

  useEffect(() => {
    loadRoster(params.shiftId).then(setRoster, setError);
  }, [params.shiftId]);
  // Once this shift's taps are all answered, show the server's record (its radius flags, its times).
  useEffect(() => {
    if (roster && !roster.offline && waitingHere === 0) loadRoster(params.shiftId).then(setRoster, () => undefined);
  }, [waitingHere]);

  if (!roster) {
    return <Page title={t('roll.title')}>{error ? <ErrorBox error={error} /> : <p>{t('common.loading')}</p>}</Page>;
  }
  const { shift } = roster;
  const zone = shift.site.timezone;
  const active = roster.items.filter((booking) => booking.status !== 'cancelled');
  const scheduled = active.filter((booking) => statusOf(booking, taps) === 'scheduled');
  const distance = position ? Math.round(distanceMeters(position, shift.site.location)) : null;
  return (
    <Page title={`${t('roll.title')}: ${shift.site.name}`}>
      <p class="sub">
        {formatDate(shift.date)}, {formatTime(shift.startsAt, zone)}–{formatTime(shift.endsAt, zone)} ·{' '}
        {t('coord.booked', { booked: shift.bookedCount, capacity: shift.capacity })}
      </p>
      {roster.offline ? <p class="notice">{t('roll.offline', { time: formatTime(roster.savedAt, zone) })}</p> : null}
      <p class={distance !== null && distance > shift.site.radiusMeters ? 'flag' : 'sub'} data-testid="location">
        {distance === null
          ? t('roll.noLocation')
          : distance > shift.site.radiusMeters
            ? t('roll.farFromSite', { meters: distance, radius: shift.site.radiusMeters })
            : t('roll.atSite', { meters: distance })}
      </p>
      <WaitingTaps taps={taps} />
      {scheduled.length > 1 ? (
        <button
          type="button"
          class="primary wide"
          onClick={() => {
            for (const booking of scheduled) {
              void recordTap({
                assignmentId: booking.id,
                shiftId: shift.id,
                personName: booking.person.fullName,
                kind: 'check-in',
                body: position ? { location: position } : {},
              });
            }
          }}
        >
          {t('roll.allIn', { count: scheduled.length })}
        </button>
      ) : null}
      <ul class="roster" aria-label={t('roll.list')}>
        {active.map((booking) => (
          <Person
            key={booking.id}
            booking={booking}
            status={statusOf(booking, taps)}
            roster={roster}
            position={position}
            taps={taps}
          />
        ))}
      </ul>
      <datalist id="absence-reasons">
        <option value={t('roll.reasonNoShow')} />
        <option value={t('roll.reasonSick')} />
        <option value={t('roll.reasonSentHome')} />
      </datalist>
      <p>
        <Link href="/koordinator">{t('roll.back')}</Link>
      </p>
    </Page>
  );
}
