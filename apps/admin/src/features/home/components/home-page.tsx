import { activeMembership, useMe } from '../../auth/api/get-me';
import { OverviewPage } from '../../overview/components/overview-page';
import { CommunityHomePage } from './community-home-page';

/** `/`: a community's own roles get their workplace; district, partner and platform roles the overview. */
export function HomePage() {
  const membership = activeMembership(useMe());
  return membership?.communityId ? <CommunityHomePage /> : <OverviewPage />;
}
