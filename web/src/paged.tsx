import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n.js';
import './messages-more.js';
import { type Loaded, useLoad } from './ui.js';

/** How many rows a browsed list shows at once. */
export const PAGE = 50;

/**
 * A list browsed a page at a time, searched and filtered by the API: the filters given, `q` from the search field
 * (asked for once typing pauses), and the offset (back to the first page whenever a filter changes).
 */
export function usePaged<F extends Record<string, string>, P>(
  load: (query: Partial<F> & { q?: string; limit: number; offset: number }) => Promise<P>,
  initial: F,
) {
  const [filters, setFilters] = useState(initial);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const pause = setTimeout(() => {
      setQ(text.trim());
      setOffset(0);
    }, 300);
    return () => clearTimeout(pause);
  }, [text]);
  const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')) as Partial<F>;
  const loaded: Loaded<P> = useLoad(
    () => load({ ...given, ...(q ? { q } : {}), limit: PAGE, offset }),
    [q, offset, JSON.stringify(filters)],
  );
  return {
    loaded,
    text,
    setText,
    filters,
    filter: (change: Partial<F>) => {
      setFilters({ ...filters, ...change });
      setOffset(0);
    },
    offset,
    setOffset,
  };
}

/** "51–100 of 812" and the buttons to the previous and next pages (named as the list's order reads, if given). */
export function Pager({
  label,
  total,
  list: { offset, setOffset },
  previous = t('list.previous'),
  next = t('list.next'),
}: {
  label: string;
  total: number;
  list: { offset: number; setOffset: (offset: number) => void };
  previous?: string;
  next?: string;
}) {
  return (
    <nav class="actions" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
        {previous}
      </button>
      <span aria-live="polite">
        {total === 0
          ? t('list.none')
          : t('list.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}
      </span>
      <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
        {next}
      </button>
    </nav>
  );
}
