import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';

/** Page title (the one h1) with optional actions on the right. */
export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="muted subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

/** Secondary navigation of an area: links with the current one marked (aria-current). */
export function SubNav({ label, links }: { label: string; links: { to: string; label: ReactNode; end?: boolean }[] }) {
  return (
    <nav className="subnav" aria-label={label}>
      {links.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end}>
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
