import { apiTokensZhCN } from './api-tokens.zh-cn';
import { boardZhCN } from './board.zh-cn';
import { exportsZhCN } from './exports.zh-cn';
import { fundsZhCN } from './funds.zh-cn';
import { homeZhCN } from './home.zh-cn';
import { kpiZhCN } from './kpi.zh-cn';
import { oversightZhCN } from './oversight.zh-cn';
import { registerZhCN } from './register.zh-cn';
import { reportingZhCN } from './reporting.zh-cn';
import { reportsZhCN } from './reports.zh-cn';
import { reviewZhCN } from './review.zh-cn';
import { settingsZhCN } from './settings.zh-cn';
import type { Shape } from './shape';
import { targetsZhCN } from './targets.zh-cn';
import { usersZhCN } from './users.zh-cn';

/**
 * The features' Chinese strings, one section per feature in a file of its own so features grow side by side. Loaded
 * with the first page behind login (`loadFeatureStrings`), never by the login page.
 */
export const featuresZhCN = {
  reports: reportsZhCN,
  reporting: reportingZhCN,
  review: reviewZhCN,
  funds: fundsZhCN,
  home: homeZhCN,
  kpi: kpiZhCN,
  register: registerZhCN,
  oversight: oversightZhCN,
  board: boardZhCN,
  exports: exportsZhCN,
  settings: settingsZhCN,
  targets: targetsZhCN,
  users: usersZhCN,
  apiTokens: apiTokensZhCN,
};

export type FeatureMessages = Shape<typeof featuresZhCN>;
