import { t } from '../i18n.js';

export interface Window {
  weekday: number;
  from: string;
  to: string;
  reason?: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The person's weekly unavailable windows: livelihood, school, worship. */
export function WindowsEditor({ windows, change }: { windows: Window[]; change: (next: Window[]) => void }) {
  const set = (i: number, patch: Partial<Window>) => change(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <fieldset>
      <legend>{t('person.windows')}</legend>
      <p class="hint">{t('person.windowsHint')}</p>
      {windows.map((w, i) => (
        <div class="window-row" key={i}>
          <label>
            {t('person.weekday')}
            <select value={w.weekday} onChange={(e) => set(i, { weekday: Number(e.currentTarget.value) })}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`weekday.${d}` as 'weekday.1')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('person.from')}
            <input type="time" value={w.from} onInput={(e) => set(i, { from: e.currentTarget.value })} />
          </label>
          <label>
            {t('person.to')}
            <input type="time" value={w.to} onInput={(e) => set(i, { to: e.currentTarget.value })} />
          </label>
          <label>
            {t('person.windowReason')}
            <input value={w.reason ?? ''} onInput={(e) => set(i, { reason: e.currentTarget.value })} />
          </label>
          <button type="button" class="link" onClick={() => change(windows.filter((_, j) => j !== i))}>
            {t('person.removeWindow')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => change([...windows, { weekday: 1, from: '07:00', to: '12:00' }])}>
        {t('person.addWindow')}
      </button>
    </fieldset>
  );
}
