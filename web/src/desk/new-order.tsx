import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

/** Registering a court order, with the legal limits next to the fields they bind. */
export default function NewOrder() {
  const persons = useLoad(() => ok(api.GET('/api/v1/persons', { params: { query: { limit: 500 } } })), []);
  const [f, setF] = useState({
    personId: new URLSearchParams(location.search).get('person') ?? '',
    caseNumber: '',
    courtName: '',
    offenseDate: '',
    verdictDate: '',
    totalHours: '',
    maxHoursPerDay: '',
    startDate: '',
    endDate: '',
    kind: 'imprisonment' as 'imprisonment' | 'fine',
    days: '',
    amountRupiah: '',
    consent: false,
  });
  const bind = (name: keyof typeof f) => ({
    value: String(f[name]),
    onInput: (e: { currentTarget: HTMLInputElement }) => setF({ ...f, [name]: e.currentTarget.value }),
  });
  const save = useAction(async () => {
    const order = await ok(
      api.POST('/api/v1/orders', {
        body: {
          personId: f.personId,
          caseNumber: f.caseNumber,
          courtName: f.courtName,
          offenseDate: f.offenseDate,
          verdictDate: f.verdictDate,
          totalHours: Number(f.totalHours),
          maxHoursPerDay: Number(f.maxHoursPerDay),
          startDate: f.startDate,
          endDate: f.endDate,
          replacedSentence:
            f.kind === 'imprisonment'
              ? { kind: 'imprisonment', days: Number(f.days) }
              : { kind: 'fine', amountRupiah: Number(f.amountRupiah) },
          consentRecorded: f.consent as true,
        },
      }),
    );
    navigate(`/pk/putusan/${order.id}`);
  });
  return (
    <Page title={t('newOrder.title')} wide>
      <Loading loaded={persons} />
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <Field label={t('desk.person')}>
          <select required value={f.personId} onChange={(e) => setF({ ...f, personId: e.currentTarget.value })}>
            <option value="">—</option>
            {persons.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}
              </option>
            ))}
          </select>
        </Field>
        <div class="grid">
          <Field label={t('newOrder.caseNumber')}>
            <input required placeholder="12/Pid.C/2026/PN Amb" {...bind('caseNumber')} />
          </Field>
          <Field label={t('newOrder.court')}>
            <input required {...bind('courtName')} />
          </Field>
          <Field label={t('newOrder.offenseDate')} hint={t('newOrder.offenseHint')}>
            <input required type="date" {...bind('offenseDate')} />
          </Field>
          <Field label={t('newOrder.verdictDate')}>
            <input required type="date" {...bind('verdictDate')} />
          </Field>
          <Field label={t('newOrder.totalHours')} hint={t('newOrder.totalHint')}>
            <input required type="number" min={7} max={240} {...bind('totalHours')} />
          </Field>
          <Field label={t('newOrder.perDay')} hint={t('newOrder.perDayHint')}>
            <input required type="number" min={1} max={8} {...bind('maxHoursPerDay')} />
          </Field>
          <Field label={t('newOrder.start')}>
            <input required type="date" {...bind('startDate')} />
          </Field>
          <Field label={t('newOrder.end')} hint={t('newOrder.endHint')}>
            <input required type="date" {...bind('endDate')} />
          </Field>
        </div>
        <fieldset>
          <legend>{t('newOrder.replaces')}</legend>
          <p class="hint">{t('newOrder.replacesHint')}</p>
          <label class="check">
            <input
              type="radio"
              name="kind"
              checked={f.kind === 'imprisonment'}
              onChange={() => setF({ ...f, kind: 'imprisonment' })}
            />{' '}
            {t('newOrder.prison')}
          </label>
          <label class="check">
            <input type="radio" name="kind" checked={f.kind === 'fine'} onChange={() => setF({ ...f, kind: 'fine' })} />{' '}
            {t('newOrder.fine')}
          </label>
          {f.kind === 'imprisonment' ? (
            <Field label={t('newOrder.days')}>
              <input required type="number" min={1} max={180} {...bind('days')} />
            </Field>
          ) : (
            <Field label={t('newOrder.amount')}>
              <input required type="number" min={1} max={10000000} {...bind('amountRupiah')} />
            </Field>
          )}
        </fieldset>
        <label class="check">
          <input
            type="checkbox"
            required
            checked={f.consent}
            onChange={(e) => setF({ ...f, consent: e.currentTarget.checked })}
          />{' '}
          {t('newOrder.consent')}
        </label>
        <ErrorBox
          error={save.error}
          labels={{
            personId: t('desk.person'),
            caseNumber: t('newOrder.caseNumber'),
            courtName: t('newOrder.court'),
            offenseDate: t('newOrder.offenseDate'),
            verdictDate: t('newOrder.verdictDate'),
            totalHours: t('newOrder.totalHours'),
            maxHoursPerDay: t('newOrder.perDay'),
            startDate: t('newOrder.start'),
            endDate: t('newOrder.end'),
            'replacedSentence.days': t('newOrder.days'),
            'replacedSentence.amountRupiah': t('newOrder.amount'),
          }}
        />
        <button type="submit" class="primary" disabled={save.busy}>
          {t('newOrder.submit')}
        </button>
      </form>
    </Page>
  );
}
