/** The reporting pages' strings (zh-CN is the source of the keys). */
export const reportingZhCN = {
  title: 'reporting',
};
