/** The review pages' strings (zh-CN is the source of the keys). */
export const reviewZhCN = {
  title: 'review',
};
