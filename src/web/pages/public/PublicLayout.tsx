import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { m } from '../../i18n';
import { LOGIN_PATH, NOTICE_PATH, PUBLIC_LIST_PATH, REGISTER_PATH } from '../../navigation';
import './public.css';

export { NOTICE_PATH, REGISTER_PATH };

/** The frame of the pages open to everyone: the notice, the list of filed spaces and the unit registration. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const links = [
    { to: NOTICE_PATH, label: m.publicSite.nav.notice },
    { to: PUBLIC_LIST_PATH, label: m.publicSite.nav.filed },
    { to: REGISTER_PATH, label: m.publicSite.nav.register },
    { to: LOGIN_PATH, label: m.publicSite.nav.login },
  ];
  return (
    <div className="public-root">
      <header className="public-header">
        <Link to={NOTICE_PATH} className="public-brand">
          <span className="public-brand-mark" aria-hidden="true">
            众
          </span>
          <span className="public-brand-text">{m.app.title}</span>
        </Link>
        <nav aria-label={m.layout.navigation} className="public-nav">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} className="public-nav-link">
              {l.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="public-main">{children}</main>
      <footer className="public-footer">{m.layout.footer}</footer>
    </div>
  );
}
