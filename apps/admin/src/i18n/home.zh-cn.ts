/** The community workplace (社区工作台). */
export const homeZhCN = {
  title: '{{name}} 工作台',
  subtitle: '{{name}} · {{role}}',
  todo: {
    title: '本月待办',
    none: '暂无待办事项',
    reports: '{{month}}月报还有 {{count}} 份待报，截止 {{due}}',
    reportsDone: '{{month}}月报已全部提交',
    openReporting: '去填报',
    returned: '{{count}} 份月报被退回，待修改后重新提交',
    fix: '去修改',
    voting: '{{count}} 个议事项目等待居民表决',
    payable: '{{count}} 个项目公示期满，可以拨付',
    openProposals: '查看议事项目',
    agreements: '{{count}} 份运营协议 90 天内到期，最早为「{{name}}」（{{date}}）',
    warnings: '{{count}} 条预警待处理',
  },
  standing: {
    title: '本社区在全区的位置',
    dataDate: '数据截至 {{month}}',
    period: '{{period}}，名次为全区有数据社区中的排位',
    rank: '全区排名',
    unranked: '本期无数据，不参与排名',
    none: '本期暂无数据',
  },
  shortcuts: '常用入口',
};
