import { createFileRoute } from '@tanstack/react-router';
import { TodoPage } from '../../../features/reporting/components/todo-page';
import { openReportMonth } from '../../../features/reports/format';

export const Route = createFileRoute('/_authenticated/reporting/')({
  component: () => <TodoPage month={openReportMonth()} />,
});
