import type { ReportEvent } from '@gongfu/contract';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { instantText } from '../../../lib/shanghai-time';

const REVIEW_ACTIONS = new Set(['return', 'approve', 'lock']);
const KNOWN_ACTIONS = new Set([
  'create',
  'edit',
  'submit',
  'return',
  'approve',
  'lock',
  'amend',
  'attach',
  'detach',
]);

/** A report's workflow history, newest last: what happened, who (reporter or reviewer), when, and the comment. */
export function ReportEvents({ events, myUserId }: { events: readonly ReportEvent[]; myUserId?: string }) {
  const { t } = useTranslation();
  // consecutive edits are autosaves: one line for each run of them
  const shown = events.filter((event, i) => !(event.action === 'edit' && events[i + 1]?.action === 'edit'));
  return (
    <Timeline
      items={shown.map((event) => {
        const who =
          event.actorUserId === myUserId
            ? t('reporting.event.by.you')
            : REVIEW_ACTIONS.has(event.action)
              ? t('reporting.event.by.reviewer')
              : t('reporting.event.by.reporter');
        const action = KNOWN_ACTIONS.has(event.action)
          ? t(`reporting.event.${event.action as 'create'}`)
          : event.action;
        return {
          key: event.id,
          color: event.action === 'return' ? 'red' : event.action === 'approve' ? 'green' : 'gray',
          title: instantText(event.at),
          content: (
            <div>
              <Typography.Text strong>{action}</Typography.Text>
              <Typography.Text type="secondary"> · {who}</Typography.Text>
              {event.comment ? <div>{event.comment}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}
