import { activeMembership, useMe } from '../../auth/api/get-me';
import { OverviewPage } from '../../overview/components/overview-page';
import { CommunityHomePage } from './community-home-page';
import { PartnerHomePage } from './partner-home-page';

/**
 * `/`: a community's own roles get their workplace, an operator partner its own (the ventures it runs, across
 * communities); district and platform roles the overview.
 */
export function HomePage() {
  const membership = activeMembership(useMe());
  if (membership?.communityId) return <CommunityHomePage />;
  if (membership?.role === 'partner_operator' && membership.partnerId) return <PartnerHomePage />;
  return <OverviewPage />;
}
