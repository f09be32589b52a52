import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { allTaps, dismissTap, onTapsChanged, startSending, type Tap } from './tap-queue.js';

export function useTaps(): Tap[] {
  const [taps, setTaps] = useState<Tap[]>([]);
  useEffect(() => {
    startSending();
    const refresh = () => void allTaps().then(setTaps);
    refresh();
    return onTapsChanged(refresh);
  }, []);
  return taps;
}

const kindLabel = (tap: Tap) =>
  t(tap.kind === 'check-in' ? 'roll.in' : tap.kind === 'check-out' ? 'roll.out' : 'roll.absent');

/** How many taps wait to be sent, and the ones the server refused ("perlu perhatian"), never dropped. */
export function WaitingTaps({ taps: given }: { taps?: Tap[] }) {
  const own = useTaps();
  const taps = given ?? own;
  const waiting = taps.filter((tap) => tap.state === 'waiting').length;
  const refused = taps.filter((tap) => tap.state === 'refused');
  return (
    <>
      <p class={waiting ? 'queue waiting' : 'queue'} role="status" data-testid="waiting-count" data-count={waiting}>
        {waiting ? t('roll.waiting', { count: waiting }) : t('roll.allSent')}
      </p>
      {refused.length ? (
        <section class="attention" aria-labelledby="attention-title" data-testid="attention">
          <h2 id="attention-title">{t('roll.attention', { count: refused.length })}</h2>
          <ul>
            {refused.map((tap) => (
              <li key={tap.key}>
                <strong>{tap.personName}</strong>: {kindLabel(tap)} — <span class="refusal">{tap.message}</span>
                <button type="button" class="link" onClick={() => void dismissTap(tap.key)}>
                  {t('roll.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
