import type { reviewZhCN } from './review.zh-cn';
import type { Shape } from './shape';

export const reviewEn: Shape<typeof reviewZhCN> = {
  title: 'review',
};
