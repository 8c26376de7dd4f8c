import { type Action, can, type Role } from '@gongfu/domain';
import type { TranslationKey } from '../../lib/translation-key';

export type RegisterSection = 'companies' | 'assets' | 'ventures' | 'partners' | 'agreements';

/**
 * The register's sections in their tabs' order, each with the action that reads it. Light on purpose: the register's
 * index route reads it in its `beforeLoad`, which rides in the entry chunk.
 */
export const REGISTER_SECTIONS: readonly {
  key: RegisterSection;
  to: `/register/${RegisterSection}`;
  label: TranslationKey;
  reads: Action;
}[] = [
  { key: 'companies', to: '/register/companies', label: 'register.nav.companies', reads: 'company:read' },
  { key: 'assets', to: '/register/assets', label: 'register.nav.assets', reads: 'asset:read' },
  { key: 'ventures', to: '/register/ventures', label: 'register.nav.ventures', reads: 'venture:read' },
  {
    key: 'agreements',
    to: '/register/agreements',
    label: 'register.nav.agreements',
    reads: 'agreement:read',
  },
  { key: 'partners', to: '/register/partners', label: 'register.nav.partners', reads: 'partner:read' },
];

/**
 * The sections the role reads (an operator partner reads its ventures, agreements and partner, not the communities'
 * companies and assets: a tab there would open on a refusal).
 */
export function readableSections(role: Role | undefined) {
  return REGISTER_SECTIONS.filter((s) => (role ? can(role, s.reads) : false));
}

/** Where the register itself (/register: its menu item, its breadcrumb) opens: the first section the role reads. */
export function registerHome(role: Role | undefined): `/register/${RegisterSection}` {
  return (readableSections(role)[0] ?? REGISTER_SECTIONS[0])?.to ?? '/register/companies';
}
