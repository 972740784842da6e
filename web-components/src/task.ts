// The loading state every widget exposes as `status` (tests and host pages wait on it).
import { TaskStatus } from '@lit/task';

export type LoadStatus = 'initial' | 'pending' | 'complete' | 'error';

export function loadStatus(task: { status: TaskStatus }): LoadStatus {
  switch (task.status) {
    case TaskStatus.PENDING:
      return 'pending';
    case TaskStatus.COMPLETE:
      return 'complete';
    case TaskStatus.ERROR:
      return 'error';
    default:
      return 'initial';
  }
}
