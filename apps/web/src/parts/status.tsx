import type { ComponentStatus, Progress } from '@choice-sherpa/client';

const STATUS_LABELS: Record<string, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  needs_revision: 'Needs revision',
  active: 'Active',
  completed: 'Completed',
  archived: 'Archived',
};

export function StatusBadge({ status }: { status: ComponentStatus | string }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function ProgressBar({ progress, label }: { progress: Progress; label: string }) {
  return (
    <div class="progress">
      <progress max={100} value={progress.percent} aria-label={label} />
      <span>
        {progress.completed} of {progress.required} ({progress.percent}%)
      </span>
    </div>
  );
}
