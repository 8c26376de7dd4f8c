import { useQuery } from '@tanstack/react-query';
import { Link, useMatches } from '@tanstack/react-router';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { activeMembership, meQueryOptions } from '../features/auth/api/get-me';
import { MENU_ENTRIES, reachedFrom } from '../features/shell/menu-config';
import '../lib/route-static-data';

interface Crumb {
  path: string;
  title: string;
}

function loaderCrumb(loaderData: unknown): string | undefined {
  if (typeof loaderData === 'object' && loaderData !== null && 'crumb' in loaderData) {
    const crumb = (loaderData as { crumb: unknown }).crumb;
    return typeof crumb === 'string' ? crumb : undefined;
  }
  return undefined;
}

/**
 * Breadcrumbs from the matched routes: each route names itself in `staticData.crumb` or its loader's `crumb`. They
 * follow the menu the person sees: a section their menu does not list (an operator partner's register) is named as
 * the entry they reach it from (工作台).
 */
export function Breadcrumbs() {
  const { t } = useTranslation();
  const matches = useMatches();
  // the session's, read from the cache (the authenticated frame loaded it): no suspense, no request of its own
  const me = useQuery({ ...meQueryOptions(), enabled: false }).data;
  const role = me ? activeMembership(me)?.role : undefined;
  const crumbs: Crumb[] = [];
  for (const match of matches) {
    const title =
      loaderCrumb(match.loaderData) ?? (match.staticData.crumb ? t(match.staticData.crumb) : undefined);
    if (!title) continue;
    const path = match.pathname.length > 1 ? match.pathname.replace(/\/$/, '') : match.pathname;
    const last = crumbs.at(-1);
    if (last && last.path === path) continue;
    crumbs.push({ path, title });
  }
  if (crumbs.length === 0) return null;
  const first = crumbs[0];
  const from = first ? reachedFrom(first.path, role) : undefined;
  if (from) crumbs[0] = { path: MENU_ENTRIES[from].to, title: t(MENU_ENTRIES[from].label) };
  const items = crumbs.map((crumb, index) => ({
    key: crumb.path,
    title: index < crumbs.length - 1 ? <Link to={crumb.path}>{crumb.title}</Link> : crumb.title,
  }));
  return <Breadcrumb items={items} />;
}
