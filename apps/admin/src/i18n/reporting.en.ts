import type { reportingZhCN } from './reporting.zh-cn';
import type { Shape } from './shape';

export const reportingEn: Shape<typeof reportingZhCN> = {
  title: 'reporting',
};
