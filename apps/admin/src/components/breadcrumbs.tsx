import { Link, useMatches } from '@tanstack/react-router';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
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

/** Breadcrumbs from the matched routes: each route names itself in `staticData.crumb` or its loader's `crumb`. */
export function Breadcrumbs() {
  const { t } = useTranslation();
  const matches = useMatches();
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
  const items = crumbs.map((crumb, index) => ({
    key: crumb.path,
    title: index < crumbs.length - 1 ? <Link to={crumb.path}>{crumb.title}</Link> : crumb.title,
  }));
  return <Breadcrumb items={items} />;
}
