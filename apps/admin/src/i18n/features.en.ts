import { apiTokensEn } from './api-tokens.en';
import { boardEn } from './board.en';
import { exportsEn } from './exports.en';
import type { FeatureMessages } from './features.zh-cn';
import { fundsEn } from './funds.en';
import { homeEn } from './home.en';
import { kpiEn } from './kpi.en';
import { oversightEn } from './oversight.en';
import { registerEn } from './register.en';
import { reportingEn } from './reporting.en';
import { reportsEn } from './reports.en';
import { reviewEn } from './review.en';
import { settingsEn } from './settings.en';
import { targetsEn } from './targets.en';
import { usersEn } from './users.en';

/** The features' English strings: the same shape as `features.zh-cn.ts`. */
export const featuresEn: FeatureMessages = {
  reports: reportsEn,
  reporting: reportingEn,
  review: reviewEn,
  funds: fundsEn,
  home: homeEn,
  kpi: kpiEn,
  register: registerEn,
  oversight: oversightEn,
  board: boardEn,
  exports: exportsEn,
  settings: settingsEn,
  targets: targetsEn,
  users: usersEn,
  apiTokens: apiTokensEn,
};
