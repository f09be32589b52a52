import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { setLang, t, useLang } from './i18n.js';
import { Link, match, navigate, useLocation } from './router.js';
import { currentSession, endSession, homeOf, type Role } from './session.js';

type Params = Record<string, string>;
// Each page takes the route's parameters it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page types the parameters it takes
type Loader = () => Promise<{ default: ComponentType<{ params: any }> }>;

interface Route {
  path: string;
  load: Loader;
  /** who may open it; none: anyone (login, the person's own link) */
  roles?: Role[];
}

// Each area is its own chunk: the coordinator's phone loads only the roll-call.
const routes: Route[] = [
  { path: '/masuk', load: () => import('./pages/login.js') },
  { path: '/saya/:token', load: () => import('./person/own-page.js') },
  { path: '/koordinator', load: () => import('./coordinator/shifts.js'), roles: ['coordinator'] },
  { path: '/koordinator/sesi/:shiftId', load: () => import('./coordinator/roll-call.js'), roles: ['coordinator'] },
  { path: '/pk', load: () => import('./desk/worklist.js'), roles: ['supervisor'] },
  { path: '/pk/orang', load: () => import('./desk/persons.js'), roles: ['supervisor'] },
  { path: '/pk/orang/:personId', load: () => import('./desk/person.js'), roles: ['supervisor'] },
  { path: '/pk/putusan/baru', load: () => import('./desk/new-order.js'), roles: ['supervisor'] },
  { path: '/pk/putusan/:orderId', load: () => import('./desk/order.js'), roles: ['supervisor'] },
  { path: '/pk/jadwal', load: () => import('./desk/booking.js'), roles: ['supervisor'] },
  { path: '/jaksa', load: () => import('./prosecutor/orders.js'), roles: ['prosecutor'] },
  { path: '/jaksa/putusan/:orderId', load: () => import('./desk/order.js'), roles: ['prosecutor'] },
  { path: '/pk/rencana', load: () => import('./desk/bapas-plan.js'), roles: ['supervisor'] },
  {
    path: '/laporan',
    load: () => import('./reports/monthly.js'),
    roles: ['prosecutor', 'supervisor', 'coordinator', 'admin'],
  },
  { path: '/admin', load: () => import('./admin/home.js'), roles: ['admin'] },
  { path: '/admin/pengguna/:userId', load: () => import('./admin/user.js'), roles: ['admin'] },
  { path: '/admin/libur', load: () => import('./admin/holidays.js'), roles: ['admin'] },
  { path: '/admin/lokasi-baru', load: () => import('./admin/new-site.js'), roles: ['admin'] },
  { path: '/admin/lokasi/:siteId', load: () => import('./admin/site.js'), roles: ['admin'] },
  { path: '/admin/lokasi/:siteId/ubah', load: () => import('./admin/edit-site.js'), roles: ['admin'] },
  { path: '/admin/ekspor', load: () => import('./admin/exports.js'), roles: ['admin'] },
  { path: '/kanwil', load: () => import('./oversight/dashboard.js'), roles: ['oversight'] },
  { path: '/kanwil/sinyal', load: () => import('./oversight/signals.js'), roles: ['oversight'] },
  { path: '/kanwil/sinyal/:signalId', load: () => import('./oversight/signal.js'), roles: ['oversight'] },
];

const nav: Record<Role, { href: string; label: () => string }[]> = {
  coordinator: [
    { href: '/koordinator', label: () => t('nav.shifts') },
    { href: '/laporan', label: () => t('nav.reports') },
  ],
  supervisor: [
    { href: '/pk', label: () => t('nav.worklist') },
    { href: '/pk/orang', label: () => t('nav.persons') },
    { href: '/pk/jadwal', label: () => t('nav.booking') },
    { href: '/pk/rencana', label: () => t('nav.plan') },
    { href: '/pk/putusan/baru', label: () => t('nav.newOrder') },
    { href: '/laporan', label: () => t('nav.reports') },
  ],
  prosecutor: [
    { href: '/jaksa', label: () => t('nav.orders') },
    { href: '/laporan', label: () => t('nav.reports') },
  ],
  admin: [
    { href: '/admin', label: () => t('nav.admin') },
    { href: '/admin/libur', label: () => t('nav.holidays') },
    { href: '/laporan', label: () => t('nav.reports') },
    { href: '/admin/ekspor', label: () => t('nav.exports') },
  ],
  oversight: [
    { href: '/kanwil', label: () => t('nav.region') },
    { href: '/kanwil/sinyal', label: () => t('nav.signals') },
  ],
};

/** Redirects after rendering (a navigation during a render would be lost). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

function Lazy({ load, params }: { load: Loader; params: Params }) {
  const [Component, setComponent] = useState<ComponentType<{ params: Params }> | null>(null);
  useEffect(() => {
    let live = true;
    setComponent(null);
    load().then((module) => live && setComponent(() => module.default));
    return () => void (live = false);
  }, [load]);
  return Component ? <Component params={params} /> : <p class="page">{t('common.loading')}</p>;
}

function Header({ personal }: { personal: boolean }) {
  const lang = useLang();
  const session = personal ? null : currentSession();
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <div class="bar">
        <span class="brand">Bakti</span>
        {session ? (
          <nav aria-label={t('nav.main')}>
            {nav[session.user.role].map((item) => (
              <Link key={item.href} href={item.href}>
                {item.label()}
              </Link>
            ))}
          </nav>
        ) : null}
        <div class="tools">
          <button
            type="button"
            class="link"
            onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
            lang={lang === 'id' ? 'en' : 'id'}
          >
            {lang === 'id' ? 'English' : 'Bahasa Indonesia'}
          </button>
          {session ? (
            <button
              type="button"
              class="link"
              onClick={() => {
                endSession();
                navigate('/masuk');
              }}
            >
              {t('nav.logout', { name: session.user.fullName })}
            </button>
          ) : null}
        </div>
      </div>
    </header>
  );
}

export function App() {
  useLang();
  const { path } = useLocation();
  const session = currentSession();
  if (path === '/') return <Redirect to={session ? homeOf[session.user.role] : '/masuk'} />;
  for (const route of routes) {
    const params = match(route.path, path);
    if (!params) continue;
    if (route.roles && !session) return <Redirect to={`/masuk?next=${encodeURIComponent(path)}`} />;
    if (route.roles && session && !route.roles.includes(session.user.role))
      return <Redirect to={homeOf[session.user.role]} />;
    return (
      <>
        <Header personal={route.path.startsWith('/saya')} />
        <Lazy key={route.path} load={route.load} params={params} />
      </>
    );
  }
  return (
    <>
      <Header personal={false} />
      <main id="main" class="page">
        <h1>{t('common.notFound')}</h1>
        <Link href="/">{t('common.home')}</Link>
      </main>
    </>
  );
}
